//! People: aliases, titles, and the people of a country.

use super::{LoadResult, StorageLoader, group_by};
use async_graphql::dataloader::Loader;
use quotegraph_domain::*;
use quotegraph_storage::{Page, PageRequest, StorageError};
use std::collections::HashMap;
use std::sync::Arc;

list_of!(
    /// A person's aliases.
    AliasesOf(PersonId) => PersonAlias, aliases_of
);
list_of!(
    /// A person's titles.
    RolesOf(PersonId) => PersonRole, roles_of
);

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
