//! Statement entry points: every statement in every article, filtered.

use crate::error::ApiResult;
use crate::graphql::connection::{Total, connection};
use crate::graphql::context::{load, storage};
use crate::graphql::ids::{NodeKind, parse_numeric_id};
use crate::graphql::paging::PageArgs;
use crate::graphql::prefetch::{statement_joins, unjoin};
use crate::graphql::types::{
    MAX_AGGREGATE, SpeakerCount, Statement, StatementConnection, StatementFilterInput,
    speaker_counts,
};
use async_graphql::{Context, ID, Object};
use quotegraph_domain::StatementId;
use quotegraph_storage::StatementFilter;

#[derive(Default)]
pub struct StatementQuery;

#[Object]
impl StatementQuery {
    /// One statement by its global id.
    async fn statement(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Statement>> {
        let id = StatementId(parse_numeric_id("id", &id, NodeKind::Statement)?);
        Ok(load(ctx, id).await?.map(Statement))
    }

    /// The people quoted most in the statements matching `filter`, with their counts.
    async fn top_speakers(
        &self,
        ctx: &Context<'_>,
        filter: Option<StatementFilterInput>,
        #[graphql(default = 20)] first: usize,
    ) -> ApiResult<Vec<SpeakerCount>> {
        let filter: StatementFilter = filter.unwrap_or_default().try_into()?;
        let limit = first.min(MAX_AGGREGATE) as u64;
        let counts = storage(ctx)?.top_speakers(&filter, limit).await?;
        speaker_counts(ctx, counts, first).await
    }

    /// Statements across all articles, filtered by speaker (any name, any script), the
    /// speaker's country, source, dates, kind and text.
    async fn statements(
        &self,
        ctx: &Context<'_>,
        filter: Option<StatementFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<StatementConnection> {
        let page = PageArgs::new(after, before, first, last).request()?;
        let filter: StatementFilter = filter.unwrap_or_default().try_into()?;
        let joined = storage(ctx)?
            .statements(&filter, &page, statement_joins(ctx))
            .await?;
        let found = unjoin(ctx, joined).await?;
        Ok(connection(
            found,
            Total::AllStatements(filter),
            |s| s.id.0,
            Statement,
        ))
    }
}
