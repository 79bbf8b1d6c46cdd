//! Attribution of quotations as ordered sieves (after Muzny et al. 2017, "A Two-Stage
//! Sieve Approach for Quote Attribution"). Stage one, here: each quotation is offered to
//! small deterministic sieves in order of precision, and the first that names a speaker
//! mention decides. Stage two (`super::resolve`) turns that mention into an entity: a
//! pronoun or a bare title into the person it stands for.
//!
//! Each quotation goes through three steps (`attribute_quotes`):
//! 1. a quoted question (`question`) goes to its asker and skips the rest;
//! 2. the sieves, first match wins;
//! 3. speech or term (`super::speech_or_term`): a term is dropped unless it repeats, word
//!    for word, what a speaker was quoted saying earlier (`requote`).
//!
//! A sieve is one file named after what it recognises; adding one means adding its file
//! and its place in `SIEVES`, nothing else. Helpers sieves share (a page named in quote
//! marks as the subject, `account`) have files of their own.

pub mod context;

mod account;
mod colon_before;
mod headline_speaker;
mod inside_reported;
mod naming_sentence;
mod paragraph_run;
mod previous_subject;
mod question;
mod requote;
mod sentence_subject;
mod signature;
mod trailing_clause;

use super::Found;
use super::doc::{Doc, is_clause_end};
use super::quotes::Quote;
use super::rule::{Rule, UNATTRIBUTED};
use super::speaker::{Speaker, Who, parse_subject};
use super::speech_or_term::is_term;
use crate::model::StatementKind;
use context::Context;

/// A sieve: a rule and the function that applies it to one quotation.
pub struct Sieve {
    /// Its name and confidence.
    pub rule: Rule,
    /// The speaker mention it finds for a quotation, if any.
    pub find: fn(&Context<'_, '_>, &Quote) -> Option<Speaker>,
    /// Whether it reads a reporting clause right next to the quotation, which makes even a
    /// short quotation speech.
    pub reporting_clause: bool,
}

/// The sieves, most precise first.
pub const SIEVES: &[Sieve] = &[
    signature::SIEVE,
    colon_before::SIEVE,
    trailing_clause::SIEVE,
    inside_reported::SIEVE,
    naming_sentence::SIEVE,
    headline_speaker::SIEVE,
    sentence_subject::SIEVE,
    paragraph_run::SIEVE,
    previous_subject::SIEVE,
];

/// The speaker `[start, end)` names when those words are the speaker's phrase and nothing
/// else (spaces aside): a signature line, a headline's speaker before its quotation.
pub fn whole_phrase_speaker(doc: &Doc<'_>, start: usize, end: usize) -> Option<Speaker> {
    let speaker = parse_subject(doc, start, end)?;
    let written = doc.orig[start..end].iter().filter(|c| !c.is_whitespace());
    let phrase = speaker.phrase.chars().filter(|c| !c.is_whitespace());
    written.copied().eq(phrase).then_some(speaker)
}

/// The subject of the sentence holding `at`: the first clause before `at` that names a
/// person, a pronoun or a title standing for one.
pub fn subject_of_sentence(cx: &Context<'_, '_>, at: usize) -> Option<Speaker> {
    let doc = cx.doc;
    let mut start = cx.sentence_start(at);
    while start < at {
        let end = (start..at)
            .find(|&i| is_clause_end(doc.orig[i]) || context::is_quote_mark(doc.orig[i]))
            .unwrap_or(at);
        if let Some(s) = parse_subject(doc, start, end).filter(|s| !matches!(s.who, Who::Unnamed)) {
            return Some(s);
        }
        // Skip a quotation whole: its words are not the sentence's subject.
        start = match cx.quotes.iter().find(|q| q.open == end) {
            Some(q) => q.close,
            None => end + 1,
        };
    }
    None
}

/// Stage one for one paragraph: every quotation that is speech, with the speaker mention
/// the first matching sieve found (or none) and that sieve's rule. `reported` is the
/// paragraph's reported speech, `earlier` the statements before the paragraph; `headline`
/// says the paragraph is the article's headline.
pub fn attribute_quotes(
    doc: &Doc<'_>,
    paragraph: (usize, usize),
    quotes: &[Quote],
    reported: &[Found],
    earlier: &[Found],
    headline: bool,
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for q in quotes {
        // This paragraph's statements before the quotation; earlier paragraphs' are `earlier`.
        let mut here: Vec<&Found> = reported
            .iter()
            .filter(|r| r.start < q.open)
            .chain(&out)
            .collect();
        here.sort_by_key(|f| f.start);
        let cx = Context {
            doc,
            paragraph,
            quotes,
            reported,
            earlier,
            here: &here,
            headline,
        };
        if let Some(question) = question::question(&cx, q) {
            out.extend(question.asker.map(|asker| Found {
                kind: StatementKind::Direct,
                start: q.start,
                end: q.end,
                speaker: Some(asker),
                rule: question::QUESTION,
            }));
            continue;
        }
        let decided = SIEVES
            .iter()
            .find_map(|sieve| (sieve.find)(&cx, q).map(|speaker| (speaker, sieve)));
        let attributed = decided.is_some();
        let by_clause = decided.as_ref().is_some_and(|(_, s)| s.reporting_clause);
        let decided = if is_term(&cx, q, attributed, by_clause) {
            match requote::requoted_speaker(&cx, q) {
                Some(speaker) => Some((speaker, requote::REQUOTE)),
                None => continue,
            }
        } else {
            decided.map(|(speaker, sieve)| (speaker, sieve.rule))
        };
        let (speaker, rule) = match decided {
            Some((speaker, rule)) => (Some(speaker), rule),
            None => (None, UNATTRIBUTED),
        };
        out.push(Found {
            kind: StatementKind::Direct,
            start: q.start,
            end: q.end,
            speaker,
            rule,
        });
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::extract::extract;
    use crate::gazetteer::Gazetteer;
    use crate::model::StatementKind;

    fn direct(body: &str) -> Vec<crate::extract::ExtractedStatement> {
        extract(
            &format!("测试标题\n2021-03-01 测试网\n{body}"),
            Gazetteer::builtin(),
        )
        .statements
        .into_iter()
        .filter(|s| s.kind == StatementKind::Direct)
        .collect()
    }

    /// The speaker of the `n`th quotation extracted from `body`.
    pub fn speaker_of_quote_at(body: &str, n: usize) -> Option<String> {
        let statements = direct(body);
        let s = statements.get(n)?;
        s.speaker.as_ref().map(|p| p.name.clone())
    }

    /// The speaker of the first quotation extracted from `body`.
    pub fn speaker_of_quote(body: &str) -> Option<String> {
        speaker_of_quote_at(body, 0)
    }

    /// The text of every quotation extracted from `body` as speech.
    pub fn quoted_statements(body: &str) -> Vec<String> {
        direct(body).into_iter().map(|s| s.text).collect()
    }
}
