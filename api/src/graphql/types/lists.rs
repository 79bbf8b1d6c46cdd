//! The Relay connection field that several types share, written once: `articles` with its
//! `first`/`after`/`last`/`before` and `filter` arguments, their checks and their loading.
//! Source, Country, Organization, Agreement and Person flatten it into themselves
//! (`#[graphql(flatten)]`), so the field is part of each type in the schema.
//!
//! `statements` (Article and Person) keeps a resolver on each type: flattened the same way,
//! async-graphql 7.2 registered it on Article but left it out of Person, whose statements
//! lead back to Person while its type is being registered.

use super::{ArticleConnection, ArticleFilterInput, articles_of};
use crate::error::ApiResult;
use crate::graphql::loaders::ArticlesOf;
use crate::graphql::paging::PageArgs;
use async_graphql::{Context, Object};

/// The `articles` field of a source, country, organization, agreement or person.
pub struct ArticlesField(pub ArticlesOf);

/// The `articles` field of a source, country, organization, agreement or person.
#[Object]
impl ArticlesField {
    /// Articles a source published, or that mention a country, organization or agreement,
    /// or that quote or mention a person; oldest first.
    #[allow(clippy::too_many_arguments)]
    async fn articles(
        &self,
        ctx: &Context<'_>,
        filter: Option<ArticleFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<ArticleConnection> {
        let args = PageArgs::new(after, before, first, last);
        articles_of(ctx, self.0.clone(), filter, &args).await
    }
}
