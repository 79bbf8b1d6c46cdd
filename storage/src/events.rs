//! Committed changes, announced to whoever subscribes: the ids of the articles and
//! statements a write stored, never their text (subscribers read what they want of them).
//!
//! On SQLite every writer of the server is in its process, so an in-process broadcast
//! carries the ids once the transaction has committed. On PostgreSQL many servers write to
//! one database: a write sends `NOTIFY quotegraph_changes` inside its transaction, which
//! PostgreSQL delivers only if and when it commits, to every server that listens, this one
//! included. Each server has one listener (started with its first subscriber) that passes
//! what it hears to its own subscribers through the same broadcast, so a subscriber sees
//! the writes of every server alike.
//!
//! A subscriber that falls behind the broadcast's buffer loses the oldest batches and is
//! told so, and so is every subscriber when the listener lost its connection for a moment:
//! a writer never waits for a subscriber.

use crate::connect::without_tls_on_loopback;
use crate::{StorageError, StorageResult};
use quotegraph_domain::{ArticleId, StatementId};
use sea_orm::sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OnceCell, broadcast};

/// The PostgreSQL channel committed changes are announced on.
pub const CHANNEL: &str = "quotegraph_changes";

/// Batches of changes a subscriber may fall behind by before it loses the oldest.
const BUFFER: usize = 1024;

/// Bytes of one notification's payload: PostgreSQL refuses 8000 or more.
const MAX_PAYLOAD: usize = 7_000;

/// The longest pause between attempts to listen again after PostgreSQL refused.
const MAX_RETRY: Duration = Duration::from_secs(30);

/// One committed change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// A new article, with all its statements.
    ArticleAdded(ArticleId),
    /// An article extracted again: its statements with ids from `first` to `last` are new.
    StatementsReplaced {
        /// The article.
        article: ArticleId,
        /// The first new statement's id.
        first: StatementId,
        /// The last new statement's id.
        last: StatementId,
    },
}

/// Why a subscriber may have missed changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missed {
    /// It fell behind by this many batches, which were dropped.
    Lagged(u64),
    /// The server's PostgreSQL listener lost its connection and listens again; what was
    /// committed in between was not heard.
    Reconnected,
}

/// What the broadcast carries.
#[derive(Debug, Clone)]
enum Event {
    Committed(Arc<[Change]>),
    ListenerReconnected,
}

/// Where committed changes go: the broadcast, and on PostgreSQL how to listen.
#[derive(Clone)]
pub(crate) struct Events {
    sender: broadcast::Sender<Event>,
    /// On PostgreSQL: the database URL and the listener, once started.
    postgres: Option<Arc<(String, OnceCell<()>)>>,
}

impl std::fmt::Debug for Events {
    // The URL may carry a password: it is left out.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Events")
            .field("subscribers", &self.sender.receiver_count())
            .field("postgres", &self.postgres.is_some())
            .finish()
    }
}

impl Events {
    /// Events of a SQLite database: in this process only.
    pub(crate) fn local() -> Self {
        Events {
            sender: broadcast::channel(BUFFER).0,
            postgres: None,
        }
    }

    /// Events of the PostgreSQL database at `url`: heard through LISTEN.
    pub(crate) fn postgres(url: &str) -> Self {
        Events {
            sender: broadcast::channel(BUFFER).0,
            postgres: Some(Arc::new((url.to_owned(), OnceCell::new()))),
        }
    }

    /// A new subscriber; on PostgreSQL the first one starts the listener.
    pub(crate) async fn subscribe(&self) -> StorageResult<Subscription> {
        if let Some(postgres) = &self.postgres {
            let (url, started) = postgres.as_ref();
            started
                .get_or_try_init(|| start_listener(url, self.sender.clone()))
                .await?;
        }
        Ok(Subscription {
            receiver: self.sender.subscribe(),
        })
    }

    /// How many subscribers are listening.
    pub(crate) fn subscribers(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Inside the write's transaction, just before it commits: on PostgreSQL, notifies the
    /// channel (delivered at commit, dropped with a rollback); on SQLite nothing yet.
    pub(crate) async fn notify(
        &self,
        tx: &DatabaseTransaction,
        changes: &[Change],
    ) -> StorageResult<()> {
        if self.postgres.is_none() {
            return Ok(());
        }
        for payload in encode(changes) {
            tx.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), payload.into()],
            ))
            .await?;
        }
        Ok(())
    }

    /// After the write committed: on SQLite, tells this process's subscribers; on
    /// PostgreSQL the listener will.
    pub(crate) fn committed(&self, changes: Vec<Change>) {
        if self.postgres.is_none() && !changes.is_empty() {
            // An error only says that no one subscribes.
            let _ = self.sender.send(Event::Committed(changes.into()));
        }
    }
}

/// One subscriber's view of the changes committed from the moment it subscribed.
#[derive(Debug)]
pub struct Subscription {
    receiver: broadcast::Receiver<Event>,
}

