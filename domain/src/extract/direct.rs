//! Direct quotations and who said them. For each quotation, in order:
//! 1. speaker before: X表示:“…”, X在…中指出,“…”, 正如X所说,“…”, X强调“…”;
//! 2. speaker after: “…”X表示。 / 「…」,X說 / “…”X在…上说;
//! 3. the summit form: a quotation, then a sentence naming who 发出这样的呼吁 / 如是说;
//! 4. continuation: a quotation standing on its own after an attributed statement in the
//!    same paragraph is that speaker's;
//!
//! Otherwise it is a term (“快捷通道”: short or part of a sentence, no punctuation inside)
//! or an unattributed statement.

use super::doc::{Doc, is_clause_end, is_sentence_end};
use super::press::QUESTION_VERBS;
use super::quotes::{Quote, quotes_in};
use super::speaker::{Speaker, Who, parse_subject};
use super::{Found, How};

/// Sentences that name the speaker of the quotation before them.
const SUMMIT_MARKERS: &[&str] = &[
    "发出这样的呼吁",
    "发出这样的呼声",
    "发出这样的倡议",
    "如是说",
    "如是表示",
    "这样说",
    "这样表示",
    "这样指出",
    "这样强调",
    "这样呼吁",
    "如此表示",
    "如此说",
];
/// Quotations this short, with no punctuation inside, are names and terms unless a
/// reporting clause introduces them.
const TERM_MAX_CHARS: usize = 8;
/// How far after a quotation a reporting verb may stand and still name its speaker.
const AFTER_WINDOW: usize = 40;

/// Every quotation of a paragraph, attributed or not; terms are left out.
pub fn direct_statements(doc: &Doc<'_>, (from, to): (usize, usize)) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for q in quotes_in(&doc.orig, from, to) {
        if is_question(doc, &q, from) {
            continue;
        }
        let standalone_before = starts_sentence(doc, &q, from);
        let found = speaker_before(doc, &q, from)
            .map(|s| (s, How::Before))
            .or_else(|| speaker_after(doc, &q, to).map(|s| (s, How::After)))
            .or_else(|| summit_speaker(doc, &q, to).map(|s| (s, How::Summit)));
        let has_punct = doc.orig[q.start..q.end]
            .iter()
            .any(|c| is_clause_end(*c) && *c != ' ');
        let embedded = !opens_clause(doc, &q, from) || !closes_clause(doc, &q, to);
        let short = q.end - q.start <= TERM_MAX_CHARS;
        match found {
            // X表示,“快捷通道”已经开通: a term inside reported speech.
            Some((_, How::Before)) if !has_punct && short && !closes_clause(doc, &q, to) => {}
            Some((speaker, how)) => out.push(Found::direct(q, Some(speaker), how)),
            None if !has_punct && (embedded || short) => {}
            None => {
                let continued = standalone_before
                    .then(|| {
                        out.iter()
                            .rev()
                            .find(|f| {
                                f.speaker
                                    .as_ref()
                                    .is_some_and(|s| !matches!(s.who, Who::Unnamed))
                            })
                            .cloned()
                    })
                    .flatten();
                match continued {
                    Some(previous) => out.push(Found::direct(q, previous.speaker, How::Continued)),
                    None => out.push(Found::direct(q, None, How::Unattributed)),
                }
            }
        }
    }
    out
}

/// 有记者问:“…?”: a reporter's question, not a statement.
fn is_question(doc: &Doc<'_>, q: &Quote, from: usize) -> bool {
    let mut end = q.open;
    while end > from
        && (doc.orig[end - 1].is_whitespace()
            || matches!(doc.orig[end - 1], '：' | ':' | '，' | ','))
    {
        end -= 1;
    }
    let before = doc.folded_text(end.saturating_sub(2).max(from), end);
    QUESTION_VERBS.iter().any(|v| before.ends_with(v))
}

/// The quotation opens a sentence: the paragraph starts, or a sentence or quotation ends,
/// just before it.
fn starts_sentence(doc: &Doc<'_>, q: &Quote, from: usize) -> bool {
    let before = (from..q.open).rev().find(|&i| !doc.orig[i].is_whitespace());
    before.is_none_or(|i| is_sentence_end(doc.orig[i]) || matches!(doc.orig[i], '”' | '」' | '』'))
}

