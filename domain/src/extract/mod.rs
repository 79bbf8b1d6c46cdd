//! Extraction: from a raw article to the statements in it with their speakers, and the
//! countries, organizations, agreements and people it mentions. Deterministic and
//! rule-based; every statement says which rule attributed it (`How`).

mod agreements;
mod direct;
mod doc;
mod indirect;
mod mentions;
mod names;
mod press;
mod quotes;
mod speaker;

pub use agreements::AgreementFact;
pub use mentions::{AgreementRef, Mentioned, Mentions};
pub use speaker::{Named, Speaker, Who};

use crate::gazetteer::{EntityHit, Gazetteer};
use crate::ingest::{Ingested, ingest, parse_date_at};
use crate::model::{
    AgreementFactDraft, ArticleDraft, MentionDraft, MentionKind, Section, SpeakerDraft,
    StatementDraft, StatementKind,
};
use crate::script::Script;
use chrono::{Datelike, NaiveDate};
use doc::{Doc, is_sentence_end};
use quotes::{Quote, quotes_in};
use regex::Regex;
use std::sync::OnceLock;

/// Which rule attributed a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// A reporting clause before it (X表示:“…”).
    Before,
    /// A reporting clause right after it (“…”X表示).
    After,
    /// A sentence after it naming who 发出这样的呼吁.
    Summit,
    /// The speaker of the previous statement in the paragraph.
    Continued,
    /// The subject of the sentence (…发表讲话,强调…).
    SentenceSubject,
    /// Nobody is named.
    Unattributed,
}

impl How {
    /// The rule's name, as reports and the API show it.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Before => "before",
            How::After => "after",
            How::Summit => "summit",
            How::Continued => "continued",
            How::SentenceSubject => "sentence_subject",
            How::Unattributed => "unattributed",
        }
    }

    fn confidence(self) -> f64 {
        match self {
            How::Before | How::After => 0.9,
            How::Summit => 0.8,
            How::Continued => 0.75,
            How::SentenceSubject => 0.7,
            How::Unattributed => 0.5,
        }
    }
}

/// A statement found in the body, before its speaker is resolved.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    kind: StatementKind,
    start: usize,
    end: usize,
    speaker: Option<Speaker>,
    how: How,
}

impl Found {
    fn direct(q: Quote, speaker: Option<Speaker>, how: How) -> Self {
        Found {
            kind: StatementKind::Direct,
            start: q.start,
            end: q.end,
            speaker,
            how,
        }
    }

    fn indirect(start: usize, end: usize, speaker: Speaker, how: How) -> Self {
        Found {
            kind: StatementKind::Indirect,
            start,
            end,
            speaker: Some(speaker),
            how,
        }
    }
}

/// A statement as extracted.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedStatement {
    /// Direct or indirect.
    pub kind: StatementKind,
    /// The words as written.
    pub text: String,
    /// Character range in the cleaned body.
    pub span: (usize, usize),
    /// Body or related list.
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
    pub how: How,
}

/// Everything extracted from one raw article.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The article taken apart.
    pub ingested: Ingested,
    /// Its script.
    pub script: Script,
    /// Its statements, in body order.
    pub statements: Vec<ExtractedStatement>,
    /// What it mentions.
    pub mentions: Mentions,
    /// What it says about agreements: statuses with dates, parties.
    pub agreement_facts: Vec<AgreementFact>,
}

/// Extracts everything from a raw article.
pub fn extract(raw: &str, gazetteer: &Gazetteer) -> Extraction {
    let ingested = ingest(raw);
    let doc = Doc::new(&ingested.body, gazetteer);
    let mut found: Vec<Found> = Vec::new();
    let host = press::host(&doc, ingested.title.as_deref());
    for &paragraph in &doc.paragraphs {
        if press::is_question(&doc, paragraph) {
            continue;
        }
        if let Some(answer) = press::answer(&doc, paragraph, host.as_ref()) {
            found.push(answer);
            continue;
        }
        let quotes = quotes_in(&doc.orig, paragraph.0, paragraph.1);
        let direct = direct::direct_statements(&doc, paragraph);
        let indirect = indirect::indirect_statements(&doc, paragraph, &quotes);
        found.extend(
            indirect
                .into_iter()
                .filter(|i| !direct.iter().any(|d| d.start < i.end && i.start < d.end)),
        );
        found.extend(direct);
    }
    found.sort_by_key(|f| f.start);
    let year = ingested.published_at.map(|at| at.day().year());
    let statements: Vec<ExtractedStatement> = found
        .iter()
        .map(|f| finish(&doc, f, &found, ingested.related_from, year))
        .collect();
    let speakers: Vec<Named> = statements
        .iter()
        .filter_map(|s| s.speaker.clone())
        .collect();
    let mentions = mentions::mentions(&doc, &speakers);
    let agreement_facts = agreements::agreement_facts(&doc, year);
    let script = Script::detect(&format!(
        "{}\n{}",
        ingested.title.as_deref().unwrap_or_default(),
        ingested.body
    ));
    Extraction {
        ingested,
        script,
        statements,
        mentions,
        agreement_facts,
    }
}

