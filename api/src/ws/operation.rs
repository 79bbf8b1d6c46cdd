//! One operation a WebSocket client starts: held to the limits a request over HTTP is held
//! to, run with the connection's caller and loaders of its own, its results passed to the
//! connection as they come.

use super::Sockets;
use crate::graphql::auth::Caller;
use crate::graphql::loaders::loaders;
use crate::http::refusals::{Reason, Refusal};
use crate::http::{graphql_http, limits, operation};
use async_graphql::futures_util::StreamExt;
use async_graphql::{Request, Response, ServerError, Value};
use std::net::IpAddr;
use tokio::sync::mpsc;

/// What an operation has to say to its client.
#[derive(Debug)]
pub enum Output {
    /// One result.
    Next(Response),
    /// Refused before it ran; it is over.
    Error(Vec<ServerError>),
    /// No more results.
    Complete,
}

/// An [`Output`] of the operation the client calls `id`, the `serial`-th the connection
/// started, so that what an operation stopped meanwhile still had in flight is dropped.
#[derive(Debug)]
pub struct Sent {
    /// The client's id of the operation.
    pub id: String,
    /// Which operation of that id.
    pub serial: u64,
    /// What it says.
    pub output: Output,
}

/// A request ready to run.
pub struct Ready {
    request: Request,
    subscription: bool,
}

/// Readies `request` from `client`, sent by `caller`: refused (with the errors to send)
/// over the client's rate, over a document limit, or lacking a required variable.
pub fn prepare(
    sockets: &Sockets,
    client: Option<IpAddr>,
    caller: Caller,
    mut request: Request,
) -> Result<Ready, Vec<ServerError>> {
    let limits = &sockets.limits;
    let refused = sockets
        .rate
        .check(client)
        .and_then(|()| limits::check_request(&mut request, limits));
    if let Err(refusal) = refused {
        return Err(vec![sockets.refused(&refusal)]);
    }
    let missing = operation::missing_required_variables(&mut request);
    if !missing.is_empty() {
        return Err(coded(Response::from_errors(missing)).errors);
    }
    let subscription = operation::is_subscription(&mut request);
    let loaders = loaders(sockets.storage.clone(), None);
    // A subscription lives on and a mutation reads what it has just written: neither keeps
    // what it loads (batching stays).
    if subscription || operation::is_mutation(&mut request) {
        loaders.enable_all_cache(false);
    }
    Ok(Ready {
        request: request.data(caller).data(loaders),
        subscription,
    })
}

/// Runs `ready`, sending what it says to `sent` tagged with `id` and `serial`, until it is
/// over or the connection stops listening. A query or mutation is held to the request
/// timeout; a subscription runs until stopped.
pub async fn run(
    sockets: &Sockets,
    ready: Ready,
    id: String,
    serial: u64,
    sent: mpsc::Sender<Sent>,
) {
    let send = |output| {
        sent.send(Sent {
            id: id.clone(),
            serial,
            output,
        })
    };
    if ready.subscription {
        let mut responses = sockets.schema.execute_stream(ready.request);
        let mut first = true;
        while let Some(response) = responses.next().await {
            let response = coded(response);
            let output = if first && refused_at_start(&response) {
                Output::Error(response.errors)
            } else {
                Output::Next(response)
            };
            let over = matches!(output, Output::Error(_));
            // A closed channel: the connection has ended.
            if send(output).await.is_err() || over {
                return;
            }
            first = false;
        }
    } else {
        let timeout = sockets.limits.request_timeout();
        let output =
            match tokio::time::timeout(timeout, sockets.schema.execute(ready.request)).await {
                Ok(response) if graphql_http::is_request_error(&response) => {
                    Output::Error(coded(response).errors)
                }
                Ok(response) => Output::Next(coded(response)),
                Err(_) => {
                    let message = format!(
                        "the request ran longer than {} ms and was cancelled (request-timeout-ms)",
                        sockets.limits.request_timeout_ms
                    );
                    Output::Error(vec![
                        sockets.refused(&Refusal::new(Reason::Timeout, message)),
                    ])
                }
            };
        let over = matches!(output, Output::Error(_));
        if send(output).await.is_err() || over {
            return;
        }
    }
    let _ = send(Output::Complete).await;
}

/// Whether a subscription's first response says that it never started: errors and no
/// data (a request error, or its resolver refused, as for an invalid filter) rather than an
/// event saying that changes may have been missed.
fn refused_at_start(response: &Response) -> bool {
    response.data == Value::Null
        && !response.errors.is_empty()
        && !response.errors.iter().any(|error| {
            error
                .extensions
                .as_ref()
                .and_then(|extensions| extensions.get("code"))
                == Some(&Value::from(crate::error::SUBSCRIBER_LAGGING))
        })
}

/// `response` with an `extensions.code` on every error.
fn coded(mut response: Response) -> Response {
    graphql_http::add_missing_codes(&mut response);
    response
}

/// The error that tells the client about `refusal`: its code, and the limit it broke.
pub fn refusal_error(refusal: &Refusal) -> ServerError {
    let mut error = ServerError::new(refusal.message.clone(), None);
    let extensions = error.extensions.get_or_insert_with(Default::default);
    extensions.set("code", Value::from(refusal.reason.code()));
    extensions.set("limit", Value::from(refusal.reason.label()));
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;

    fn response_with(error: ApiError) -> Response {
        let mut error = async_graphql::Error::from(error).into_server_error(Default::default());
        error.path = vec![async_graphql::PathSegment::Field("statementAdded".into())];
        Response::from_errors(vec![error])
    }

    #[test]
    fn a_refused_start_is_an_error_and_a_lagging_event_is_not() {
        let invalid = response_with(ApiError::bad_input("filter.to", "is before filter.from"));
        assert!(refused_at_start(&invalid));
        let lagging = response_with(ApiError::SubscriberLagging("fell behind".into()));
        assert!(!refused_at_start(&lagging));
        assert!(!refused_at_start(&Response::new(Value::from(1))));
    }
}
