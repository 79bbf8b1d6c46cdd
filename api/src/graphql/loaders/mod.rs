//! DataLoaders: every relation a resolver follows is loaded here, batched by key type, so
//! the SQL a request runs grows with the depth of the query, not with the rows it returns.
//!
//! One `StorageLoader` serves every key type; `DataLoader` queues each type separately.
//! Paged relations group their keys by (filter, page) and run one windowed query per group.

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::futures_util::future::BoxFuture;
use quotegraph_domain::*;
use quotegraph_storage::{
    ArticleFilter, EntityKey, MentionedBy, MonthCount, Page, PageRequest, StatementFilter,
    StatementsOf, Storage, StorageError,
};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

/// Loads through storage; shared error type so one failure reaches every waiting key.
pub struct StorageLoader {
    storage: Storage,
}

/// The per-request loader. Created for each request so nothing is cached across requests.
pub type Loaders = DataLoader<StorageLoader>;

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
        Some(delay) => DataLoader::new(loader, tokio::spawn)
            .delay(delay)
            .max_batch_size(2_048),
        None => DataLoader::new(loader, spawn_after_resolvers)
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

list_of!(
    /// A person's aliases.
    AliasesOf(PersonId) => PersonAlias, aliases_of
);
list_of!(
    /// A person's titles.
    RolesOf(PersonId) => PersonRole, roles_of
);
list_of!(
    /// An article's mentions.
    MentionsOf(ArticleId) => Mention, mentions_of
);
list_of!(
    /// An agreement's parties.
    PartiesOf(AgreementId) => AgreementParty, parties_of
);
list_of!(
    /// An agreement's status history.
    StatusHistoryOf(AgreementId) => StatusChange, status_history_of
);
list_of!(
    /// The agreements a country is party to.
    AgreementsOfCountry(CountryCode) => AgreementParty, party_of_agreements
);

/// Groups keys that share everything but their parent, so each group is one query.
fn group_by<K, G: Hash + Eq, P>(keys: &[K], split: impl Fn(&K) -> (G, P)) -> HashMap<G, Vec<P>> {
    let mut groups: HashMap<G, Vec<P>> = HashMap::new();
    for key in keys {
        let (group, parent) = split(key);
        groups.entry(group).or_default().push(parent);
    }
    groups
}

/// A page of statements of one article or speaker.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementPage {
    /// Articles or speakers.
    pub of: StatementsOf,
    /// The article or person id.
    pub parent: i64,
    /// Which statements.
    pub filter: StatementFilter,
    /// Which slice.
    pub page: PageRequest,
}

/// How many statements one article or speaker has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementCount {
    /// Articles or speakers.
    pub of: StatementsOf,
    /// The article or person id.
    pub parent: i64,
    /// Which statements.
    pub filter: StatementFilter,
}

impl Loader<StatementPage> for StorageLoader {
    type Value = Page<Statement>;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[StatementPage]) -> LoadResult<StatementPage, Page<Statement>> {
        let mut out = HashMap::new();
        for ((of, filter, page), parents) in
            group_by(keys, |k| ((k.of, k.filter.clone(), k.page), k.parent))
        {
            let mut found = self
                .storage
                .statements_of(of, &parents, &filter, &page)
                .await
                .map_err(Arc::new)?;
            for parent in parents {
                let value = found.remove(&parent).unwrap_or_default();
                out.insert(
                    StatementPage {
                        of,
                        parent,
                        filter: filter.clone(),
                        page,
                    },
                    value,
                );
            }
        }
        Ok(out)
    }
}

impl Loader<StatementCount> for StorageLoader {
    type Value = u64;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[StatementCount]) -> LoadResult<StatementCount, u64> {
        let mut out = HashMap::new();
        for ((of, filter), parents) in group_by(keys, |k| ((k.of, k.filter.clone()), k.parent)) {
            let found = self
                .storage
                .count_statements_of(of, &parents, &filter)
                .await
                .map_err(Arc::new)?;
            for parent in parents {
                let count = found.get(&parent).copied().unwrap_or(0);
                out.insert(
                    StatementCount {
                        of,
                        parent,
                        filter: filter.clone(),
                    },
                    count,
                );
            }
        }
        Ok(out)
    }
}

