//! `Country`.

use super::{
    Agreement, CountryCount, MAX_AGGREGATE, MonthCount, Person, SpeakerCount, mentions_by_month,
    speakers_about,
};
use crate::error::ApiResult;
use crate::graphql::connection::{Conn, Total, connection};
use crate::graphql::context::{load, load_all_required};
use crate::graphql::ids::{NodeKind, global_id};
use crate::graphql::loaders::CoMentioned;
use crate::graphql::loaders::{AgreementsOfCountry, ArticlesOf, PeopleCount, PeoplePage};
use crate::graphql::paging::PageArgs;
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::NaiveDate;
use quotegraph_domain as domain;
use quotegraph_domain::CountryCode;
use quotegraph_storage::EntityKey;

/// A country (ISO 3166-1), with its names in both scripts and English.
#[derive(Clone)]
pub struct Country(pub domain::Country);

/// A country's part in an agreement.
#[derive(SimpleObject)]
pub struct Participation {
    /// The agreement.
    pub agreement: Agreement,
    /// The day the country joined, when known.
    pub joined_on: Option<NaiveDate>,
}

/// A country (ISO 3166-1), with its names in both scripts and English.
#[Object]
impl Country {
    /// Global id.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Country, self.0.code.as_str())
    }

    /// ISO 3166-1 alpha-2 code.
    async fn code(&self) -> &str {
        self.0.code.as_str()
    }

    /// Name in simplified script (韩国).
    async fn name_hans(&self) -> &str {
        &self.0.name_hans
    }

    /// Name in traditional script (南韓).
    async fn name_hant(&self) -> &str {
        &self.0.name_hant
    }

    /// Name in English.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }

    /// Its articles (the field itself is `ArticlesField::articles`).
    #[graphql(flatten)]
    async fn article_list(&self) -> super::ArticlesField {
        super::ArticlesField(ArticlesOf::Country(self.0.code.clone()))
    }

    /// People of this country.
    async fn people(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<Conn<Person>> {
        let page = PageArgs::new(after, before, first, last).request()?;
        let key = PeoplePage {
            country: self.0.code.clone(),
            page,
        };
        let found = load(ctx, key).await?.unwrap_or_default();
        Ok(connection(
            found,
            Total::People(PeopleCount(self.0.code.clone())),
            |p| p.id.0,
            Person,
        ))
    }

    /// The other countries that articles mentioning this one also mention, with how many
    /// articles mention both, most first.
    async fn co_mentioned_countries(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: usize,
    ) -> ApiResult<Vec<CountryCount>> {
        let counts = load(ctx, CoMentioned(self.0.code.clone()))
            .await?
            .unwrap_or_default();
        let counts: Vec<(String, u64)> =
            counts.into_iter().take(first.min(MAX_AGGREGATE)).collect();
        let codes = counts
            .iter()
            .filter_map(|(c, _)| CountryCode::parse("code", c).ok())
            .collect();
        let countries = load_all_required(ctx, codes).await?;
        Ok(countries
            .into_iter()
            .zip(counts)
            .map(|(c, (_, n))| CountryCount {
                country: Country(c),
                articles: n,
            })
            .collect())
    }

    /// The people quoted in articles that mention the country, with how many statements
    /// they made there, most first.
    async fn speakers(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: usize,
    ) -> ApiResult<Vec<SpeakerCount>> {
        speakers_about(
            ctx,
            EntityKey::Country(self.0.code.as_str().to_owned()),
            first,
        )
        .await
    }

    /// How many articles mention the country, per month of publication.
    async fn mentions_by_month(&self, ctx: &Context<'_>) -> ApiResult<Vec<MonthCount>> {
        mentions_by_month(ctx, EntityKey::Country(self.0.code.as_str().to_owned())).await
    }

    /// Agreements the country is party to, with the day it joined.
    async fn agreements(&self, ctx: &Context<'_>) -> ApiResult<Vec<Participation>> {
        let parties = load(ctx, AgreementsOfCountry(self.0.code.clone()))
            .await?
            .unwrap_or_default();
        let agreements =
            load_all_required(ctx, parties.iter().map(|p| p.agreement_id).collect()).await?;
        Ok(agreements
            .into_iter()
            .zip(parties)
            .map(|(a, p)| Participation {
                agreement: Agreement(a),
                joined_on: p.joined_on,
            })
            .collect())
    }
}
