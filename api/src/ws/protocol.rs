//! The two GraphQL-over-WebSocket protocols, as messages: `graphql-transport-ws` (the
//! `graphql-ws` npm client, Apollo Client) and the older `graphql-ws` of
//! subscriptions-transport-ws. What a client sends is read into one [`Incoming`]; what the
//! server sends is written as each protocol spells it.

use async_graphql::{Request, Response, ServerError};
use serde::Deserialize;
use serde_json::{Value, json};

/// The protocol a connection speaks, chosen from `Sec-WebSocket-Protocol`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `graphql-transport-ws`.
    TransportWs,
    /// `graphql-ws`, of subscriptions-transport-ws.
    Legacy,
}

/// Close codes and reasons the protocols define for refusals.
pub mod close {
    /// A message that is not one of the protocol's (4400).
    pub const INVALID_MESSAGE: u16 = 4400;
    /// An operation before `connection_init` was acknowledged (4401).
    pub const UNAUTHORIZED: u16 = 4401;
    /// A `connection_init` refused: a private server and no reader's token (4403).
    pub const FORBIDDEN: u16 = 4403;
    /// No subprotocol both sides speak (4406).
    pub const SUBPROTOCOL_NOT_ACCEPTABLE: u16 = 4406;
    /// No `connection_init` in time (4408).
    pub const INIT_TIMEOUT: u16 = 4408;
    /// An operation id already running (4409).
    pub const DUPLICATE_ID: u16 = 4409;
    /// A second `connection_init` (4429).
    pub const TOO_MANY_INITS: u16 = 4429;
    /// Nothing heard from the client for too long (3008, "timeout").
    pub const TIMEOUT: u16 = 3008;
    /// A message over the size limit (1009, "message too big").
    pub const TOO_BIG: u16 = 1009;
}

impl Protocol {
    /// The protocol to speak among those a client offers (`Sec-WebSocket-Protocol`
    /// values, comma-separated): graphql-transport-ws when offered, else graphql-ws.
    pub fn choose<'a>(offered: impl Iterator<Item = &'a str>) -> Option<Protocol> {
        let offered: Vec<String> = offered
            .flat_map(|value| value.split(','))
            .map(|name| name.trim().to_ascii_lowercase())
            .collect();
        if offered.iter().any(|name| name == "graphql-transport-ws") {
            Some(Protocol::TransportWs)
        } else if offered.iter().any(|name| name == "graphql-ws") {
            Some(Protocol::Legacy)
        } else {
            None
        }
    }

    /// The name sent back in `Sec-WebSocket-Protocol`.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::TransportWs => "graphql-transport-ws",
            Protocol::Legacy => "graphql-ws",
        }
    }

    /// Reads a text message as this protocol's; `Err` says why it is not one.
    pub fn read(self, text: &str) -> Result<Incoming, String> {
        let message: Message =
            serde_json::from_str(text).map_err(|err| format!("not a message: {err}"))?;
        let incoming = match (self, message) {
            (_, Message::ConnectionInit { payload }) => Incoming::Init(payload.unwrap_or_default()),
            (Protocol::TransportWs, Message::Ping { payload }) => Incoming::Ping(payload),
            (Protocol::TransportWs, Message::Pong {}) => Incoming::Pong,
            (Protocol::TransportWs, Message::Subscribe { id, payload })
            | (Protocol::Legacy, Message::Start { id, payload }) => Incoming::Start {
                id,
                request: Box::new(payload),
            },
            (Protocol::TransportWs, Message::Complete { id })
            | (Protocol::Legacy, Message::Stop { id }) => Incoming::Stop(id),
            (Protocol::Legacy, Message::ConnectionTerminate {}) => Incoming::Terminate,
            (_, other) => {
                return Err(format!(
                    "`{}` is not a {} message",
                    other.type_name(),
                    self.name()
                ));
            }
        };
        Ok(incoming)
    }

    /// The acknowledgement of `connection_init`.
    pub fn ack(self) -> String {
        json!({ "type": "connection_ack" }).to_string()
    }

    /// The answer to a ping.
    pub fn pong(self, payload: Option<Value>) -> String {
        match payload {
            Some(payload) => json!({ "type": "pong", "payload": payload }),
            None => json!({ "type": "pong" }),
        }
        .to_string()
    }

    /// The keep-alive message, for protocols that have one (graphql-ws's `ka`); WebSocket
    /// pings keep both alive besides.
    pub fn keep_alive(self) -> Option<String> {
        match self {
            Protocol::TransportWs => None,
            Protocol::Legacy => Some(json!({ "type": "ka" }).to_string()),
        }
    }

    /// One result of operation `id`.
    pub fn next(self, id: &str, response: &Response) -> String {
        let kind = match self {
            Protocol::TransportWs => "next",
            Protocol::Legacy => "data",
        };
        json!({ "type": kind, "id": id, "payload": response }).to_string()
    }

    /// Operation `id` refused before it ran (a request error, a limit); it is over.
    pub fn error(self, id: &str, errors: &[ServerError]) -> String {
        match self {
            Protocol::TransportWs => json!({ "type": "error", "id": id, "payload": errors }),
            // subscriptions-transport-ws sends one error object.
            Protocol::Legacy => json!({ "type": "error", "id": id, "payload": errors.first() }),
        }
        .to_string()
    }

    /// Operation `id` is over.
    pub fn complete(self, id: &str) -> String {
        json!({ "type": "complete", "id": id }).to_string()
    }

    /// Whether the server confirms with `complete` an operation the client stopped:
    /// subscriptions-transport-ws does, graphql-transport-ws must not.
    pub fn confirms_stop(self) -> bool {
        self == Protocol::Legacy
    }
}

