//! Extraction: from a raw article to the statements in it with their speakers, and the
//! countries, organizations, agreements and people it mentions. Deterministic and
//! rule-based, as a pipeline of small stages: ingest (furniture, sections, paragraphs) →
//! gazetteer tagging (`doc`) → quotation detection (`quotes`) → reported speech
//! (`indirect`) → attribution of quotations as ordered sieves (`attribution`) with
//! speech-versus-term (`speech_or_term`) → speaker resolution (`resolve`) → mentions and
//! agreement facts. Every statement records the rule that decided its speaker.

mod agreements;
mod attribution;
mod doc;
mod draft;
mod echo;
mod headline;
mod indirect;
mod mentions;
mod named;
mod names;
mod press;
mod quotes;
mod resolve;
pub mod rule;
mod said_on;
mod speaker;
mod speech_or_term;
mod unclosed;

pub use agreements::AgreementFact;
pub use mentions::{AgreementRef, Mentioned, Mentions};
pub use rule::Rule;
pub use speaker::{Named, Speaker, Who};

use crate::gazetteer::Gazetteer;
use crate::ingest::{Ingested, ingest};
use crate::model::{Section, StatementKind};
use crate::script::Script;
use chrono::{Datelike, NaiveDate};
use doc::Doc;
use resolve::{People, resolve};

/// A statement found in the body, before its speaker is resolved.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    kind: StatementKind,
    start: usize,
    end: usize,
    speaker: Option<Speaker>,
    rule: Rule,
}

/// A statement as extracted.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedStatement {
    /// Direct or indirect.
    pub kind: StatementKind,
    /// The words as written.
    pub text: String,
    /// Character range in the cleaned body (in the title for the headline).
    pub span: (usize, usize),
    /// Headline, body or related list.
    pub section: Section,
    /// Who said it, when named.
    pub speaker: Option<Named>,
    /// The speaker phrase as written (also for unnamed speakers).
    pub speaker_phrase: Option<String>,
    /// The day it was said, when the text gives one.
    pub said_on: Option<NaiveDate>,
    /// How sure the attribution is.
    pub confidence: f64,
    /// Which rule attributed it.
    pub rule: Rule,
}

/// Everything extracted from one raw article.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The article taken apart.
    pub ingested: Ingested,
    /// Its script.
    pub script: Script,
    /// Its statements: the headline's, then the body's in order.
    pub statements: Vec<ExtractedStatement>,
    /// What it mentions.
    pub mentions: Mentions,
    /// What it says about agreements: statuses with dates, parties.
    pub agreement_facts: Vec<AgreementFact>,
}

impl Extraction {
    /// What the article part names, without the list of related articles after it.
    pub fn article_mentions(&self) -> Mentions {
        let end = self
            .ingested
            .related_from
            .unwrap_or_else(|| self.ingested.body.chars().count());
        self.mentions.in_article(end)
    }
}

/// Reported speech that is mostly one quotation (称,下次大选“将是一场硬仗”) is that
/// quotation's introduction, not a statement of its own.
fn mostly_quoted(reported: &Found, direct: &[Found]) -> bool {
    let quoted: usize = direct
        .iter()
        .filter(|d| d.start >= reported.start && d.end <= reported.end)
        .map(|d| d.end - d.start)
        .sum();
    quoted * 2 >= reported.end - reported.start
}

/// Stage one over the body: statements with speaker mentions, in body order.
fn find_statements(doc: &Doc<'_>, title: &Doc<'_>) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let host = press::host(doc, title);
    for unit in quotes::quotation_units(&doc.orig, &doc.paragraphs) {
        let (paragraph, mut quotes) = (unit.range, unit.quotes);
        unclosed::cut_at_narration(doc, &mut quotes);
        if press::is_question(doc, paragraph) {
            continue;
        }
        if let Some(answer) = press::answer(doc, paragraph, host.as_ref()) {
            found.push(answer);
            continue;
        }
        let reported = indirect::indirect_statements(doc, paragraph, &quotes);
        let direct =
            attribution::attribute_quotes(doc, paragraph, &quotes, &reported, &found, false);
        found.extend(reported.into_iter().filter(|r| !mostly_quoted(r, &direct)));
        found.extend(direct);
        found.sort_by_key(|f| f.start);
    }
    found
}

/// Extracts everything from a raw article.
pub fn extract(raw: &str, gazetteer: &Gazetteer) -> Extraction {
    let ingested = ingest(raw);
    let doc = Doc::new(&ingested.body, gazetteer);
    let title_doc = Doc::headline(ingested.title.as_deref().unwrap_or_default(), gazetteer);
    let found = find_statements(&doc, &title_doc);
    let year = ingested.published_at.map(|at| at.day().year());
    let titled = named::titled_people_in_clauses(&doc);
    let people = People::of(&doc, &found, &titled);
    let mut statements: Vec<ExtractedStatement> = Vec::with_capacity(found.len());
    for f in &found {
        let last_speaker = statements
            .iter()
            .rev()
            .find_map(|s| s.speaker.as_ref().map(|n| (n, s.span.0)));
        let mut statement = finish(&doc, &people, f, last_speaker, ingested.related_from, year);
        if f.speaker.as_ref().is_some_and(|s| s.who == Who::Document)
            && let Some(before) = statements.last()
        {
            // 声明强调: the statement speaks for whoever issued it, the last speaker.
            statement.speaker = before.speaker.clone();
            statement.speaker_phrase = before.speaker_phrase.clone();
        }
        statements.push(statement);
    }
    if !title_doc.orig.is_empty() {
        let body_speakers: Vec<Named> = statements
            .iter()
            .filter_map(|s| s.speaker.clone())
            .collect();
        let headline = headline::headline_statements(&title_doc, &people, &body_speakers);
        statements.splice(0..0, headline);
    }
    echo::attribute_echoes(&mut statements);
    let speakers: Vec<Named> = statements
        .iter()
        .filter_map(|s| s.speaker.clone())
        .collect();
    let mentions = mentions::mentions(&doc, &speakers, &titled);
    let agreement_facts = agreements::agreement_facts(&doc, year);
    let script = Script::detect_folded(&[
        (&title_doc.orig, &title_doc.folded),
        (&doc.orig, &doc.folded),
    ]);
    Extraction {
        ingested,
        script,
        statements,
        mentions,
        agreement_facts,
    }
}

/// Stage two for one statement: its speaker resolved, its section and day.
fn finish(
    doc: &Doc<'_>,
    people: &People,
    f: &Found,
    last_speaker: Option<(&Named, usize)>,
    related_from: Option<usize>,
    year: Option<i32>,
) -> ExtractedStatement {
    let resolved = f
        .speaker
        .as_ref()
        .map(|s| resolve(doc, people, s, f.start, last_speaker));
    let by_reference = resolved.as_ref().is_some_and(|r| r.by_reference);
    let confidence = if by_reference {
        f.rule.confidence * rule::REFERENCE_FACTOR
    } else {
        f.rule.confidence
    };
    ExtractedStatement {
        kind: f.kind,
        text: doc.text(f.start, f.end),
        span: (f.start, f.end),
        section: match related_from {
            Some(from) if f.start >= from => Section::Related,
            _ => Section::Body,
        },
        speaker: resolved.and_then(|r| r.person),
        speaker_phrase: f.speaker.as_ref().map(|s| s.phrase.clone()),
        said_on: year.and_then(|y| said_on::date_said(doc, f.start, y)),
        confidence,
        rule: f.rule,
    }
}

#[cfg(test)]
#[path = "extract_tests.rs"]
mod tests;
