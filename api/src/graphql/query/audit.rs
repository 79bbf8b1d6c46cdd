//! `auditLog`: every change made through the API, for admins.

use crate::error::ApiResult;
use crate::graphql::auth::require;
use crate::graphql::connection::{Conn, Total, connection};
use crate::graphql::context::storage;
use crate::graphql::paging::PageArgs;
use crate::graphql::types::{AuditEntry, AuditFilterInput};
use crate::tokens::Role;
use async_graphql::{Context, Object};
use quotegraph_storage::AuditFilter;

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit log, oldest first (`last:` for the newest): who changed what, when, with
    /// the values before and after, filtered by actor, target node and time. Entries
    /// cannot be changed or deleted. Needs an admin token.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<Conn<AuditEntry>> {
        require(ctx, Role::Admin)?;
        let page = PageArgs::new(after, before, first, last).request()?;
        let filter: AuditFilter = filter.unwrap_or_default().try_into()?;
        let found = storage(ctx)?.audit_log(&filter, &page).await?;
        Ok(connection(
            found,
            Total::AuditLog(filter),
            |entry| entry.id,
            AuditEntry,
        ))
    }
}
