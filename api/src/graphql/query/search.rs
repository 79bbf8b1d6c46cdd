//! `search`: full text over titles, bodies and statements, in either script.

use crate::error::{ApiError, ApiResult};
use crate::graphql::connection::PageInfo;
use crate::graphql::context::storage;
use crate::graphql::loaders::StatementAt;
use crate::graphql::paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use crate::graphql::types::{
    Article, ArticleFilterInput, MatchedIn, SearchConnection, SearchEdge, SearchHit, Statement,
};
use async_graphql::{Context, Object};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use quotegraph_domain::search::SearchQuery;
use quotegraph_storage::ArticleFilter;

#[derive(Default)]
pub struct SearchQueryRoot;

fn encode_cursor(score: f64, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("s{:016x}:{id}", score.to_bits()))
}

fn decode_cursor(raw: &str) -> ApiResult<(f64, i64)> {
    let malformed = || ApiError::bad_input("after", "malformed cursor");
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(raw).map_err(|_| malformed())?)
        .map_err(|_| malformed())?;
    let (bits, id) = text
        .strip_prefix('s')
        .and_then(|t| t.split_once(':'))
        .ok_or_else(malformed)?;
    let bits = u64::from_str_radix(bits, 16).map_err(|_| malformed())?;
    Ok((f64::from_bits(bits), id.parse().map_err(|_| malformed())?))
}

/// Whether the hits of the search being resolved select the statement each match stands
/// in: one more statement, read only when asked for.
fn selects_statements(ctx: &Context<'_>) -> bool {
    let connection = ctx.look_ahead();
    [
        connection.field("edges").field("node"),
        connection.field("nodes"),
    ]
    .iter()
    .any(|node| node.field("statement").exists())
}

#[Object]
impl SearchQueryRoot {
    /// Articles whose title or body contains every word of `query`, whatever the script
    /// (国际合作 finds 國際合作), best first, each with a highlighted snippet and the
    /// statement the match stands in. Punctuation and operators in `query` are ignored;
    /// words of one character cannot be searched on their own.
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        filter: Option<ArticleFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> ApiResult<SearchConnection> {
        let parsed = SearchQuery::parse(&query)?;
        let filter: ArticleFilter = filter.unwrap_or_default().try_into()?;
        let limit = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if n < 0 => return Err(ApiError::bad_input("first", "must not be negative")),
            Some(n) if n as u64 > MAX_PAGE_SIZE => {
                return Err(ApiError::bad_input(
                    "first",
                    format!("must be at most {MAX_PAGE_SIZE}"),
                ));
            }
            Some(n) => n as u64,
        };
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let with_statements = selects_statements(ctx);
        let page = storage(ctx)?.search(&parsed, &filter, after, limit).await?;
        let loaders = crate::graphql::context::loaders(ctx)?;
        let sources: Vec<_> = page
            .hits
            .iter()
            .filter_map(|hit| hit.source.clone())
            .map(|source| (source.id, source))
            .collect();
        if !sources.is_empty() {
            loaders.feed_many(sources).await;
        }
        let mut edges = Vec::with_capacity(page.hits.len());
        let mut places = Vec::new();
        for hit in page.hits {
            let (snippet, matched_in, at) = match parsed.snippet(&hit.article.body) {
                Some((snippet, at)) => (snippet, MatchedIn::Body, Some(at)),
                None => (
                    parsed
                        .snippet(&hit.article.title)
                        .map(|(s, _)| s)
                        .unwrap_or_default(),
                    MatchedIn::Title,
                    None,
                ),
            };
            places.push(
                at.filter(|_| with_statements)
                    .map(|at| StatementAt(hit.article.id, at)),
            );
            let cursor = encode_cursor(hit.score, hit.article.id.0);
            let node = SearchHit {
                statement: None,
                snippet,
                matched_in,
                score: -hit.score,
                article: Article::from(hit.article),
            };
            edges.push(SearchEdge { cursor, node });
        }
        let keys: Vec<StatementAt> = places.iter().flatten().cloned().collect();
        let found = if keys.is_empty() {
            Default::default()
        } else {
            loaders.load_many(keys).await?
        };
        for (edge, place) in edges.iter_mut().zip(places) {
            edge.node.statement = place.and_then(|p| found.get(&p).cloned()).map(Statement);
        }
        let page_info = PageInfo {
            has_next_page: page.has_next,
            has_previous_page: after.is_some(),
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        Ok(SearchConnection {
            edges,
            page_info,
            total_count: page.total_count,
        })
    }
}
