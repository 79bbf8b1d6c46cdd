//! Statements: pages and counts per article or speaker, and the statement at a place.

use super::{LoadResult, StorageLoader, group_by};
use async_graphql::dataloader::Loader;
use quotegraph_domain::*;
use quotegraph_storage::{
    JoinedStatement, Page, PageRequest, StatementFilter, StatementJoins, StatementsOf, StorageError,
};
use std::collections::HashMap;
use std::sync::Arc;

/// A page of statements of one article or speaker.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementPage {
    /// Articles or speakers.
    pub of: StatementsOf,
    /// The article or person id.
    pub parent: i64,
    /// Which statements.
    pub filter: StatementFilter,
    /// Which slice.
    pub page: PageRequest,
    /// Which to-one relations to read with each statement.
    pub joins: StatementJoins,
}

/// How many statements one article or speaker has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementCount {
    /// Articles or speakers.
    pub of: StatementsOf,
    /// The article or person id.
    pub parent: i64,
    /// Which statements.
    pub filter: StatementFilter,
}

impl Loader<StatementPage> for StorageLoader {
    type Value = Page<JoinedStatement>;
    type Error = Arc<StorageError>;

    async fn load(
        &self,
        keys: &[StatementPage],
    ) -> LoadResult<StatementPage, Page<JoinedStatement>> {
        let mut out = HashMap::new();
        for ((of, filter, page, joins), parents) in group_by(keys, |k| {
            ((k.of, k.filter.clone(), k.page, k.joins), k.parent)
        }) {
            let mut found = self
                .storage
                .statements_of(of, &parents, &filter, &page, joins)
                .await
                .map_err(Arc::new)?;
            for parent in parents {
                let value = found.remove(&parent).unwrap_or_default();
                out.insert(
                    StatementPage {
                        of,
                        parent,
                        filter: filter.clone(),
                        page,
                        joins,
                    },
                    value,
                );
            }
        }
        Ok(out)
    }
}

impl Loader<StatementCount> for StorageLoader {
    type Value = u64;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[StatementCount]) -> LoadResult<StatementCount, u64> {
        let mut out = HashMap::new();
        for ((of, filter), parents) in group_by(keys, |k| ((k.of, k.filter.clone()), k.parent)) {
            let found = self
                .storage
                .count_statements_of(of, &parents, &filter)
                .await
                .map_err(Arc::new)?;
            for parent in parents {
                let count = found.get(&parent).copied().unwrap_or(0);
                out.insert(
                    StatementCount {
                        of,
                        parent,
                        filter: filter.clone(),
                    },
                    count,
                );
            }
        }
        Ok(out)
    }
}

/// The statement of an article that holds a character offset (where a search matched).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementAt(pub ArticleId, pub usize);

impl Loader<StatementAt> for StorageLoader {
    type Value = Statement;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[StatementAt]) -> LoadResult<StatementAt, Statement> {
        let places: Vec<(ArticleId, usize)> = keys.iter().map(|k| (k.0, k.1)).collect();
        let found = self
            .storage
            .statements_at(&places)
            .await
            .map_err(Arc::new)?;
        Ok(found
            .into_iter()
            .map(|((article, at), s)| (StatementAt(article, at), s))
            .collect())
    }
}

/// What a statement said before it was first corrected by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OriginalOf(pub StatementId);

impl Loader<OriginalOf> for StorageLoader {
    type Value = OriginalStatement;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[OriginalOf]) -> LoadResult<OriginalOf, OriginalStatement> {
        let ids: Vec<StatementId> = keys.iter().map(|k| k.0).collect();
        let found = self.storage.originals_of(&ids).await.map_err(Arc::new)?;
        Ok(found
            .into_iter()
            .map(|(id, original)| (OriginalOf(id), original))
            .collect())
    }
}
