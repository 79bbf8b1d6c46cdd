//! Statements: what a person said in one article.

use super::{ArticleId, PersonId, Span, StatementId};
use crate::ValidationError;
use crate::model::agreement::wire_names;
use chrono::NaiveDate;

/// Direct quotation or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementKind {
    /// Quoted words in “…” 「…」 『…』.
    Direct,
    /// Reported speech: X表示, X指出 … and the clause reported.
    Indirect,
}

/// Which part of the article a statement stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// The article itself.
    Body,
    /// The headline; the span points into the title.
    Headline,
    /// The trailing list of related articles (相關焦點, 相关阅读 …).
    Related,
}

/// How a statement came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Found by quotegraph's extraction rules.
    Extracted,
    /// Entered by an admin with the article (addArticle).
    Admin,
    /// Corrected by hand after it was stored (text, kind or speaker); what it said before
    /// is kept as its [`OriginalStatement`].
    Edited,
}

wire_names!(StatementKind, "a statement kind", { Direct => "direct", Indirect => "indirect" });
wire_names!(Section, "an article section", { Body => "body", Headline => "headline", Related => "related" });
wire_names!(Origin, "a statement origin", { Extracted => "extracted", Admin => "admin", Edited => "edited" });

/// A stored statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Its id.
    pub id: StatementId,
    /// The article it stands in.
    pub article_id: ArticleId,
    /// Who said it; `None` when the text names no one.
    pub speaker_id: Option<PersonId>,
    /// The words exactly as written, without quote marks.
    pub text: String,
    /// Direct or indirect.
    pub kind: StatementKind,
    /// The speaker phrase as written (柬埔寨副首相賀南洪).
    pub speaker_phrase: Option<String>,
    /// The title the article gave the speaker (副首相).
    pub speaker_title: Option<String>,
    /// Where the words stand in the article body.
    pub span: Span,
    /// Body or related list.
    pub section: Section,
    /// The day it was said, when the text gives one; otherwise the article's day.
    pub said_on: Option<NaiveDate>,
    /// How sure the attribution is, from 0 to 1.
    pub confidence: f64,
    /// The extraction rule that decided the speaker; `None` when an admin gave it.
    pub rule: Option<String>,
    /// Extracted or entered by an admin.
    pub origin: Origin,
}

/// What a statement said before it was first corrected by hand: as extracted, or as
/// entered with its article.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginalStatement {
    /// The corrected statement.
    pub statement_id: StatementId,
    /// The words it had.
    pub text: String,
    /// The kind it had.
    pub kind: StatementKind,
    /// The speaker it had (followed through merges of people).
    pub speaker_id: Option<PersonId>,
}
