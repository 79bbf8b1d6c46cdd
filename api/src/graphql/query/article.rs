//! Article entry points.

use crate::error::ApiResult;
use crate::graphql::connection::{Total, connection};
use crate::graphql::context::{load, storage};
use crate::graphql::ids::{NodeKind, parse_numeric_id};
use crate::graphql::paging::PageArgs;
use crate::graphql::types::{Article, ArticleConnection, ArticleFilterInput};
use async_graphql::{Context, ID, Object};
use quotegraph_domain::ArticleId;
use quotegraph_storage::ArticleFilter;

#[derive(Default)]
pub struct ArticleQuery;

#[Object]
impl ArticleQuery {
    /// One article by its global id.
    async fn article(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Article>> {
        let id = ArticleId(parse_numeric_id("id", &id, NodeKind::Article)?);
        Ok(load(ctx, id).await?.map(Article::from))
    }

    /// Articles, oldest stored first, optionally filtered.
    async fn articles(
        &self,
        ctx: &Context<'_>,
        filter: Option<ArticleFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<ArticleConnection> {
        let page = PageArgs::new(after, before, first, last).request()?;
        let filter: ArticleFilter = filter.unwrap_or_default().try_into()?;
        let found = storage(ctx)?.articles(&filter, &page).await?;
        Ok(connection(
            found,
            Total::AllArticles(filter),
            |a| a.id().0,
            Article::head,
        ))
    }
}
