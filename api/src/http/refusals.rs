//! Why a request was refused before it ran, what the client sees for each reason, and how
//! many were refused for each, for /metrics.

use actix_web::http::StatusCode;
use std::sync::atomic::{AtomicU64, Ordering};

/// A limit a request broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Too many field selections after fragment expansion.
    Selections,
    /// Fields nested too deep, through fragments.
    Depth,
    /// Too many aliased fields.
    Aliases,
    /// Too many directives on one selection.
    Directives,
    /// Too many lexical tokens.
    Tokens,
    /// Brackets or fragment spreads nested deeper than the parser is allowed to go.
    Nesting,
    /// A fragment that spreads itself, directly or through others.
    FragmentCycle,
    /// A document of too many bytes.
    DocumentBytes,
    /// Too many variables sent or declared.
    Variables,
    /// A POST body of too many bytes.
    BodyBytes,
    /// A GET URL of too many bytes.
    UrlBytes,
    /// A request that ran longer than allowed and was cancelled.
    Timeout,
    /// Every in-flight place was taken for longer than a request waits.
    InFlight,
    /// A client over its request rate.
    Rate,
    /// A client with its most WebSocket connections open.
    Sockets,
    /// A WebSocket connection with its most operations running.
    Subscriptions,
    /// A WebSocket message of too many bytes.
    MessageBytes,
}

impl Reason {
    /// Every reason, in the order /metrics lists them.
    pub const ALL: [Reason; 17] = [
        Reason::Selections,
        Reason::Depth,
        Reason::Aliases,
        Reason::Directives,
        Reason::Tokens,
        Reason::Nesting,
        Reason::FragmentCycle,
        Reason::DocumentBytes,
        Reason::Variables,
        Reason::BodyBytes,
        Reason::UrlBytes,
        Reason::Timeout,
        Reason::InFlight,
        Reason::Rate,
        Reason::Sockets,
        Reason::Subscriptions,
        Reason::MessageBytes,
    ];

    /// The `reason` label in /metrics, also given to the client as `extensions.limit`.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Selections => "selections",
            Reason::Depth => "depth",
            Reason::Aliases => "aliases",
            Reason::Directives => "directives",
            Reason::Tokens => "tokens",
            Reason::Nesting => "nesting",
            Reason::FragmentCycle => "fragment_cycle",
            Reason::DocumentBytes => "document_bytes",
            Reason::Variables => "variables",
            Reason::BodyBytes => "body_bytes",
            Reason::UrlBytes => "url_bytes",
            Reason::Timeout => "timeout",
            Reason::InFlight => "in_flight",
            Reason::Rate => "rate",
            Reason::Sockets => "sockets",
            Reason::Subscriptions => "subscriptions",
            Reason::MessageBytes => "message_bytes",
        }
    }

    /// The `extensions.code`: a fragment cycle makes a document invalid, the rest are limits.
    pub fn code(self) -> &'static str {
        match self {
            Reason::FragmentCycle => "BAD_USER_INPUT",
            _ => "LIMIT_EXCEEDED",
        }
    }

    /// The HTTP status for refusals about the transport rather than the document; `None`
    /// for a document refused as a GraphQL request error (400, or 200 for legacy JSON).
    pub fn status(self) -> Option<StatusCode> {
        match self {
            Reason::BodyBytes => Some(StatusCode::PAYLOAD_TOO_LARGE),
            Reason::UrlBytes => Some(StatusCode::URI_TOO_LONG),
            Reason::Rate | Reason::Sockets => Some(StatusCode::TOO_MANY_REQUESTS),
            Reason::InFlight | Reason::Timeout => Some(StatusCode::SERVICE_UNAVAILABLE),
            _ => None,
        }
    }

    fn index(self) -> usize {
        Reason::ALL
            .iter()
            .position(|reason| *reason == self)
            .unwrap_or_default()
    }
}

/// A refused request: which limit, and a message that names it and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The limit broken.
    pub reason: Reason,
    /// What the client reads.
    pub message: String,
}

impl Refusal {
    /// A refusal for `reason` saying `message`.
    pub fn new(reason: Reason, message: impl Into<String>) -> Self {
        Refusal {
            reason,
            message: message.into(),
        }
    }
}

/// How many requests were refused, per reason.
#[derive(Debug, Default)]
pub struct Refusals([AtomicU64; Reason::ALL.len()]);

impl Refusals {
    /// Counts one refusal for `reason`.
    pub fn count(&self, reason: Reason) {
        self.0[reason.index()].fetch_add(1, Ordering::Relaxed);
    }

    /// The counters in Prometheus text format.
    pub fn prometheus(&self) -> String {
        let mut text = String::from(
            "# HELP quotegraph_refusals_total GraphQL requests refused before running, by the limit they broke.\n\
             # TYPE quotegraph_refusals_total counter\n",
        );
        for reason in Reason::ALL {
            let count = self.0[reason.index()].load(Ordering::Relaxed);
            text.push_str(&format!(
                "quotegraph_refusals_total{{reason=\"{}\"}} {count}\n",
                reason.label()
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_is_counted_under_its_own_label() {
        let refusals = Refusals::default();
        refusals.count(Reason::Selections);
        refusals.count(Reason::Selections);
        refusals.count(Reason::Rate);
        let text = refusals.prometheus();
        assert!(text.contains("quotegraph_refusals_total{reason=\"selections\"} 2\n"));
        assert!(text.contains("quotegraph_refusals_total{reason=\"rate\"} 1\n"));
        assert!(text.contains("quotegraph_refusals_total{reason=\"depth\"} 0\n"));
        assert_eq!(text.matches("quotegraph_refusals_total{").count(), 17);
    }
}
