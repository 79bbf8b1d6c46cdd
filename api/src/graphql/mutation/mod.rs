//! The root mutation. Every mutation needs a token whose role allows it, and leaves an
//! entry in the audit log.

mod article;
mod import;
mod people;
mod statements;

use async_graphql::MergedObject;

/// Changes to the knowledge base. Imports and corrections need an editor or admin token
/// (`Authorization: Bearer <token>`); deletions need an admin token.
#[derive(MergedObject, Default)]
pub struct Mutation(
    article::ArticleMutation,
    import::ImportMutation,
    people::PeopleMutation,
    statements::StatementMutation,
);
