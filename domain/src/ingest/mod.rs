//! Ingest: a raw article as copied off a news site becomes its parts: title, publication
//! time, source, reprint origin, editor, category, and a cleaned body split into the
//! article proper and a trailing list of related articles. Site furniture (breadcrumbs,
//! share widgets, copyright and disclaimer blocks) is dropped.
//!
//! The rules follow how Chinese news pages are laid out in general (header lines, then
//! paragraphs, then furniture), not the layout of any one site.

mod dates;
mod lines;
mod meta;

pub use dates::{find_header_date, parse_date_at};

use crate::model::PublishedAt;
use lines::{Kind, classify};

/// One item of a related-articles list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedItem {
    /// The item's headline.
    pub headline: String,
    /// Character offset of the headline in the body.
    pub start: usize,
    /// Character offset where the item (headline and snippet) ends.
    pub end: usize,
}

/// A raw article taken apart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ingested {
    /// The headline.
    pub title: Option<String>,
    /// The publication time from the header.
    pub published_at: Option<PublishedAt>,
    /// The publisher (来源:X, the outlet after the date, 【X专讯】, X电).
    pub source: Option<String>,
    /// A credit line naming the publisher in full ((中央广播电视总台央视网)).
    pub credit: Option<String>,
    /// The outlet the article was reprinted from (本文转自【X】, 转载自X).
    pub reprinted_from: Option<String>,
    /// The site that hosted the copy (named by its copyright block).
    pub hosted_by: Option<String>,
    /// The editor (编辑:X, 责任编辑:X).
    pub editor: Option<String>,
    /// The site's category (the last breadcrumb).
    pub category: Option<String>,
    /// The cleaned body: paragraphs separated by newlines, related list included at the end.
    pub body: String,
    /// Character offset in the body where the related list starts.
    pub related_from: Option<usize>,
    /// The related list's items.
    pub related: Vec<RelatedItem>,
    /// Things a reader of the result should know (no date found, time zone assumed).
    pub warnings: Vec<String>,
}

/// Takes a raw article apart.
pub fn ingest(raw: &str) -> Ingested {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let all: Vec<&str> = text.lines().map(clean_line).collect();
    let footer_at = all
        .iter()
        .position(|l| lines::is_footer_start(l))
        .unwrap_or(all.len());
    let mut out = Ingested {
        hosted_by: meta::hosted_by(&all[footer_at..]),
        ..Ingested::default()
    };
    let mut body = BodyBuilder::default();
    let mut in_header = true;
    for line in all[..footer_at].iter().copied().filter(|l| !l.is_empty()) {
        let at = lines::Position {
            in_header,
            has_title: out.title.is_some(),
            has_date: out.published_at.is_some(),
        };
        match classify(line, at) {
            Kind::Breadcrumb(category) => out.category = out.category.or(category),
            Kind::Title => out.title = Some(line.to_owned()),
            Kind::Dateline(meta) => {
                out.published_at = out.published_at.or(meta.published_at);
                out.source = out.source.or(meta.source);
            }
            Kind::Reprint(from) => out.reprinted_from = out.reprinted_from.or(Some(from)),
            Kind::Editor(name) => out.editor = out.editor.or(Some(name)),
            Kind::Credit(name) => out.credit = out.credit.or(Some(name)),
            Kind::Widget => {}
            Kind::RelatedHeading => body.start_related(line),
            Kind::Text => {
                if in_header && out.source.is_none() {
                    out.source = meta::source_in_lead(line);
                }
                in_header = false;
                body.push(line);
            }
        }
    }
    let (text, related_from, related) = body.finish();
    out.body = text;
    out.related_from = related_from;
    out.related = related;
    out.source = out.source.or_else(|| out.credit.clone());
    if out.published_at.is_none() {
        out.warnings
            .push("no publication date found in the header".into());
    } else if matches!(out.published_at, Some(PublishedAt::Instant(_)))
        && !dates::header_has_offset(&all[..footer_at])
    {
        out.warnings.push("publication time has no time zone: assumed UTC+08:00 (China, Hong Kong, Macau, Taiwan, Singapore)".into());
    }
    if out.title.is_none() {
        out.warnings.push("no title found".into());
    }
    out
}

/// Trims a line, including full-width and no-break spaces.
fn clean_line(line: &str) -> &str {
    line.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}' || c == '\u{FEFF}'
    })
}

/// Assembles the body and remembers where the related list and its items are.
#[derive(Default)]
struct BodyBuilder {
    text: String,
    chars: usize,
    related_from: Option<usize>,
    related: Vec<RelatedItem>,
}

impl BodyBuilder {
    fn append(&mut self, line: &str) -> usize {
        if !self.text.is_empty() {
            self.text.push('\n');
            self.chars += 1;
        }
        let start = self.chars;
        self.text.push_str(line);
        self.chars += line.chars().count();
        start
    }

    fn push(&mut self, line: &str) {
        if self.related_from.is_none() {
            self.append(line);
            return;
        }
        let headline = lines::strip_bullet(line);
        let start = self.append(line);
        match (headline, self.related.last_mut()) {
            (Some(headline), _) => self.related.push(RelatedItem {
                headline: headline.to_owned(),
                start,
                end: self.chars,
            }),
            (None, Some(item)) => item.end = self.chars,
            (None, None) => {}
        }
    }

    fn start_related(&mut self, heading: &str) {
        if self.related_from.is_none() {
            let start = self.append(heading);
            self.related_from = Some(start);
        } else {
            self.append(heading);
        }
    }

    fn finish(self) -> (String, Option<usize>, Vec<RelatedItem>) {
        (self.text, self.related_from, self.related)
    }
}

#[cfg(test)]
#[path = "ingest_tests.rs"]
mod tests;
