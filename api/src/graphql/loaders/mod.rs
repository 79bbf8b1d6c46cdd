//! DataLoaders: every relation a resolver follows is loaded here, batched by key type, so
//! the SQL a request runs grows with the depth of the query, not with the rows it returns.
//!
//! One `StorageLoader` serves every key type; `DataLoader` queues each type separately.
//! Paged relations group their keys by (filter, page) and run one windowed query per group.
//! The key types live beside the entity they load, one file each.

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use async_graphql::futures_util::future::BoxFuture;
use quotegraph_domain::*;
use quotegraph_storage::{Storage, StorageError};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

/// Loads through storage; shared error type so one failure reaches every waiting key.
pub struct StorageLoader {
    storage: Storage,
}

/// The per-request loader. Created for each request so nothing is cached across requests;
/// within one, rows read by a join are fed to it so resolvers below do not read them again.
pub type Loaders = DataLoader<StorageLoader, HashMapCache>;

/// How many times a batch lets the request's resolvers run before it loads. Sibling
/// resolvers are polled in rounds of at most 32 (the fairness budget of `FuturesUnordered`),
/// so this covers levels of up to 32 × 64 = 2,048 keys; bigger levels split into batches.
const BATCH_YIELDS: usize = 64;

/// A fresh loader for one request.
///
/// Batching does not wait on a clock (async-graphql's default waits 1 ms at every level of
/// every request, and still splits a level whose resolvers take longer than that to queue
/// their keys). Each batch instead yields to the scheduler until the request's resolvers,
/// which run on the same single-threaded actix worker, have had their turns to queue keys,
/// then loads at once.
///
/// `clock_delay` switches to async-graphql's own batching (spawn, wait that long, load),
/// kept so the two can be measured against each other (BENCHMARKS.md).
pub fn loaders(storage: Storage, clock_delay: Option<Duration>) -> Loaders {
    let loader = StorageLoader { storage };
    match clock_delay {
        Some(delay) => DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
            .delay(delay)
            .max_batch_size(2_048),
        None => DataLoader::with_cache(loader, spawn_after_resolvers, HashMapCache::default())
            .delay(Duration::ZERO)
            .max_batch_size(2_048),
    }
}

fn spawn_after_resolvers(batch: BoxFuture<'static, ()>) {
    tokio::spawn(async move {
        for _ in 0..BATCH_YIELDS {
            tokio::task::yield_now().await;
        }
        batch.await;
    });
}

type LoadResult<K, V> = Result<HashMap<K, V>, Arc<StorageError>>;

macro_rules! by_key {
    ($key:ty => $value:ty, $method:ident) => {
        impl Loader<$key> for StorageLoader {
            type Value = $value;
            type Error = Arc<StorageError>;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, $value> {
                self.storage.$method(keys).await.map_err(Arc::new)
            }
        }
    };
}

by_key!(ArticleId => Article, articles_by_ids);
by_key!(PersonId => Person, people_by_ids);
by_key!(SourceId => Source, sources_by_ids);
by_key!(StatementId => Statement, statements_by_ids);
by_key!(CountryCode => Country, countries_by_codes);
by_key!(OrganizationId => Organization, organizations_by_ids);
by_key!(AgreementId => Agreement, agreements_by_ids);

/// Lists owned by one parent, loaded whole.
macro_rules! list_of {
    ($(#[$doc:meta])* $name:ident($parent:ty) => $value:ty, $method:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(pub $parent);

        impl Loader<$name> for StorageLoader {
            type Value = Vec<$value>;
            type Error = Arc<StorageError>;

            async fn load(&self, keys: &[$name]) -> LoadResult<$name, Vec<$value>> {
                let parents: Vec<$parent> = keys.iter().map(|k| k.0.clone()).collect();
                let mut found = self.storage.$method(&parents).await.map_err(Arc::new)?;
                Ok(keys.iter().map(|k| (k.clone(), found.remove(&k.0).unwrap_or_default())).collect())
            }
        }
    };
}

/// Lists keyed by a mentioned entity, loaded for many entities at once.
macro_rules! per_entity {
    ($(#[$doc:meta])* $name:ident => $value:ty, $method:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(pub EntityKey);

        impl Loader<$name> for StorageLoader {
            type Value = $value;
            type Error = Arc<StorageError>;

            async fn load(&self, keys: &[$name]) -> LoadResult<$name, $value> {
                let entities: Vec<EntityKey> = keys.iter().map(|k| k.0.clone()).collect();
                let mut found = self.storage.$method(&entities).await.map_err(Arc::new)?;
                Ok(keys.iter().map(|k| (k.clone(), found.remove(&k.0).unwrap_or_default())).collect())
            }
        }
    };
}

/// Groups keys that share everything but their parent, so each group is one query.
fn group_by<K, G: Hash + Eq, P>(keys: &[K], split: impl Fn(&K) -> (G, P)) -> HashMap<G, Vec<P>> {
    let mut groups: HashMap<G, Vec<P>> = HashMap::new();
    for key in keys {
        let (group, parent) = split(key);
        groups.entry(group).or_default().push(parent);
    }
    groups
}

mod agreements;
mod articles;
mod mentions;
mod people;
mod statements;

pub use agreements::{AgreementsOfCountry, PartiesOf, StatusHistoryOf};
pub use articles::{ArticleCount, ArticlePage, ArticlesOf, HeadOf};
pub use mentions::{CoMentioned, MentionsOf, MonthlyMentions, SpeakersAbout};
pub use people::{AliasesOf, PeopleCount, PeoplePage, RolesOf};
pub use statements::{OriginalOf, StatementAt, StatementCount, StatementPage};
