//! Automatic persisted queries (Apollo's APQ protocol): a client sends
//! `extensions.persistedQuery = { version: 1, sha256Hash }`, with the document the first time
//! and without it after. quotegraph keeps the parsed document, once it has passed the limits
//! and validation, in a bounded LRU cache keyed by the hash, so a repeated query is neither
//! sent, parsed nor measured again (async-graphql still validates it: it cannot be told not
//! to). The cache is in the HTTP layer rather than async-graphql's APQ extension because that
//! extension keeps only the text, which would be parsed again on every request.

use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, Value};
use lru::LruCache;
use sha2::{Digest, Sha256};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Documents longer than this run but are not kept: persisted queries are the small ones
/// clients repeat, and the bound keeps the cache's memory to entries times this.
pub const MAX_PERSISTED_BYTES: usize = 16 << 10;

/// Why a request's `persistedQuery` extension cannot be served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersistedError {
    /// A hash with no document, not in the cache. Client sees PERSISTED_QUERY_NOT_FOUND and
    /// sends the document with the hash again.
    NotFound,
    /// The document's SHA-256 is not the hash given. Client sees BAD_USER_INPUT.
    HashMismatch,
    /// Not `{ version: 1, sha256Hash: <64 hex digits> }`. Client sees BAD_USER_INPUT.
    Malformed(&'static str),
    /// The server keeps no persisted queries (cache size 0). Client sees
    /// PERSISTED_QUERY_NOT_SUPPORTED.
    NotSupported,
}

impl PersistedError {
    /// The `extensions.code` the client sees.
    pub fn code(&self) -> &'static str {
        match self {
            PersistedError::NotFound => "PERSISTED_QUERY_NOT_FOUND",
            PersistedError::NotSupported => "PERSISTED_QUERY_NOT_SUPPORTED",
            PersistedError::HashMismatch | PersistedError::Malformed(_) => "BAD_USER_INPUT",
        }
    }

    /// The message the client sees; Apollo's clients match the first two by message.
    pub fn message(&self) -> String {
        match self {
            PersistedError::NotFound => "PersistedQueryNotFound".to_owned(),
            PersistedError::NotSupported => "PersistedQueryNotSupported".to_owned(),
            PersistedError::HashMismatch => "provided sha does not match query".to_owned(),
            PersistedError::Malformed(why) => format!("extensions.persistedQuery: {why}"),
        }
    }
}

/// What the cache made of a request.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// No `persistedQuery` extension: an ordinary request.
    Ordinary,
    /// The document came from the cache, parsed and already held to the limits.
    Hit,
    /// The document was sent with its hash, which matches: keep it once it has run.
    Miss([u8; 32]),
}

/// A document kept for its hash.
struct Persisted {
    query: String,
    document: ExecutableDocument,
}

