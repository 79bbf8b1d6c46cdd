//! Storage errors. Each variant says what the API's client ends up seeing.

use quotegraph_domain::ValidationError;
use sea_orm::{DbErr, SqlErr};

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The input refers to something that does not exist or breaks a rule only the database
    /// can check (an unknown country code). Client sees BAD_USER_INPUT naming the field.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The write would clash with stored data (a URL already used by other content).
    /// Client sees CONFLICT with this message.
    #[error("{0}")]
    Conflict(String),
    /// Stored data could not be read back into the model (a bug or a hand-edited row).
    /// Client sees INTERNAL; the detail is only logged.
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// The database failed. Client sees INTERNAL; the detail is only logged.
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

impl StorageError {
    /// Whether the underlying database error is a unique-constraint violation.
    pub(crate) fn is_unique_violation(&self) -> bool {
        matches!(self, StorageError::Database(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))))
    }
}
