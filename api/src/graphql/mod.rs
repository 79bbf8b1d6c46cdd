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
mod query;
mod types;

use async_graphql::{EmptySubscription, Schema, SchemaBuilder};
use quotegraph_storage::Storage;

pub use mutation::Mutation;
pub use query::Query;

/// quotegraph's schema type.
pub type QuotegraphSchema = Schema<Query, Mutation, EmptySubscription>;

/// The deepest query accepted.
pub const MAX_DEPTH: usize = 16;
/// The most complex query accepted (roughly: fields selected times page sizes).
pub const MAX_COMPLEXITY: usize = 20_000;

fn builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
}

/// The schema serving `storage`.
pub fn build_schema(storage: Storage) -> QuotegraphSchema {
    builder().data(storage).finish()
}

/// The schema's SDL, as `quotegraph schema` prints it and `schema.graphql` holds it.
pub fn sdl() -> String {
    builder().finish().sdl()
}
