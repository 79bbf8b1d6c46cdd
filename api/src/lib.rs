//! quotegraph's API: the GraphQL schema over storage, the actix-web server that serves it,
//! and the pieces of the `quotegraph` command.

pub mod config;
pub mod error;
pub mod graphql;
pub mod server;

pub use config::Settings;
pub use server::Application;
