//! A country read with a page of the articles mentioning it, in one statement: each row
//! of the page brings the country, as a statement's rows bring their speaker.

use super::ArticleFilter;
use super::article_heads::{ArticleHead, heads};
use super::articles::{MENTIONING_ARTICLE, mentioning};
use super::joins::{join_by, joined_by, select_prefixed};
use crate::entity::{article, country, mention};
use crate::paging::{PARENT_COLUMN, PerParent};
use crate::tally::Tally;
use crate::{Page, PageRequest, Storage, StorageResult};
use quotegraph_domain::{Country, CountryCode};
use sea_orm::sea_query::{Alias, Asterisk, Order, Query, SelectStatement};
use sea_orm::{FromQueryResult, QueryResult};

const PAGE: &str = "qg_page";
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
        let found = per_parent
            .fetch(
                &self.db,
                heads(mentioning(&ArticleFilter::default())),
                &[code.as_str().to_owned()],
                |union| with_country(union, page.order()),
                decode,
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

/// The page (the union of one parent's page) joined to the country it mentions, in the
/// page's order.
fn with_country(union: SelectStatement, order: Order) -> SelectStatement {
    let mut query = Query::select();
    query
        .column((Alias::new(PAGE), Asterisk))
        .from_subquery(union, Alias::new(PAGE));
    join_by(
        &mut query,
        country::Entity,
        (COUNTRY, "code"),
        (PAGE, PARENT_COLUMN),
    );
    select_prefixed::<country::Entity>(&mut query, COUNTRY);
    query.order_by((Alias::new(PAGE), Alias::new("id")), order);
    query
}

/// One row: its parent code, the article's head and the country.
fn decode(row: &QueryResult) -> StorageResult<(String, (ArticleHead, Option<Country>))> {
    let parent: String = row.try_get("", PARENT_COLUMN)?;
    let head = ArticleHead::from_model(article::Model::from_query_result(row, "")?)?;
    let country = joined_by::<country::Entity, String>(row, (COUNTRY, "code"))?
        .map(Country::try_from)
        .transpose()?;
    Ok((parent, (head, country)))
}
