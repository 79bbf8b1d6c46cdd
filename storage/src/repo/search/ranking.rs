//! The ranking of a query: every matching article with its score, best first, read in one
//! walk of the index. A page and the total both come from it, so a search costs one walk
//! however many pages and counts are asked of it (and none while it is cached, see
//! [`super::cache`]).

use crate::StorageResult;
use crate::entity::article;
use crate::repo::ArticleFilter;
use quotegraph_domain::search::SearchQuery;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend};
use std::cmp::Ordering;

/// A search position: an article's score (lower is better) and its id, which breaks ties.
pub(crate) type Ranked = (f64, i64);

/// Every article matching one query and filter, best first.
#[derive(Debug, Default)]
pub(crate) struct Ranking {
    hits: Vec<Ranked>,
}

/// The order of results: by score, then by id.
fn order(a: &Ranked, b: &Ranked) -> Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

impl Ranking {
    /// Ranks `hits` as the index scored them, in any order.
    pub(crate) fn new(mut hits: Vec<Ranked>) -> Self {
        for hit in &mut hits {
            // -0.0 and 0.0 are one score: one place in the order, one cursor.
            hit.0 += 0.0;
        }
        hits.sort_unstable_by(order);
        Self { hits }
    }

    /// How many articles match.
    pub(crate) fn len(&self) -> usize {
        self.hits.len()
    }

    /// At most `limit` results after the position `after` (from the start without one), and
    /// whether more follow them.
    pub(crate) fn page(&self, after: Option<Ranked>, limit: usize) -> (&[Ranked], bool) {
        let from = match after {
            Some((score, id)) => {
                let after = (score + 0.0, id);
                self.hits
                    .partition_point(|hit| order(hit, &after) != Ordering::Greater)
            }
            None => 0,
        };
        let rest = &self.hits[from..];
        let page = &rest[..rest.len().min(limit)];
        (page, rest.len() > page.len())
    }
}

/// `SELECT id, score` of every article matching `query` and `filter`, unordered: the order
/// is made in Rust ([`Ranking::new`]), which sorts faster than the database's sorter and
/// needs no second pass for the total. The articles table is joined only when a filter
/// needs its columns.
fn matching(backend: DbBackend, query: &SearchQuery, filter: &ArticleFilter) -> SelectStatement {
    let (index, id, score, matches) = match backend {
        DbBackend::Postgres => {
            let tsquery = query.tsquery();
            (
                "search_documents",
                "article_id",
                Expr::cust_with_values(
                    "(-ts_rank(search_documents.tsv, $1::tsquery))::float8",
                    [tsquery.clone()],
                ),
                Expr::cust_with_values("search_documents.tsv @@ $1::tsquery", [tsquery]),
            )
        }
        _ => (
            "search_fts",
            "rowid",
            Expr::cust("bm25(search_fts)"),
            Expr::cust_with_values("search_fts MATCH ?", [query.fts5()]),
        ),
    };
    let indexed_id = Expr::col((Alias::new(index), Alias::new(id)));
    let mut select = Query::select();
    select
        .expr_as(indexed_id.clone(), Alias::new("id"))
        .expr_as(score, Alias::new("score"))
        .from(Alias::new(index))
        .and_where(matches);
    if *filter != ArticleFilter::default() {
        select
            .inner_join(
                article::Entity,
                Expr::col((article::Entity, article::Column::Id))
                    .equals((Alias::new(index), Alias::new(id))),
            )
            .cond_where(filter.condition());
    }
    select
}

/// Ranks the articles matching `query` and `filter`, reading every match once.
pub(crate) async fn rank<C: ConnectionTrait>(
    db: &C,
    query: &SearchQuery,
    filter: &ArticleFilter,
) -> StorageResult<Ranking> {
    let rows = db
        .query_all(&matching(db.get_database_backend(), query, filter))
        .await?;
    let hits = rows
        .iter()
        .map(|row| Ok((row.try_get_by_index(1)?, row.try_get_by_index(0)?)))
        .collect::<StorageResult<Vec<Ranked>>>()?;
    Ok(Ranking::new(hits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranking() -> Ranking {
        Ranking::new(vec![(-2.0, 7), (-5.0, 3), (-2.0, 4), (0.0, 1), (-0.0, 2)])
    }

    #[test]
    fn best_first_and_ties_by_id() {
        let ranking = ranking();
        let (page, more) = ranking.page(None, 10);
        assert_eq!(page, &[(-5.0, 3), (-2.0, 4), (-2.0, 7), (0.0, 1), (0.0, 2)]);
        assert!(!more);
    }

    #[test]
    fn pages_follow_the_cursor_without_gaps_or_repeats() {
        let ranking = ranking();
        let (first, more) = ranking.page(None, 2);
        assert_eq!(first, &[(-5.0, 3), (-2.0, 4)]);
        assert!(more);
        let (second, more) = ranking.page(first.last().copied(), 2);
        assert_eq!(second, &[(-2.0, 7), (0.0, 1)]);
        assert!(more);
        let (last, more) = ranking.page(second.last().copied(), 2);
        assert_eq!(last, &[(0.0, 2)]);
        assert!(!more);
    }

    #[test]
    fn a_cursor_between_results_or_past_the_end() {
        let ranking = ranking();
        assert_eq!(ranking.page(Some((-3.0, 0)), 1).0, &[(-2.0, 4)]);
        assert_eq!(ranking.page(Some((-2.0, 5)), 1).0, &[(-2.0, 7)]);
        let (page, more) = ranking.page(Some((9.0, 0)), 5);
        assert!(page.is_empty());
        assert!(!more);
        assert_eq!(ranking.page(Some((-0.0, 1)), 5).0, &[(0.0, 2)]);
    }

    #[test]
    fn an_empty_page_of_an_empty_ranking() {
        let empty = Ranking::new(Vec::new());
        assert_eq!(empty.len(), 0);
        assert_eq!(empty.page(None, 20), (&[][..], false));
    }
}
