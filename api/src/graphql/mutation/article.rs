//! `addArticle`: store an article with structured facts, in one transaction.

use crate::error::ApiResult;
use crate::graphql::auth::require;
use crate::graphql::context::storage;
use crate::graphql::inputs::AddArticleInput;
use crate::graphql::types::Article;
use crate::tokens::Role;
use async_graphql::{Context, Object, SimpleObject};
use quotegraph_domain::{ArticleDraft, Origin};

#[derive(Default)]
pub struct ArticleMutation;

/// What `addArticle` did.
#[derive(SimpleObject)]
pub struct AddArticlePayload {
    /// The stored article.
    pub article: Article,
    /// False when the same content was already stored: nothing was written.
    pub created: bool,
}

#[Object]
impl ArticleMutation {
    /// Stores an article with its statements (speakers matched by any name, or created)
    /// and mentions, all or nothing. Adding the same content again returns the stored
    /// article and writes nothing. Needs an editor or admin token.
    async fn add_article(
        &self,
        ctx: &Context<'_>,
        input: AddArticleInput,
    ) -> ApiResult<AddArticlePayload> {
        require(ctx, Role::Editor)?;
        let draft: ArticleDraft = input.into();
        let outcome = storage(ctx)?
            .add_article(draft.validate(Origin::Admin)?)
            .await?;
        tracing::info!(
            article = outcome.article.id.0,
            created = outcome.created,
            "article added"
        );
        Ok(AddArticlePayload {
            article: Article(outcome.article),
            created: outcome.created,
        })
    }
}
