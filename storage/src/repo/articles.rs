//! Reading articles: by id, filtered pages, and pages per source or per mentioned entity.

use super::ArticleFilter;
use super::article_heads::{ArticleHead, heads};
use crate::convert;
use crate::entity::{article, mention};
use crate::paging::{count_all, count_per_parent, fetch_page, fetch_pages_per_parent};
use crate::tally::{Tally, WHOLE_TABLE};
use crate::{Page, PageRequest, Storage, StorageResult};
use quotegraph_domain::{Article, ArticleId, CountryCode, SourceId};
use sea_orm::{
    ColumnTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait, Select,
};
use std::collections::HashMap;

/// The entity whose mentioning articles are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionedBy {
    /// Mentions of organizations.
    Organization,
    /// Mentions of agreements.
    Agreement,
    /// Mentions of people (including every statement they made).
    Person,
}

impl MentionedBy {
    fn column(self) -> mention::Column {
        match self {
            MentionedBy::Organization => mention::Column::OrganizationId,
            MentionedBy::Agreement => mention::Column::AgreementId,
            MentionedBy::Person => mention::Column::PersonId,
        }
    }

    fn tally(self) -> Tally {
        match self {
            MentionedBy::Organization => Tally::MentionsOfOrganization,
            MentionedBy::Agreement => Tally::MentionsOfAgreement,
            MentionedBy::Person => Tally::MentionsOfPerson,
        }
    }
}

/// `tally` when it counts the list `filter` selects: only an unfiltered list is kept.
fn kept_unfiltered(filter: &ArticleFilter, tally: Tally) -> Option<Tally> {
    (*filter == ArticleFilter::default()).then_some(tally)
}

fn filtered(filter: &ArticleFilter) -> Select<article::Entity> {
    article::Entity::find().filter(filter.condition())
}

/// The id a page of mentioning articles is ordered and cut by: the mention's article, equal
/// to the article's id but in the same index as the mentioned entity, so the database walks
/// `(entity, article)` in order and stops at the page instead of sorting every mention.
pub(super) const MENTIONING_ARTICLE: (mention::Entity, mention::Column) =
    (mention::Entity, mention::Column::ArticleId);

pub(super) fn mentioning(filter: &ArticleFilter) -> Select<article::Entity> {
    filtered(filter).join(JoinType::InnerJoin, mention::Relation::Article.def().rev())
}

/// How many articles mention each of `parents` (in `column`). Unfiltered, the kept count
/// of mention rows (`tally`) gives it: every mention has its article (a foreign key), so
/// the count is the same as through the join, which scans articles.
async fn count_mentioning<K>(
    storage: &Storage,
    filter: &ArticleFilter,
    (column, tally): (mention::Column, Tally),
    parents: &[K],
) -> StorageResult<HashMap<K, u64>>
where
    K: Clone + Eq + std::hash::Hash + ToString + Into<sea_orm::Value> + sea_orm::TryGetable,
{
    if *filter == ArticleFilter::default() {
        storage.tallied(tally, parents).await
    } else {
        count_per_parent(
            &storage.db,
            mentioning(filter),
            (mention::Entity, column),
            parents,
        )
        .await
    }
}

/// Pages of article rows read through [`heads`], as heads.
fn head_pages<K: std::hash::Hash + Eq>(
    pages: HashMap<K, Page<article::Model>>,
) -> StorageResult<HashMap<K, Page<ArticleHead>>> {
    pages
        .into_iter()
        .map(|(k, p)| Ok((k, p.try_map(ArticleHead::from_model)?)))
        .collect()
}

impl Storage {
    /// The articles with these ids (missing ones are left out).
    #[tracing::instrument(skip(self))]
    pub async fn articles_by_ids(
        &self,
        ids: &[ArticleId],
    ) -> StorageResult<HashMap<ArticleId, Article>> {
        let rows = article::Entity::find()
            .filter(article::Column::Id.is_in(ids.iter().map(|id| id.0)))
            .all(&self.db)
            .await?;
        let articles: Vec<Article> = convert::all(rows)?;
        Ok(articles.into_iter().map(|a| (a.id, a)).collect())
    }

    /// A page of the articles matching `filter`, as heads (a list shows no texts).
    #[tracing::instrument(skip(self))]
    pub async fn articles(
        &self,
        filter: &ArticleFilter,
        page: &PageRequest,
    ) -> StorageResult<Page<ArticleHead>> {
        fetch_page(
            &self.db,
            heads(filtered(filter)),
            (article::Entity, article::Column::Id),
            page,
        )
        .await?
        .try_map(ArticleHead::from_model)
    }

