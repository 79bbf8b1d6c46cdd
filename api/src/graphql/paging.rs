//! Relay pagination arguments and cursors.

use crate::error::{ApiError, ApiResult};
use async_graphql::connection::CursorType;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use quotegraph_storage::PageRequest;

/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: u64 = 20;
/// The largest `first` or `last` accepted.
pub const MAX_PAGE_SIZE: u64 = 100;

/// An opaque cursor naming a position in an id-ordered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(pub i64);

/// A cursor that quotegraph did not make.
#[derive(Debug, thiserror::Error)]
#[error("malformed cursor")]
pub struct MalformedCursor;

impl CursorType for Cursor {
    type Error = MalformedCursor;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        decode(s).ok_or(MalformedCursor)
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("c{}", self.0))
    }
}

fn decode(raw: &str) -> Option<Cursor> {
    let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix('c')?.parse().ok().map(Cursor)
}

/// The four Relay arguments as given.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    /// `after`.
    pub after: Option<String>,
    /// `before`.
    pub before: Option<String>,
    /// `first`.
    pub first: Option<i32>,
    /// `last`.
    pub last: Option<i32>,
}

impl PageArgs {
    /// The arguments in the order a connection field declares them.
    pub fn new(
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Self {
        PageArgs {
            after,
            before,
            first,
            last,
        }
    }

    /// Checks the arguments and turns them into a storage page request.
    pub fn request(&self) -> ApiResult<PageRequest> {
        let cursor = |field: &str, raw: &Option<String>| -> ApiResult<Option<i64>> {
            raw.as_deref()
                .map(|s| {
                    decode(s)
                        .map(|c| c.0)
                        .ok_or_else(|| ApiError::bad_input(field, "malformed cursor"))
                })
                .transpose()
        };
        let size = |field: &str, raw: Option<i32>| -> ApiResult<Option<u64>> {
            match raw {
                None => Ok(None),
                Some(n) if n < 0 => Err(ApiError::bad_input(field, "must not be negative")),
                Some(n) if n as u64 > MAX_PAGE_SIZE => Err(ApiError::bad_input(
                    field,
                    format!("must be at most {MAX_PAGE_SIZE}"),
                )),
                Some(n) => Ok(Some(n as u64)),
            }
        };
        let first = size("first", self.first)?;
        let last = size("last", self.last)?;
        let (limit, from_end) = match (first, last) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_input(
                    "last",
                    "give `first` or `last`, not both",
                ));
            }
            (Some(n), None) => (n, false),
            (None, Some(n)) => (n, true),
            (None, None) => (DEFAULT_PAGE_SIZE, false),
        };
        Ok(PageRequest {
            after: cursor("after", &self.after)?,
            before: cursor("before", &self.before)?,
            limit,
            from_end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(first: Option<i32>, last: Option<i32>) -> PageArgs {
        PageArgs {
            first,
            last,
            ..PageArgs::default()
        }
    }

    #[test]
    fn cursors_round_trip() {
        let encoded = Cursor(17).encode_cursor();
        assert_eq!(Cursor::decode_cursor(&encoded).unwrap(), Cursor(17));
        assert!(Cursor::decode_cursor("garbage").is_err());
    }

    #[test]
    fn page_sizes_are_bounded_and_exclusive() {
        assert_eq!(args(None, None).request().unwrap().limit, DEFAULT_PAGE_SIZE);
        assert!(args(Some(-1), None).request().is_err());
        assert!(args(Some(101), None).request().is_err());
        assert!(args(Some(1), Some(1)).request().is_err());
        assert!(args(None, Some(5)).request().unwrap().from_end);
    }
}
