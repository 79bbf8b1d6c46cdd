//! `Agreement`, its parties and status history.

use super::{AgreementKindGql, AgreementStatusGql, Country, Organization};
use crate::error::ApiResult;
use crate::graphql::context::{load, load_all_required};
use crate::graphql::ids::{NodeKind, global_id};
use crate::graphql::loaders::{ArticlesOf, PartiesOf, StatusHistoryOf};
use async_graphql::futures_util;
use async_graphql::{Context, ID, Object, SimpleObject, Union};
use chrono::NaiveDate;
use quotegraph_domain::{self as domain, CountryCode, OrganizationId, PartyRef};
use quotegraph_storage::MentionedBy;

/// An agreement (RCEP, CPTPP, 中欧投资协定, 快捷通道 …).
#[derive(Clone)]
pub struct Agreement(pub domain::Agreement);

/// A country or an organization.
#[derive(Union)]
pub enum Party {
    /// A country.
    Country(Country),
    /// An organization.
    Organization(Organization),
}

/// A party of an agreement.
#[derive(SimpleObject)]
pub struct AgreementParty {
    /// The country or organization.
    pub party: Party,
    /// The day it joined, when known.
    pub joined_on: Option<NaiveDate>,
}

/// A dated status of an agreement.
#[derive(SimpleObject)]
pub struct StatusChange {
    /// The status reached.
    pub status: AgreementStatusGql,
    /// The day it was reached, when known.
    pub on: Option<NaiveDate>,
}

/// An agreement (RCEP, CPTPP, 中欧投资协定, 快捷通道 …).
#[Object]
impl Agreement {
    /// Global id.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Agreement, self.0.id.0)
    }

    /// Its name as first written.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Its abbreviation.
    async fn abbreviation(&self) -> Option<&str> {
        self.0.abbreviation.as_deref()
    }

    /// What kind of agreement it is.
    async fn kind(&self) -> AgreementKindGql {
        self.0.kind.into()
    }

    /// Its status history, oldest first.
    async fn status_history(&self, ctx: &Context<'_>) -> ApiResult<Vec<StatusChange>> {
        let history = load(ctx, StatusHistoryOf(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(history
            .into_iter()
            .map(|c| StatusChange {
                status: c.status.into(),
                on: c.on,
            })
            .collect())
    }

    /// The parties, in the order they joined.
    async fn parties(&self, ctx: &Context<'_>) -> ApiResult<Vec<AgreementParty>> {
        let parties = load(ctx, PartiesOf(self.0.id)).await?.unwrap_or_default();
        let codes: Vec<CountryCode> = parties
            .iter()
            .filter_map(|p| match &p.party {
                PartyRef::Country(code) => Some(code.clone()),
                PartyRef::Organization(_) => None,
            })
            .collect();
        let ids: Vec<OrganizationId> = parties
            .iter()
            .filter_map(|p| match &p.party {
                PartyRef::Organization(id) => Some(*id),
                PartyRef::Country(_) => None,
            })
            .collect();
        let (countries, organizations) =
            futures_util::try_join!(load_all_required(ctx, codes), load_all_required(ctx, ids))?;
        let (mut countries, mut organizations) = (countries.into_iter(), organizations.into_iter());
        let mut out = Vec::with_capacity(parties.len());
        for p in parties {
            // Both lists are in the order of `parties`, so taking the next of the right kind
            // pairs each party with its entity.
            let party = match p.party {
                PartyRef::Country(_) => countries.next().map(|c| Party::Country(Country(c))),
                PartyRef::Organization(_) => organizations
                    .next()
                    .map(|o| Party::Organization(Organization(o))),
            };
            out.extend(party.map(|party| AgreementParty {
                party,
                joined_on: p.joined_on,
            }));
        }
        Ok(out)
    }

    /// The people quoted in articles that mention it, with how many statements they made
    /// there, most first.
    async fn speakers(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: usize,
    ) -> ApiResult<Vec<super::SpeakerCount>> {
        super::speakers_about(
            ctx,
            quotegraph_storage::EntityKey::Agreement(self.0.id.0),
            first,
        )
        .await
    }

    /// How many articles mention it, per month of publication.
    async fn mentions_by_month(&self, ctx: &Context<'_>) -> ApiResult<Vec<super::MonthCount>> {
        super::mentions_by_month(ctx, quotegraph_storage::EntityKey::Agreement(self.0.id.0)).await
    }

    /// Its articles (the field itself is `ArticlesField::articles`).
    #[graphql(flatten)]
    async fn article_list(&self) -> super::ArticlesField {
        super::ArticlesField(ArticlesOf::Mentioning(MentionedBy::Agreement, self.0.id.0))
    }
}
