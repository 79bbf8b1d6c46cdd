//! Articles as stored.

use super::{ArticleId, PublishedAt, SourceId};
use crate::script::Script;

/// A stored article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Its id.
    pub id: ArticleId,
    /// The headline as written.
    pub title: String,
    /// Where it was published, when known; unique.
    pub url: Option<String>,
    /// SHA-256 of its content, hex; unique, so re-adding the same text is a no-op.
    pub content_hash: String,
    /// When it was published, as precisely as known.
    pub published_at: Option<PublishedAt>,
    /// The script it is written in.
    pub script: Script,
    /// The cleaned body that statement and mention spans point into.
    pub body: String,
    /// The text as it came in, before cleaning.
    pub raw_text: String,
    /// The site's category or column (社会工作).
    pub category: Option<String>,
    /// The editor named on the page.
    pub editor: Option<String>,
    /// The publisher.
    pub source_id: Option<SourceId>,
    /// The outlet it was reprinted from (本文转自…).
    pub reprinted_from: Option<String>,
    /// The site that hosted the copy it came from.
    pub hosted_by: Option<String>,
    /// Character offset where the trailing related-articles list starts, if there is one.
    pub related_from: Option<usize>,
}