impl Subscription {
    /// The next batch of changes, or why some may have been missed; `None` once no more
    /// can come.
    pub async fn next(&mut self) -> Option<Result<Arc<[Change]>, Missed>> {
        match self.receiver.recv().await {
            Ok(Event::Committed(changes)) => Some(Ok(changes)),
            Ok(Event::ListenerReconnected) => Some(Err(Missed::Reconnected)),
            Err(broadcast::error::RecvError::Lagged(batches)) => Some(Err(Missed::Lagged(batches))),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}

/// Connects a listener of its own (not one of the pool's connections, which it would hold
/// for good) and passes what it hears to `sender`, for as long as the process runs.
async fn start_listener(url: &str, sender: broadcast::Sender<Event>) -> StorageResult<()> {
    let options = PgConnectOptions::from_str(url).map_err(listen_error)?;
    // One connection, kept for good, as `PgListener::connect` makes it.
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .max_lifetime(None)
        .idle_timeout(None)
        .connect_with(without_tls_on_loopback(url, options))
        .await
        .map_err(listen_error)?;
    let mut listener = PgListener::connect_with(&pool)
        .await
        .map_err(listen_error)?;
    listener.listen(CHANNEL).await.map_err(listen_error)?;
    tracing::info!(channel = CHANNEL, "listening for committed changes");
    tokio::spawn(pass_on(listener, sender));
    Ok(())
}

async fn pass_on(mut listener: PgListener, sender: broadcast::Sender<Event>) {
    let mut pause = Duration::from_millis(100);
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                pause = Duration::from_millis(100);
                match decode(notification.payload()) {
                    Some(changes) => {
                        let _ = sender.send(Event::Committed(changes.into()));
                    }
                    None => tracing::warn!(
                        payload = notification.payload(),
                        "a notification on {CHANNEL} that is not quotegraph's; ignored"
                    ),
                }
            }
            // sqlx has reconnected (and listens again); what came in between is lost.
            Ok(None) => {
                tracing::warn!("the listener lost its connection to PostgreSQL and reconnected");
                let _ = sender.send(Event::ListenerReconnected);
            }
            Err(err) => {
                tracing::warn!(error = %err, "listening for committed changes failed; trying again");
                let _ = sender.send(Event::ListenerReconnected);
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(MAX_RETRY);
            }
        }
    }
}

fn listen_error(err: sea_orm::sqlx::Error) -> StorageError {
    StorageError::from(sea_orm::DbErr::Conn(sea_orm::RuntimeErr::SqlxError(
        Arc::new(err),
    )))
}

/// The payloads announcing `changes`: space-separated `a<article>` and
/// `r<article>:<first>:<last>`, as many to a payload as fit.
fn encode(changes: &[Change]) -> Vec<String> {
    let mut payloads = Vec::new();
    let mut current = String::new();
    for change in changes {
        let word = match change {
            Change::ArticleAdded(id) => format!("a{}", id.0),
            Change::StatementsReplaced {
                article,
                first,
                last,
            } => format!("r{}:{}:{}", article.0, first.0, last.0),
        };
        if !current.is_empty() && current.len() + 1 + word.len() > MAX_PAYLOAD {
            payloads.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() {
        payloads.push(current);
    }
    payloads
}

/// The changes a payload announces; `None` when it is not one [`encode`] makes.
fn decode(payload: &str) -> Option<Vec<Change>> {
    payload
        .split(' ')
        .map(|word| {
            if let Some(id) = word.strip_prefix('a') {
                return Some(Change::ArticleAdded(ArticleId(id.parse().ok()?)));
            }
            let mut ids = word.strip_prefix('r')?.split(':').map(str::parse::<i64>);
            let (Some(Ok(article)), Some(Ok(first)), Some(Ok(last)), None) =
                (ids.next(), ids.next(), ids.next(), ids.next())
            else {
                return None;
            };
            Some(Change::StatementsReplaced {
                article: ArticleId(article),
                first: StatementId(first),
                last: StatementId(last),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_stay_under_the_limit_and_decode_to_the_changes() {
        let mut changes: Vec<Change> = (1..=3_000)
            .map(|i| Change::ArticleAdded(ArticleId(1_000_000 + i)))
            .collect();
        changes.push(Change::StatementsReplaced {
            article: ArticleId(7),
            first: StatementId(70),
            last: StatementId(79),
        });
        let payloads = encode(&changes);
        assert!(payloads.len() > 1);
        assert!(payloads.iter().all(|p| p.len() <= MAX_PAYLOAD));
        let decoded: Vec<Change> = payloads
            .iter()
            .flat_map(|p| decode(p).unwrap_or_default())
            .collect();
        assert_eq!(decoded, changes);
        assert!(encode(&[]).is_empty());
    }

    #[test]
    fn payloads_not_made_here_are_not_read() {
        for payload in ["", "x1", "a", "a1 r2:3", "r1:2:3:4", "a-x"] {
            assert_eq!(decode(payload), None, "{payload}");
        }
    }

    #[tokio::test]
    async fn on_sqlite_subscribers_hear_commits_and_are_told_when_they_fall_behind() {
        let events = Events::local();
        let mut subscription = events.subscribe().await.unwrap_or_else(|_| unreachable!());
        events.committed(vec![Change::ArticleAdded(ArticleId(1))]);
        events.committed(Vec::new());
        let first = subscription.next().await;
        assert_eq!(
            first.and_then(Result::ok).as_deref(),
            Some(&[Change::ArticleAdded(ArticleId(1))][..])
        );
        for i in 0..(BUFFER as i64 + 5) {
            events.committed(vec![Change::ArticleAdded(ArticleId(i))]);
        }
        assert_eq!(
            subscription.next().await.and_then(Result::err),
            Some(Missed::Lagged(5))
        );
    }
}
