//! `AuditEntry` and the filter of the audit log.

use crate::error::{ApiError, ApiResult};
use crate::graphql::ids::{global_id, parse_global_id};
use async_graphql::{ID, InputObject, Json, Object};
use chrono::{DateTime, Utc};
use quotegraph_storage::{AuditEntry as Entry, AuditFilter};

/// One change made through the API: who made it, when, to what, and the values before
/// and after.
#[derive(Clone)]
pub struct AuditEntry(pub Entry);

/// One change made through the API: who made it, when, to what, and the values before
/// and after.
#[Object]
impl AuditEntry {
    /// The entry's number: entries are numbered in the order their changes committed.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// When the change was made.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// The name of the token the change was made with.
    async fn actor(&self) -> &str {
        &self.0.actor
    }

    /// The mutation (mergePeople, setStatementSpeaker …).
    async fn mutation(&self) -> &str {
        &self.0.mutation
    }

    /// The global ids of the nodes it changed (some may no longer exist).
    async fn targets(&self) -> Vec<ID> {
        self.0.targets.iter().cloned().map(ID).collect()
    }

    /// The values it changed, before (nodes named by global id); null when it created them.
    async fn before(&self) -> Option<Json<serde_json::Value>> {
        self.0.before.clone().map(Json)
    }

    /// The values it changed, after (nodes named by global id); null when it deleted them.
    async fn after(&self) -> Option<Json<serde_json::Value>> {
        self.0.after.clone().map(Json)
    }
}

/// Which audit entries to list. All conditions must hold.
#[derive(InputObject, Clone, Default)]
pub struct AuditFilterInput {
    /// Made with the token of this name.
    pub actor: Option<String>,
    /// Changed the node with this global id.
    pub target: Option<ID>,
    /// Made at or after this moment (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Made at or before this moment (RFC 3339).
    pub to: Option<DateTime<Utc>>,
}

impl TryFrom<AuditFilterInput> for AuditFilter {
    type Error = ApiError;
    fn try_from(input: AuditFilterInput) -> ApiResult<Self> {
        if let (Some(from), Some(to)) = (input.from, input.to)
            && from > to
        {
            return Err(ApiError::bad_input("filter.to", "is before filter.from"));
        }
        let target = input
            .target
            .map(|id| {
                // Written the one way the log writes ids, however the client encoded it.
                parse_global_id("filter.target", &id).map(|(kind, key)| global_id(kind, key).0)
            })
            .transpose()?;
        Ok(AuditFilter {
            actor: input.actor.filter(|a| !a.is_empty()),
            target,
            from: input.from,
            to: input.to,
        })
    }
}
