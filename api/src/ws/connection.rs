//! One WebSocket connection, from the upgrade to the close: reads what the client sends,
//! runs its operations as tasks of their own, and writes what they say back, one message at
//! a time. A client that reads slowly slows only its own operations: each hears changes
//! from a bounded broadcast, and is told when it fell behind.

use super::clients::Place;
use super::operation::{self, Output, Sent};
use super::protocol::{Incoming, Protocol, close};
use super::{Sockets, init};
use crate::graphql::auth::Caller;
use crate::http::refusals::{Reason, Refusal};
use crate::tokens::Role;
use actix_ws::{AggregatedMessage, AggregatedMessageStream, CloseCode, CloseReason, Session};
use async_graphql::futures_util::StreamExt;
use std::collections::HashMap;
use std::net::IpAddr;
use std::ops::ControlFlow;
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, interval_at, sleep};

/// Results operations may have written before the connection sends them.
const OUTBOX: usize = 64;

/// The longest close reason WebSocket allows, in bytes.
const MAX_CLOSE_REASON: usize = 123;

/// Whether the connection goes on, or closes with this reason.
type Flow = ControlFlow<Option<CloseReason>>;

/// One open connection.
pub struct Connection {
    sockets: Arc<Sockets>,
    client: Option<IpAddr>,
    session: Session,
    /// Its place among its client's connections, given back when it is dropped.
    _place: Place,
    /// Set by `connection_init`.
    caller: Option<Caller>,
    /// The operations running, by the client's id: which one, and its task.
    running: HashMap<String, (u64, JoinHandle<()>)>,
    serial: u64,
    outbox: mpsc::Sender<Sent>,
}

impl Connection {
    /// A connection from `client` over `session`, holding its `place`.
    pub fn new(
        sockets: Arc<Sockets>,
        client: Option<IpAddr>,
        session: Session,
        place: Place,
    ) -> (Self, mpsc::Receiver<Sent>) {
        let (outbox, results) = mpsc::channel(OUTBOX);
        let connection = Connection {
            sockets,
            client,
            session,
            _place: place,
            caller: None,
            running: HashMap::new(),
            serial: 0,
            outbox,
        };
        (connection, results)
    }

    /// Serves the connection until either side closes it; `None` for a client that offered
    /// no protocol this server speaks.
    pub async fn serve(
        mut self,
        protocol: Option<Protocol>,
        mut messages: AggregatedMessageStream,
        mut results: mpsc::Receiver<Sent>,
    ) {
        let reason = match protocol {
            Some(protocol) => self.run(protocol, &mut messages, &mut results).await,
            None => closing(
                close::SUBPROTOCOL_NOT_ACCEPTABLE,
                "Subprotocol not acceptable: offer graphql-transport-ws or graphql-ws",
            ),
        };
        for (_, (_, task)) in self.running.drain() {
            task.abort();
        }
        // Bounded like any send: a client that reads nothing would hold it forever.
        let patience = self.sockets.limits.ws_keepalive() * 2;
        let _ = tokio::time::timeout(patience, self.session.close(reason)).await;
    }

    async fn run(
        &mut self,
        protocol: Protocol,
        messages: &mut AggregatedMessageStream,
        results: &mut mpsc::Receiver<Sent>,
    ) -> Option<CloseReason> {
        let limits = &self.sockets.limits;
        let init_deadline = sleep(limits.ws_init_timeout());
        tokio::pin!(init_deadline);
        let every = limits.ws_keepalive();
        let mut keepalive = interval_at(Instant::now() + every, every);
        let mut last_heard = Instant::now();
        loop {
            let flow = tokio::select! {
                message = messages.next() => match message {
                    Some(message) => {
                        last_heard = Instant::now();
                        self.on_message(protocol, message).await
                    }
                    None => ControlFlow::Break(None),
                },
                Some(sent) = results.recv() => self.on_result(protocol, sent).await,
                () = &mut init_deadline, if self.caller.is_none() => {
                    ControlFlow::Break(closing(close::INIT_TIMEOUT, "Connection initialisation timeout"))
                }
                _ = keepalive.tick() => {
                    if last_heard.elapsed() > every * 2 {
                        ControlFlow::Break(closing(close::TIMEOUT, "timeout: nothing heard, not even a pong"))
                    } else {
                        self.keep_alive(protocol).await
                    }
                }
            };
            if let ControlFlow::Break(reason) = flow {
                return reason;
            }
        }
    }

    async fn keep_alive(&mut self, protocol: Protocol) -> Flow {
        if self.session.ping(b"").await.is_err() {
            return ControlFlow::Break(None);
        }
        match protocol.keep_alive() {
            Some(message) if self.caller.is_some() => self.send(message).await,
            _ => ControlFlow::Continue(()),
        }
    }

    async fn on_message(
        &mut self,
        protocol: Protocol,
        message: Result<AggregatedMessage, actix_ws::ProtocolError>,
    ) -> Flow {
        match message {
            Ok(AggregatedMessage::Text(text)) => match protocol.read(&text) {
                Ok(incoming) => self.on_incoming(protocol, incoming).await,
                Err(why) => ControlFlow::Break(closing(close::INVALID_MESSAGE, &why)),
            },
            Ok(AggregatedMessage::Binary(_)) => ControlFlow::Break(closing(
                close::INVALID_MESSAGE,
                "binary messages are not GraphQL over WebSocket",
            )),
            Ok(AggregatedMessage::Ping(bytes)) => match self.session.pong(&bytes).await {
                Ok(()) => ControlFlow::Continue(()),
                Err(_) => ControlFlow::Break(None),
            },
            Ok(AggregatedMessage::Pong(_)) => ControlFlow::Continue(()),
            Ok(AggregatedMessage::Close(_)) => ControlFlow::Break(None),
            Err(err) => ControlFlow::Break(self.unreadable(&err)),
        }
    }

