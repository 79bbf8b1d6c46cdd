//! Parsed documents kept by their text, so a client that sends the same query again (the
//! usual case: queries are written once, with variables) skips parsing it and holding it
//! to the document limits. async-graphql 7 parses every request it is not handed a parsed
//! document for, and keeps none; validation still runs each time, against the variables.

use async_graphql::Request;
use async_graphql::parser::types::ExecutableDocument;
use lru::LruCache;
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Documents longer than this are parsed every time: the cache's memory stays bounded by
/// entries times this.
pub const MAX_KEPT_BYTES: usize = 16 << 10;

/// How many documents are kept, most recently used first.
pub const KEPT_DOCUMENTS: usize = 512;

/// The parsed documents of recent requests, by their text.
pub struct ParsedDocuments {
    cache: Mutex<LruCache<String, ExecutableDocument>>,
    hits: AtomicU64,
}

impl Default for ParsedDocuments {
    fn default() -> Self {
        ParsedDocuments {
            cache: Mutex::new(LruCache::new(
                NonZeroUsize::new(KEPT_DOCUMENTS).unwrap_or(NonZeroUsize::MIN),
            )),
            hits: AtomicU64::new(0),
        }
    }
}

impl ParsedDocuments {
    /// Puts the kept parse of the request's document in it; false when none is kept.
    pub fn resolve(&self, request: &mut Request) -> bool {
        if request.query.len() > MAX_KEPT_BYTES {
            return false;
        }
        let kept = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&request.query)
            .cloned();
        match kept {
            Some(document) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                request.set_parsed_query(document);
                true
            }
            None => false,
        }
    }

    /// Keeps `document`, the parse of `query`, which passed the limits and validation.
    pub fn store(&self, query: String, document: ExecutableDocument) {
        if query.len() > MAX_KEPT_BYTES {
            return;
        }
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .put(query, document);
    }

    /// Requests served from a kept document since start.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    const QUERY: &str = "{ people(first: 1) { totalCount } }";

    #[test]
    fn a_kept_document_is_handed_to_the_next_request_with_the_same_text() {
        let documents = ParsedDocuments::default();
        let mut first = Request::new(QUERY);
        assert!(!documents.resolve(&mut first));
        documents.store(QUERY.to_owned(), parse_query(QUERY).expect("parses"));
        let mut again = Request::new(QUERY);
        assert!(documents.resolve(&mut again));
        assert_eq!(documents.hits(), 1);
        let mut other = Request::new("{ __typename }");
        assert!(!documents.resolve(&mut other));
    }

    #[test]
    fn long_documents_are_not_kept() {
        let documents = ParsedDocuments::default();
        let long = format!("{{ {} }}", "__typename ".repeat(MAX_KEPT_BYTES / 10));
        documents.store(long.clone(), parse_query(&long).expect("parses"));
        assert!(!documents.resolve(&mut Request::new(long)));
    }
}
