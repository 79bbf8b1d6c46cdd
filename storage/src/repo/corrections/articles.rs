//! Deleting an article with everything extracted from it: statements, mentions and its
//! search entry. People and other entities it named stay.

use super::snapshot;
use crate::entity::{article, statement};
use crate::repo::audit::{Audit, AuditTarget, record};
use crate::repo::search::unindex_article;
use crate::{Storage, StorageError, StorageResult};
use quotegraph_domain::{Article, ArticleId, StatementId};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect};

impl Storage {
    /// Deletes article `id` with its statements, mentions and search entry.
    #[tracing::instrument(skip(self, audit))]
    pub async fn delete_article(&self, id: ArticleId, audit: &Audit) -> StorageResult<()> {
        self.write(&(id, audit), |tx, (id, audit)| {
            Box::pin(delete_in(tx, *id, audit))
        })
        .await
    }
}

async fn delete_in(tx: &DatabaseTransaction, id: ArticleId, audit: &Audit) -> StorageResult<()> {
    let row = article::Entity::find_by_id(id.0)
        .lock_exclusive()
        .one(tx)
        .await?
        .ok_or_else(|| StorageError::NotFound("article: no article has this id".into()))?;
    let statements: Vec<i64> = statement::Entity::find()
        .filter(statement::Column::ArticleId.eq(id.0))
        .all(tx)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let before = snapshot::article(audit, &row, statements.len());
    unindex_article(tx, &Article::try_from(row)?).await?;
    // Statements, their originals, mentions and suppressed statements go with it (ON DELETE CASCADE).
    article::Entity::delete_by_id(id.0).exec(tx).await?;
    let mut targets = vec![AuditTarget::Article(id)];
    targets.extend(
        statements
            .into_iter()
            .map(|s| AuditTarget::Statement(StatementId(s))),
    );
    record(tx, audit, &targets, Some(before), None).await
}
