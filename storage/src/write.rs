//! The write path: every write is one transaction run by [`Storage::write`].
//!
//! On SQLite there is one writer connection. Writers queue for it in arrival order and open
//! their transaction with `BEGIN IMMEDIATE`, which takes the file's write lock at once: a
//! transaction that reads before it writes can then never find, at its first write, that
//! another connection wrote in between (SQLITE_BUSY / SQLITE_BUSY_SNAPSHOT), and a writer
//! in another process is waited for (busy timeout) instead of failing.
//!
//! On PostgreSQL many servers write to one database. Each write transaction first takes
//! one transaction-scoped advisory lock ([`WRITE_LOCK`]), so writers there take turns too:
//! every article written updates the whole-table counts (`crate::tally`), so concurrent
//! write transactions would wait for each other from their first insert to their commit
//! anyway; the lock makes that order explicit, rules out deadlocks between the rows they
//! share, and lets a bulk writer trust the names it read at the start of its batch, as
//! on SQLite. A transaction that still fails on a transient error (a serialization
//! failure, a unique violation from a writer outside quotegraph) is rolled back and run
//! again from the start, a bounded number of times.

use crate::events::Change;
use crate::{Storage, StorageResult};
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, IsolationLevel, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use std::future::Future;
use std::hash::{BuildHasher, RandomState};
use std::pin::Pin;
use std::time::Duration;

/// The work of one write transaction: a future borrowing the transaction and the input.
pub(crate) type TxFuture<'c, T> = Pin<Box<dyn Future<Output = StorageResult<T>> + Send + 'c>>;

/// How many times a write transaction is run before its last error is returned.
pub(crate) const WRITE_ATTEMPTS: u32 = 8;

/// The key of the PostgreSQL advisory lock every write transaction holds (`qgwrite`).
pub(crate) const WRITE_LOCK: i64 = 0x0071_6777_7269_7465;

/// Raises the data version (`m0009_data_version`) in a transaction about to commit, so
/// readers that keep results know they are out of date.
const RAISE_DATA_VERSION: &str = "UPDATE data_version SET version = version + 1";

/// The longest pause before running a transaction again (before jitter).
const MAX_BACKOFF: Duration = Duration::from_millis(200);

impl Storage {
    /// Runs `work` over `input` in one write transaction and commits it; on an error it is
    /// rolled back, and run again when the error was a lost race (see the module doc).
    pub(crate) async fn write<I, T, F>(&self, input: &I, work: F) -> StorageResult<T>
    where
        I: Sync + ?Sized,
        T: Send,
        F: for<'c> Fn(&'c DatabaseTransaction, &'c I) -> TxFuture<'c, T> + Sync,
    {
        self.write_announced(input, work, |_| Vec::new()).await
    }

    /// Runs `work` like [`Storage::write`], and announces the changes `announced` reads off
    /// its outcome to subscribers: notified inside the transaction on PostgreSQL (delivered
    /// at commit), broadcast after the commit on SQLite (see [`crate::events`]).
    pub(crate) async fn write_announced<I, T, F, A>(
        &self,
        input: &I,
        work: F,
        announced: A,
    ) -> StorageResult<T>
    where
        I: Sync + ?Sized,
        T: Send,
        F: for<'c> Fn(&'c DatabaseTransaction, &'c I) -> TxFuture<'c, T> + Sync,
        A: Fn(&T) -> Vec<Change> + Sync,
    {
        let mut attempt = 1;
        loop {
            match self.write_once(input, &work, &announced).await {
                Err(err) if attempt < WRITE_ATTEMPTS && err.is_transient() => {
                    tracing::debug!(attempt, error = %err, "a write lost a race; running it again");
                    tokio::time::sleep(backoff(attempt)).await;
                    attempt += 1;
                }
                Err(err) if err.is_transient() => {
                    tracing::warn!(attempts = attempt, error = %err, "a write lost every race");
                    return Err(err);
                }
                outcome => return outcome,
            }
        }
    }

    async fn write_once<I, T, F, A>(&self, input: &I, work: &F, announced: &A) -> StorageResult<T>
    where
        I: Sync + ?Sized,
        T: Send,
        F: for<'c> Fn(&'c DatabaseTransaction, &'c I) -> TxFuture<'c, T> + Sync,
        A: Fn(&T) -> Vec<Change> + Sync,
    {
        // Held until the transaction has ended, so the next writer finds the connection free.
        let _turn = match &self.write_queue {
            Some(queue) => Some(queue.lock().await),
            None => None,
        };
        let tx = self.writer.begin_with_options(self.write_options()).await?;
        if tx.get_database_backend() == DbBackend::Postgres {
            tx.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
                .await?;
        }
        let done: StorageResult<(T, Vec<Change>)> = async {
            let value = work(&tx, input).await?;
            tx.execute_unprepared(RAISE_DATA_VERSION).await?;
            let changes = announced(&value);
            self.events.notify(&tx, &changes).await?;
            Ok((value, changes))
        }
        .await;
        match done {
            Ok((value, changes)) => {
                tx.commit().await?;
                self.events.committed(changes);
                Ok(value)
            }
            Err(err) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!(error = %rollback, "rolling back a failed write failed");
                }
                Err(err)
            }
        }
    }

    fn write_options(&self) -> TransactionOptions {
        match self.writer.get_database_backend() {
            DbBackend::Sqlite => TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..TransactionOptions::default()
            },
            // Said, not assumed from the server's default: the names a transaction creates
            // race-free (insert, or read what a concurrent one inserted) need each statement
            // to see what other transactions committed before it.
            _ => TransactionOptions {
                isolation_level: Some(IsolationLevel::ReadCommitted),
                ..TransactionOptions::default()
            },
        }
    }
}

/// The pause before attempt `attempt + 1`: doubling from 5 ms up to [`MAX_BACKOFF`], plus
/// up to as much again at random, so transactions that collided do not collide again.
fn backoff(attempt: u32) -> Duration {
    let base = Duration::from_millis(5u64 << attempt.min(6)).min(MAX_BACKOFF);
    let jitter = RandomState::new().hash_one(attempt) % (base.as_micros() as u64 + 1);
    base + Duration::from_micros(jitter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_bounded() {
        assert!(backoff(1) >= Duration::from_millis(10));
        assert!(backoff(1) <= Duration::from_millis(20));
        for attempt in 1..=WRITE_ATTEMPTS * 4 {
            assert!(backoff(attempt) <= MAX_BACKOFF * 2);
        }
    }
}
