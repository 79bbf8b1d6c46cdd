//! Reported speech: X表示, X指出, X认为 … and the clause reported, up to the end of its
//! sentence, with or without a comma after the verb (X表示中方将…). Verbs whose bare
//! object is usually a noun (X提到这个问题) report only with a comma or colon after them.
//! A verb after a comma with no subject of its own (…发表讲话,强调…) takes the subject of
//! its sentence.

use super::Found;
use super::doc::{Doc, is_clause_end, is_full_stop, is_sentence_end};
use super::quotes::Quote;
use super::rule::Rule;
use super::speaker::{Speaker, Who, parse_subject};
use crate::model::StatementKind;

/// Reported speech whose subject stands right before the verb (X表示,…).
pub const REPORTING_CLAUSE: Rule = Rule {
    name: "reported_clause",
    confidence: 0.9,
};
/// Reported speech whose verb follows a comma and takes the sentence's subject.
pub const REPORTED_SENTENCE_SUBJECT: Rule = Rule {
    name: "reported_sentence_subject",
    confidence: 0.8,
};

/// Verbs whose object without a comma is a noun, not a reported proposition (X提到这个
///问题, X介绍了情况, X回应记者): they report only when a comma or colon follows.
const NOUN_OBJECT_VERBS: &[&str] = &[
    "提出",
    "提到",
    "谈到",
    "介绍",
    "告诉",
    "回应",
    "回答",
    "答问",
    "答记者问",
    "写下",
    "声明",
    "说明",
    "批评",
    "谴责",
    "称赞",
    "赞扬",
    "盛赞",
    "形容",
];
/// Verbs that introduce quotations only (正如X所说,“…”).
const QUOTE_ONLY_VERBS: &[&str] = &[
    "所说",
    "所言",
    "写道",
    "书写",
    "发表讲话",
    "发表演讲",
    "发表谈话",
    "致辞",
];
/// The shortest reported clause kept.
const MIN_CLAUSE_CHARS: usize = 6;

/// Reported speech in one paragraph, outside its quotations.
pub fn indirect_statements(
    doc: &Doc<'_>,
    (from, to): (usize, usize),
    quotes: &[Quote],
) -> Vec<Found> {
    let inside_quote = |i: usize| quotes.iter().any(|q| i >= q.open && i < q.close);
    let mut out = Vec::new();
    for (verb_start, verb_end) in doc.verbs_in(from, to) {
        if inside_quote(verb_start) {
            continue;
        }
        let verb = doc.folded_text(verb_start, verb_end);
        if QUOTE_ONLY_VERBS.contains(&verb.as_str()) {
            continue;
        }
        let mut start = verb_end;
        while start < to
            && (doc.orig[start].is_whitespace()
                || matches!(doc.orig[start], '，' | ',' | '：' | ':'))
        {
            start += 1;
        }
        let punctuated = start > verb_end;
        if !punctuated && NOUN_OBJECT_VERBS.contains(&verb.as_str()) {
            continue;
        }
        // 强调了…, 表示的…: the verb is used as a noun or in the past, not reporting.
        let particle =
            !punctuated && matches!(doc.folded.get(start), Some('了' | '过' | '的' | '着'));
        if particle
            || start >= to
            || (inside_quote(start) && !opens_partial_quote(quotes, start, to, doc))
        {
            continue;
        }
        let end = clause_end(doc, start, to, &inside_quote);
        if end - start < MIN_CLAUSE_CHARS {
            continue;
        }
        if let Some((speaker, rule)) = subject_of(doc, from, verb_start) {
            out.push(Found {
                kind: StatementKind::Indirect,
                start,
                end,
                speaker: Some(speaker),
                rule,
            });
        }
    }
    out
}

/// Words that open a clause about the circumstances of speaking, not its subject (在会上强调,
/// 并表示): the verb's subject is then the sentence's.
const CIRCUMSTANCE: &[&str] = &[
    "在", "于", "并", "也", "还", "又", "亦", "同时", "随后", "另外", "更",
];

