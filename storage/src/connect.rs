//! Connecting: a SQLite file (created, WAL) or PostgreSQL, migrated and seeded on start.

use crate::migration::Migrator;
use crate::{StorageResult, repo};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};
use sea_orm_migration::MigratorTrait;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A handle on the database; cheap to clone and shared by every request.
#[derive(Clone, Debug)]
pub struct Storage {
    pub(crate) db: DatabaseConnection,
    statements: Arc<AtomicU64>,
}

impl Storage {
    /// Connects to `url` (`sqlite://file.db`, `sqlite::memory:`, `postgres://…`), creating a
    /// missing SQLite file, without migrating.
    #[tracing::instrument(skip_all, fields(backend = backend_name(url)))]
    pub async fn connect(url: &str) -> StorageResult<Self> {
        let url = sqlite_create_mode(url);
        let mut options = ConnectOptions::new(url.clone());
        options
            .max_connections(if url.starts_with("sqlite") { 4 } else { 16 })
            .min_connections(1)
            .connect_timeout(Duration::from_secs(10))
            .sqlx_logging(false);
        let mut db = Database::connect(options).await?;
        let statements = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&statements);
        db.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(
                target: "quotegraph::sql",
                elapsed_us = info.elapsed.as_micros() as u64,
                failed = info.failed,
                sql = %info.statement.sql,
                "statement"
            );
        });
        if db.get_database_backend() == DbBackend::Sqlite {
            // WAL lets readers proceed while an import writes; a busy timeout makes a second
            // writer wait its turn instead of failing.
            db.execute_unprepared("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;")
                .await?;
        }
        Ok(Self { db, statements })
    }

    /// Connects, applies pending migrations and loads the country catalogue if it is missing.
    pub async fn connect_and_migrate(url: &str) -> StorageResult<Self> {
        let storage = Self::connect(url).await?;
        storage.migrate().await?;
        Ok(storage)
    }

    /// Applies pending migrations and seeds reference data (idempotent).
    #[tracing::instrument(skip(self))]
    pub async fn migrate(&self) -> StorageResult<()> {
        Migrator::up(&self.db, None).await?;
        repo::seed_countries(&self.db).await?;
        Ok(())
    }

    /// How many SQL statements this handle has run since it was opened.
    pub fn statements_run(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self.db.get_database_backend() {
            DbBackend::Postgres => "postgres",
            DbBackend::MySql => "mysql",
            _ => "sqlite",
        }
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> StorageResult<()> {
        self.db.ping().await.map_err(Into::into)
    }
}

fn backend_name(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    }
}

/// SQLite URLs open read-write-create unless they say otherwise, so the file appears on
/// first start.
fn sqlite_create_mode(url: &str) -> String {
    if url.starts_with("sqlite:") && !url.contains("mode=") && !url.contains(":memory:") {
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}mode=rwc")
    } else {
        url.to_owned()
    }
}
