//! `ExtractedStatement`: what a statement said before it was corrected by hand.

use super::{Person, StatementKindGql};
use crate::error::ApiResult;
use crate::graphql::context::load_if_any;
use async_graphql::{Context, Object};
use quotegraph_domain as domain;

/// What a statement said before it was first corrected by hand.
#[derive(Clone)]
pub struct ExtractedStatement(pub domain::OriginalStatement);

/// What a statement said before it was first corrected by hand.
#[Object]
impl ExtractedStatement {
    /// The words it had.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// The kind it had.
    async fn kind(&self) -> StatementKindGql {
        self.0.kind.into()
    }

    /// The speaker it had; null when it had none. A speaker merged into another person
    /// since is that person.
    async fn speaker(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        Ok(load_if_any(ctx, self.0.speaker_id).await?.map(Person))
    }
}
