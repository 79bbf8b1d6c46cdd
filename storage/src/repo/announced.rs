//! What subscribers read of the changes announced to them: the statements and articles a
//! batch of writes stored, held to the same filters as the queries, in one SQL statement
//! per batch.

use super::{ArticleFilter, StatementFilter};
use crate::convert;
use crate::entity::{article, statement};
use crate::events::Change;
use crate::{Storage, StorageResult};
use quotegraph_domain::{Article, Statement};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};

/// The articles `changes` added.
fn added(changes: &[Change]) -> Vec<i64> {
    changes
        .iter()
        .filter_map(|change| match change {
            Change::ArticleAdded(id) => Some(id.0),
            Change::StatementsReplaced { .. } => None,
        })
        .collect()
}

impl Storage {
    /// The statements `changes` stored that match `filter`, in the order they were stored.
    #[tracing::instrument(skip(self))]
    pub async fn statements_announced(
        &self,
        changes: &[Change],
        filter: &StatementFilter,
    ) -> StorageResult<Vec<Statement>> {
        let mut written = Condition::any();
        let added = added(changes);
        let mut any = !added.is_empty();
        if any {
            written = written.add(statement::Column::ArticleId.is_in(added));
        }
        for change in changes {
            if let Change::StatementsReplaced {
                article,
                first,
                last,
            } = change
            {
                any = true;
                written = written.add(
                    Condition::all()
                        .add(statement::Column::ArticleId.eq(article.0))
                        .add(statement::Column::Id.between(first.0, last.0)),
                );
            }
        }
        if !any {
            return Ok(Vec::new());
        }
        let rows = statement::Entity::find()
            .filter(filter.condition())
            .filter(written)
            .order_by_asc(statement::Column::Id)
            .all(&self.db)
            .await?;
        convert::all(rows)
    }

    /// The articles `changes` added that match `filter`, in the order they were stored.
    #[tracing::instrument(skip(self))]
    pub async fn articles_announced(
        &self,
        changes: &[Change],
        filter: &ArticleFilter,
    ) -> StorageResult<Vec<Article>> {
        let added = added(changes);
        if added.is_empty() {
            return Ok(Vec::new());
        }
        let rows = article::Entity::find()
            .filter(filter.condition())
            .filter(article::Column::Id.is_in(added))
            .order_by_asc(article::Column::Id)
            .all(&self.db)
            .await?;
        rows.into_iter().map(Article::try_from).collect()
    }
}