fn finish(
    doc: &Doc<'_>,
    f: &Found,
    all: &[Found],
    related_from: Option<usize>,
    year: Option<i32>,
) -> ExtractedStatement {
    let (speaker, phrase, pronoun) = match &f.speaker {
        Some(Speaker {
            who: Who::Named(named),
            phrase,
        }) => (Some(named.clone()), Some(phrase.clone()), false),
        Some(Speaker {
            who: Who::Pronoun,
            phrase,
        }) => (
            resolve_pronoun(doc, f.start, all),
            Some(phrase.clone()),
            true,
        ),
        Some(Speaker {
            who: Who::Unnamed,
            phrase,
        }) => (None, Some(phrase.clone()), false),
        None => (None, None, false),
    };
    let confidence = if pronoun {
        f.how.confidence() * 0.85
    } else {
        f.how.confidence()
    };
    ExtractedStatement {
        kind: f.kind,
        text: doc.text(f.start, f.end),
        span: (f.start, f.end),
        section: match related_from {
            Some(from) if f.start >= from => Section::Related,
            _ => Section::Body,
        },
        speaker,
        speaker_phrase: phrase,
        said_on: year.and_then(|y| date_said(doc, f.start, y)),
        confidence,
        how: f.how,
    }
}

fn sentence_start(doc: &Doc<'_>, at: usize) -> usize {
    (0..at)
        .rev()
        .find(|&i| is_sentence_end(doc.orig[i]))
        .map_or(0, |i| i + 1)
}

/// 他 / 她: the first person named in the current sentence before the pronoun, else the
/// first person named in the last earlier sentence that names one.
fn resolve_pronoun(doc: &Doc<'_>, at: usize, found: &[Found]) -> Option<Named> {
    let mut people: Vec<Named> = doc
        .hits
        .iter()
        .filter_map(|h| match h.entity {
            EntityHit::Person(i) => {
                let p = &doc.gazetteer.people[i];
                Some(Named {
                    name: p.name.clone(),
                    title: p.title.clone(),
                    country: p.country.clone(),
                    name_en: p.name_en.clone(),
                    start: h.start,
                })
            }
            _ => None,
        })
        .chain(found.iter().filter_map(|f| match &f.speaker {
            Some(Speaker {
                who: Who::Named(n), ..
            }) => Some(n.clone()),
            _ => None,
        }))
        .filter(|n| n.start < at)
        .collect();
    people.sort_by_key(|n| n.start);
    let here = sentence_start(doc, at);
    if let Some(first) = people.iter().find(|n| n.start >= here) {
        return Some(first.clone());
    }
    let last = people.last()?;
    let there = sentence_start(doc, last.start);
    people.iter().find(|n| n.start >= there).cloned()
}

