//! `Organization`.

use crate::error::ApiResult;
use crate::graphql::ids::{NodeKind, global_id};
use crate::graphql::loaders::ArticlesOf;
use async_graphql::{Context, ID, Object};
use quotegraph_domain as domain;
use quotegraph_storage::MentionedBy;

/// An organization (WHO, UN, G20, APEC, EU …).
#[derive(Clone)]
pub struct Organization(pub domain::Organization);

/// An organization (WHO, UN, G20, APEC, EU …).
#[Object]
impl Organization {
    /// Global id.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Organization, self.0.id.0)
    }

    /// Its name as first written.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Its abbreviation.
    async fn abbreviation(&self) -> Option<&str> {
        self.0.abbreviation.as_deref()
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
            quotegraph_storage::EntityKey::Organization(self.0.id.0),
            first,
        )
        .await
    }

    /// How many articles mention it, per month of publication.
    async fn mentions_by_month(&self, ctx: &Context<'_>) -> ApiResult<Vec<super::MonthCount>> {
        super::mentions_by_month(
            ctx,
            quotegraph_storage::EntityKey::Organization(self.0.id.0),
        )
        .await
    }

    /// Its articles (the field itself is `ArticlesField::articles`).
    #[graphql(flatten)]
    async fn article_list(&self) -> super::ArticlesField {
        super::ArticlesField(ArticlesOf::Mentioning(
            MentionedBy::Organization,
            self.0.id.0,
        ))
    }
}
