//! `statementAdded`: statements as they are stored.

use super::feed::feed;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::storage;
use crate::graphql::types::{Statement, StatementFilterInput};
use async_graphql::futures_util::{Stream, StreamExt};
use async_graphql::{Context, Subscription};
use quotegraph_storage::StatementFilter;

/// `statementAdded`.
#[derive(Default)]
pub struct StatementSubscription;

#[Subscription]
impl StatementSubscription {
    /// Every statement stored from now on (an article added or imported, or extracted
    /// again) that matches `filter`, the same filter `statements` takes. An event with the
    /// error code SUBSCRIBER_LAGGING says that some may have been missed.
    async fn statement_added(
        &self,
        ctx: &Context<'_>,
        filter: Option<StatementFilterInput>,
    ) -> Result<impl Stream<Item = ApiResult<Statement>> + use<>, ApiError> {
        let filter: StatementFilter = filter.unwrap_or_default().try_into()?;
        let storage = storage(ctx)?.clone();
        let subscription = storage.subscribe().await?;
        let statements = feed(subscription, move |changes| {
            let (storage, filter) = (storage.clone(), filter.clone());
            async move { storage.statements_announced(&changes, &filter).await }
        });
        Ok(statements.map(|found| found.map(Statement)))
    }
}
