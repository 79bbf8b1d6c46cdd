//! Relay global ids: `base64("Type:key")`, opaque to clients, stable across servers.

use crate::error::{ApiError, ApiResult};
use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use quotegraph_storage::AuditTarget;

/// The kinds of node a global id can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An article.
    Article,
    /// A person.
    Person,
    /// A statement.
    Statement,
    /// A source.
    Source,
    /// A country (keyed by ISO code).
    Country,
    /// An organization.
    Organization,
    /// An agreement.
    Agreement,
}

impl NodeKind {
    fn name(self) -> &'static str {
        match self {
            NodeKind::Article => "Article",
            NodeKind::Person => "Person",
            NodeKind::Statement => "Statement",
            NodeKind::Source => "Source",
            NodeKind::Country => "Country",
            NodeKind::Organization => "Organization",
            NodeKind::Agreement => "Agreement",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        [
            NodeKind::Article,
            NodeKind::Person,
            NodeKind::Statement,
            NodeKind::Source,
            NodeKind::Country,
            NodeKind::Organization,
            NodeKind::Agreement,
        ]
        .into_iter()
        .find(|kind| kind.name() == name)
    }
}

/// The global id of a node.
pub fn global_id(kind: NodeKind, key: impl std::fmt::Display) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{key}", kind.name())))
}

/// The global id of a node the audit log names: the id clients know it by.
pub fn audit_node_id(target: AuditTarget) -> String {
    match target {
        AuditTarget::Article(id) => global_id(NodeKind::Article, id.0).0,
        AuditTarget::Person(id) => global_id(NodeKind::Person, id.0).0,
        AuditTarget::Statement(id) => global_id(NodeKind::Statement, id.0).0,
    }
}

/// Splits a global id given in `field` into its kind and key.
pub fn parse_global_id(field: &str, id: &ID) -> ApiResult<(NodeKind, String)> {
    let invalid =
        || ApiError::bad_input(field, format!("`{}` is not a quotegraph id", id.as_str()));
    let bytes = URL_SAFE_NO_PAD
        .decode(id.as_bytes())
        .map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (kind, key) = text.split_once(':').ok_or_else(invalid)?;
    Ok((NodeKind::parse(kind).ok_or_else(invalid)?, key.to_owned()))
}

/// A global id given in `field` that must name a node of `kind` with a numeric key.
pub fn parse_numeric_id(field: &str, id: &ID, kind: NodeKind) -> ApiResult<i64> {
    let (found, key) = parse_global_id(field, id)?;
    if found != kind {
        return Err(ApiError::bad_input(
            field,
            format!("expected the id of a {}", kind.name()),
        ));
    }
    key.parse()
        .map_err(|_| ApiError::bad_input(field, "malformed id"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_reject_other_kinds() {
        let id = global_id(NodeKind::Article, 42);
        assert_eq!(parse_numeric_id("id", &id, NodeKind::Article).unwrap(), 42);
        assert!(parse_numeric_id("id", &id, NodeKind::Person).is_err());
        assert!(parse_global_id("id", &ID("not base64!".into())).is_err());
    }
}