/// The day a statement was said: a date earlier in its sentence, or the date a previous
/// paragraph opens with (2020年12月30日晚,… then 正如…所说).
fn date_said(doc: &Doc<'_>, at: usize, year: i32) -> Option<NaiveDate> {
    static DATE: OnceLock<Regex> = OnceLock::new();
    let re = DATE.get_or_init(|| {
        Regex::new(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
            .unwrap_or_else(|e| unreachable!("static pattern: {e}"))
    });
    let sentence = doc.folded_text(sentence_start(doc, at), at);
    if let Some(m) = re.find_iter(&sentence).last() {
        return parse_date_at(m.as_str(), year);
    }
    let (paragraph, _) = doc.paragraph_of(at);
    let previous = doc
        .paragraphs
        .iter()
        .rev()
        .find(|(_, end)| *end < paragraph)?;
    let opening = doc.folded_text(previous.0, (previous.0 + 16).min(previous.1));
    re.find(&opening)
        .filter(|m| m.start() == 0)
        .and_then(|m| parse_date_at(m.as_str(), year))
}

impl Extraction {
    /// The article as a draft for storage: metadata, statements with speakers, mentions.
    pub fn draft(&self, gazetteer: &Gazetteer) -> ArticleDraft {
        let i = &self.ingested;
        ArticleDraft {
            title: i.title.clone().unwrap_or_default(),
            url: None,
            body: i.body.clone(),
            raw_text: None,
            published_at: i.published_at.map(|at| at.to_text()),
            source: i.source.clone(),
            reprinted_from: i.reprinted_from.clone(),
            hosted_by: i.hosted_by.clone(),
            category: i.category.clone(),
            editor: i.editor.clone(),
            related_from: i.related_from,
            statements: self
                .statements
                .iter()
                .map(|s| statement_draft(s, gazetteer))
                .collect(),
            mentions: self.mention_drafts(gazetteer),
            agreement_facts: self.agreement_fact_drafts(gazetteer),
        }
    }

    fn agreement_fact_drafts(&self, g: &Gazetteer) -> Vec<AgreementFactDraft> {
        self.agreement_facts
            .iter()
            .map(|f| {
                let (name, abbreviation) = match &f.agreement {
                    AgreementRef::Known(k) => (
                        g.agreements[*k].name.clone(),
                        g.agreements[*k].abbreviation.clone(),
                    ),
                    AgreementRef::New(name) => (name.clone(), None),
                };
                let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
                AgreementFactDraft {
                    name,
                    abbreviation,
                    status: f.status.map(|s| s.as_str().to_owned()),
                    on: f.on.map(day),
                    parties: f
                        .parties
                        .iter()
                        .map(|(code, on)| (code.clone(), on.map(day)))
                        .collect(),
                }
            })
            .collect()
    }

    fn mention_drafts(&self, g: &Gazetteer) -> Vec<MentionDraft> {
        let m = &self.mentions;
        let mention =
            |kind, name: String, abbreviation: Option<String>, count, first| MentionDraft {
                kind,
                name,
                abbreviation,
                count: Some(count),
                first_offset: Some(first),
                title: None,
                country: None,
            };
        let countries = m
            .countries
            .iter()
            .map(|c| mention(MentionKind::Country, c.key.clone(), None, c.count, c.first));
        let organizations = m.organizations.iter().map(|o| {
            let entry = &g.organizations[o.key];
            mention(
                MentionKind::Organization,
                entry.name.clone(),
                Some(entry.abbreviation.clone()),
                o.count,
                o.first,
            )
        });
        let agreements = m.agreements.iter().map(|a| match &a.key {
            AgreementRef::Known(k) => {
                let entry = &g.agreements[*k];
                mention(
                    MentionKind::Agreement,
                    entry.name.clone(),
                    entry.abbreviation.clone(),
                    a.count,
                    a.first,
                )
            }
            AgreementRef::New(name) => {
                mention(MentionKind::Agreement, name.clone(), None, a.count, a.first)
            }
        });
        let people = m.people.iter().map(|(p, count)| MentionDraft {
            title: p.title.clone(),
            country: p.country.clone(),
            ..mention(MentionKind::Person, p.name.clone(), None, *count, p.start)
        });
        countries
            .chain(organizations)
            .chain(agreements)
            .chain(people)
            .collect()
    }
}

fn statement_draft(s: &ExtractedStatement, g: &Gazetteer) -> StatementDraft {
    StatementDraft {
        text: s.text.clone(),
        kind: s.kind,
        speaker: s.speaker.as_ref().map(|n| SpeakerDraft {
            name: n.name.clone(),
            title: n.title.clone(),
            country: n.country.clone(),
            name_en: n.name_en.clone(),
            aliases: g
                .person(&n.name)
                .map(|p| p.aliases.clone())
                .unwrap_or_default(),
        }),
        speaker_phrase: s.speaker_phrase.clone(),
        span: Some(s.span),
        section: Some(s.section),
        said_on: s.said_on.map(|d| d.format("%Y-%m-%d").to_string()),
        confidence: Some(s.confidence),
    }
}

#[cfg(test)]
#[path = "extract_tests.rs"]
mod tests;
