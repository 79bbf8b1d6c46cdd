//! The errors clients see. Every GraphQL error carries `extensions.code`; internal causes
//! are logged with their chain and never sent.
//!
//! Use `ApiError` in resolvers; storage and validation errors convert into it with `?`.
//! `ApiError` deliberately does not implement `Display`: async-graphql turns any `Display`
//! error into a bare message, and that conversion would drop `extensions.code`.

use quotegraph_domain::ValidationError;
use quotegraph_storage::StorageError;
use std::sync::Arc;

/// The `extensions.code` of a subscription event telling that changes may have been missed.
pub const SUBSCRIBER_LAGGING: &str = "SUBSCRIBER_LAGGING";

/// An error as the client sees it.
#[derive(Debug, Clone)]
pub enum ApiError {
    /// An input broke a rule. Client sees BAD_USER_INPUT and `extensions.field`.
    BadUserInput {
        /// Path of the offending input field.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// No token, or one that is not configured. Client sees UNAUTHENTICATED.
    Unauthenticated(&'static str),
    /// A known token whose role is not enough. Client sees FORBIDDEN.
    Forbidden(String),
    /// Nothing with that id or name. Client sees NOT_FOUND.
    NotFound(String),
    /// The write clashes with stored data. Client sees CONFLICT.
    Conflict(String),
    /// A request asked for too much. Client sees LIMIT_EXCEEDED.
    LimitExceeded(String),
    /// A subscription may have missed changes (it fell behind, or the server's listener
    /// reconnected); it goes on. Client sees SUBSCRIBER_LAGGING in a subscription event.
    SubscriberLagging(String),
    /// Something failed inside quotegraph. Client sees INTERNAL and a fixed message.
    Internal,
}

impl ApiError {
    /// A BAD_USER_INPUT error on `field`.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::BadUserInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The message the client sees.
    pub fn message(&self) -> String {
        match self {
            ApiError::BadUserInput { field, message } => format!("{field}: {message}"),
            ApiError::Unauthenticated(message) => (*message).to_owned(),
            ApiError::NotFound(message)
            | ApiError::Forbidden(message)
            | ApiError::Conflict(message)
            | ApiError::LimitExceeded(message)
            | ApiError::SubscriberLagging(message) => message.clone(),
            ApiError::Internal => "internal error".to_owned(),
        }
    }

    /// The `extensions.code` of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadUserInput { .. } => "BAD_USER_INPUT",
            ApiError::Unauthenticated(_) => "UNAUTHENTICATED",
            ApiError::Forbidden(_) => "FORBIDDEN",
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::Conflict(_) => "CONFLICT",
            ApiError::LimitExceeded(_) => "LIMIT_EXCEEDED",
            ApiError::SubscriberLagging(_) => SUBSCRIBER_LAGGING,
            ApiError::Internal => "INTERNAL",
        }
    }
}

impl From<ValidationError> for ApiError {
    fn from(err: ValidationError) -> Self {
        ApiError::BadUserInput {
            field: err.field,
            message: err.message,
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(err: StorageError) -> Self {
        match err {
            StorageError::Invalid(invalid) => invalid.into(),
            StorageError::Conflict(message) => ApiError::Conflict(message),
            StorageError::NotFound(message) => ApiError::NotFound(message),
            internal => {
                tracing::error!(error = %internal, cause = ?internal, "storage failed");
                ApiError::Internal
            }
        }
    }
}

impl From<Arc<StorageError>> for ApiError {
    fn from(err: Arc<StorageError>) -> Self {
        match Arc::try_unwrap(err) {
            Ok(err) => err.into(),
            Err(shared) => match shared.as_ref() {
                StorageError::Invalid(invalid) => invalid.clone().into(),
                StorageError::Conflict(message) => ApiError::Conflict(message.clone()),
                StorageError::NotFound(message) => ApiError::NotFound(message.clone()),
                internal => {
                    tracing::error!(error = %internal, cause = ?internal, "storage failed");
                    ApiError::Internal
                }
            },
        }
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        let mut error = async_graphql::Error::new(err.message());
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("code", err.code());
        if let ApiError::BadUserInput { field, .. } = &err {
            extensions.set("field", field.as_str());
        }
        error
    }
}

/// The result type of resolvers.
pub type ApiResult<T> = Result<T, ApiError>;
