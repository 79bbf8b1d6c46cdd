//! Counts across the corpus: who is quoted, which countries go together, mentions by month.

use super::{Country, Person};
use crate::error::ApiResult;
use crate::graphql::context::{load, load_all_required};
use crate::graphql::loaders::{MonthlyMentions, SpeakersAbout};
use async_graphql::{Context, SimpleObject};
use quotegraph_domain::PersonId;
use quotegraph_storage::EntityKey;

/// A person and how many statements they made.
#[derive(SimpleObject, Clone)]
pub struct SpeakerCount {
    /// The person.
    pub person: Person,
    /// How many of their statements count.
    pub statements: u64,
}

/// A country and how many articles name it together with another.
#[derive(SimpleObject, Clone)]
pub struct CountryCount {
    /// The country.
    pub country: Country,
    /// Articles that mention both.
    pub articles: u64,
}

/// Mentions of an entity in one month of publication.
#[derive(SimpleObject, Clone)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Articles published that month that mention it.
    pub articles: u64,
    /// How many times those articles mention it.
    pub mentions: u64,
}

/// The largest `first` for aggregate lists.
pub const MAX_AGGREGATE: usize = 100;

/// People with counts, their records loaded in one batch, the first `first`.
pub async fn speaker_counts(
    ctx: &Context<'_>,
    counts: Vec<(PersonId, u64)>,
    first: usize,
) -> ApiResult<Vec<SpeakerCount>> {
    let counts: Vec<(PersonId, u64)> = counts.into_iter().take(first.min(MAX_AGGREGATE)).collect();
    let people = load_all_required(ctx, counts.iter().map(|(id, _)| *id).collect()).await?;
    Ok(people
        .into_iter()
        .zip(counts)
        .map(|(p, (_, n))| SpeakerCount {
            person: Person(p),
            statements: n,
        })
        .collect())
}

/// The people quoted in articles mentioning `entity`, most first.
pub async fn speakers_about(
    ctx: &Context<'_>,
    entity: EntityKey,
    first: usize,
) -> ApiResult<Vec<SpeakerCount>> {
    let counts = load(ctx, SpeakersAbout(entity)).await?.unwrap_or_default();
    speaker_counts(ctx, counts, first).await
}

/// `entity`'s mentions per month, oldest first.
pub async fn mentions_by_month(ctx: &Context<'_>, entity: EntityKey) -> ApiResult<Vec<MonthCount>> {
    let months = load(ctx, MonthlyMentions(entity))
        .await?
        .unwrap_or_default();
    Ok(months
        .into_iter()
        .map(|m| MonthCount {
            month: m.month,
            articles: m.articles,
            mentions: m.mentions,
        })
        .collect())
}
