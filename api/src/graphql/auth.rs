//! Who is calling: the named token the request carried and its role. Mutations check the
//! role they need here and name the caller in the audit log.

use crate::error::{ApiError, ApiResult};
use crate::graphql::ids::audit_node_id;
use crate::tokens::{Role, Tokens};
use async_graphql::Context;
use quotegraph_storage::Audit;

/// The caller of a request; put in the request data by the HTTP layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// No token, or one that is not configured.
    Anonymous,
    /// A configured token.
    Token {
        /// Its name, which the audit log records.
        name: String,
        /// What it may do.
        role: Role,
    },
}

impl Caller {
    /// Classifies an `Authorization` header value against the configured tokens. With no
    /// token configured everybody is anonymous: changes are closed, never open.
    pub fn from_header(header: Option<&str>, tokens: &Tokens) -> Caller {
        let Some(given) = header.and_then(|h| h.strip_prefix("Bearer ")) else {
            return Caller::Anonymous;
        };
        match tokens.identify(given.trim()) {
            Some((name, role)) => Caller::Token {
                name: name.to_owned(),
                role,
            },
            None => Caller::Anonymous,
        }
    }

    /// The same caller with at most `role`'s rights.
    pub fn at_most(self, role: Role) -> Caller {
        match self {
            Caller::Token { name, role: had } => Caller::Token {
                name,
                role: had.min(role),
            },
            Caller::Anonymous => Caller::Anonymous,
        }
    }

    /// Whether this caller may do what `role` may.
    pub fn may(&self, role: Role) -> bool {
        matches!(self, Caller::Token { role: had, .. } if *had >= role)
    }
}

/// The name of the caller's token, when its role is at least `role`: UNAUTHENTICATED
/// without a known token, FORBIDDEN with one whose role is not enough.
pub fn require<'a>(ctx: &Context<'a>, role: Role) -> ApiResult<&'a str> {
    match ctx.data::<Caller>() {
        Ok(Caller::Token { name, role: had }) if *had >= role => Ok(name),
        Ok(Caller::Token { role: had, .. }) => Err(ApiError::Forbidden(format!(
            "this needs an {} token; yours is {}",
            role.as_str(),
            article(*had)
        ))),
        _ => Err(ApiError::Unauthenticated(match role {
            Role::Reader => "this needs `Authorization: Bearer <token>`",
            Role::Editor => {
                "this needs `Authorization: Bearer <token>` with an editor or admin token"
            }
            Role::Admin => "this needs `Authorization: Bearer <token>` with an admin token",
        })),
    }
}

fn article(role: Role) -> &'static str {
    match role {
        Role::Reader => "a reader token",
        Role::Editor => "an editor token",
        Role::Admin => "an admin token",
    }
}

/// Checks that the caller's role is at least `role` and returns how `mutation` is recorded
/// in the audit log (the caller's token name as the actor).
pub fn audit(ctx: &Context<'_>, role: Role, mutation: &'static str) -> ApiResult<Audit> {
    let actor = require(ctx, role)?;
    Ok(Audit {
        actor: actor.to_owned(),
        mutation,
        node_id: audit_node_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::hash_token;

    fn tokens() -> Tokens {
        Tokens::parse(&format!("ed:editor:{}", hash_token("e-secret")))
            .and_then(|t| t.with_admin_token("s3cret"))
            .unwrap()
    }

    #[test]
    fn only_configured_bearer_tokens_are_callers() {
        let tokens = tokens();
        assert_eq!(
            Caller::from_header(Some("Bearer s3cret"), &tokens),
            Caller::Token {
                name: "admin".into(),
                role: Role::Admin
            }
        );
        assert_eq!(
            Caller::from_header(Some("Bearer e-secret"), &tokens),
            Caller::Token {
                name: "ed".into(),
                role: Role::Editor
            }
        );
        for header in [Some("Bearer wrong"), Some("s3cret"), Some("Bearer "), None] {
            assert_eq!(Caller::from_header(header, &tokens), Caller::Anonymous);
        }
        assert_eq!(
            Caller::from_header(Some("Bearer s3cret"), &Tokens::default()),
            Caller::Anonymous
        );
    }

    #[test]
    fn a_capped_caller_keeps_its_name_and_loses_rights() {
        let admin = Caller::from_header(Some("Bearer s3cret"), &tokens());
        let capped = admin.at_most(Role::Reader);
        assert!(capped.may(Role::Reader) && !capped.may(Role::Editor));
        assert!(!Caller::Anonymous.may(Role::Reader));
    }
}
