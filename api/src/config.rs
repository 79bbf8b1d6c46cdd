//! Server settings, from flags or the environment.

use std::net::SocketAddr;

/// How a quotegraph server runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on; port 0 picks a free port.
    pub bind: SocketAddr,
    /// `sqlite://file.db` or `postgres://…`.
    pub database_url: String,
    /// Bearer token that mutations require; `None` refuses every mutation.
    pub admin_token: Option<String>,
}

/// The SQLite file used when no database is named: `quotegraph.db` in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://quotegraph.db";
/// The address used when none is given.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
