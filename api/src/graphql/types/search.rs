//! Search results.

use super::{Article, Statement};
use crate::graphql::connection::PageInfo;
use async_graphql::{Enum, Object, SimpleObject};

/// Where a hit matched.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum MatchedIn {
    /// The article's body (a statement, when `statement` is set).
    Body,
    /// Only the article's title.
    Title,
}

/// One search result.
#[derive(SimpleObject, Clone)]
pub struct SearchHit {
    /// The article that matched.
    pub article: Article,
    /// The statement the first match stands in, when it stands in one.
    pub statement: Option<Statement>,
    /// Text around the first match, the matches wrapped in `<mark>…</mark>`, the rest
    /// HTML-escaped.
    pub snippet: String,
    /// Body or title.
    pub matched_in: MatchedIn,
    /// Relevance (BM25 on SQLite, ts_rank on PostgreSQL): higher is better.
    pub score: f64,
}

/// One result with the cursor to page from it.
#[derive(SimpleObject, Clone)]
pub struct SearchEdge {
    /// Opaque cursor of this result, for `after`.
    pub cursor: String,
    /// The result.
    pub node: SearchHit,
}

/// One page of search results, best first.
pub struct SearchConnection {
    /// The results.
    pub edges: Vec<SearchEdge>,
    /// Where this page stands.
    pub page_info: PageInfo,
    /// How many articles match in all: read off the same ranking as the page.
    pub total_count: u64,
}

/// One page of search results, best first.
#[Object]
impl SearchConnection {
    /// The results of this page with their cursors.
    async fn edges(&self) -> &Vec<SearchEdge> {
        &self.edges
    }

    /// The results of this page, without cursors.
    async fn nodes(&self) -> Vec<SearchHit> {
        self.edges.iter().map(|e| e.node.clone()).collect()
    }

    /// Where this page stands.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many articles match in all.
    async fn total_count(&self) -> u64 {
        self.total_count
    }
}