/// Whose articles a paged relation lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArticlesOf {
    /// Published by a source.
    Source(SourceId),
    /// Mentioning a country.
    Country(CountryCode),
    /// Mentioning an organization, agreement or person.
    Mentioning(MentionedBy, i64),
}

/// The kind of parent, without its key: what a batch of parents has in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ArticleParentKind {
    Source,
    Country,
    Mentioning(MentionedBy),
}

impl ArticlesOf {
    fn kind(&self) -> ArticleParentKind {
        match self {
            ArticlesOf::Source(_) => ArticleParentKind::Source,
            ArticlesOf::Country(_) => ArticleParentKind::Country,
            ArticlesOf::Mentioning(by, _) => ArticleParentKind::Mentioning(*by),
        }
    }
}

/// A page of articles of one parent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArticlePage {
    /// The parent.
    pub of: ArticlesOf,
    /// Which articles.
    pub filter: ArticleFilter,
    /// Which slice.
    pub page: PageRequest,
}

/// How many articles one parent has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArticleCount {
    /// The parent.
    pub of: ArticlesOf,
    /// Which articles.
    pub filter: ArticleFilter,
}

impl ArticlesOf {
    fn source(&self) -> Option<SourceId> {
        match self {
            ArticlesOf::Source(id) => Some(*id),
            _ => None,
        }
    }

    fn country(&self) -> Option<CountryCode> {
        match self {
            ArticlesOf::Country(code) => Some(code.clone()),
            _ => None,
        }
    }

    fn mentioned(&self) -> Option<i64> {
        match self {
            ArticlesOf::Mentioning(_, id) => Some(*id),
            _ => None,
        }
    }
}

/// The keys of one kind of parent.
fn keys<T>(parents: &[ArticlesOf], pick: impl Fn(&ArticlesOf) -> Option<T>) -> Vec<T> {
    parents.iter().filter_map(pick).collect()
}

/// Results keyed by raw parent keys, keyed again by parent.
fn rekey<K, V>(found: HashMap<K, V>, parent: impl Fn(K) -> ArticlesOf) -> HashMap<ArticlesOf, V> {
    found.into_iter().map(|(k, v)| (parent(k), v)).collect()
}

impl StorageLoader {
    async fn article_pages(
        &self,
        kind: ArticleParentKind,
        parents: &[ArticlesOf],
        filter: &ArticleFilter,
        page: &PageRequest,
    ) -> Result<HashMap<ArticlesOf, Page<Article>>, StorageError> {
        let s = &self.storage;
        Ok(match kind {
            ArticleParentKind::Source => {
                let ids = keys(parents, ArticlesOf::source);
                rekey(
                    s.articles_of_sources(&ids, filter, page).await?,
                    ArticlesOf::Source,
                )
            }
            ArticleParentKind::Country => {
                let codes = keys(parents, ArticlesOf::country);
                rekey(
                    s.articles_mentioning_countries(&codes, filter, page)
                        .await?,
                    ArticlesOf::Country,
                )
            }
            ArticleParentKind::Mentioning(by) => {
                let ids = keys(parents, ArticlesOf::mentioned);
                rekey(s.articles_mentioning(by, &ids, filter, page).await?, |id| {
                    ArticlesOf::Mentioning(by, id)
                })
            }
        })
    }

    async fn article_counts(
        &self,
        kind: ArticleParentKind,
        parents: &[ArticlesOf],
        filter: &ArticleFilter,
    ) -> Result<HashMap<ArticlesOf, u64>, StorageError> {
        let s = &self.storage;
        Ok(match kind {
            ArticleParentKind::Source => {
                let ids = keys(parents, ArticlesOf::source);
                rekey(
                    s.count_articles_of_sources(&ids, filter).await?,
                    ArticlesOf::Source,
                )
            }
            ArticleParentKind::Country => {
                let codes = keys(parents, ArticlesOf::country);
                rekey(
                    s.count_articles_mentioning_countries(&codes, filter)
                        .await?,
                    ArticlesOf::Country,
                )
            }
            ArticleParentKind::Mentioning(by) => {
                let ids = keys(parents, ArticlesOf::mentioned);
                rekey(s.count_articles_mentioning(by, &ids, filter).await?, |id| {
                    ArticlesOf::Mentioning(by, id)
                })
            }
        })
    }
}