/// The quotation starts a clause: after a boundary, a colon or comma, or a reporting verb.
fn opens_clause(doc: &Doc<'_>, q: &Quote, from: usize) -> bool {
    let before = (from..q.open).rev().find(|&i| !doc.orig[i].is_whitespace());
    before.is_none_or(|i| is_clause_end(doc.orig[i]) || matches!(doc.orig[i], '”' | '」' | '』'))
        || ends_with_verb(doc, from, q.open).is_some()
}

/// The quotation ends a clause: a boundary, the paragraph end or a closing bracket follows.
fn closes_clause(doc: &Doc<'_>, q: &Quote, to: usize) -> bool {
    let after = (q.close..to).find(|&i| !doc.orig[i].is_whitespace());
    after.is_none_or(|i| is_clause_end(doc.orig[i]) || matches!(doc.orig[i], '“' | '「' | '『'))
        || speaker_after_start(doc, q, to).is_some()
}

/// The reporting verb that ends `[from, at)` (skipping a colon or comma), if any.
fn ends_with_verb(doc: &Doc<'_>, from: usize, at: usize) -> Option<(usize, usize)> {
    let mut end = at;
    while end > from
        && (doc.orig[end - 1].is_whitespace()
            || matches!(doc.orig[end - 1], '：' | ':' | '，' | ','))
    {
        end -= 1;
    }
    let window = end.saturating_sub(12).max(from);
    doc.verbs_in(window, end)
        .into_iter()
        .rfind(|(_, e)| *e == end)
}

/// Start of the clause that ends at `at`: after the last clause boundary or quotation.
fn clause_start(doc: &Doc<'_>, from: usize, at: usize) -> usize {
    (from..at)
        .rev()
        .find(|&i| {
            is_clause_end(doc.orig[i])
                || matches!(doc.orig[i], '”' | '」' | '』' | '“' | '「' | '『')
        })
        .map_or(from, |i| i + 1)
}

/// X表示:“…”.
fn speaker_before(doc: &Doc<'_>, q: &Quote, from: usize) -> Option<Speaker> {
    let (verb_start, _) = ends_with_verb(doc, from, q.open)?;
    let start = clause_start(doc, from, verb_start);
    parse_subject(doc, start, verb_start)
}

/// Where a reporting clause right after the quotation has its verb.
fn speaker_after_start(doc: &Doc<'_>, q: &Quote, to: usize) -> Option<(usize, usize)> {
    let mut start = q.close;
    while start < to && (doc.orig[start].is_whitespace() || matches!(doc.orig[start], '，' | ','))
    {
        start += 1;
    }
    let limit = (start + AFTER_WINDOW).min(to);
    let stop = (start..limit)
        .find(|&i| {
            is_sentence_end(doc.orig[i]) || matches!(doc.orig[i], '“' | '「' | '『' | '，' | ',')
        })
        .unwrap_or(limit);
    let (verb_start, _) = doc.verbs_in(start, stop).into_iter().next()?;
    Some((start, verb_start))
}

/// “…”X表示。
fn speaker_after(doc: &Doc<'_>, q: &Quote, to: usize) -> Option<Speaker> {
    let (start, verb_start) = speaker_after_start(doc, q, to)?;
    let speaker = parse_subject(doc, start, verb_start)?;
    (!matches!(speaker.who, Who::Unnamed) || verb_start - start <= 12).then_some(speaker)
}

/// “…”。…,中国国家主席习近平发出这样的呼吁。
fn summit_speaker(doc: &Doc<'_>, q: &Quote, to: usize) -> Option<Speaker> {
    let ends_sentence = doc.orig[q.start..q.end]
        .last()
        .is_some_and(|c| is_sentence_end(*c))
        || doc.orig.get(q.close).is_some_and(|c| is_sentence_end(*c));
    if !ends_sentence {
        return None;
    }
    let sentence_end = (q.close + 1..to)
        .find(|&i| matches!(doc.orig[i], '。' | '！' | '？' | '\n'))
        .unwrap_or(to);
    let sentence = doc.folded_text(q.close, sentence_end);
    let marker = SUMMIT_MARKERS.iter().find_map(|m| {
        sentence
            .find(m)
            .map(|byte| sentence[..byte].chars().count())
    })?;
    let marker_at = q.close + marker;
    let start = clause_start(doc, q.close, marker_at);
    parse_subject(doc, start, marker_at)
}
