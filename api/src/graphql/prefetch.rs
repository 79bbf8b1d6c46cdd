//! Reading a page of statements together with the to-one relations its nodes select
//! (article, the article's source, speaker), in the statement that reads the page.
//!
//! The selection set says which relations to join; the joined rows are then fed into the
//! request's loaders, so the `article`, `source` and `speaker` resolvers below find them
//! there instead of each running a statement of its own. Relations that are not joined
//! still go through the loaders, so the count stays bounded by the depth of the query.

use super::context::loaders;
use super::loaders::HeadOf;
use crate::error::ApiResult;
use async_graphql::{Context, Lookahead};
use quotegraph_storage::{JoinedStatement, Page, StatementJoins};

/// The joins the nodes of the statement connection being resolved select.
pub fn statement_joins(ctx: &Context<'_>) -> StatementJoins {
    let connection = ctx.look_ahead();
    let mut joins = StatementJoins::default();
    for node in [
        connection.field("edges").field("node"),
        connection.field("nodes"),
    ] {
        add_joins(&mut joins, &node);
    }
    joins
}

fn add_joins(joins: &mut StatementJoins, node: &Lookahead<'_>) {
    let article = node.field("article");
    joins.article |= article.exists();
    joins.source |= article.field("source").exists();
    joins.speaker |= node.field("speaker").exists();
}

/// Feeds the page's joined relations to the request's loaders and returns its statements.
pub async fn unjoin(
    ctx: &Context<'_>,
    page: Page<JoinedStatement>,
) -> ApiResult<Page<quotegraph_domain::Statement>> {
    let loaders = loaders(ctx)?;
    let mut articles = Vec::new();
    let mut sources = Vec::new();
    let mut speakers = Vec::new();
    let page = page.map(|joined| {
        articles.extend(joined.article.map(|a| (HeadOf(a.id()), a)));
        sources.extend(joined.source.map(|s| (s.id, s)));
        speakers.extend(joined.speaker.map(|p| (p.id, p)));
        joined.statement
    });
    if !articles.is_empty() {
        loaders.feed_many(articles).await;
    }
    if !sources.is_empty() {
        loaders.feed_many(sources).await;
    }
    if !speakers.is_empty() {
        loaders.feed_many(speakers).await;
    }
    Ok(page)
}