    /// How many articles match `filter` (unfiltered: the kept count).
    pub async fn count_articles(&self, filter: &ArticleFilter) -> StorageResult<u64> {
        if *filter == ArticleFilter::default() {
            return self.tallied_one(Tally::Articles, WHOLE_TABLE).await;
        }
        count_all(&self.db, filtered(filter)).await
    }

    /// A page of each source's articles, as heads.
    #[tracing::instrument(skip(self))]
    pub async fn articles_of_sources(
        &self,
        sources: &[SourceId],
        filter: &ArticleFilter,
        page: &PageRequest,
    ) -> StorageResult<HashMap<SourceId, Page<ArticleHead>>> {
        let keys: Vec<i64> = sources.iter().map(|s| s.0).collect();
        let found = fetch_pages_per_parent(
            &self.db,
            heads(filtered(filter)),
            (
                (article::Entity, article::Column::SourceId),
                kept_unfiltered(filter, Tally::ArticlesOfSource),
            ),
            (article::Entity, article::Column::Id),
            &keys,
            page,
        )
        .await?;
        Ok(head_pages(found)?
            .into_iter()
            .map(|(k, p)| (SourceId(k), p))
            .collect())
    }

    /// How many articles each source has.
    pub async fn count_articles_of_sources(
        &self,
        sources: &[SourceId],
        filter: &ArticleFilter,
    ) -> StorageResult<HashMap<SourceId, u64>> {
        let keys: Vec<i64> = sources.iter().map(|s| s.0).collect();
        if *filter == ArticleFilter::default() {
            let counts = self.tallied(Tally::ArticlesOfSource, &keys).await?;
            return Ok(counts.into_iter().map(|(k, n)| (SourceId(k), n)).collect());
        }
        let counts = count_per_parent(
            &self.db,
            filtered(filter),
            (article::Entity, article::Column::SourceId),
            &keys,
        )
        .await?;
        Ok(counts.into_iter().map(|(k, n)| (SourceId(k), n)).collect())
    }

    /// A page of the articles mentioning each country, as heads.
    #[tracing::instrument(skip(self))]
    pub async fn articles_mentioning_countries(
        &self,
        codes: &[CountryCode],
        filter: &ArticleFilter,
        page: &PageRequest,
    ) -> StorageResult<HashMap<CountryCode, Page<ArticleHead>>> {
        let keys: Vec<String> = codes.iter().map(|c| c.as_str().to_owned()).collect();
        let found = fetch_pages_per_parent(
            &self.db,
            heads(mentioning(filter)),
            (
                (mention::Entity, mention::Column::CountryCode),
                kept_unfiltered(filter, Tally::MentionsOfCountry),
            ),
            MENTIONING_ARTICLE,
            &keys,
            page,
        )
        .await?;
        head_pages(found)?
            .into_iter()
            .map(|(k, p)| Ok((convert::code(&k)?, p)))
            .collect()
    }

    /// How many articles mention each country.
    pub async fn count_articles_mentioning_countries(
        &self,
        codes: &[CountryCode],
        filter: &ArticleFilter,
    ) -> StorageResult<HashMap<CountryCode, u64>> {
        let keys: Vec<String> = codes.iter().map(|c| c.as_str().to_owned()).collect();
        let counts = count_mentioning(
            self,
            filter,
            (mention::Column::CountryCode, Tally::MentionsOfCountry),
            &keys,
        )
        .await?;
        counts
            .into_iter()
            .map(|(k, n)| Ok((convert::code(&k)?, n)))
            .collect()
    }

    /// A page of the articles mentioning each organization, agreement or person, as heads.
    #[tracing::instrument(skip(self))]
    pub async fn articles_mentioning(
        &self,
        by: MentionedBy,
        ids: &[i64],
        filter: &ArticleFilter,
        page: &PageRequest,
    ) -> StorageResult<HashMap<i64, Page<ArticleHead>>> {
        let found = fetch_pages_per_parent(
            &self.db,
            heads(mentioning(filter)),
            (
                (mention::Entity, by.column()),
                kept_unfiltered(filter, by.tally()),
            ),
            MENTIONING_ARTICLE,
            ids,
            page,
        )
        .await?;
        head_pages(found)
    }

    /// How many articles mention each organization, agreement or person.
    pub async fn count_articles_mentioning(
        &self,
        by: MentionedBy,
        ids: &[i64],
        filter: &ArticleFilter,
    ) -> StorageResult<HashMap<i64, u64>> {
        count_mentioning(self, filter, (by.column(), by.tally()), ids).await
    }
}
