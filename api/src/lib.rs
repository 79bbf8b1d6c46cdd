//! quotegraph's API: the GraphQL schema over storage, the actix-web server that serves it,
//! and the pieces of the `quotegraph` command.

pub mod commands;
pub mod config;
pub mod error;
pub mod graphql;
pub mod http;
pub mod importer;
pub mod reextract;
pub mod server;
pub mod tokens;
pub mod ws;

pub use config::Settings;
pub use server::Application;
