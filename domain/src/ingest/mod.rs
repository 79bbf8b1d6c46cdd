//! Ingest: a raw article as copied off a news site becomes its parts: title, publication
//! time, source, reprint origin, editor, category, and a cleaned body split into the
//! article proper and a trailing list of related articles. Site furniture (breadcrumbs,
//! share widgets, copyright and disclaimer blocks) is dropped.
//!
//! The rules follow how Chinese news pages are laid out in general (header lines, then
//! paragraphs, then furniture), not the layout of any one site.

mod body;
mod chrome;
mod dates;
mod lines;
mod meta;
mod outlet;
mod publisher;
mod title;

pub use dates::{find_header_date, parse_date_at};

use crate::fold::fold;
use crate::model::PublishedAt;
use body::BodyBuilder;
use lines::{Kind, Line, classify_folded};
use publisher::Evidence;
use regex::Regex;
use std::sync::OnceLock;

/// How far into the page the header may reach, in non-empty lines.
const MAX_HEADER_LINES: usize = 40;
/// Paragraphs after the first that may still carry the lead's bracketed outlet tag.
const LEAD_PARAGRAPHS: usize = 3;

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
    /// The publisher: the outlet the page names as publisher or author (来源:X, the outlet
    /// beside the date, 【X专讯】, X电, a byline), or the site's own name when the item is
    /// republished from another outlet.
    pub source: Option<String>,
    /// A credit line naming the publisher in full ((中央广播电视总台央视网)).
    pub credit: Option<String>,
    /// The outlet the article was reprinted from (本文转自【X】, 转载自X, 来源:X on
    /// another outlet's site).
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
    // Folded once per line: every recogniser compares folded text.
    let folded: Vec<String> = all.iter().map(|l| fold(l)).collect();
    let footer_at = (0..all.len())
        .position(|i| lines::is_footer_start(all[i], &folded[i]))
        .unwrap_or(all.len());
    let page: Vec<Line> = (0..footer_at)
        .filter(|&i| !all[i].is_empty())
        .map(|i| Line {
            text: all[i],
            kind: classify_folded(all[i], &folded[i]),
        })
        .collect();
    let header_end = header_end(&page);
    let headline = title::pick(&page, header_end);
    let mut out = Ingested {
        title: headline.as_ref().map(|h| h.text.clone()),
        hosted_by: meta::hosted_by(&all[footer_at..]),
        ..Ingested::default()
    };
    let mut evidence = Evidence {
        hosted: out.hosted_by.clone(),
        site: headline.as_ref().and_then(|h| h.site.clone()),
        tag: headline.as_ref().and_then(|h| h.tag.clone()),
        channel: headline
            .as_ref()
            .and_then(|h| outlet::channel_outlet(&h.text))
            .or_else(|| {
                page.iter()
                    .take(header_end)
                    .find_map(|l| outlet::bulletin_outlet(l.text))
            }),
        ..Evidence::default()
    };
    let mut body = BodyBuilder::default();
    let mut paragraphs = 0;
    for (i, line) in page.iter().enumerate() {
        let in_header = i < header_end;
        match &line.kind {
            Kind::Breadcrumb { category, site } => {
                out.category = out.category.take().or_else(|| category.clone());
                evidence.site = evidence.site.take().or_else(|| site.clone());
            }
            Kind::Dateline(d) if in_header => {
                out.published_at = out.published_at.or(d.published_at);
                evidence.labelled = evidence.labelled.take().or_else(|| d.source.clone());
                evidence.tag = evidence.tag.take().or_else(|| header_tag(line.text));
            }
            Kind::Source(name) if in_header => {
                evidence.labelled.get_or_insert_with(|| name.clone());
            }
            Kind::Reprint(from) => {
                out.reprinted_from.get_or_insert_with(|| from.clone());
            }
            Kind::Editor(name) => {
                out.editor.get_or_insert_with(|| name.clone());
            }
            Kind::Credit(name) if !in_header => {
                out.credit.get_or_insert_with(|| name.clone());
            }
            Kind::Byline => {
                evidence.signature = evidence
                    .signature
                    .take()
                    .or_else(|| outlet::signature_outlet(line.text));
            }
            Kind::RelatedHeading if !in_header => body.start_related(line.text),
            Kind::Chrome => {
                evidence.tag = evidence.tag.take().or_else(|| header_tag(line.text));
            }
            Kind::Dateline(_) | Kind::Source(_) | Kind::RelatedHeading | Kind::Credit(_) => {}
            // Before the first paragraph, what is not a sentence is the headline or furniture
            // (labels, mastheads, teaser strips): only captions, sentences and questions
            // join the body, and never the headline.
            Kind::Text
                if in_header && (!is_sentence(line.text) || is_headline(&headline, line.text)) => {}
            Kind::Text | Kind::Caption | Kind::OriginalTitle => {
                if !in_header && line.kind == Kind::Text && paragraphs < LEAD_PARAGRAPHS {
                    if evidence.lead.is_none() {
                        evidence.lead = outlet::lead_outlet(line.text, paragraphs > 0);
                        evidence.lead_is_wire = paragraphs == 0 && is_wire_lead(line.text);
                    }
                    if paragraphs == 0 {
                        evidence.channel = evidence
                            .channel
                            .take()
                            .or_else(|| outlet::channel_outlet(line.text));
                    }
                    paragraphs += 1;
                }
                body.push(line.text);
            }
        }
    }
    if evidence.site.is_none() {
        evidence.site = masthead(&page, headline.as_ref())
            .or_else(|| all.iter().find_map(|l| outlet::comment_policy_site(l)));
    }
    evidence.credit = out.credit.clone();
    let decision = publisher::decide(&evidence);
    out.source = decision.publisher;
    out.reprinted_from = out.reprinted_from.or(decision.reprinted_from);
    if out.published_at.is_none() {
        // A bulletin's headline may be dated: 某某晚间新闻(2025年9月19日).
        out.published_at = out
            .title
            .as_deref()
            .and_then(find_header_date)
            .map(|(at, _)| at);
    }
    let (text, related_from, related) = body.finish();
    out.body = text;
    out.related_from = related_from;
    out.related = related;
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