/// What a client sent, whichever protocol spelled it.
#[derive(Debug)]
pub enum Incoming {
    /// `connection_init` with its payload.
    Init(Value),
    /// `ping` (graphql-transport-ws).
    Ping(Option<Value>),
    /// `pong` (graphql-transport-ws).
    Pong,
    /// `subscribe` (or `start`): run this operation under this id.
    Start {
        /// The client's id of the operation.
        id: String,
        /// The operation.
        request: Box<Request>,
    },
    /// `complete` (or `stop`): the client stops listening to operation `id`.
    Stop(String),
    /// `connection_terminate` (graphql-ws).
    Terminate,
}

/// Every message of both protocols, as sent.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Message {
    ConnectionInit { payload: Option<Value> },
    Ping { payload: Option<Value> },
    Pong {},
    Subscribe { id: String, payload: Request },
    Start { id: String, payload: Request },
    Complete { id: String },
    Stop { id: String },
    ConnectionTerminate {},
}

impl Message {
    fn type_name(&self) -> &'static str {
        match self {
            Message::ConnectionInit { .. } => "connection_init",
            Message::Ping { .. } => "ping",
            Message::Pong {} => "pong",
            Message::Subscribe { .. } => "subscribe",
            Message::Start { .. } => "start",
            Message::Complete { .. } => "complete",
            Message::Stop { .. } => "stop",
            Message::ConnectionTerminate {} => "connection_terminate",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphql_transport_ws_is_preferred_and_names_are_read_loosely() {
        let choose = |offered: &[&str]| Protocol::choose(offered.iter().copied());
        assert_eq!(
            choose(&["graphql-ws, graphql-transport-ws"]),
            Some(Protocol::TransportWs)
        );
        assert_eq!(choose(&["GraphQL-WS"]), Some(Protocol::Legacy));
        assert_eq!(choose(&["chat", "mqtt"]), None);
        assert_eq!(choose(&[]), None);
    }

    #[test]
    fn each_protocol_reads_only_its_own_messages() {
        let subscribe = r#"{"type":"subscribe","id":"1","payload":{"query":"{ __typename }"}}"#;
        let start = subscribe.replace("subscribe", "start");
        assert!(matches!(
            Protocol::TransportWs.read(subscribe),
            Ok(Incoming::Start { .. })
        ));
        assert!(matches!(
            Protocol::Legacy.read(&start),
            Ok(Incoming::Start { .. })
        ));
        assert!(Protocol::Legacy.read(subscribe).is_err());
        assert!(Protocol::TransportWs.read(&start).is_err());
        assert!(Protocol::TransportWs.read("{").is_err());
        assert!(
            Protocol::TransportWs
                .read(r#"{"type":"subscribe"}"#)
                .is_err()
        );
        assert!(matches!(
            Protocol::TransportWs.read(r#"{"type":"connection_init"}"#),
            Ok(Incoming::Init(Value::Null))
        ));
    }
}
