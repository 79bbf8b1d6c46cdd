//! Connecting: a SQLite file (created, WAL, one writer connection beside a pool of readers)
//! or PostgreSQL, migrated and seeded on start.

use crate::events::{Events, Subscription};
use crate::migration::Migrator;
use crate::repo::{DEFAULT_SEARCH_CACHE_HITS, RankingCache};
use crate::{StorageResult, repo};
use sea_orm::sqlx::postgres::{PgConnectOptions, PgSslMode};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
};
use sea_orm_migration::MigratorTrait;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How long a SQLite connection waits for a lock another process holds (another server or
/// `quotegraph import` on the same file) before giving up with "database is locked".
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How many times opening a SQLite file is tried while another server opens it too: the
/// switch of a new file to WAL fails at once with "database is locked", without waiting
/// for the busy timeout.
const SQLITE_OPEN_ATTEMPTS: u32 = 20;

/// The wait before the next attempt grows by this much each time.
const SQLITE_OPEN_BACKOFF: Duration = Duration::from_millis(25);

/// Read connections to a SQLite file. Readers never wait for the writer in WAL mode. Each
/// runs its statements on a thread of its own and hands rows to the request's task, so a
/// request spends part of its time waiting on hand-offs: more connections than cores keep
/// both busy (8 against 4 took SQLite's share of idle from 18% to 7% under load on 2 cores;
/// BENCHMARKS.md).
const SQLITE_READERS: u32 = 8;

/// Connections to PostgreSQL, shared by reads and writes.
const POSTGRES_CONNECTIONS: u32 = 16;

/// A pooled PostgreSQL connection idle this long is pinged before it is handed out: the
/// server, a proxy or a firewall may have dropped it. sqlx's default pings at every
/// checkout, a round trip before each statement; a connection in use is known to be alive.
const POSTGRES_PING_AFTER_IDLE: Duration = Duration::from_secs(30);

/// The key of the PostgreSQL advisory lock that lets one server at a time migrate.
const MIGRATION_LOCK: i64 = 0x7167_6d69_6772_6174; // "qgmigrat"

/// A handle on the database; cheap to clone and shared by every request.
#[derive(Clone, Debug)]
pub struct Storage {
    /// Where reads go: on SQLite a pool of read-only connections, on PostgreSQL the pool.
    pub(crate) db: DatabaseConnection,
    /// Where writes go, through [`Storage::write`]: on SQLite one connection, on
    /// PostgreSQL the same pool as reads.
    pub(crate) writer: DatabaseConnection,
    /// On SQLite, writers queue here (first come, first served) for the one connection,
    /// so a write waits its turn however long the queue is, instead of timing out.
    pub(crate) write_queue: Option<Arc<tokio::sync::Mutex<()>>>,
    /// Where committed writes are announced, and subscribers hear of them.
    pub(crate) events: Events,
    /// Search rankings kept until the data changes.
    pub(crate) search_cache: Arc<RankingCache>,
    statements: Arc<AtomicU64>,
}

impl Storage {
    /// Connects to `url` (`sqlite://file.db`, `sqlite::memory:`, `postgres://…`), creating a
    /// missing SQLite file, without migrating.
    #[tracing::instrument(skip_all, fields(backend = backend_name(url)))]
    pub async fn connect(url: &str) -> StorageResult<Self> {
        let statements = Arc::new(AtomicU64::new(0));
        if !url.starts_with("sqlite:") {
            let db = open(postgres_options(url), &statements).await?;
            return Ok(Self {
                writer: db.clone(),
                db,
                write_queue: None,
                events: Events::postgres(url),
                search_cache: default_search_cache(),
                statements,
            });
        }
        let url = sqlite_create_mode(url);
        // The writer opens first: it switches the file to WAL, which readers then share.
        let writer = open_sqlite(&url, SqliteRole::Writer, &statements).await?;
        // Every connection to `:memory:` is a database of its own: there, one does all.
        let db = if url.contains(":memory:") {
            writer.clone()
        } else {
            open_sqlite(&url, SqliteRole::Reader, &statements).await?
        };
        Ok(Self {
            db,
            writer,
            write_queue: Some(Arc::new(tokio::sync::Mutex::new(()))),
            events: Events::local(),
            search_cache: default_search_cache(),
            statements,
        })
    }

    /// Connects, applies pending migrations and loads the country catalogue if it is missing.
    pub async fn connect_and_migrate(url: &str) -> StorageResult<Self> {
        let storage = Self::connect(url).await?;
        storage.migrate().await?;
        Ok(storage)
    }

    /// Applies pending migrations and seeds reference data (idempotent), in one write
    /// transaction: servers starting together on one database migrate it one at a time,
    /// and the later ones find it done.
    #[tracing::instrument(skip(self))]
    pub async fn migrate(&self) -> StorageResult<()> {
        self.write(&(), |tx, ()| Box::pin(migrate_in(tx))).await
    }

    /// Keeps at most `hits` search results between requests (0: none), in place of the
    /// default [`DEFAULT_SEARCH_CACHE_HITS`].
    pub fn with_search_cache(mut self, hits: usize) -> Self {
        self.search_cache = Arc::new(RankingCache::new(hits));
        self
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

    /// Hears every article and statement committed from now on, by any server on this
    /// database (see [`crate::events`]).
    pub async fn subscribe(&self) -> StorageResult<Subscription> {
        self.events.subscribe().await
    }

    /// How many subscriptions of this handle are listening.
    pub fn subscribers(&self) -> usize {
        self.events.subscribers()
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> StorageResult<()> {
        self.db.ping().await.map_err(Into::into)
    }

    /// Brings PostgreSQL's planner statistics up to date, for after a bulk load: without
    /// them it plans the first searches of a freshly loaded database as if it were empty
    /// (a first search past 10 s at 100,000 articles) until autovacuum catches up. SQLite
    /// keeps no statistics here: its plans come from the indexes alone, and every query
    /// was measured that way (BENCHMARKS.md).
    pub async fn refresh_statistics(&self) -> StorageResult<()> {
        if self.db.get_database_backend() == DbBackend::Postgres {
            self.writer.execute_unprepared("ANALYZE").await?;
        }
        Ok(())
    }

    /// Brings PostgreSQL's statistics of the tables a bulk write looks rows up in
    /// (`LOOKED_UP_TABLES`) up to date, for during a load that grows them. A table that
    /// has never been analyzed is planned as a few wide rows, so the batch's look-up of
    /// its content hashes in `articles` stays a sequential scan, comparing every stored
    /// row with every hash of the batch, however large the table grows (autovacuum would
    /// refresh them, but may be off or behind a bulk load). The tables the load only
    /// inserts into are left for [`Storage::refresh_statistics`] at its end.
    pub async fn refresh_lookup_statistics(&self) -> StorageResult<()> {
        if self.db.get_database_backend() == DbBackend::Postgres {
            self.writer
                .execute_unprepared(&format!("ANALYZE {LOOKED_UP_TABLES}"))
                .await?;
        }
        Ok(())
    }
}

/// The tables a bulk write reads before it writes: stored articles by content hash and
/// URL, people by alias, and the titles they were seen with.
const LOOKED_UP_TABLES: &str = "articles, people, person_aliases, person_roles";

fn default_search_cache() -> Arc<RankingCache> {
    Arc::new(RankingCache::new(DEFAULT_SEARCH_CACHE_HITS))
}

async fn migrate_in(tx: &DatabaseTransaction) -> StorageResult<()> {
    if tx.get_database_backend() == DbBackend::Postgres {
        // Held until commit; on SQLite, BEGIN IMMEDIATE already keeps other migrators out.
        tx.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            .await?;
    }
    Migrator::up(tx, None).await?;
    // A load that dropped the search index and was killed before building it again.
    repo::ensure_search_index(tx).await?;
    repo::seed_countries(tx).await
}

/// Opens a pool that counts (and at debug level logs) every statement it runs.
async fn open(
    options: ConnectOptions,
    statements: &Arc<AtomicU64>,
) -> StorageResult<DatabaseConnection> {
    let mut db = Database::connect(options).await?;
    let counter = Arc::clone(statements);
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
    Ok(db)
}

/// Opens a SQLite pool, trying again while another process holds the lock it needs.
async fn open_sqlite(
    url: &str,
    role: SqliteRole,
    statements: &Arc<AtomicU64>,
) -> StorageResult<DatabaseConnection> {
    let mut attempt = 1;
    loop {
        match open(sqlite_options(url, role), statements).await {
            Err(e) if attempt < SQLITE_OPEN_ATTEMPTS && is_locked(&e) => {
                tokio::time::sleep(SQLITE_OPEN_BACKOFF * attempt).await;
                attempt += 1;
            }
            opened => return opened,
        }
    }
}

/// Whether SQLite refused for a lock another connection holds.
fn is_locked(error: &crate::error::StorageError) -> bool {
    error.to_string().contains("database is locked")
}

fn pool_options(url: &str, connections: u32) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    options
}

fn postgres_options(url: &str) -> ConnectOptions {
    let mut options = pool_options(url, POSTGRES_CONNECTIONS);
    options.test_before_acquire_if_idle_for(POSTGRES_PING_AFTER_IDLE);
    let url = url.to_owned();
    options.map_sqlx_postgres_opts(move |o: PgConnectOptions| without_tls_on_loopback(&url, o));
    options
}

/// `options` (parsed from `url`) without TLS when they reach a loopback host and neither
/// `url` nor `PGSSLMODE` sets the TLS mode.
pub(crate) fn without_tls_on_loopback(url: &str, options: PgConnectOptions) -> PgConnectOptions {
    let tls_asked = asks_for_tls_mode(url) || std::env::var_os("PGSSLMODE").is_some();
    if !tls_asked && is_loopback(options.get_host()) {
        options.ssl_mode(PgSslMode::Disable)
    } else {
        options
    }
}

/// Whether `url` sets the TLS mode itself (`sslmode` or `ssl-mode`). Without one, a
/// loopback host is reached without TLS: it protects nothing that never leaves the machine
/// and cost 10–17% of the requests/s of the benchmark's busiest question (TLS on both
/// ends of every round trip). Anywhere else sqlx's default (`prefer`) holds.
fn asks_for_tls_mode(url: &str) -> bool {
    let query = url.split_once('?').map_or("", |(_, query)| query);
    query
        .split('&')
        .any(|pair| matches!(pair.split('=').next(), Some("sslmode" | "ssl-mode")))
}

/// `localhost`, or an address of the loopback network (`127.0.0.0/8`, `::1`).
fn is_loopback(host: &str) -> bool {
    let address = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || address
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// What a SQLite pool is for.
#[derive(Clone, Copy)]
enum SqliteRole {
    /// The one connection every write goes through.
    Writer,
    /// Connections that only read (`query_only`: a write sent here fails loudly rather
    /// than competing with the writer for the lock).
    Reader,
}

fn sqlite_options(url: &str, role: SqliteRole) -> ConnectOptions {
    let connections = match role {
        SqliteRole::Writer => 1,
        SqliteRole::Reader => SQLITE_READERS,
    };
    let mut options = pool_options(url, connections);
    // A SQLite connection is a handle in this process: nothing can drop it while it is
    // idle, so the ping sqlx sends at every checkout (a round trip through the
    // connection's thread) tells nothing.
    options.test_before_acquire(false);
    options.map_sqlx_sqlite_opts(move |o: SqliteConnectOptions| {
        let o = o.busy_timeout(SQLITE_BUSY_TIMEOUT).foreign_keys(true);
        match role {
            // NORMAL is durable in WAL mode except for the last commits before a power cut.
            SqliteRole::Writer => o
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal),
            SqliteRole::Reader => o.pragma("query_only", "ON"),
        }
    });
    options
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]

    use super::Storage;
    use sea_orm::ConnectionTrait;

    #[test]
    fn connections_are_pinged_only_when_they_can_have_been_dropped() {
        use super::{POSTGRES_PING_AFTER_IDLE, SqliteRole, postgres_options, sqlite_options};
        let postgres = postgres_options("postgres://127.0.0.1/db");
        assert!(!postgres.get_test_before_acquire());
        assert_eq!(
            postgres.get_test_before_acquire_if_idle_for(),
            Some(POSTGRES_PING_AFTER_IDLE)
        );
        for role in [SqliteRole::Writer, SqliteRole::Reader] {
            let sqlite = sqlite_options("sqlite://x.db", role);
            assert!(!sqlite.get_test_before_acquire());
            assert_eq!(sqlite.get_test_before_acquire_if_idle_for(), None);
        }
    }

    #[test]
    fn tls_is_left_out_only_on_loopback_and_only_unless_asked_for() {
        use super::{asks_for_tls_mode, is_loopback};
        for host in ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["db.example.org", "10.0.0.7", "::2", "localhost.example.org"] {
            assert!(!is_loopback(host), "{host}");
        }
        assert!(asks_for_tls_mode(
            "postgres://u@127.0.0.1/db?sslmode=require"
        ));
        assert!(asks_for_tls_mode(
            "postgres://u@127.0.0.1/db?a=1&ssl-mode=prefer"
        ));
        assert!(!asks_for_tls_mode("postgres://u@127.0.0.1/db"));
        assert!(!asks_for_tls_mode(
            "postgres://u@127.0.0.1/db?application_name=sslmode"
        ));
    }

    #[tokio::test]
    async fn on_sqlite_only_the_writer_writes() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}/quotegraph.db", dir.path().display());
        let storage = Storage::connect_and_migrate(&url)
            .await
            .expect("the database opens");
        let insert = "INSERT INTO sources (name, name_hans, name_key) VALUES ('甲', '甲', '甲')";
        assert!(
            storage.db.execute_unprepared(insert).await.is_err(),
            "a write sent to a reader fails instead of competing for the lock"
        );
        storage
            .writer
            .execute_unprepared(insert)
            .await
            .expect("the writer writes");
        let mode = storage
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                storage.db.get_database_backend(),
                "PRAGMA journal_mode",
            ))
            .await
            .expect("the journal mode is read")
            .expect("a row");
        assert_eq!(mode.try_get_by_index::<String>(0).expect("a mode"), "wal");
    }
}
