//! Admin authentication: a bearer token compared in constant time.

use crate::error::{ApiError, ApiResult};
use async_graphql::Context;
use subtle::ConstantTimeEq;

/// Whether the request carried the admin token; put in the request data by the HTTP layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// No token, or a wrong one.
    Anonymous,
    /// The configured admin token.
    Admin,
}

impl Caller {
    /// Classifies an `Authorization` header value against the configured token. With no
    /// token configured nobody is admin: mutations are closed, never open.
    pub fn from_header(header: Option<&str>, admin_token: Option<&str>) -> Caller {
        let (Some(header), Some(expected)) = (header, admin_token) else {
            return Caller::Anonymous;
        };
        let Some(given) = header.strip_prefix("Bearer ") else {
            return Caller::Anonymous;
        };
        if bool::from(given.trim().as_bytes().ct_eq(expected.as_bytes())) {
            Caller::Admin
        } else {
            Caller::Anonymous
        }
    }
}

/// Fails with UNAUTHENTICATED unless the request carried the admin token.
pub fn require_admin(ctx: &Context<'_>) -> ApiResult<()> {
    match ctx.data::<Caller>() {
        Ok(Caller::Admin) => Ok(()),
        _ => Err(ApiError::Unauthenticated(
            "mutations need `Authorization: Bearer <admin token>`",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_configured_token_is_admin() {
        assert_eq!(
            Caller::from_header(Some("Bearer s3cret"), Some("s3cret")),
            Caller::Admin
        );
        assert_eq!(
            Caller::from_header(Some("Bearer wrong"), Some("s3cret")),
            Caller::Anonymous
        );
        assert_eq!(
            Caller::from_header(Some("s3cret"), Some("s3cret")),
            Caller::Anonymous
        );
        assert_eq!(Caller::from_header(None, Some("s3cret")), Caller::Anonymous);
        assert_eq!(
            Caller::from_header(Some("Bearer "), None),
            Caller::Anonymous
        );
    }
}