/// Where the header ends: at the first paragraph of article text (a sentence of some
/// length, a short one once the dateline is past, or a lead opening with its dispatch
/// tag), at most `MAX_HEADER_LINES` in.
fn header_end(page: &[Line]) -> usize {
    let limit = page.len().min(MAX_HEADER_LINES);
    let mut dated = false;
    for (i, line) in page[..limit].iter().enumerate() {
        match line.kind {
            Kind::Dateline(_) => dated = true,
            Kind::Text if is_paragraph(line.text, dated) => return i,
            _ => {}
        }
    }
    limit
}

/// Whether a line reads as a paragraph rather than a heading or a promotion line.
fn is_paragraph(text: &str, dated: bool) -> bool {
    static LEAD: OnceLock<Regex> = OnceLock::new();
    let n = text.chars().count();
    let sentence = text.contains('。') && (n >= 30 || (dated && n >= 10));
    sentence
        || n >= 160
        || outlet::lead_outlet(text, false).is_some()
        || meta::regex(&LEAD, r"^[(（【][^)）】]{1,30}(?:讯|訊|电|電)[)）】]").is_match(text)
}

/// Whether a lead opens with a wire dispatch: 某某社北京1月2日电.
fn is_wire_lead(text: &str) -> bool {
    let head = text
        .split(|c: char| c.is_whitespace() || "，,。".contains(c))
        .next()
        .unwrap_or("");
    head.chars().count() <= 30
        && (head.ends_with(['电', '電']) || head.contains("日电") || head.contains("日電"))
}

/// An outlet tag standing alone in a header line: 【某某TV】.
fn header_tag(line: &str) -> Option<String> {
    let start = line.find('【')?;
    let end = line[start..].find('】')? + start;
    outlet::bracket_tag(&line[start + '【'.len_utf8()..end])
}

/// A masthead: the page's first line is a short outlet name other than the headline.
fn masthead(page: &[Line], headline: Option<&title::Headline>) -> Option<String> {
    let first = page.first()?;
    let fits = first.kind == Kind::Text
        && first.text.chars().count() <= 10
        && outlet::outlet_shaped(first.text)
        && headline.is_none_or(|h| h.index != 0);
    fits.then(|| first.text.to_owned())
}

/// Whether a line holds a sentence: a full stop, a question or an exclamation.
fn is_sentence(text: &str) -> bool {
    text.contains(['。', '？', '！', '?', '!'])
}

/// Whether a header line is the chosen headline (or a repeat of it).
fn is_headline(headline: &Option<title::Headline>, line: &str) -> bool {
    headline
        .as_ref()
        .is_some_and(|h| title::split_heading(line).text == h.text)
}

/// Trims a line, including full-width and no-break spaces.
fn clean_line(line: &str) -> &str {
    line.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}' || c == '\u{FEFF}'
    })
}

#[cfg(test)]
#[path = "ingest_tests.rs"]
mod tests;
