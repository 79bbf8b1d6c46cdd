//! GraphQL over WebSocket on /graphql, beside GraphQL over HTTP on the same path: a GET
//! that asks to upgrade to a WebSocket is served here, every other request as before.
//!
//! Both protocols are spoken (see [`protocol`]): `graphql-transport-ws`, and the older
//! `graphql-ws` of subscriptions-transport-ws. The connection's rights come from its
//! `connection_init` payload only (`Authorization: Bearer …`, see [`init`]), never from the
//! upgrade request, which is a GET. Operations are held to the limits requests over HTTP
//! are held to, and a connection to its own: operations at once, message size, time to
//! `connection_init`, keep-alive; a client address to its number of open connections.

mod clients;
mod connection;
pub mod init;
mod operation;
pub mod protocol;

pub use clients::Clients;

use crate::config::Limits;
use crate::graphql::QuotegraphSchema;
use crate::http::rate::ClientRate;
use crate::http::refusals::{Reason, Refusal, Refusals};
use crate::tokens::Tokens;
use actix_web::guard::GuardContext;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::ServerError;
use protocol::Protocol;
use quotegraph_storage::Storage;
use std::sync::Arc;

/// What every WebSocket connection of the server shares.
pub struct Sockets {
    /// The schema operations run on.
    pub schema: QuotegraphSchema,
    /// The storage loaders read from.
    pub storage: Storage,
    /// The configured tokens, which `connection_init` payloads are checked against.
    pub tokens: Tokens,
    /// Whether only callers with a reader's token (or more) are answered.
    pub private: bool,
    /// The limits operations and connections are held to.
    pub limits: Limits,
    /// The request rate of each client address, shared with HTTP.
    pub rate: Arc<ClientRate>,
    /// Refusal counts, shared with HTTP, for /metrics.
    pub refusals: Arc<Refusals>,
    /// Open connections per client address.
    pub clients: Arc<Clients>,
}

/// Whether a request asks to upgrade to a WebSocket (`Upgrade: websocket`).
pub fn is_upgrade(ctx: &GuardContext<'_>) -> bool {
    ctx.head()
        .headers()
        .get(header::UPGRADE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case("websocket"))
}

impl Sockets {
    /// Upgrades `http` to a WebSocket speaking the protocol the client offers, and serves
    /// it until it closes; refused (429) when the client has its most connections open.
    pub fn upgrade(
        self: &Arc<Self>,
        http: &HttpRequest,
        payload: web::Payload,
    ) -> Result<HttpResponse, Refusal> {
        let client = http.peer_addr().map(|addr| addr.ip());
        let most = self.limits.max_sockets_per_client;
        let Some(place) = self.clients.admit(client, most) else {
            return Err(Refusal::new(
                Reason::Sockets,
                format!(
                    "this address has {most} WebSocket connections open, its most (max-sockets-per-client)"
                ),
            ));
        };
        let offered = http
            .headers()
            .get_all(header::SEC_WEBSOCKET_PROTOCOL)
            .filter_map(|value| value.to_str().ok());
        let protocol = Protocol::choose(offered);
        let (mut response, session, messages) = match actix_ws::handle(http, payload) {
            Ok(upgraded) => upgraded,
            Err(err) => return Ok(err.error_response()),
        };
        if let Some(protocol) = protocol {
            response.headers_mut().insert(
                header::SEC_WEBSOCKET_PROTOCOL,
                HeaderValue::from_static(protocol.name()),
            );
        }
        let limit = self.limits.max_ws_message_bytes;
        let messages = messages
            .max_frame_size(limit)
            .aggregate_continuations()
            .max_continuation_size(limit);
        let (connection, results) =
            connection::Connection::new(Arc::clone(self), client, session, place);
        actix_web::rt::spawn(connection.serve(protocol, messages, results));
        Ok(response)
    }

    /// Counts `refusal` for /metrics and gives the error that tells the client.
    fn refused(&self, refusal: &Refusal) -> ServerError {
        tracing::debug!(reason = refusal.reason.label(), message = %refusal.message, "operation refused");
        self.refusals.count(refusal.reason);
        operation::refusal_error(refusal)
    }
}