    /// How to close over a frame that could not be read: too big, or not WebSocket.
    fn unreadable(&self, err: &actix_ws::ProtocolError) -> Option<CloseReason> {
        let too_big = matches!(err, actix_ws::ProtocolError::Overflow)
            || err.to_string().contains("maximum continuation size");
        if !too_big {
            return closing(1002, &format!("not a WebSocket frame: {err}"));
        }
        let most = self.sockets.limits.max_ws_message_bytes;
        let refusal = Refusal::new(
            Reason::MessageBytes,
            format!("a message is over {most} bytes (max-ws-message-bytes)"),
        );
        self.sockets.refused(&refusal);
        closing(close::TOO_BIG, &refusal.message)
    }

    async fn on_incoming(&mut self, protocol: Protocol, incoming: Incoming) -> Flow {
        match incoming {
            Incoming::Init(_) if self.caller.is_some() => ControlFlow::Break(closing(
                close::TOO_MANY_INITS,
                "Too many initialisation requests",
            )),
            Incoming::Init(payload) => {
                let caller = init::caller(&payload, &self.sockets.tokens);
                // A private server answers readers only, over a socket as over HTTP.
                if self.sockets.private && !caller.may(Role::Reader) {
                    return ControlFlow::Break(closing(close::FORBIDDEN, "Forbidden"));
                }
                self.caller = Some(caller);
                self.send(protocol.ack()).await
            }
            Incoming::Ping(payload) => self.send(protocol.pong(payload)).await,
            Incoming::Pong => ControlFlow::Continue(()),
            Incoming::Start { id, request } => self.start(protocol, id, *request).await,
            Incoming::Stop(id) => match self.running.remove(&id) {
                Some((_, task)) => {
                    task.abort();
                    if protocol.confirms_stop() {
                        self.send(protocol.complete(&id)).await
                    } else {
                        ControlFlow::Continue(())
                    }
                }
                None => ControlFlow::Continue(()),
            },
            Incoming::Terminate => ControlFlow::Break(closing(1000, "terminated")),
        }
    }

    /// Starts operation `id`, or refuses it: closing the connection when it is not
    /// initialised or the id is taken (as the protocol says), with an error for the
    /// operation alone when it breaks a limit.
    async fn start(
        &mut self,
        protocol: Protocol,
        id: String,
        request: async_graphql::Request,
    ) -> Flow {
        let Some(caller) = self.caller.clone() else {
            return ControlFlow::Break(closing(close::UNAUTHORIZED, "Unauthorized"));
        };
        if self.running.contains_key(&id) {
            let reason = format!("Subscriber for {id} already exists");
            return ControlFlow::Break(closing(close::DUPLICATE_ID, &reason));
        }
        let most = self.sockets.limits.max_subscriptions_per_connection;
        if self.running.len() >= most {
            let refusal = Refusal::new(
                Reason::Subscriptions,
                format!(
                    "this connection runs {most} operations, its most (max-subscriptions-per-connection); complete one first"
                ),
            );
            let error = self.sockets.refused(&refusal);
            return self.send(protocol.error(&id, &[error])).await;
        }
        let ready = match operation::prepare(&self.sockets, self.client, caller, request) {
            Ok(ready) => ready,
            Err(errors) => return self.send(protocol.error(&id, &errors)).await,
        };
        self.serial += 1;
        let (sockets, outbox, serial) =
            (Arc::clone(&self.sockets), self.outbox.clone(), self.serial);
        let task_id = id.clone();
        let task = actix_web::rt::spawn(async move {
            operation::run(&sockets, ready, task_id, serial, outbox).await;
        });
        self.running.insert(id, (serial, task));
        ControlFlow::Continue(())
    }

    /// Sends what an operation said, unless the client has stopped it meanwhile.
    async fn on_result(&mut self, protocol: Protocol, sent: Sent) -> Flow {
        let current = self
            .running
            .get(&sent.id)
            .is_some_and(|(serial, _)| *serial == sent.serial);
        if !current {
            return ControlFlow::Continue(());
        }
        let message = match &sent.output {
            Output::Next(response) => protocol.next(&sent.id, response),
            Output::Error(errors) => protocol.error(&sent.id, errors),
            Output::Complete => protocol.complete(&sent.id),
        };
        if !matches!(sent.output, Output::Next(_)) {
            self.running.remove(&sent.id);
        }
        self.send(message).await
    }

    /// Sends one message. A client that reads nothing for two keep-alive periods fills the
    /// socket's buffers and is closed, rather than holding the connection (and the results
    /// of its operations) forever.
    async fn send(&mut self, message: String) -> Flow {
        let patience = self.sockets.limits.ws_keepalive() * 2;
        match tokio::time::timeout(patience, self.session.text(message)).await {
            Ok(Ok(())) => ControlFlow::Continue(()),
            Ok(Err(_)) => ControlFlow::Break(None),
            Err(_) => ControlFlow::Break(closing(
                close::TIMEOUT,
                "timeout: the client reads nothing of what is sent",
            )),
        }
    }
}

/// A close frame with `code` and `reason`, the reason cut to what a frame holds.
fn closing(code: u16, reason: &str) -> Option<CloseReason> {
    let mut end = reason.len().min(MAX_CLOSE_REASON);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    Some(CloseReason::from((CloseCode::from(code), &reason[..end])))
}
