//! Mentions: an article's mentions, and what is said and mentioned around an entity.

use super::{LoadResult, StorageLoader};
use async_graphql::dataloader::Loader;
use quotegraph_domain::*;
use quotegraph_storage::{EntityKey, MonthCount, StorageError};
use std::sync::Arc;

list_of!(
    /// An article's mentions.
    MentionsOf(ArticleId) => Mention, mentions_of
);
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
