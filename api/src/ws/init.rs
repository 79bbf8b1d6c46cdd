//! The rights of a WebSocket connection, from its `connection_init` payload: an
//! `Authorization` (or `authorization`) entry holding `Bearer <token>`, as a header would,
//! or a `token` entry holding the token itself. Nothing else gives a connection rights.

use crate::graphql::auth::Caller;
use crate::tokens::Tokens;
use serde_json::Value;

/// The caller a `connection_init` payload makes the connection.
pub fn caller(payload: &Value, tokens: &Tokens) -> Caller {
    let entry = |name: &str| payload.get(name).and_then(Value::as_str);
    let header = entry("Authorization")
        .or_else(|| entry("authorization"))
        .map(str::to_owned)
        .or_else(|| {
            entry("token").map(|token| match token.strip_prefix("Bearer ") {
                Some(_) => token.to_owned(),
                None => format!("Bearer {token}"),
            })
        });
    Caller::from_header(header.as_deref(), tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::Role;
    use serde_json::json;

    #[test]
    fn the_token_is_read_from_any_of_its_entries_and_only_there() {
        let admin = Tokens::default()
            .with_admin_token("s3cret")
            .expect("one admin token");
        let admin = &admin;
        let is_admin = |c: Caller| {
            matches!(
                c,
                Caller::Token {
                    role: Role::Admin,
                    ..
                }
            )
        };
        for payload in [
            json!({ "Authorization": "Bearer s3cret" }),
            json!({ "authorization": "Bearer s3cret" }),
            json!({ "token": "s3cret" }),
            json!({ "token": "Bearer s3cret" }),
        ] {
            assert!(is_admin(caller(&payload, admin)), "{payload}");
        }
        for payload in [
            json!({ "Authorization": "s3cret" }),
            json!({ "token": "wrong" }),
            json!({ "headers": { "Authorization": "Bearer s3cret" } }),
            json!(null),
            json!("Bearer s3cret"),
        ] {
            assert_eq!(caller(&payload, admin), Caller::Anonymous, "{payload}");
        }
        assert_eq!(
            caller(&json!({ "token": "s3cret" }), &Tokens::default()),
            Caller::Anonymous
        );
    }
}
