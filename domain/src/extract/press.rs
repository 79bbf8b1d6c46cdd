//! Press conferences: 外交部发言人X主持例行记者会 … 问:… 答:…. Questions are the
//! reporters' and are not statements; answers are the spokesperson's, who is named where
//! the text says who held the conference.

use super::Found;
use super::doc::Doc;
use super::rule::{Rule, UNATTRIBUTED};
use super::speaker::{Speaker, Who, parse_subject};

/// A press-conference answer, the host's.
pub const PRESS_ANSWER: Rule = Rule {
    name: "press_answer",
    confidence: 0.9,
};
use crate::model::StatementKind;

/// What opens a reporter's question.
const QUESTION_OPENERS: &[&str] = &["问:", "提问:", "q:"];
/// What opens the spokesperson's answer.
const ANSWER_OPENERS: &[&str] = &["答:", "a:"];
/// Verbs that introduce a question, not a statement (有记者问:“…?”).
pub const QUESTION_VERBS: &[&str] = &["问", "问道", "提问", "追问", "询问"];
/// What says who held the conference.
const HOST_MARKERS: &[&str] = &[
    "主持例行记者会",
    "主持记者会",
    "主持新闻发布会",
    "主持例行新闻发布会",
    "答记者问",
];

/// The person holding the press conference, named in the title or the body.
pub fn host(doc: &Doc<'_>, title: &Doc<'_>) -> Option<Speaker> {
    host_in(title).or_else(|| host_in(doc))
}

fn host_in(doc: &Doc<'_>) -> Option<Speaker> {
    HOST_MARKERS.iter().find_map(|marker| {
        let at = doc.find_folded(marker)?;
        let start = (0..at)
            .rev()
            .find(|&i| super::doc::is_clause_end(doc.folded[i]))
            .map_or(0, |i| i + 1);
        parse_subject(doc, start, at).filter(|s| matches!(s.who, Who::Named(_)))
    })
}

fn opens_with(doc: &Doc<'_>, (from, to): (usize, usize), openers: &[&str]) -> Option<usize> {
    let head = doc.folded_text(from, (from + 8).min(to));
    openers
        .iter()
        .find(|o| head.starts_with(*o))
        .map(|o| from + o.chars().count())
}

/// Whether a paragraph is a reporter's question.
pub fn is_question(doc: &Doc<'_>, paragraph: (usize, usize)) -> bool {
    opens_with(doc, paragraph, QUESTION_OPENERS).is_some()
}

/// A paragraph that is the spokesperson's answer, as one direct statement.
pub fn answer(doc: &Doc<'_>, paragraph: (usize, usize), host: Option<&Speaker>) -> Option<Found> {
    let start = opens_with(doc, paragraph, ANSWER_OPENERS)?;
    let start = (start..paragraph.1).find(|&i| !doc.orig[i].is_whitespace())?;
    let speaker = host.cloned().map(|s| Speaker {
        phrase: "答".to_owned(),
        ..s
    });
    let rule = if speaker.is_some() {
        PRESS_ANSWER
    } else {
        UNATTRIBUTED
    };
    Some(Found {
        kind: StatementKind::Direct,
        start,
        end: paragraph.1,
        speaker,
        rule,
    })
}