impl Loader<ArticlePage> for StorageLoader {
    type Value = Page<Article>;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[ArticlePage]) -> LoadResult<ArticlePage, Page<Article>> {
        let mut out = HashMap::new();
        for ((kind, filter, page), parents) in group_by(keys, |k| {
            ((k.of.kind(), k.filter.clone(), k.page), k.of.clone())
        }) {
            let mut found = self
                .article_pages(kind, &parents, &filter, &page)
                .await
                .map_err(Arc::new)?;
            for of in parents {
                let value = found.remove(&of).unwrap_or_default();
                out.insert(
                    ArticlePage {
                        of,
                        filter: filter.clone(),
                        page,
                    },
                    value,
                );
            }
        }
        Ok(out)
    }
}

impl Loader<ArticleCount> for StorageLoader {
    type Value = u64;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[ArticleCount]) -> LoadResult<ArticleCount, u64> {
        let mut out = HashMap::new();
        for ((kind, filter), parents) in
            group_by(keys, |k| ((k.of.kind(), k.filter.clone()), k.of.clone()))
        {
            let found = self
                .article_counts(kind, &parents, &filter)
                .await
                .map_err(Arc::new)?;
            for of in parents {
                let count = found.get(&of).copied().unwrap_or(0);
                out.insert(
                    ArticleCount {
                        of,
                        filter: filter.clone(),
                    },
                    count,
                );
            }
        }
        Ok(out)
    }
}

/// A page of the people of one country.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PeoplePage {
    /// The country.
    pub country: CountryCode,
    /// Which slice.
    pub page: PageRequest,
}

/// How many people one country has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PeopleCount(pub CountryCode);

impl Loader<PeoplePage> for StorageLoader {
    type Value = Page<Person>;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[PeoplePage]) -> LoadResult<PeoplePage, Page<Person>> {
        let mut out = HashMap::new();
        for (page, codes) in group_by(keys, |k| (k.page, k.country.clone())) {
            let mut found = self
                .storage
                .people_of_countries(&codes, &page)
                .await
                .map_err(Arc::new)?;
            for country in codes {
                let value = found.remove(&country).unwrap_or_default();
                out.insert(PeoplePage { country, page }, value);
            }
        }
        Ok(out)
    }
}

impl Loader<PeopleCount> for StorageLoader {
    type Value = u64;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[PeopleCount]) -> LoadResult<PeopleCount, u64> {
        let codes: Vec<CountryCode> = keys.iter().map(|k| k.0.clone()).collect();
        let found = self
            .storage
            .count_people_of_countries(&codes)
            .await
            .map_err(Arc::new)?;
        Ok(keys
            .iter()
            .map(|k| (k.clone(), found.get(&k.0).copied().unwrap_or(0)))
            .collect())
    }
}

/// The statement of an article that holds a character offset (where a search matched).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementAt(pub ArticleId, pub usize);

impl Loader<StatementAt> for StorageLoader {
    type Value = Statement;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[StatementAt]) -> LoadResult<StatementAt, Statement> {
        let places: Vec<(ArticleId, usize)> = keys.iter().map(|k| (k.0, k.1)).collect();
        let found = self
            .storage
            .statements_at(&places)
            .await
            .map_err(Arc::new)?;
        Ok(found
            .into_iter()
            .map(|((article, at), s)| (StatementAt(article, at), s))
            .collect())
    }
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

per_entity!(
    /// An entity's mentions per month.
    MonthlyMentions => Vec<MonthCount>, mentions_by_month_of
);
per_entity!(
    /// The people quoted in articles that mention an entity, with counts.
    SpeakersAbout => Vec<(PersonId, u64)>, speakers_about_of
);

/// The countries mentioned together with a country, with counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CoMentioned(pub CountryCode);

impl Loader<CoMentioned> for StorageLoader {
    type Value = Vec<(String, u64)>;
    type Error = Arc<StorageError>;

    async fn load(&self, keys: &[CoMentioned]) -> LoadResult<CoMentioned, Vec<(String, u64)>> {
        let codes: Vec<String> = keys.iter().map(|k| k.0.as_str().to_owned()).collect();
        let mut found = self
            .storage
            .co_mentioned_countries(&codes)
            .await
            .map_err(Arc::new)?;
        Ok(keys
            .iter()
            .map(|k| (k.clone(), found.remove(k.0.as_str()).unwrap_or_default()))
            .collect())
    }
}
