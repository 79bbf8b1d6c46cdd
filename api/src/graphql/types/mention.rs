//! What an article mentions: people, countries, organizations and agreements, each with
//! how often and where first.

use super::{Agreement, Country, Organization, Person};
use crate::error::ApiResult;
use crate::graphql::context::{load, load_all_required};
use crate::graphql::loaders::{MentionsOf, StorageLoader};
use async_graphql::dataloader::Loader;
use async_graphql::{Context, Object, SimpleObject};
use quotegraph_domain::{ArticleId, EntityRef, Mention};
use quotegraph_storage::StorageError;
use std::sync::Arc;

/// The entities one article mentions, in order of first occurrence.
pub struct ArticleMentions(pub ArticleId);

impl ArticleMentions {
    async fn all(&self, ctx: &Context<'_>) -> ApiResult<Vec<Mention>> {
        Ok(load(ctx, MentionsOf(self.0)).await?.unwrap_or_default())
    }
}

/// A country mentioned by an article.
#[derive(SimpleObject)]
pub struct CountryMention {
    /// The country.
    pub country: Country,
    /// How many times the article names it.
    pub count: u32,
    /// Character offset of the first mention in the body.
    pub first_offset: usize,
}

/// A person mentioned by an article (every speaker is).
#[derive(SimpleObject)]
pub struct PersonMention {
    /// The person.
    pub person: Person,
    /// How many times the article names them.
    pub count: u32,
    /// Character offset of the first mention in the body.
    pub first_offset: usize,
}

/// An organization mentioned by an article.
#[derive(SimpleObject)]
pub struct OrganizationMention {
    /// The organization.
    pub organization: Organization,
    /// How many times the article names it.
    pub count: u32,
    /// Character offset of the first mention in the body.
    pub first_offset: usize,
}

/// An agreement mentioned by an article.
#[derive(SimpleObject)]
pub struct AgreementMention {
    /// The agreement.
    pub agreement: Agreement,
    /// How many times the article names it.
    pub count: u32,
    /// Character offset of the first mention in the body.
    pub first_offset: usize,
}

/// The mentions of one kind, with their entities loaded in one batch.
async fn resolved<K, V, T>(
    ctx: &Context<'_>,
    mentions: Vec<Mention>,
    key: impl Fn(EntityRef) -> Option<K>,
    make: impl Fn(V, &Mention) -> T,
) -> ApiResult<Vec<T>>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + std::fmt::Debug + 'static,
    V: Send + Sync + Clone + 'static,
    StorageLoader: Loader<K, Value = V, Error = Arc<StorageError>>,
{
    let (keys, kept): (Vec<K>, Vec<Mention>) = mentions
        .into_iter()
        .filter_map(|m| Some((key(m.entity.clone())?, m)))
        .unzip();
    let values = load_all_required(ctx, keys).await?;
    Ok(values
        .into_iter()
        .zip(&kept)
        .map(|(v, m)| make(v, m))
        .collect())
}

/// The entities one article mentions, in order of first occurrence.
#[Object]
impl ArticleMentions {
    /// Countries mentioned.
    async fn countries(&self, ctx: &Context<'_>) -> ApiResult<Vec<CountryMention>> {
        let key = |e| {
            if let EntityRef::Country(code) = e {
                Some(code)
            } else {
                None
            }
        };
        resolved(ctx, self.all(ctx).await?, key, |c, m| CountryMention {
            country: Country(c),
            count: m.count,
            first_offset: m.first_offset,
        })
        .await
    }

    /// People mentioned, speakers included.
    async fn people(&self, ctx: &Context<'_>) -> ApiResult<Vec<PersonMention>> {
        let key = |e| {
            if let EntityRef::Person(id) = e {
                Some(id)
            } else {
                None
            }
        };
        resolved(ctx, self.all(ctx).await?, key, |p, m| PersonMention {
            person: Person(p),
            count: m.count,
            first_offset: m.first_offset,
        })
        .await
    }

    /// Organizations mentioned.
    async fn organizations(&self, ctx: &Context<'_>) -> ApiResult<Vec<OrganizationMention>> {
        let key = |e| {
            if let EntityRef::Organization(id) = e {
                Some(id)
            } else {
                None
            }
        };
        resolved(ctx, self.all(ctx).await?, key, |o, m| OrganizationMention {
            organization: Organization(o),
            count: m.count,
            first_offset: m.first_offset,
        })
        .await
    }

    /// Agreements mentioned.
    async fn agreements(&self, ctx: &Context<'_>) -> ApiResult<Vec<AgreementMention>> {
        let key = |e| {
            if let EntityRef::Agreement(id) = e {
                Some(id)
            } else {
                None
            }
        };
        resolved(ctx, self.all(ctx).await?, key, |a, m| AgreementMention {
            agreement: Agreement(a),
            count: m.count,
            first_offset: m.first_offset,
        })
        .await
    }
}
