//! Full-text search inside the database: FTS5 `MATCH` ranked by bm25 on SQLite, tsvector
//! `@@` ranked by ts_rank on PostgreSQL. Both rank ascending (lower is better), so one
//! keyset cursor (score, id) pages through either. A query's matches are ranked in one walk
//! ([`ranking`]) and the ranking is kept until the data changes ([`cache`]): pages and
//! totals are read from it.

mod cache;
mod index;
mod ranking;

pub use cache::DEFAULT_SEARCH_CACHE_HITS;
pub(crate) use cache::RankingCache;
pub(crate) use index::{index_articles, unindex_article};

use super::ArticleFilter;
use crate::{Storage, StorageError, StorageResult};
use quotegraph_domain::search::SearchQuery;
use quotegraph_domain::{Article, ArticleId, Source};
use ranking::Ranking;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, Query};
use std::sync::Arc;

/// One search hit: an article and how well it matched (lower is better).
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// The article, with its body (for the snippet) but not its raw text, left empty.
    pub article: Article,
    /// Its score for the query; with the id, the position of the hit in the results.
    pub score: f64,
    /// The article's source, when the search was asked for sources and it has one.
    pub source: Option<Source>,
}

/// A page of search hits.
#[derive(Debug, Clone)]
pub struct SearchPage {
    /// The hits, best first.
    pub hits: Vec<SearchHit>,
    /// More hits follow.
    pub has_next: bool,
    /// How many articles match in all.
    pub total_count: u64,
}

impl Storage {
    /// The articles matching `query` and `filter`, best first, after the hit at `after`
    /// (score, article id), at most `limit`; `with_sources` reads each hit's source in the
    /// statement that reads its article.
    #[tracing::instrument(skip(self))]
    pub async fn search(
        &self,
        query: &SearchQuery,
        filter: &ArticleFilter,
        after: Option<(f64, i64)>,
        limit: u64,
        with_sources: bool,
    ) -> StorageResult<SearchPage> {
        let ranking = self.ranking(query, filter).await?;
        let (ranked, has_next) = ranking.page(after, usize::try_from(limit).unwrap_or(usize::MAX));
        let ids: Vec<ArticleId> = ranked.iter().map(|(_, id)| ArticleId(*id)).collect();
        // A page of hits shows bodies, and would read as much again of raw text.
        let mut articles = if with_sources {
            self.articles_with_sources_by_ids_without(&ids, &["raw_text"])
                .await?
        } else {
            self.articles_by_ids_without(&ids, &["raw_text"])
                .await?
                .into_iter()
                .map(|(id, article)| (id, (article, None)))
                .collect()
        };
        let hits = ranked
            .iter()
            .filter_map(|&(score, id)| {
                articles
                    .remove(&ArticleId(id))
                    .map(|(article, source)| SearchHit {
                        article,
                        score,
                        source,
                    })
            })
            .collect();
        Ok(SearchPage {
            hits,
            has_next,
            total_count: ranking.len() as u64,
        })
    }

    /// How many articles match `query` and `filter`.
    pub async fn count_search(
        &self,
        query: &SearchQuery,
        filter: &ArticleFilter,
    ) -> StorageResult<u64> {
        Ok(self.ranking(query, filter).await?.len() as u64)
    }

    /// The ranking of `query` and `filter` at the current data version: kept, or made now.
    async fn ranking(
        &self,
        query: &SearchQuery,
        filter: &ArticleFilter,
    ) -> StorageResult<Arc<Ranking>> {
        let version = self.data_version().await?;
        self.search_cache
            .get_or_rank((query.clone(), filter.clone()), version, || {
                ranking::rank(&self.db, query, filter)
            })
            .await
    }

    /// The data version: raised by every committed write (see `m0009_data_version`).
    async fn data_version(&self) -> StorageResult<i64> {
        let query = Query::select()
            .expr_as(Expr::col(Alias::new("version")), Alias::new("version"))
            .from(Alias::new("data_version"))
            .to_owned();
        match self.db.query_one(&query).await? {
            Some(row) => Ok(row.try_get("", "version")?),
            None => Err(StorageError::Corrupt("data_version has no row".into())),
        }
    }
}
