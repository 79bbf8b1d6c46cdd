//! Storage errors. Each variant says what the API's client ends up seeing.

use quotegraph_domain::ValidationError;
use sea_orm::{DbErr, RuntimeErr};

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
    /// Nothing has the id a correction names. Client sees NOT_FOUND with this message.
    #[error("{0}")]
    NotFound(String),
    /// Stored data could not be read back into the model (a bug or a hand-edited row).
    /// Client sees INTERNAL; the detail is only logged.
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// The database failed. Client sees INTERNAL; the detail is only logged.
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

impl StorageError {
    /// Whether the transaction failed only because a concurrent one got there first, so
    /// that running it again can succeed: on PostgreSQL a unique violation (a name created
    /// at the same moment), a serialization failure or a deadlock; on SQLite a lock still
    /// held by another process when the busy timeout ran out. A unique violation on SQLite
    /// is not one: its writes are serialised, so no concurrent writer can have caused it.
    pub(crate) fn is_transient(&self) -> bool {
        let StorageError::Database(err) = self else {
            return false;
        };
        match database_code(err).as_deref() {
            Some("23505" | "40001" | "40P01") => true,
            // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes (517 BUSY_SNAPSHOT …).
            Some(code) => code.parse::<u32>().is_ok_and(|n| matches!(n & 0xff, 5 | 6)),
            None => false,
        }
    }
}

/// The code the database gave the error: SQLSTATE on PostgreSQL, the extended result
/// code on SQLite.
fn database_code(err: &DbErr) -> Option<String> {
    let (DbErr::Exec(RuntimeErr::SqlxError(e))
    | DbErr::Query(RuntimeErr::SqlxError(e))
    | DbErr::Conn(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    match e.as_ref() {
        sea_orm::sqlx::Error::Database(db) => db.code().map(|code| code.into_owned()),
        _ => None,
    }
}
