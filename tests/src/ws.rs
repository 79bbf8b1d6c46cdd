//! A GraphQL-over-WebSocket client for the tests: a real socket to a test server's /graphql,
//! speaking graphql-transport-ws (or the older graphql-ws), with every wait bounded.

use crate::TestApp;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for the next message before it fails: generous, since a slow
/// machine is not a failure; nothing here measures time.
pub const WAIT: Duration = Duration::from_secs(60);

/// The subprotocol of the `graphql-ws` npm client and Apollo Client.
pub const TRANSPORT_WS: &str = "graphql-transport-ws";
/// The subprotocol of subscriptions-transport-ws.
pub const LEGACY_WS: &str = "graphql-ws";

/// What the server sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    /// A text message, as JSON.
    Message(Value),
    /// The close frame's code and reason (1005 when it had none, or the socket just ended).
    Closed(u16, String),
}

/// An open WebSocket to a test server.
pub struct Socket {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Messages received while waiting for another operation's.
    pending: Vec<Value>,
}

impl TestApp {
    /// `ws://127.0.0.1:PORT/graphql`.
    pub fn ws_url(&self) -> String {
        format!("ws://{}/graphql", self.socket_address())
    }

    /// Opens a WebSocket to /graphql offering `protocol`.
    pub async fn socket(&self, protocol: &str) -> Socket {
        self.try_socket(protocol)
            .await
            .unwrap_or_else(|status| panic!("the upgrade was refused with {status}"))
    }

    /// Opens a WebSocket to /graphql offering `protocol` (none when empty), or the HTTP
    /// status refusing it.
    pub async fn try_socket(&self, protocol: &str) -> Result<Socket, u16> {
        let mut request = self.ws_url().into_client_request().expect("a valid URL");
        if !protocol.is_empty() {
            request.headers_mut().insert(
                "Sec-WebSocket-Protocol",
                protocol.parse().expect("a header value"),
            );
        }
        match tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(request)).await {
            Ok(Ok((stream, response))) => {
                let chosen = response
                    .headers()
                    .get("Sec-WebSocket-Protocol")
                    .and_then(|v| v.to_str().ok());
                if let Some(chosen) = chosen {
                    assert_eq!(chosen, protocol, "the server speaks what was offered");
                }
                Ok(Socket {
                    stream,
                    pending: Vec::new(),
                })
            }
            Ok(Err(tokio_tungstenite::tungstenite::Error::Http(response))) => {
                Err(response.status().as_u16())
            }
            Ok(Err(err)) => panic!("the WebSocket did not open: {err}"),
            Err(_) => panic!("the WebSocket did not open within {WAIT:?}"),
        }
    }
}

impl TestApp {
    /// Waits until the server has `count` subscriptions listening for committed changes
    /// (from /metrics), so that what is written next reaches them.
    pub async fn wait_for_subscribers(&self, count: u64) {
        self.wait_for_gauge("quotegraph_subscribers", count).await;
    }

    /// Waits until the server has `count` WebSocket connections open (from /metrics).
    pub async fn wait_for_sockets(&self, count: u64) {
        self.wait_for_gauge("quotegraph_websockets_open", count)
            .await;
    }

    async fn wait_for_gauge(&self, name: &str, count: u64) {
        let deadline = tokio::time::Instant::now() + WAIT;
        let prefix = format!("{name} ");
        loop {
            let (_, body) = self.get("/metrics").await;
            let value = body
                .lines()
                .find_map(|line| line.strip_prefix(prefix.as_str()))
                .and_then(|n| n.trim().parse::<u64>().ok())
                .unwrap_or_else(|| panic!("/metrics reports {name}"));
            if value == count {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{name} is {value} after {WAIT:?}, not {count}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Socket {
    /// Sends one message.
    pub async fn send(&mut self, message: Value) {
        self.stream
            .send(Message::text(message.to_string()))
            .await
            .expect("the message is sent");
    }

    /// Sends `connection_init` with `payload` and waits for `connection_ack`.
    pub async fn init(&mut self, payload: Value) {
        self.send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        let ack = self.message().await;
        assert_eq!(ack["type"], "connection_ack", "{ack}");
    }

    /// Starts operation `id` (`subscribe` in graphql-transport-ws).
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({
            "type": "subscribe",
            "id": id,
            "payload": { "query": query, "variables": variables },
        }))
        .await;
    }

    /// The next thing the server sends (pings are answered and skipped); fails the test
    /// after [`WAIT`].
    pub async fn receive(&mut self) -> Received {
        loop {
            let next = tokio::time::timeout(WAIT, self.stream.next())
                .await
                .unwrap_or_else(|_| panic!("nothing came within {WAIT:?}"));
            match next {
                Some(Ok(Message::Text(text))) => {
                    let value = serde_json::from_str(text.as_str()).expect("a JSON message");
                    return Received::Message(value);
                }
                Some(Ok(Message::Close(frame))) => {
                    return match frame {
                        Some(frame) => {
                            Received::Closed(frame.code.into(), frame.reason.as_str().to_owned())
                        }
                        None => Received::Closed(1005, String::new()),
                    };
                }
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return Received::Closed(1005, String::new()),
            }
        }
    }

    /// The next message; fails the test when the socket closes instead.
    pub async fn message(&mut self) -> Value {
        match self.receive().await {
            Received::Message(value) => value,
            Received::Closed(code, reason) => panic!("closed with {code} {reason}"),
        }
    }

    /// The next message of operation `id`, keeping those of other operations for later.
    pub async fn message_of(&mut self, id: &str) -> Value {
        if let Some(at) = self.pending.iter().position(|m| m["id"] == id) {
            return self.pending.remove(at);
        }
        loop {
            let message = self.message().await;
            if message["id"] == id {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// The close code and reason the server closes with; fails the test on a message.
    pub async fn closed(&mut self) -> (u16, String) {
        match self.receive().await {
            Received::Closed(code, reason) => (code, reason),
            Received::Message(value) => panic!("expected the socket to close, got {value}"),
        }
    }
}
