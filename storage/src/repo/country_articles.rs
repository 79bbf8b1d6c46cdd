//! A country read with a page of the articles mentioning it, in one statement: each row
//! of the page brings the country, as a statement's rows bring their speaker.
//!
//! The country is joined inside the page's own select (on the mention's country code), not
//! around it: the rows keep the order of the (country, article) index they are read from,
//! so neither database sorts the page again, and PostgreSQL reads the one country once
//! instead of hashing every country.

use super::ArticleFilter;
use super::article_heads::{ArticleHead, heads};
use super::articles::{MENTIONING_ARTICLE, mentioning};
use super::joins::{join_by, joined, select_prefixed};
use crate::columns::{Column, Positions};
use crate::entity::{article, country, mention};
use crate::paging::{PARENT_COLUMN, PerParent};
use crate::tally::Tally;
use crate::{Page, PageRequest, Storage, StorageResult};
use quotegraph_domain::{Country, CountryCode};
use sea_orm::{EntityName, IdenStatic, QueryResult, QueryTrait, Select};

const COUNTRY: &str = "qc";

impl Storage {
    /// The country with this code and a page of the articles mentioning it (heads, with
    /// the kept count): one SQL statement when the page holds any article, and a second,
    /// for the country alone, when it holds none.
    #[tracing::instrument(skip(self))]
    pub async fn country_with_articles(
        &self,
        code: &CountryCode,
        page: &PageRequest,
    ) -> StorageResult<Option<(Country, Page<ArticleHead>)>> {
        let per_parent = PerParent {
            parent: (mention::Entity, mention::Column::CountryCode),
            id: MENTIONING_ARTICLE,
            page,
            total: Some(Tally::MentionsOfCountry),
        };
        let reader = Reader::default();
        let found = per_parent
            .fetch(
                &self.db,
                with_country(heads(mentioning(&ArticleFilter::default()))),
                &[code.as_str().to_owned()],
                |union| union,
                |row| reader.read(row),
            )
            .await?;
        let Some(found) = found.into_values().next() else {
            let country = self.countries_by_codes(std::slice::from_ref(code)).await?;
            return Ok(country
                .into_values()
                .next()
                .map(|c| (c, page.finish(Vec::new()))));
        };
        let country = found.items.first().and_then(|(_, c)| c.clone());
        let articles = found.map(|(head, _)| head);
        Ok(country.map(|c| (c, articles)))
    }
}

/// `select` (articles joined to their mentions) with the mentioned country of each row.
fn with_country(mut select: Select<article::Entity>) -> Select<article::Entity> {
    let query = QueryTrait::query(&mut select);
    let mention = (
        mention::Entity.table_name(),
        mention::Column::CountryCode.as_str(),
    );
    join_by(query, country::Entity, (COUNTRY, "code"), mention);
    select_prefixed::<country::Entity>(query, COUNTRY);
    select
}

/// Reads the rows of a country's page, each column by its position in the first row.
struct Reader {
    parent: Column,
    article: Positions<article::Model>,
    country: Positions<country::Model>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            parent: Column::named(PARENT_COLUMN),
            article: Positions::plain(),
            country: joined(COUNTRY),
        }
    }
}

impl Reader {
    /// One row: its parent code, the article's head and the country.
    fn read(&self, row: &QueryResult) -> StorageResult<(String, (ArticleHead, Option<Country>))> {
        let parent: String = self.parent.read(row)?;
        let head = ArticleHead::from_model(self.article.read(row)?)?;
        let country = self.country.read_joined(row)?.map(Country::try_from);
        Ok((parent, (head, country.transpose()?)))
    }
}
