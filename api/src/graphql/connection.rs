//! Cursor connections with a lazily counted `totalCount`.

use super::context::{load, storage};
use super::loaders::{ArticleCount, PeopleCount, StatementCount};
use super::paging::Cursor;
use crate::error::ApiResult;
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Object, OutputType};
use quotegraph_domain::CountryCode;
use quotegraph_storage::{ArticleFilter, Page, StatementFilter};

/// A Relay connection of `N` with `totalCount`.
pub type Conn<N> = Connection<Cursor, N, Total, EmptyFields>;

/// What `totalCount` counts; computed only when a client asks for it.
#[derive(Debug, Clone)]
pub enum Total {
    /// Statements of one article or speaker.
    Statements(StatementCount),
    /// All statements matching a filter.
    AllStatements(StatementFilter),
    /// Articles of one parent.
    Articles(ArticleCount),
    /// All articles matching a filter.
    AllArticles(ArticleFilter),
    /// People of one country.
    People(PeopleCount),
    /// All people, optionally of one country.
    AllPeople(Option<CountryCode>),
    /// All sources.
    Sources,
    /// All organizations.
    Organizations,
    /// All agreements.
    Agreements,
}

/// Fields every connection has besides edges and pageInfo.
#[Object]
impl Total {
    /// How many items the connection holds in all, ignoring pagination.
    async fn total_count(&self, ctx: &Context<'_>) -> ApiResult<u64> {
        Ok(match self {
            Total::Statements(key) => load(ctx, key.clone()).await?.unwrap_or(0),
            Total::Articles(key) => load(ctx, key.clone()).await?.unwrap_or(0),
            Total::People(key) => load(ctx, key.clone()).await?.unwrap_or(0),
            Total::AllStatements(filter) => storage(ctx)?.count_statements(filter).await?,
            Total::AllArticles(filter) => storage(ctx)?.count_articles(filter).await?,
            Total::AllPeople(country) => storage(ctx)?.count_people(country.as_ref()).await?,
            Total::Sources => storage(ctx)?.count_sources().await?,
            Total::Organizations => storage(ctx)?.count_organizations().await?,
            Total::Agreements => storage(ctx)?.count_agreements().await?,
        })
    }
}

/// Builds a connection from a storage page; `id` gives each item's cursor position.
pub fn connection<T, N: OutputType>(
    page: Page<T>,
    total: Total,
    id: impl Fn(&T) -> i64,
    node: impl Fn(T) -> N,
) -> Conn<N> {
    let mut connection =
        Connection::with_additional_fields(page.has_previous, page.has_next, total);
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|item| Edge::new(Cursor(id(&item)), node(item))),
    );
    connection
}
