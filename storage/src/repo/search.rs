//! Full-text search inside the database: FTS5 `MATCH` ranked by bm25 on SQLite, tsvector
//! `@@` ranked by ts_rank on PostgreSQL. Both rank ascending (lower is better), so one
//! keyset cursor (score, id) pages through either.

use super::ArticleFilter;
use crate::entity::article;
use crate::{Storage, StorageError, StorageResult};
use quotegraph_domain::search::{SearchQuery, fts5_document, tsvector_literal};
use quotegraph_domain::{Article, ArticleId};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend};

/// One search hit: an article and how well it matched (lower is better).
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// The article.
    pub article: Article,
    /// Its score for the query; with the id, the position of the hit in the results.
    pub score: f64,
}

/// A page of search hits.
#[derive(Debug, Clone)]
pub struct SearchPage {
    /// The hits, best first.
    pub hits: Vec<SearchHit>,
    /// More hits follow.
    pub has_next: bool,
}

/// Rows per multi-row insert into the index.
const INDEX_CHUNK: usize = 200;

/// Adds articles' titles and bodies to the index, inside the caller's transaction.
pub(crate) async fn index_articles<C: ConnectionTrait>(
    db: &C,
    articles: &[Article],
) -> StorageResult<()> {
    for chunk in articles.chunks(INDEX_CHUNK) {
        let mut insert = Query::insert();
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        if postgres {
            insert
                .into_table(Alias::new("search_documents"))
                .columns([Alias::new("article_id"), Alias::new("tsv")]);
        } else {
            insert
                .into_table(Alias::new("search_fts"))
                .columns([Alias::new("rowid"), Alias::new("tokens")]);
        }
        for article in chunk {
            let text = format!("{}\n{}", article.title, article.body);
            let values = if postgres {
                [
                    article.id.0.into(),
                    Expr::cust_with_values("$1::tsvector", [tsvector_literal(&text)]),
                ]
            } else {
                [article.id.0.into(), fts5_document(&text).into()]
            };
            insert
                .values(values)
                .map_err(|e| StorageError::Corrupt(format!("search index row: {e}")))?;
        }
        if !chunk.is_empty() {
            db.execute(&insert).await?;
        }
    }
    Ok(())
}

/// Takes an article out of the index, inside the caller's transaction. The SQLite index is
/// contentless, so its row is deleted by giving back the tokens it was made from.
pub(crate) async fn unindex_article<C: ConnectionTrait>(
    db: &C,
    article: &Article,
) -> StorageResult<()> {
    let mut delete = Query::delete();
    if db.get_database_backend() == DbBackend::Postgres {
        delete
            .from_table(Alias::new("search_documents"))
            .and_where(Expr::col(Alias::new("article_id")).eq(article.id.0));
        db.execute(&delete).await?;
    } else {
        let text = format!("{}\n{}", article.title, article.body);
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("search_fts"))
            .columns([
                Alias::new("search_fts"),
                Alias::new("rowid"),
                Alias::new("tokens"),
            ])
            .values([
                "delete".into(),
                article.id.0.into(),
                fts5_document(&text).into(),
            ])
            .map_err(|e| StorageError::Corrupt(format!("search index row: {e}")))?;
        db.execute(&insert).await?;
    }
    Ok(())
}

/// `SELECT articles.id AS id, <score> AS score FROM <index> JOIN articles … WHERE <match>`.
fn matching(
    backend: DbBackend,
    query: &SearchQuery,
    filter: &ArticleFilter,
    scored: bool,
) -> SelectStatement {
    let articles_id = Expr::col((article::Entity, article::Column::Id));
    let mut select = Query::select();
    match backend {
        DbBackend::Postgres => {
            let tsquery = query.tsquery();
            select
                .expr_as(articles_id.clone(), Alias::new("id"))
                .expr_as(
                    if scored {
                        Expr::cust_with_values(
                            "(-ts_rank(search_documents.tsv, $1::tsquery))::float8",
                            [tsquery.clone()],
                        )
                    } else {
                        Expr::cust("0")
                    },
                    Alias::new("score"),
                )
                .from(Alias::new("search_documents"))
                .inner_join(
                    article::Entity,
                    articles_id.equals((Alias::new("search_documents"), Alias::new("article_id"))),
                )
                .and_where(Expr::cust_with_values(
                    "search_documents.tsv @@ $1::tsquery",
                    [tsquery],
                ));
        }
        _ => {
            select
                .expr_as(articles_id.clone(), Alias::new("id"))
                .expr_as(
                    Expr::cust(if scored { "bm25(search_fts)" } else { "0" }),
                    Alias::new("score"),
                )
                .from(Alias::new("search_fts"))
                .inner_join(
                    article::Entity,
                    articles_id.equals((Alias::new("search_fts"), Alias::new("rowid"))),
                )
                .and_where(Expr::cust_with_values("search_fts MATCH ?", [query.fts5()]));
        }
    }
    select.cond_where(filter.condition());
    select
}

impl Storage {
    /// The articles matching `query` and `filter`, best first, after the hit at `after`
    /// (score, article id), at most `limit`.
    #[tracing::instrument(skip(self))]
    pub async fn search(
        &self,
        query: &SearchQuery,
        filter: &ArticleFilter,
        after: Option<(f64, i64)>,
        limit: u64,
    ) -> StorageResult<SearchPage> {
        let backend = self.db.get_database_backend();
        let hits = Alias::new("hits");
        let mut page = Query::select();
        page.column(Asterisk)
            .from_subquery(matching(backend, query, filter, true), hits.clone());
        if let Some((score, id)) = after {
            let (score_col, id_col) = (Expr::col(Alias::new("score")), Expr::col(Alias::new("id")));
            page.and_where(
                score_col
                    .clone()
                    .gt(score)
                    .or(score_col.eq(score).and(id_col.gt(id))),
            );
        }
        page.order_by(Alias::new("score"), Order::Asc)
            .order_by(Alias::new("id"), Order::Asc)
            .limit(limit + 1);
        let rows = self.db.query_all(&page).await?;
        let mut ranked: Vec<(i64, f64)> = rows
            .iter()
            .map(|row| {
                Ok((
                    row.try_get::<i64>("", "id")?,
                    row.try_get::<f64>("", "score")?,
                ))
            })
            .collect::<StorageResult<_>>()?;
        let has_next = ranked.len() as u64 > limit;
        ranked.truncate(limit as usize);
        let ids: Vec<ArticleId> = ranked.iter().map(|(id, _)| ArticleId(*id)).collect();
        let mut articles = self.articles_by_ids(&ids).await?;
        let hits = ranked
            .into_iter()
            .filter_map(|(id, score)| {
                articles
                    .remove(&ArticleId(id))
                    .map(|article| SearchHit { article, score })
            })
            .collect();
        Ok(SearchPage { hits, has_next })
    }

    /// How many articles match `query` and `filter`.
    pub async fn count_search(
        &self,
        query: &SearchQuery,
        filter: &ArticleFilter,
    ) -> StorageResult<u64> {
        let backend = self.db.get_database_backend();
        let count = Query::select()
            .expr_as(Expr::col(Asterisk).count(), Alias::new("qg_count"))
            // Counting needs no ranking: scoring every match would cost as much as the search.
            .from_subquery(matching(backend, query, filter, false), Alias::new("hits"))
            .to_owned();
        let row = self.db.query_one(&count).await?;
        let n: i64 = match row {
            Some(row) => row.try_get("", "qg_count")?,
            None => 0,
        };
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
