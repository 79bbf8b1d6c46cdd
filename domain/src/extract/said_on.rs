//! The day a statement was said, when the text gives one.

use super::doc::Doc;
use crate::ingest::parse_date_at;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// The day a statement was said: a date earlier in its sentence, or the date a previous
/// paragraph opens with (2020年12月30日晚,… then 正如…所说).
pub fn date_said(doc: &Doc<'_>, at: usize, year: i32) -> Option<NaiveDate> {
    static DATE: OnceLock<Regex> = OnceLock::new();
    let re = DATE.get_or_init(|| {
        Regex::new(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
            .unwrap_or_else(|e| unreachable!("static pattern: {e}"))
    });
    let sentence = doc.folded_text(doc.sentence_start(at), at);
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
