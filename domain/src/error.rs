//! Validation errors: every rejected input names the field it came from.

use std::fmt;

/// An input that broke a rule; `field` is the path of the offending input field
/// (for example `statements[2].span`), so a client can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError {
    /// Path of the offending field, in the client's terms (`title`, `statements[0].text`).
    pub field: String,
    /// What is wrong with it, in plain words.
    pub message: String,
}

impl ValidationError {
    /// A validation error on `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same error with its field nested under `parent` (`span` becomes `statements[1].span`).
    pub fn under(self, parent: &str) -> Self {
        Self {
            field: format!("{parent}.{}", self.field),
            message: self.message,
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
