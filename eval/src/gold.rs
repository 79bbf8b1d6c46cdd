//! The gold file format: one hand-annotated article (`gold/NN.json`), as the annotation
//! policy describes it. Every string occurs verbatim in the article file.

use serde::Deserialize;

/// The hand annotation of one article.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    /// Where the copy was taken from (informational).
    #[serde(default)]
    pub source_url: Option<String>,
    /// The headline, when it is in the stored text.
    pub title: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The outlet named as publisher or author.
    pub publisher: Option<String>,
    /// The outlet a republished item comes from.
    #[serde(default)]
    pub reprinted_from: Option<String>,
    /// `hans` or `hant`.
    pub script: String,
    /// Every span in quote marks in the article part, in order.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// Reported speech with a named or described speaker.
    #[serde(default)]
    pub reported: Vec<GoldReported>,
    /// ISO codes of the countries named.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Agreements, each surface form as written.
    #[serde(default)]
    pub agreements: Vec<String>,
    /// International organizations, each surface form as written.
    #[serde(default)]
    pub organizations: Vec<String>,
}

/// A span in quote marks.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// The characters between the marks.
    pub text: String,
    /// Who said it; `None` when the span is a term, not speech.
    pub speaker: Option<String>,
    /// The speaker's title as the text gives it.
    #[serde(default)]
    pub speaker_title: Option<String>,
    /// The speaker's country (ISO code, or EU / UN).
    #[serde(default)]
    pub speaker_country: Option<String>,
}

impl GoldQuote {
    /// Whether the span is speech (it has a speaker) rather than a quoted term.
    pub fn is_speech(&self) -> bool {
        self.speaker.is_some()
    }
}

/// Reported speech: who, and the clause reported.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldReported {
    /// The speaker as written.
    pub speaker: String,
    /// The reported clause.
    pub text: String,
}
