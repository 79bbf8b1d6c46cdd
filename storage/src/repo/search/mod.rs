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
pub(crate) use index::{ensure_search_index, index_articles, unindex_article};

use super::ArticleFilter;
use super::article_heads::{decode_with_sources, with_sources_by_ids};
use crate::{Storage, StorageError, StorageResult};
use quotegraph_domain::search::SearchQuery;
use quotegraph_domain::{Article, ArticleId, Source};
use ranking::{Ranked, Ranking};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement};
use std::collections::HashMap;
use std::sync::Arc;

/// One search hit: an article and how well it matched (lower is better).
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// The article, with its body (for the snippet) but not its raw text, left empty.
    pub article: Article,
    /// Its score for the query; with the id, the position of the hit in the results.
    pub score: f64,
    /// The article's source, when it has one.
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

/// The articles of a page of hits, by id, each with its source.
type HitArticles = HashMap<ArticleId, (Article, Option<Source>)>;

/// The column carrying the data version a page of hits was read at.
const VERSION_COLUMN: &str = "qg_version";

impl Storage {
    /// The articles matching `query` and `filter`, best first, after the hit at `after`
    /// (score, article id), at most `limit`, each with its source.
    ///
    /// With a ranking kept, the page's articles are read together with the data version
    /// (one statement); the ranking is used when that version is the one it was made at,
    /// and otherwise the search reads the version and ranks again.
    #[tracing::instrument(skip(self))]
    pub async fn search(
        &self,
        query: &SearchQuery,
        filter: &ArticleFilter,
        after: Option<(f64, i64)>,
        limit: u64,
    ) -> StorageResult<SearchPage> {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let key = (query.clone(), filter.clone());
        if let Some((version, ranking)) = self.search_cache.peek(&key) {
            let (ranked, has_next) = ranking.page(after, limit);
            if !ranked.is_empty() {
                let (articles, read_at) = self.hit_articles(ranked).await?;
                if read_at == Some(version) {
                    return Ok(page_of(ranked, has_next, ranking.len(), articles));
                }
            }
        }
        let ranking = self.ranking(query, filter).await?;
        let (ranked, has_next) = ranking.page(after, limit);
        let (articles, _) = self.hit_articles(ranked).await?;
        Ok(page_of(ranked, has_next, ranking.len(), articles))
    }

    /// The articles of `ranked` with their sources, and the data version they were read
    /// at (`None` when there were none to read). A page of hits shows bodies, and would
    /// read as much again of raw text.
    async fn hit_articles(&self, ranked: &[Ranked]) -> StorageResult<(HitArticles, Option<i64>)> {
        if ranked.is_empty() {
            return Ok((HashMap::new(), None));
        }
        let ids: Vec<ArticleId> = ranked.iter().map(|&(_, id)| ArticleId(id)).collect();
        let mut query = with_sources_by_ids(&ids, &["raw_text"]);
        query.expr_as(
            Expr::SubQuery(None, Box::new(version_query().into())),
            Alias::new(VERSION_COLUMN),
        );
        let rows = self.db.query_all(&query).await?;
        let version = match rows.first() {
            Some(row) => Some(row.try_get("", VERSION_COLUMN)?),
            None => None,
        };
        let articles = decode_with_sources(&rows)?
            .into_iter()
            .map(|(a, s)| (a.id, (a, s)))
            .collect();
        Ok((articles, version))
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
        match self.db.query_one(&version_query()).await? {
            Some(row) => Ok(row.try_get("", "version")?),
            None => Err(StorageError::Corrupt("data_version has no row".into())),
        }
    }
}

/// `SELECT version FROM data_version`: one row.
fn version_query() -> SelectStatement {
    Query::select()
        .expr_as(Expr::col(Alias::new("version")), Alias::new("version"))
        .from(Alias::new("data_version"))
        .to_owned()
}

/// A page of search hits: `ranked` in order with their articles (a hit whose article is
/// gone is left out), out of `total` matches.
fn page_of(
    ranked: &[Ranked],
    has_next: bool,
    total: usize,
    mut articles: HitArticles,
) -> SearchPage {
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
    SearchPage {
        hits,
        has_next,
        total_count: total as u64,
    }
}
