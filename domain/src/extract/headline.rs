//! Statements in the headline (首相称“…”, 外交部:「…」): found by the same quotation
//! detection and sieves as the body, and resolved against the people the body names, since
//! a headline's bare title or short name stands for someone the article names in full.

use super::attribution::attribute_quotes;
use super::doc::Doc;
use super::quotes::quotes_in;
use super::resolve::People;
use super::speaker::{Named, Who};
use super::{ExtractedStatement, rule};
use crate::model::Section;

/// Who a headline's bare title stands for: of the body's holders of that title, the one
/// quoted most; when the body gives no one that title, the person it quotes most among
/// those it gives no title (a headline is about the article's main speaker).
fn title_holder(title: &str, people: &People, body_speakers: &[Named]) -> Option<Named> {
    let quoted = |n: &Named| body_speakers.iter().filter(|s| s.name == n.name).count();
    let holders = people.all_titled(title);
    if let Some(best) = holders
        .iter()
        .max_by_key(|n| (quoted(n), std::cmp::Reverse(n.start)))
    {
        return Some((*best).clone());
    }
    // Someone the body gives another title (外交部长) does not hold this one (参议员).
    body_speakers
        .iter()
        .filter(|n| n.title.is_none())
        .max_by_key(|n| (quoted(n), std::cmp::Reverse(n.start)))
        .cloned()
}

/// The quotations of the headline (`doc`, the title prepared for extraction) that are
/// speech, with their speakers; `body_speakers` are the people the body's statements were
/// resolved to.
pub fn headline_statements(
    doc: &Doc<'_>,
    body_people: &People,
    body_speakers: &[Named],
) -> Vec<ExtractedStatement> {
    let whole = (0, doc.orig.len());
    let quotes = quotes_in(&doc.orig, whole.0, whole.1);
    attribute_quotes(doc, whole, &quotes, &[], &[], true)
        .into_iter()
        .map(|f| {
            let person = f.speaker.as_ref().and_then(|s| match &s.who {
                Who::Named(n) => Some(body_people.fullest(n)),
                Who::Title(title) => title_holder(title, body_people, body_speakers),
                Who::Pronoun(_) | Who::Unnamed | Who::Document => None,
            });
            let by_reference = f
                .speaker
                .as_ref()
                .is_some_and(|s| matches!(s.who, Who::Title(_)));
            ExtractedStatement {
                kind: f.kind,
                text: doc.text(f.start, f.end),
                span: (f.start, f.end),
                section: Section::Headline,
                speaker: person,
                speaker_phrase: f.speaker.as_ref().map(|s| s.phrase.clone()),
                said_on: None,
                confidence: if by_reference {
                    f.rule.confidence * rule::REFERENCE_FACTOR
                } else {
                    f.rule.confidence
                },
                rule: f.rule,
            }
        })
        .collect()
}
