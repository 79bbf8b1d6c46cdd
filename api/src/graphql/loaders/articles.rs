//! Articles: pages and counts per source, country or mentioned entity.

use super::{LoadResult, StorageLoader, group_by};
use async_graphql::dataloader::Loader;
use quotegraph_domain::*;
use quotegraph_storage::{
    ArticleFilter, ArticleHead, MentionedBy, Page, PageRequest, StorageError,
};
use std::collections::HashMap;
use std::sync::Arc;

/// An article's head (no body or raw text): what a statement shows of its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeadOf(pub ArticleId);

impl Loader<HeadOf> for StorageLoader {
    type Value = ArticleHead;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[HeadOf]) -> LoadResult<HeadOf, ArticleHead> {
        let ids: Vec<ArticleId> = keys.iter().map(|k| k.0).collect();
        let found = self
            .storage
            .article_heads_by_ids(&ids)
            .await
            .map_err(Arc::new)?;
        Ok(found.into_iter().map(|(id, h)| (HeadOf(id), h)).collect())
    }
}

/// Whose articles a paged relation lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArticlesOf {
    /// Published by a source.
    Source(SourceId),
    /// Mentioning a country.
    Country(CountryCode),
    /// Mentioning an organization, agreement or person.
    Mentioning(MentionedBy, i64),
}

/// The kind of parent, without its key: what a batch of parents has in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ArticleParentKind {
    Source,
    Country,
    Mentioning(MentionedBy),
}

impl ArticlesOf {
    fn kind(&self) -> ArticleParentKind {
        match self {
            ArticlesOf::Source(_) => ArticleParentKind::Source,
            ArticlesOf::Country(_) => ArticleParentKind::Country,
            ArticlesOf::Mentioning(by, _) => ArticleParentKind::Mentioning(*by),
        }
    }
}

/// A page of articles of one parent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArticlePage {
    /// The parent.
    pub of: ArticlesOf,
    /// Which articles.
    pub filter: ArticleFilter,
    /// Which slice.
    pub page: PageRequest,
}

/// How many articles one parent has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArticleCount {
    /// The parent.
    pub of: ArticlesOf,
    /// Which articles.
    pub filter: ArticleFilter,
}

impl ArticlesOf {
    fn source(&self) -> Option<SourceId> {
        match self {
            ArticlesOf::Source(id) => Some(*id),
            _ => None,
        }
    }

    fn country(&self) -> Option<CountryCode> {
        match self {
            ArticlesOf::Country(code) => Some(code.clone()),
            _ => None,
        }
    }

    fn mentioned(&self) -> Option<i64> {
        match self {
            ArticlesOf::Mentioning(_, id) => Some(*id),
            _ => None,
        }
    }
}

/// The keys of one kind of parent.
fn keys<T>(parents: &[ArticlesOf], pick: impl Fn(&ArticlesOf) -> Option<T>) -> Vec<T> {
    parents.iter().filter_map(pick).collect()
}

/// Results keyed by raw parent keys, keyed again by parent.
fn rekey<K, V>(found: HashMap<K, V>, parent: impl Fn(K) -> ArticlesOf) -> HashMap<ArticlesOf, V> {
    found.into_iter().map(|(k, v)| (parent(k), v)).collect()
}

impl StorageLoader {
    async fn article_pages(
        &self,
        kind: ArticleParentKind,
        parents: &[ArticlesOf],
        filter: &ArticleFilter,
        page: &PageRequest,
    ) -> Result<HashMap<ArticlesOf, Page<ArticleHead>>, StorageError> {
        let s = &self.storage;
        Ok(match kind {
            ArticleParentKind::Source => {
                let ids = keys(parents, ArticlesOf::source);
                rekey(
                    s.articles_of_sources(&ids, filter, page).await?,
                    ArticlesOf::Source,
                )
            }
            ArticleParentKind::Country => {
                let codes = keys(parents, ArticlesOf::country);
                rekey(
                    s.articles_mentioning_countries(&codes, filter, page)
                        .await?,
                    ArticlesOf::Country,
                )
            }
            ArticleParentKind::Mentioning(by) => {
                let ids = keys(parents, ArticlesOf::mentioned);
                rekey(s.articles_mentioning(by, &ids, filter, page).await?, |id| {
                    ArticlesOf::Mentioning(by, id)
                })
            }
        })
    }

    async fn article_counts(
        &self,
        kind: ArticleParentKind,
        parents: &[ArticlesOf],
        filter: &ArticleFilter,
    ) -> Result<HashMap<ArticlesOf, u64>, StorageError> {
        let s = &self.storage;
        Ok(match kind {
            ArticleParentKind::Source => {
                let ids = keys(parents, ArticlesOf::source);
                rekey(
                    s.count_articles_of_sources(&ids, filter).await?,
                    ArticlesOf::Source,
                )
            }
            ArticleParentKind::Country => {
                let codes = keys(parents, ArticlesOf::country);
                rekey(
                    s.count_articles_mentioning_countries(&codes, filter)
                        .await?,
                    ArticlesOf::Country,
                )
            }
            ArticleParentKind::Mentioning(by) => {
                let ids = keys(parents, ArticlesOf::mentioned);
                rekey(s.count_articles_mentioning(by, &ids, filter).await?, |id| {
                    ArticlesOf::Mentioning(by, id)
                })
            }
        })
    }
}

impl Loader<ArticlePage> for StorageLoader {
    type Value = Page<ArticleHead>;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[ArticlePage]) -> LoadResult<ArticlePage, Page<ArticleHead>> {
        let mut out = HashMap::new();
        for ((kind, filter, page), parents) in group_by(keys, |k| {
            ((k.of.kind(), k.filter.clone(), k.page), k.of.clone())
        }) {
            let mut found = self
                .article_pages(kind, &parents, &filter, &page)
                .await
                .map_err(Arc::new)?;
            for of in parents {
                let value = found.remove(&of).unwrap_or_default();
                out.insert(
                    ArticlePage {
                        of,
                        filter: filter.clone(),
                        page,
                    },
                    value,
                );
            }
        }
        Ok(out)
    }
}

impl Loader<ArticleCount> for StorageLoader {
    type Value = u64;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[ArticleCount]) -> LoadResult<ArticleCount, u64> {
        let mut out = HashMap::new();
        for ((kind, filter), parents) in
            group_by(keys, |k| ((k.of.kind(), k.filter.clone()), k.of.clone()))
        {
            let found = self
                .article_counts(kind, &parents, &filter)
                .await
                .map_err(Arc::new)?;
            for of in parents {
                let count = found.get(&of).copied().unwrap_or(0);
                out.insert(
                    ArticleCount {
                        of,
                        filter: filter.clone(),
                    },
                    count,
                );
            }
        }
        Ok(out)
    }
}
