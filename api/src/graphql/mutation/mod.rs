//! The root mutation. Every mutation needs a token whose role allows it.

mod article;
mod import;

use async_graphql::MergedObject;

/// Changes to the knowledge base; each needs an editor or admin token
/// (`Authorization: Bearer <token>`).
#[derive(MergedObject, Default)]
pub struct Mutation(article::ArticleMutation, import::ImportMutation);
