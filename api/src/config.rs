//! Server settings, from flags or the environment.

use crate::tokens::Tokens;
use std::net::SocketAddr;
use std::time::Duration;

/// How a quotegraph server runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on; port 0 picks a free port.
    pub bind: SocketAddr,
    /// `sqlite://file.db` or `postgres://…`.
    pub database_url: String,
    /// The named tokens and their roles; with none, every mutation is refused.
    pub tokens: Tokens,
    /// Queries need a token too (any role): for private deployments.
    pub private: bool,
    /// What one request may ask of the server.
    pub limits: Limits,
}

/// The SQLite file used when no database is named: `quotegraph.db` in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://quotegraph.db";
/// The address used when none is given.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// What one request, and one client, may ask of the server. Each limit is checked before the
/// request runs and refused with `LIMIT_EXCEEDED` naming it; see README "Limits".
#[derive(Debug, Clone, clap::Args)]
pub struct Limits {
    /// Field selections (fields, fragment spreads, inline fragments) in a document, counted
    /// after fragment expansion.
    #[arg(long, env = "QUOTEGRAPH_MAX_SELECTIONS", default_value_t = 5_000)]
    pub max_selections: u64,
    /// Nesting of fields in a document, through fragments.
    #[arg(long, env = "QUOTEGRAPH_MAX_DEPTH", default_value_t = 16)]
    pub max_depth: u64,
    /// Aliased fields in a document, counted after fragment expansion.
    #[arg(long, env = "QUOTEGRAPH_MAX_ALIASES", default_value_t = 100)]
    pub max_aliases: u64,
    /// Directives on one field, fragment spread or inline fragment.
    #[arg(long, env = "QUOTEGRAPH_MAX_DIRECTIVES", default_value_t = 10)]
    pub max_directives: usize,
    /// Lexical tokens in a document, counted before it is parsed.
    #[arg(long, env = "QUOTEGRAPH_MAX_TOKENS", default_value_t = 10_000)]
    pub max_tokens: usize,
    /// Bytes of a GraphQL document.
    #[arg(long, env = "QUOTEGRAPH_MAX_DOCUMENT_BYTES", default_value_t = 100_000)]
    pub max_document_bytes: usize,
    /// Variables a request sends, and variables an operation declares.
    #[arg(long, env = "QUOTEGRAPH_MAX_VARIABLES", default_value_t = 100)]
    pub max_variables: usize,
    /// Bytes of a POST body (a 1 MiB article plus its JSON framing fits the default).
    #[arg(long, env = "QUOTEGRAPH_MAX_BODY_BYTES", default_value_t = 4 << 20)]
    pub max_body_bytes: usize,
    /// Bytes of a GET request's path and query string.
    #[arg(long, env = "QUOTEGRAPH_MAX_URL_BYTES", default_value_t = 16 << 10)]
    pub max_url_bytes: usize,
    /// Milliseconds one GraphQL request may run before it is cancelled.
    #[arg(long, env = "QUOTEGRAPH_REQUEST_TIMEOUT_MS", default_value_t = 10_000)]
    pub request_timeout_ms: u64,
    /// GraphQL requests run at once; more wait up to --in-flight-wait-ms, then get a 503.
    #[arg(long, env = "QUOTEGRAPH_MAX_IN_FLIGHT", default_value_t = 64)]
    pub max_in_flight: usize,
    /// Milliseconds a request waits for one of the --max-in-flight places.
    #[arg(long, env = "QUOTEGRAPH_IN_FLIGHT_WAIT_MS", default_value_t = 250)]
    pub in_flight_wait_ms: u64,
    /// GraphQL requests per minute from one client address; 0 turns the rate limit off.
    #[arg(long, env = "QUOTEGRAPH_RATE_PER_MINUTE", default_value_t = 0)]
    pub rate_per_minute: u32,
    /// Requests one client may send at once above its rate before it is slowed down.
    #[arg(long, env = "QUOTEGRAPH_RATE_BURST", default_value_t = 60)]
    pub rate_burst: u32,
    /// Parsed documents kept for automatic persisted queries; 0 turns them off.
    #[arg(long, env = "QUOTEGRAPH_APQ_CACHE_SIZE", default_value_t = 256)]
    pub apq_cache_size: usize,
    /// WebSocket connections open at once from one client address.
    #[arg(long, env = "QUOTEGRAPH_MAX_SOCKETS_PER_CLIENT", default_value_t = 16)]
    pub max_sockets_per_client: usize,
    /// Operations one WebSocket connection runs at once: its subscriptions, and its queries
    /// and mutations still running.
    #[arg(
        long,
        env = "QUOTEGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION",
        default_value_t = 32
    )]
    pub max_subscriptions_per_connection: usize,
    /// Bytes of one message a WebSocket client sends.
    #[arg(long, env = "QUOTEGRAPH_MAX_WS_MESSAGE_BYTES", default_value_t = 4 << 20)]
    pub max_ws_message_bytes: usize,
    /// Milliseconds a new WebSocket connection has to send `connection_init`.
    #[arg(long, env = "QUOTEGRAPH_WS_INIT_TIMEOUT_MS", default_value_t = 10_000)]
    pub ws_init_timeout_ms: u64,
    /// Milliseconds between the pings a WebSocket connection is sent; one that has sent
    /// nothing, not even a pong, for two of them is closed.
    #[arg(long, env = "QUOTEGRAPH_WS_KEEPALIVE_MS", default_value_t = 15_000)]
    pub ws_keepalive_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_selections: 5_000,
            max_depth: 16,
            max_aliases: 100,
            max_directives: 10,
            max_tokens: 10_000,
            max_document_bytes: 100_000,
            max_variables: 100,
            max_body_bytes: 4 << 20,
            max_url_bytes: 16 << 10,
            request_timeout_ms: 10_000,
            max_in_flight: 64,
            in_flight_wait_ms: 250,
            rate_per_minute: 0,
            rate_burst: 60,
            apq_cache_size: 256,
            max_sockets_per_client: 16,
            max_subscriptions_per_connection: 32,
            max_ws_message_bytes: 4 << 20,
            ws_init_timeout_ms: 10_000,
            ws_keepalive_ms: 15_000,
        }
    }
}

impl Limits {
    /// How long one GraphQL request may run.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_millis(self.request_timeout_ms)
    }

    /// How long a new WebSocket connection has to send `connection_init`.
    pub fn ws_init_timeout(&self) -> Duration {
        Duration::from_millis(self.ws_init_timeout_ms)
    }

    /// How often a WebSocket connection is pinged.
    pub fn ws_keepalive(&self) -> Duration {
        Duration::from_millis(self.ws_keepalive_ms.max(1))
    }

    /// How long a request waits for a place among those in flight.
    pub fn in_flight_wait(&self) -> Duration {
        Duration::from_millis(self.in_flight_wait_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::Limits;
    use clap::Parser;

    #[derive(Parser)]
    struct Flags {
        #[command(flatten)]
        limits: Limits,
    }

    #[test]
    fn the_defaults_of_the_flags_are_the_defaults_of_the_settings() {
        let parsed = Flags::parse_from(["quotegraph"]).limits;
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Limits::default()));
    }
}
