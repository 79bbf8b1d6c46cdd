//! Source, organization and agreement entry points.

use crate::error::{ApiError, ApiResult};
use crate::graphql::connection::{Conn, Total, connection};
use crate::graphql::context::load_all_required;
use crate::graphql::context::{load, storage};
use crate::graphql::ids::{NodeKind, parse_numeric_id};
use crate::graphql::paging::PageArgs;
use crate::graphql::types::AgreementStatusGql;
use crate::graphql::types::{Agreement, Organization, Source};
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::NaiveDate;
use quotegraph_domain::{AgreementId, OrganizationId, SourceId};

#[derive(Default)]
pub struct CatalogQuery;

/// The longest agreement timeline returned at once.
const MAX_TIMELINE: usize = 1_000;

/// A dated step in an agreement's life.
#[derive(SimpleObject)]
pub struct TimelineEntry {
    /// The agreement.
    pub agreement: Agreement,
    /// The status it reached.
    pub status: AgreementStatusGql,
    /// The day it reached it.
    pub on: Option<NaiveDate>,
}

/// Exactly one of a name and an id.
fn name_or_id(name: Option<String>, id: Option<ID>) -> ApiResult<Result<String, ID>> {
    match (name, id) {
        (Some(name), None) if !name.trim().is_empty() => Ok(Ok(name)),
        (Some(_), None) => Err(ApiError::bad_input("name", "must not be empty")),
        (None, Some(id)) => Ok(Err(id)),
        _ => Err(ApiError::bad_input(
            "name",
            "give exactly one of `name` or `id`",
        )),
    }
}

#[Object]
impl CatalogQuery {
    /// One source by name (either script) or id.
    async fn source(
        &self,
        ctx: &Context<'_>,
        name: Option<String>,
        id: Option<ID>,
    ) -> ApiResult<Option<Source>> {
        Ok(match name_or_id(name, id)? {
            Ok(name) => storage(ctx)?.source_by_name(&name).await?,
            Err(id) => {
                load(
                    ctx,
                    SourceId(parse_numeric_id("id", &id, NodeKind::Source)?),
                )
                .await?
            }
        }
        .map(Source))
    }

    /// All sources.
    async fn sources(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<Conn<Source>> {
        let page = PageArgs::new(after, before, first, last).request()?;
        let found = storage(ctx)?.sources(&page).await?;
        Ok(connection(found, Total::Sources, |s| s.id.0, Source))
    }

    /// One organization by name or abbreviation (either script, any case) or id.
    async fn organization(
        &self,
        ctx: &Context<'_>,
        name: Option<String>,
        id: Option<ID>,
    ) -> ApiResult<Option<Organization>> {
        Ok(match name_or_id(name, id)? {
            Ok(name) => storage(ctx)?.organization_by_name(&name).await?,
            Err(id) => {
                load(
                    ctx,
                    OrganizationId(parse_numeric_id("id", &id, NodeKind::Organization)?),
                )
                .await?
            }
        }
        .map(Organization))
    }

    /// All organizations.
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<Conn<Organization>> {
        let page = PageArgs::new(after, before, first, last).request()?;
        let found = storage(ctx)?.organizations(&page).await?;
        Ok(connection(
            found,
            Total::Organizations,
            |o| o.id.0,
            Organization,
        ))
    }

    /// One agreement by name or abbreviation (either script, any case) or id.
    async fn agreement(
        &self,
        ctx: &Context<'_>,
        name: Option<String>,
        id: Option<ID>,
    ) -> ApiResult<Option<Agreement>> {
        Ok(match name_or_id(name, id)? {
            Ok(name) => storage(ctx)?.agreement_by_name(&name).await?,
            Err(id) => {
                load(
                    ctx,
                    AgreementId(parse_numeric_id("id", &id, NodeKind::Agreement)?),
                )
                .await?
            }
        }
        .map(Agreement))
    }

    /// Dated status changes of every agreement (proposed, negotiating, concluded, signed,
    /// in force), oldest first.
    async fn agreement_timeline(
        &self,
        ctx: &Context<'_>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        #[graphql(default = 100)] first: usize,
    ) -> ApiResult<Vec<TimelineEntry>> {
        if first > MAX_TIMELINE {
            return Err(ApiError::bad_input(
                "first",
                format!("must be at most {MAX_TIMELINE}"),
            ));
        }
        let changes = storage(ctx)?
            .agreement_timeline(from, to, first as u64)
            .await?;
        let agreements =
            load_all_required(ctx, changes.iter().map(|(id, _)| *id).collect()).await?;
        Ok(agreements
            .into_iter()
            .zip(changes)
            .map(|(a, (_, change))| TimelineEntry {
                agreement: Agreement(a),
                status: change.status.into(),
                on: change.on,
            })
            .collect())
    }

    /// All agreements.
    async fn agreements(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<Conn<Agreement>> {
        let page = PageArgs::new(after, before, first, last).request()?;
        let found = storage(ctx)?.agreements(&page).await?;
        Ok(connection(found, Total::Agreements, |a| a.id.0, Agreement))
    }
}
