//! Reading a page in the statement that reads what it hangs off: a page of statements
//! together with the to-one relations its nodes select (article, the article's source,
//! speaker), and a person's or a country's first page with the person or country.
//!
//! The selection set says which relations to join; the joined rows are then fed into the
//! request's loaders, so the `article`, `source` and `speaker` resolvers below find them
//! there instead of each running a statement of its own. Relations that are not joined
//! still go through the loaders, so the count stays bounded by the depth of the query.

use super::connection::selects_page_of;
use super::context::loaders;
use super::loaders::{ArticlePage, ArticlesOf, HeadOf, StatementPage};
use super::paging::PageArgs;
use crate::error::ApiResult;
use async_graphql::{Context, Lookahead, Value};
use quotegraph_domain::PersonId;
use quotegraph_storage::{
    ArticleFilter, ArticleHead, JoinedStatement, Page, PageRequest, StatementFilter,
    StatementJoins, StatementsOf,
};

/// The joins the nodes of the statement connection being resolved select.
pub fn statement_joins(ctx: &Context<'_>) -> StatementJoins {
    joins_of(&ctx.look_ahead())
}

/// The joins the nodes of a statement connection select.
fn joins_of(connection: &Lookahead<'_>) -> StatementJoins {
    let mut joins = StatementJoins::default();
    for node in [
        connection.field("edges").field("node"),
        connection.field("nodes"),
    ] {
        add_joins(&mut joins, &node);
    }
    joins
}

/// The page of a person's statements the field being resolved (a person) selects, when
/// it selects one plainly (see [`plain_page`]). That page can be read with the person
/// itself (`Storage::person_by_name_with_statements`) and fed with [`feed_statements_of`].
pub fn plain_statements_page(ctx: &Context<'_>) -> Option<(PageRequest, StatementJoins)> {
    plain_page(ctx, "statements", joins_of)
}

/// The page of the connection `field` below the field being resolved, when it is selected
/// plainly: once, with no argument but page arguments that parse, asking for its page; with
/// what `read` finds in that connection's selection. Such a page can be read in the
/// statement that reads the field being resolved, and fed to the loader the connection
/// reads from.
pub fn plain_page<T>(
    ctx: &Context<'_>,
    field: &str,
    read: impl FnOnce(&Lookahead<'_>) -> T,
) -> Option<(PageRequest, T)> {
    let fields = ctx.look_ahead().field(field).selection_fields();
    let [field] = fields.as_slice() else {
        return None;
    };
    let size = |value: &Value| match value {
        Value::Number(n) => n.as_i64().and_then(|n| i32::try_from(n).ok()),
        _ => None,
    };
    let cursor = |value: Value| match value {
        Value::String(s) => Some(s),
        _ => None,
    };
    let mut args = PageArgs::default();
    for (name, value) in field.arguments().ok()? {
        match (name.as_str(), value) {
            (_, Value::Null) => {}
            ("first", value) => args.first = Some(size(&value)?),
            ("last", value) => args.last = Some(size(&value)?),
            ("after", value) => args.after = Some(cursor(value)?),
            ("before", value) => args.before = Some(cursor(value)?),
            _ => return None,
        }
    }
    let connection = Lookahead::from(*field);
    if !selects_page_of(&connection) {
        return None;
    }
    Some((args.request().ok()?, read(&connection)))
}

/// Hands a page of `person`'s statements, read with the person, to the loader the
/// `statements` field below it reads from.
pub async fn feed_statements_of(
    ctx: &Context<'_>,
    person: PersonId,
    (page, joins): (PageRequest, StatementJoins),
    found: Page<JoinedStatement>,
) -> ApiResult<()> {
    let key = StatementPage {
        of: StatementsOf::Speakers,
        parent: person.0,
        filter: StatementFilter::default(),
        page,
        joins,
    };
    loaders(ctx)?.feed_one(key, found).await;
    Ok(())
}

fn add_joins(joins: &mut StatementJoins, node: &Lookahead<'_>) {
    let article = node.field("article");
    joins.article |= article.exists();
    joins.source |= article.field("source").exists();
    joins.speaker |= node.field("speaker").exists();
}

/// Hands a page of `of`'s articles (unfiltered), read with its parent, to the loader the
/// `articles` field below it reads from.
pub async fn feed_articles_of(
    ctx: &Context<'_>,
    of: ArticlesOf,
    page: PageRequest,
    found: Page<ArticleHead>,
) -> ApiResult<()> {
    let key = ArticlePage {
        of,
        filter: ArticleFilter::default(),
        page,
    };
    loaders(ctx)?.feed_one(key, found).await;
    Ok(())
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
