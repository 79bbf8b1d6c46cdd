//! quotegraph's storage: SeaORM entities, migrations and repositories over SQLite (the
//! embedded default) and PostgreSQL. It owns every SQL statement; callers get domain types.

mod columns;
mod connect;
mod convert;
mod entity;
mod error;
pub mod events;
mod literal_limits;
pub mod migration;
mod paging;
mod repo;
mod tally;
mod write;

pub use connect::Storage;
pub use error::StorageError;
pub use events::{Change, Missed, Subscription};
pub use paging::{Page, PageRequest};
pub use repo::*;

/// The result type of every storage call.
pub type StorageResult<T> = Result<T, StorageError>;
