//! The root mutation. Every mutation needs the admin token.

mod article;
mod import;

use async_graphql::MergedObject;

/// Changes to the knowledge base; each needs `Authorization: Bearer <admin token>`.
#[derive(MergedObject, Default)]
pub struct Mutation(article::ArticleMutation, import::ImportMutation);
