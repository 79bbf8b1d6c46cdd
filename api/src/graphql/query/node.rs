//! `node(id:)`: any object by its global id.

use crate::error::{ApiError, ApiResult};
use crate::graphql::context::load;
use crate::graphql::ids::{NodeKind, parse_global_id};
use crate::graphql::types::*;
use async_graphql::{Context, ID, Interface, Object};
use quotegraph_domain::{
    AgreementId, ArticleId, CountryCode, OrganizationId, PersonId, SourceId, StatementId,
};

/// An object with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global id."))]
pub enum Node {
    /// An article.
    Article(Article),
    /// A statement.
    Statement(Statement),
    /// A person.
    Person(Person),
    /// A source.
    Source(Source),
    /// A country.
    Country(Country),
    /// An organization.
    Organization(Organization),
    /// An agreement.
    Agreement(Agreement),
}

#[derive(Default)]
pub struct NodeQuery;

fn numeric(key: &str) -> ApiResult<i64> {
    key.parse()
        .map_err(|_| ApiError::bad_input("id", "malformed id"))
}

#[Object]
impl NodeQuery {
    /// Any object by its global id; null when nothing has that id.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Node>> {
        let (kind, key) = parse_global_id("id", &id)?;
        Ok(match kind {
            NodeKind::Article => load(ctx, ArticleId(numeric(&key)?))
                .await?
                .map(|v| Node::Article(Article::from(v))),
            NodeKind::Statement => load(ctx, StatementId(numeric(&key)?))
                .await?
                .map(|v| Node::Statement(Statement(v))),
            NodeKind::Person => load(ctx, PersonId(numeric(&key)?))
                .await?
                .map(|v| Node::Person(Person(v))),
            NodeKind::Source => load(ctx, SourceId(numeric(&key)?))
                .await?
                .map(|v| Node::Source(Source(v))),
            NodeKind::Organization => load(ctx, OrganizationId(numeric(&key)?))
                .await?
                .map(|v| Node::Organization(Organization(v))),
            NodeKind::Agreement => load(ctx, AgreementId(numeric(&key)?))
                .await?
                .map(|v| Node::Agreement(Agreement(v))),
            NodeKind::Country => {
                let code = CountryCode::parse("id", &key)?;
                load(ctx, code).await?.map(|v| Node::Country(Country(v)))
            }
        })
    }
}
