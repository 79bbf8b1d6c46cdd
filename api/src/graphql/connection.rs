//! Relay cursor connections with a lazily counted `totalCount`. quotegraph defines its own
//! connection types (rather than async-graphql's) so each carries a description.

use super::context::{load, storage};
use super::loaders::{ArticleCount, PeopleCount, StatementCount};
use super::paging::Cursor;
use super::types::{Agreement, Article, AuditEntry, Organization, Person, Source, Statement};
use crate::error::ApiResult;
use async_graphql::connection::CursorType;
use async_graphql::{Context, Lookahead, Object, OutputType, SimpleObject};
use quotegraph_domain::CountryCode;
use quotegraph_storage::{ArticleFilter, AuditFilter, Page, StatementFilter};

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
    /// Audit entries matching a filter.
    AuditLog(AuditFilter),
}

impl Total {
    async fn count(&self, ctx: &Context<'_>) -> ApiResult<u64> {
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
            Total::AuditLog(filter) => storage(ctx)?.count_audit_log(filter).await?,
        })
    }
}

/// Where a page stands in its list.
#[derive(SimpleObject, Clone)]
pub struct PageInfo {
    /// Items follow this page: ask again with `after: endCursor`.
    pub has_next_page: bool,
    /// Items precede this page: ask again with `before: startCursor`.
    pub has_previous_page: bool,
    /// Cursor of the first item of this page.
    pub start_cursor: Option<String>,
    /// Cursor of the last item of this page.
    pub end_cursor: Option<String>,
}

/// One item of a page, with the cursor to page from it.
#[derive(SimpleObject, Clone)]
#[graphql(concrete(name = "ArticleEdge", params(Article)))]
#[graphql(concrete(name = "StatementEdge", params(Statement)))]
#[graphql(concrete(name = "PersonEdge", params(Person)))]
#[graphql(concrete(name = "SourceEdge", params(Source)))]
#[graphql(concrete(name = "OrganizationEdge", params(Organization)))]
#[graphql(concrete(name = "AgreementEdge", params(Agreement)))]
#[graphql(concrete(name = "AuditEntryEdge", params(AuditEntry)))]
pub struct Edge<N: OutputType> {
    /// Opaque cursor of this item, for `after` and `before`.
    pub cursor: String,
    /// The item.
    pub node: N,
}

/// One page of a list with its cursors (a Relay connection).
pub struct Conn<N: OutputType> {
    edges: Vec<Edge<N>>,
    page_info: PageInfo,
    total: Total,
    /// The total when the page was read with it (a kept count), so none is read again.
    read_total: Option<u64>,
}

/// One page of a list with its cursors (a Relay connection).
#[Object(
    concrete(name = "ArticleConnection", params(Article)),
    concrete(name = "StatementConnection", params(Statement)),
    concrete(name = "PersonConnection", params(Person)),
    concrete(name = "SourceConnection", params(Source)),
    concrete(name = "OrganizationConnection", params(Organization)),
    concrete(name = "AgreementConnection", params(Agreement)),
    concrete(name = "AuditEntryConnection", params(AuditEntry))
)]
impl<N: OutputType + Clone> Conn<N>
where
    Edge<N>: OutputType,
{
    /// The items of this page with their cursors.
    async fn edges(&self) -> &Vec<Edge<N>> {
        &self.edges
    }

    /// The items of this page, without cursors.
    async fn nodes(&self) -> Vec<N> {
        self.edges.iter().map(|e| e.node.clone()).collect()
    }

    /// Where this page stands in the list.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many items the list holds in all, ignoring pagination.
    async fn total_count(&self, ctx: &Context<'_>) -> ApiResult<u64> {
        match self.read_total {
            Some(total) => Ok(total),
            None => self.total.count(ctx).await,
        }
    }
}

/// Whether the connection field being resolved selects anything of its page (edges, nodes
/// or pageInfo): a query that asks only for `totalCount` reads no page.
pub fn selects_page(ctx: &Context<'_>) -> bool {
    selects_page_of(&ctx.look_ahead())
}

/// Whether a connection's selection holds anything of its page.
pub fn selects_page_of(connection: &Lookahead<'_>) -> bool {
    ["edges", "nodes", "pageInfo"]
        .iter()
        .any(|field| connection.field(field).exists())
}

/// Builds a connection from a storage page; `id` gives each item's cursor position. A page
/// read with its total answers `totalCount` itself; otherwise `total` says what to count.
pub fn connection<T, N: OutputType>(
    page: Page<T>,
    total: Total,
    id: impl Fn(&T) -> i64,
    node: impl Fn(T) -> N,
) -> Conn<N> {
    let read_total = page.total;
    let edges: Vec<Edge<N>> = page
        .items
        .into_iter()
        .map(|item| Edge {
            cursor: Cursor(id(&item)).encode_cursor(),
            node: node(item),
        })
        .collect();
    let page_info = PageInfo {
        has_next_page: page.has_next,
        has_previous_page: page.has_previous,
        start_cursor: edges.first().map(|e| e.cursor.clone()),
        end_cursor: edges.last().map(|e| e.cursor.clone()),
    };
    Conn {
        edges,
        page_info,
        total,
        read_total,
    }
}
