//! The audit log: who changed what through the API, when, and the values before and after.
//! Entries are written by the change's own transaction, so a change and its entry commit
//! together or not at all; nothing here updates or deletes them (and the tables refuse it).

use crate::entity::{audit_entry, audit_target};
use crate::paging::{count_all, fetch_page};
use crate::{Page, PageRequest, Storage, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use quotegraph_domain::{ArticleId, PersonId, StatementId};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select,
};
use serde_json::Value;
use std::collections::HashMap;

/// A node an audit entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditTarget {
    /// An article.
    Article(ArticleId),
    /// A person.
    Person(PersonId),
    /// A statement.
    Statement(StatementId),
}

/// Who makes a change, as which mutation, and how the log names nodes (the API's global
/// ids: storage does not know how they are made).
#[derive(Debug, Clone)]
pub struct Audit {
    /// The name of the token the change was made with.
    pub actor: String,
    /// The mutation (`mergePeople`).
    pub mutation: &'static str,
    /// The id clients know a node by.
    pub node_id: fn(AuditTarget) -> String,
}

impl Audit {
    /// The id clients know `target` by.
    pub(crate) fn id(&self, target: AuditTarget) -> String {
        (self.node_id)(target)
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Its id, in the order changes committed.
    pub id: i64,
    /// When it was made.
    pub at: DateTime<Utc>,
    /// The name of the token it was made with.
    pub actor: String,
    /// The mutation.
    pub mutation: String,
    /// The ids of the nodes it changed.
    pub targets: Vec<String>,
    /// The values it changed, before; `None` when it created them.
    pub before: Option<Value>,
    /// The values it changed, after; `None` when it deleted them.
    pub after: Option<Value>,
}

/// Which entries to list. All conditions must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct AuditFilter {
    /// Made with the token of this name.
    pub actor: Option<String>,
    /// Changed the node with this id.
    pub target: Option<String>,
    /// Made at or after this moment.
    pub from: Option<DateTime<Utc>>,
    /// Made at or before this moment.
    pub to: Option<DateTime<Utc>>,
}

impl AuditFilter {
    fn select(&self) -> Select<audit_entry::Entity> {
        let mut all = Condition::all();
        if let Some(actor) = &self.actor {
            all = all.add(audit_entry::Column::Actor.eq(actor.as_str()));
        }
        if let Some(target) = &self.target {
            let entries = Query::select()
                .column(audit_target::Column::EntryId)
                .from(audit_target::Entity)
                .and_where(Expr::col(audit_target::Column::Target).eq(target.as_str()))
                .to_owned();
            all = all.add(audit_entry::Column::Id.in_subquery(entries));
        }
        if let Some(from) = self.from {
            all = all.add(audit_entry::Column::AtUs.gte(from.timestamp_micros()));
        }
        if let Some(to) = self.to {
            all = all.add(audit_entry::Column::AtUs.lte(to.timestamp_micros()));
        }
        audit_entry::Entity::find().filter(all)
    }
}

/// Records a change in the caller's transaction.
pub(crate) async fn record<C: ConnectionTrait>(
    tx: &C,
    audit: &Audit,
    targets: &[AuditTarget],
    before: Option<Value>,
    after: Option<Value>,
) -> StorageResult<()> {
    let entry = audit_entry::Entity::insert(audit_entry::ActiveModel {
        id: NotSet,
        at_us: Set(Utc::now().timestamp_micros()),
        actor: Set(audit.actor.clone()),
        mutation: Set(audit.mutation.to_owned()),
        before: Set(before.map(|v| v.to_string())),
        after: Set(after.map(|v| v.to_string())),
    })
    .exec_with_returning(tx)
    .await?;
    let rows: Vec<audit_target::ActiveModel> = targets
        .iter()
        .map(|target| audit_target::ActiveModel {
            id: NotSet,
            entry_id: Set(entry.id),
            target: Set(audit.id(*target)),
        })
        .collect();
    if !rows.is_empty() {
        audit_target::Entity::insert_many(rows)
            .exec_without_returning(tx)
            .await?;
    }
    Ok(())
}

impl Storage {
    /// A page of the audit log, oldest first.
    #[tracing::instrument(skip(self))]
    pub async fn audit_log(
        &self,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> StorageResult<Page<AuditEntry>> {
        let rows = fetch_page(
            &self.db,
            filter.select(),
            (audit_entry::Entity, audit_entry::Column::Id),
            page,
        )
        .await?;
        let ids: Vec<i64> = rows.items.iter().map(|row| row.id).collect();
        let mut targets: HashMap<i64, Vec<String>> = HashMap::new();
        if !ids.is_empty() {
            let found = audit_target::Entity::find()
                .filter(audit_target::Column::EntryId.is_in(ids))
                .order_by_asc(audit_target::Column::Id)
                .all(&self.db)
                .await?;
            for row in found {
                targets.entry(row.entry_id).or_default().push(row.target);
            }
        }
        rows.try_map(|row| {
            let targets = targets.remove(&row.id).unwrap_or_default();
            entry(row, targets)
        })
    }

    /// How many audit entries match `filter`.
    pub async fn count_audit_log(&self, filter: &AuditFilter) -> StorageResult<u64> {
        count_all(&self.db, filter.select()).await
    }
}

fn entry(row: audit_entry::Model, targets: Vec<String>) -> StorageResult<AuditEntry> {
    let json = |raw: Option<String>| -> StorageResult<Option<Value>> {
        raw.map(|text| {
            serde_json::from_str(&text)
                .map_err(|_| StorageError::Corrupt(format!("audit entry {}: JSON", row.id)))
        })
        .transpose()
    };
    let at = DateTime::from_timestamp_micros(row.at_us)
        .ok_or_else(|| StorageError::Corrupt(format!("audit entry {}: time", row.id)))?;
    Ok(AuditEntry {
        id: row.id,
        at,
        before: json(row.before.clone())?,
        after: json(row.after.clone())?,
        actor: row.actor,
        mutation: row.mutation,
        targets,
    })
}
