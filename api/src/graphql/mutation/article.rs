//! `addArticle`: store an article with structured facts, in one transaction;
//! `deleteArticle`: remove one with everything extracted from it.

use crate::error::ApiResult;
use crate::graphql::auth::audit;
use crate::graphql::context::storage;
use crate::graphql::ids::{NodeKind, global_id, parse_numeric_id};
use crate::graphql::inputs::AddArticleInput;
use crate::graphql::types::Article;
use crate::tokens::Role;
use async_graphql::{Context, ID, Object, SimpleObject};
use quotegraph_domain::{ArticleDraft, ArticleId, Origin};

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

/// What `deleteArticle` did.
#[derive(SimpleObject)]
pub struct DeleteArticlePayload {
    /// The id the article had.
    pub deleted_id: ID,
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
        let audit = audit(ctx, Role::Editor, "addArticle")?;
        let draft: ArticleDraft = input.into();
        let outcome = storage(ctx)?
            .add_article(draft.validate(Origin::Admin)?, Some(&audit))
            .await?;
        tracing::info!(
            article = outcome.article.id.0,
            created = outcome.created,
            "article added"
        );
        Ok(AddArticlePayload {
            article: Article::from(outcome.article),
            created: outcome.created,
        })
    }

    /// Deletes an article with its statements, mentions and search entry; the people and
    /// other entities it named stay. Needs an admin token.
    async fn delete_article(
        &self,
        ctx: &Context<'_>,
        article: ID,
    ) -> ApiResult<DeleteArticlePayload> {
        let audit = audit(ctx, Role::Admin, "deleteArticle")?;
        let id = ArticleId(parse_numeric_id("article", &article, NodeKind::Article)?);
        storage(ctx)?.delete_article(id, &audit).await?;
        tracing::info!(article = id.0, actor = %audit.actor, "article deleted");
        Ok(DeleteArticlePayload {
            deleted_id: global_id(NodeKind::Article, id.0),
        })
    }
}
