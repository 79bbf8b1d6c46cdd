//! Small validated text values shared by the model.

use crate::ValidationError;
use crate::fold::{fold_name, to_simplified};

/// A trimmed, non-empty name of bounded length, with its folded lookup key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Name {
    written: String,
    key: String,
}

impl Name {
    /// The longest name accepted, in characters.
    pub const MAX_CHARS: usize = 200;

    /// Parses a name given in `field`: trimmed, non-empty, at most [`Name::MAX_CHARS`] chars.
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let written = raw.trim();
        if written.is_empty() {
            return Err(ValidationError::new(field, "must not be empty"));
        }
        if written.chars().count() > Self::MAX_CHARS {
            return Err(ValidationError::new(
                field,
                format!("must be at most {} characters", Self::MAX_CHARS),
            ));
        }
        let key = fold_name(written);
        if key.is_empty() {
            return Err(ValidationError::new(
                field,
                "must contain a letter or character",
            ));
        }
        Ok(Self {
            written: written.to_owned(),
            key,
        })
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// The folded lookup key (script, width, case and separators folded).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The name with traditional characters converted to simplified ones.
    pub fn simplified(&self) -> String {
        to_simplified(&self.written)
    }
}

/// Parses an optional name: absent or blank input is `None`.
pub fn optional_name(field: &str, raw: Option<&str>) -> Result<Option<Name>, ValidationError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => Name::parse(field, value).map(Some),
    }
}

/// A character range `[start, end)` in an article body, counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// First character of the range.
    pub start: usize,
    /// One past the last character of the range.
    pub end: usize,
}

impl Span {
    /// A span checked against a body of `body_chars` characters.
    pub fn within(
        field: &str,
        start: usize,
        end: usize,
        body_chars: usize,
    ) -> Result<Self, ValidationError> {
        if start >= end {
            return Err(ValidationError::new(field, "start must be before end"));
        }
        if end > body_chars {
            return Err(ValidationError::new(
                field,
                format!("ends at {end}, outside the body of {body_chars} characters"),
            ));
        }
        Ok(Self { start, end })
    }

    /// The text this span covers in `body`.
    pub fn slice<'a>(&self, body: &'a str) -> &'a str {
        let mut indices = body.char_indices().map(|(i, _)| i).chain([body.len()]);
        let start = indices.nth(self.start).unwrap_or(body.len());
        let end = indices.nth(self.end - self.start - 1).unwrap_or(body.len());
        &body[start..end]
    }

    /// Where `needle` first occurs in `body`, as a character span.
    pub fn find(body: &str, needle: &str) -> Option<Self> {
        let byte = body.find(needle)?;
        let start = body[..byte].chars().count();
        Some(Self {
            start,
            end: start + needle.chars().count(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_keyed_across_scripts() {
        let a = Name::parse("name", "  習近平 ").unwrap();
        let b = Name::parse("name", "习近平").unwrap();
        assert_eq!(a.as_str(), "習近平");
        assert_eq!(a.key(), b.key());
        assert_eq!(a.simplified(), "习近平");
    }

    #[test]
    fn blank_or_overlong_names_are_rejected_with_their_field() {
        assert_eq!(Name::parse("title", "  ").unwrap_err().field, "title");
        let long = "名".repeat(Name::MAX_CHARS + 1);
        assert!(Name::parse("title", &long).is_err());
    }

    #[test]
    fn spans_slice_and_find_by_characters() {
        let body = "他說:「病毒沒有國界」。";
        let span = Span::find(body, "病毒沒有國界").unwrap();
        assert_eq!((span.start, span.end), (4, 10));
        assert_eq!(span.slice(body), "病毒沒有國界");
        assert!(Span::within("span", 4, 99, body.chars().count()).is_err());
        assert!(Span::within("span", 5, 5, body.chars().count()).is_err());
    }
}