/// The parsed documents kept for automatic persisted queries, most recently used first.
pub struct PersistedQueries {
    cache: Option<Mutex<LruCache<[u8; 32], Arc<Persisted>>>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl PersistedQueries {
    /// A cache of at most `capacity` documents; 0 turns persisted queries off.
    pub fn new(capacity: usize) -> Self {
        PersistedQueries {
            cache: NonZeroUsize::new(capacity).map(|capacity| Mutex::new(LruCache::new(capacity))),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// Serves the request's `persistedQuery` extension: a known hash without a document puts
    /// the kept document in the request; a document with a hash must match it.
    pub fn resolve(&self, request: &mut Request) -> Result<Lookup, PersistedError> {
        let Some(extension) = request.extensions.get("persistedQuery") else {
            return Ok(Lookup::Ordinary);
        };
        let hash = requested_hash(extension)?;
        let Some(cache) = &self.cache else {
            return Err(PersistedError::NotSupported);
        };
        if !request.query.is_empty() {
            let actual: [u8; 32] = Sha256::digest(request.query.as_bytes()).into();
            return if actual == hash {
                Ok(Lookup::Miss(hash))
            } else {
                Err(PersistedError::HashMismatch)
            };
        }
        let kept = cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&hash)
            .cloned();
        let Some(kept) = kept else {
            self.misses.fetch_add(1, Ordering::Relaxed);
            return Err(PersistedError::NotFound);
        };
        self.hits.fetch_add(1, Ordering::Relaxed);
        request.query.clone_from(&kept.query);
        request.set_parsed_query(kept.document.clone());
        Ok(Lookup::Hit)
    }

    /// Keeps `document` (the parse of `query`) for `hash`, unless it is too long to keep.
    pub fn store(&self, hash: [u8; 32], query: String, document: ExecutableDocument) {
        let Some(cache) = &self.cache else {
            return;
        };
        if query.len() > MAX_PERSISTED_BYTES {
            return;
        }
        let persisted = Arc::new(Persisted { query, document });
        cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .put(hash, persisted);
    }
}

impl PersistedQueries {
    /// Hits and misses of hash-only requests, in Prometheus text format.
    pub fn prometheus(&self) -> String {
        format!(
            "# HELP quotegraph_persisted_queries_total Requests naming a persisted query by its hash alone, by whether it was kept.\n\
             # TYPE quotegraph_persisted_queries_total counter\n\
             quotegraph_persisted_queries_total{{result=\"hit\"}} {}\n\
             quotegraph_persisted_queries_total{{result=\"miss\"}} {}\n",
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }
}

/// Whether a request without `query` may still be one: it names a persisted query.
pub fn names_persisted_query(extensions: &async_graphql::Extensions) -> bool {
    extensions.contains_key("persistedQuery")
}

/// The hash `{ version: 1, sha256Hash }` names.
fn requested_hash(extension: &Value) -> Result<[u8; 32], PersistedError> {
    let Value::Object(fields) = extension else {
        return Err(PersistedError::Malformed("not an object"));
    };
    match fields.get("version") {
        Some(Value::Number(version)) if version.as_u64() == Some(1) => {}
        _ => return Err(PersistedError::Malformed("only version 1 is supported")),
    }
    let Some(Value::String(hex)) = fields.get("sha256Hash") else {
        return Err(PersistedError::Malformed("sha256Hash is missing"));
    };
    parse_hex(hex).ok_or(PersistedError::Malformed("sha256Hash is not 64 hex digits"))
}

/// 64 hex digits (either case) as the 32 bytes they spell.
pub(crate) fn parse_hex(hex: &str) -> Option<[u8; 32]> {
    let bytes = hex.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut hash = [0u8; 32];
    for (byte, pair) in hash.iter_mut().zip(bytes.chunks(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    const QUERY: &str = "{ __typename }";
    const HASH: &str = "7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b";

    fn request(query: &str, hash: &str) -> Request {
        let mut request = Request::new(query);
        let extension = serde_json::json!({ "version": 1, "sha256Hash": hash });
        request.extensions.insert(
            "persistedQuery".to_owned(),
            Value::from_json(extension).expect("a value"),
        );
        request
    }

    #[test]
    fn a_hash_is_unknown_until_its_document_has_been_sent_and_kept() {
        let cache = PersistedQueries::new(8);
        assert_eq!(
            cache.resolve(&mut request("", HASH)),
            Err(PersistedError::NotFound)
        );
        let mut first = request(QUERY, HASH);
        let Ok(Lookup::Miss(hash)) = cache.resolve(&mut first) else {
            panic!("the document matches its hash");
        };
        cache.store(hash, QUERY.to_owned(), parse_query(QUERY).expect("parses"));
        let mut again = request("", HASH);
        assert_eq!(cache.resolve(&mut again), Ok(Lookup::Hit));
        assert_eq!(again.query, QUERY);
        assert!(again.parsed_query().is_ok());
    }

    #[test]
    fn a_wrong_hash_or_version_is_refused() {
        let cache = PersistedQueries::new(8);
        let wrong = "0".repeat(64);
        assert_eq!(
            cache.resolve(&mut request(QUERY, &wrong)),
            Err(PersistedError::HashMismatch)
        );
        assert!(matches!(
            cache.resolve(&mut request(QUERY, "abc")),
            Err(PersistedError::Malformed(_))
        ));
        let mut ordinary = Request::new(QUERY);
        assert_eq!(cache.resolve(&mut ordinary), Ok(Lookup::Ordinary));
        assert_eq!(
            PersistedQueries::new(0).resolve(&mut request("", HASH)),
            Err(PersistedError::NotSupported)
        );
    }

    #[test]
    fn the_least_recently_used_document_is_dropped_first() {
        let cache = PersistedQueries::new(1);
        cache.store(
            [1; 32],
            QUERY.to_owned(),
            parse_query(QUERY).expect("parses"),
        );
        cache.store(
            [2; 32],
            QUERY.to_owned(),
            parse_query(QUERY).expect("parses"),
        );
        let cache = cache.cache.expect("a cache");
        let mut cache = cache.lock().expect("not poisoned");
        assert!(cache.get(&[1; 32]).is_none());
        assert!(cache.get(&[2; 32]).is_some());
    }
}
