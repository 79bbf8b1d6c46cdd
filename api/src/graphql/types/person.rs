//! `Person` and their roles.

use super::{Country, StatementConnection, StatementFilterInput};
use crate::error::ApiResult;
use crate::graphql::context::{load, load_required};
use crate::graphql::ids::{NodeKind, global_id};
use crate::graphql::loaders::{AliasesOf, ArticlesOf, RolesOf};
use crate::graphql::paging::PageArgs;
use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;
use quotegraph_domain as domain;
use quotegraph_storage::{MentionedBy, StatementsOf};

/// A person, however their name is written (习近平 = 習近平 = Xi Jinping).
#[derive(Clone)]
pub struct Person(pub domain::Person);

/// A title a person was given.
pub struct Role(pub domain::PersonRole);

/// A person, however their name is written (习近平 = 習近平 = Xi Jinping).
#[Object]
impl Person {
    /// Global id.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Person, self.0.id.0)
    }

    /// Canonical name, in simplified script.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Name in traditional script.
    async fn name_hant(&self) -> Option<&str> {
        self.0.name_hant.as_deref()
    }

    /// Name in English.
    async fn name_en(&self) -> Option<&str> {
        self.0.name_en.as_deref()
    }

    /// Every written form of the name quotegraph knows; `person(name:)` accepts each.
    async fn aliases(&self, ctx: &Context<'_>) -> ApiResult<Vec<String>> {
        let aliases = load(ctx, AliasesOf(self.0.id)).await?.unwrap_or_default();
        Ok(aliases.into_iter().map(|a| a.alias).collect())
    }

    /// The person's country.
    async fn country(&self, ctx: &Context<'_>) -> ApiResult<Option<Country>> {
        match &self.0.country {
            Some(code) => Ok(Some(Country(load_required(ctx, code.clone()).await?))),
            None => Ok(None),
        }
    }

    /// Titles articles gave the person, with when each was seen.
    async fn roles(&self, ctx: &Context<'_>) -> ApiResult<Vec<Role>> {
        let roles = load(ctx, RolesOf(self.0.id)).await?.unwrap_or_default();
        Ok(roles.into_iter().map(Role).collect())
    }

    /// What the person said, across all articles, in the order it was stored.
    #[allow(clippy::too_many_arguments)]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        filter: Option<StatementFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<StatementConnection> {
        let args = PageArgs::new(after, before, first, last);
        super::statements_of(ctx, StatementsOf::Speakers, self.0.id.0, filter, &args).await
    }

    /// Its articles (the field itself is `ArticlesField::articles`).
    #[graphql(flatten)]
    async fn article_list(&self) -> super::ArticlesField {
        super::ArticlesField(ArticlesOf::Mentioning(MentionedBy::Person, self.0.id.0))
    }
}

/// A title a person was given.
#[Object]
impl Role {
    /// The title, in simplified script (国家主席, 副首相).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// The country the title belongs to.
    async fn country(&self, ctx: &Context<'_>) -> ApiResult<Option<Country>> {
        match &self.0.country {
            Some(code) => Ok(Some(Country(load_required(ctx, code.clone()).await?))),
            None => Ok(None),
        }
    }

    /// First day an article gave this title.
    async fn first_seen(&self) -> Option<NaiveDate> {
        self.0.first_seen
    }

    /// Last day an article gave this title.
    async fn last_seen(&self) -> Option<NaiveDate> {
        self.0.last_seen
    }
}
