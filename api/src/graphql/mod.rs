//! The GraphQL schema: types per entity, root query and mutation merged here, loaders in
//! one module. Building the schema has no side effects and needs no database.

pub mod auth;
mod connection;
mod context;
mod ids;
mod inputs;
pub mod loaders;
mod mutation;
mod paging;
mod prefetch;
mod query;
mod subscription;
mod types;

use crate::config::Limits;
use async_graphql::{Schema, SchemaBuilder};
use quotegraph_storage::Storage;

pub use mutation::Mutation;
pub use query::Query;
pub use subscription::Subscription;

/// quotegraph's schema type.
pub type QuotegraphSchema = Schema<Query, Mutation, Subscription>;

/// The most complex query accepted (roughly: fields selected times page sizes).
pub const MAX_COMPLEXITY: usize = 20_000;

/// Levels async-graphql's own recursion check allows beyond `max-depth`: it counts fragment
/// spreads and inline fragments as levels, which the HTTP layer's limits bound already.
const RECURSION_BEYOND_DEPTH: usize = 64;

/// The schema with async-graphql's own limits set to match `limits`. The HTTP layer checks
/// the same limits first, without expanding fragments; these stay as a second line.
fn builder(limits: &Limits) -> SchemaBuilder<Query, Mutation, Subscription> {
    let depth = usize::try_from(limits.max_depth).unwrap_or(usize::MAX);
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .limit_depth(depth)
    .limit_recursive_depth(depth.saturating_add(RECURSION_BEYOND_DEPTH))
    .limit_directives(limits.max_directives)
    .limit_complexity(MAX_COMPLEXITY)
}

/// The schema serving `storage`, held to `limits`.
pub fn build_schema(storage: Storage, limits: &Limits) -> QuotegraphSchema {
    builder(limits).data(storage).finish()
}

/// The schema's SDL, as `quotegraph schema` prints it and `schema.graphql` holds it.
pub fn sdl() -> String {
    builder(&Limits::default()).finish().sdl()
}