fn opens_with_circumstance(doc: &Doc<'_>, start: usize, end: usize) -> bool {
    let clause = doc.folded_text(start, end);
    let clause = clause.trim();
    clause.chars().count() <= 1 || CIRCUMSTANCE.iter().any(|w| clause.starts_with(w))
}

/// A quotation at `start` that is only part of the reported clause (他呼吁“在关键时刻”立即
/// 停火…): words, not punctuation or another quotation, follow it.
fn opens_partial_quote(quotes: &[Quote], start: usize, to: usize, doc: &Doc<'_>) -> bool {
    quotes.iter().any(|q| {
        q.open == start
            && (q.close..to)
                .find(|&i| !doc.orig[i].is_whitespace())
                .is_some_and(|i| doc.orig[i].is_alphanumeric())
    })
}

/// Where a reported clause starting at `start` ends: at the end of its sentence (a
/// semicolon does not end it), or before a quotation that takes over after a comma (他称,
/// 新加坡有自己的立场,“有时…”: the quotation is a statement of its own). A question or
/// exclamation the speaker puts (怎能不苦?但…) goes on into the next sentence unless that
/// sentence reports speech of its own.
fn clause_end(
    doc: &Doc<'_>,
    start: usize,
    to: usize,
    inside_quote: &dyn Fn(usize) -> bool,
) -> usize {
    let ends = |c: char| is_full_stop(c) || c == '\n';
    let sentence_end = |from: usize| {
        (from..to)
            .find(|&i| ends(doc.orig[i]) && !inside_quote(i))
            .unwrap_or(to)
    };
    let mut end = sentence_end(start);
    while end + 1 < to && is_asked_or_exclaimed(doc.orig[end]) {
        let next = sentence_end(end + 1);
        if !doc.verbs_in(end + 1, next).is_empty() {
            break;
        }
        end = next;
    }
    if let Some(open) = (start + 1..end).find(|&i| {
        matches!(doc.orig[i], '“' | '「' | '『')
            && matches!(doc.orig[i - 1], '，' | ',' | '：' | ':')
    }) {
        end = open - 1;
    }
    end
}

/// A question or exclamation mark: it ends a sentence but not always what is reported.
fn is_asked_or_exclaimed(c: char) -> bool {
    matches!(c, '！' | '？' | '!' | '?')
}

/// The subject of the verb at `verb_start`: the clause right before it, or when that is
/// empty (the verb follows a comma), the first clause of the sentence that names someone.
fn subject_of(doc: &Doc<'_>, from: usize, verb_start: usize) -> Option<(Speaker, Rule)> {
    let clause = (from..verb_start)
        .rev()
        .find(|&i| is_clause_end(doc.orig[i]) || matches!(doc.orig[i], '”' | '」' | '』'))
        .map_or(from, |i| i + 1);
    let circumstance = clause < verb_start && opens_with_circumstance(doc, clause, verb_start);
    if clause < verb_start && !circumstance {
        return parse_subject(doc, clause, verb_start).map(|s| (s, REPORTING_CLAUSE));
    }
    let sentence = (from..verb_start)
        .rev()
        .find(|&i| is_sentence_end(doc.orig[i]))
        .map_or(from, |i| i + 1);
    let mut at = sentence;
    while at < verb_start {
        let end = (at..verb_start)
            .find(|&i| is_clause_end(doc.orig[i]))
            .unwrap_or(verb_start);
        if let Some(speaker) = parse_subject(doc, at, end)
            .filter(|s| matches!(s.who, Who::Named(_) | Who::Pronoun(_) | Who::Title(_)))
        {
            return Some((speaker, REPORTED_SENTENCE_SUBJECT));
        }
        at = end + 1;
    }
    // 在与学者的座谈会上强调: no one named before it; the clause's own words, if any.
    circumstance
        .then(|| parse_subject(doc, clause, verb_start))
        .flatten()
        .map(|s| (s, REPORTING_CLAUSE))
}
