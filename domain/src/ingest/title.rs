//! The headline: among the heading-like lines before the article's first paragraph, the
//! one a page's layout marks as the headline — long, and followed by the article — rather
//! than a section label, a masthead or a teaser strip.

use super::lines::{Kind, Line};
use super::outlet::{bracket_tag, cjk_count, site_name};
use crate::fold::fold;

/// The chosen headline.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Headline {
    /// Index of its line in the page.
    pub index: usize,
    /// The headline without site suffix or outlet tag.
    pub text: String,
    /// The site named by a suffix (标题 | 某某网) on a line with this headline.
    pub site: Option<String>,
    /// The outlet named by a trailing tag (标题【某某网编译报道】).
    pub tag: Option<String>,
}

/// Separators between a headline and the site's name in a page title.
const SITE_SEPARATORS: &[&str] = &[" | ", " - "];

/// A headline line taken apart: the headline, the site suffix, the trailing tag.
pub(super) fn split_heading(line: &str) -> Headline {
    let mut text = line.trim().to_owned();
    let mut site = None;
    if let Some((at, sep)) = SITE_SEPARATORS
        .iter()
        .filter_map(|s| text.rfind(s).map(|at| (at, *s)))
        .max_by_key(|(at, _)| *at)
    {
        let (head, tail) = (&text[..at], &text[at + sep.len()..]);
        let tail_ok =
            tail.chars().count() <= 30 && !tail.contains(['，', ',', '。', '!', '?', '！', '？']);
        if head.chars().count() >= 4 && tail_ok {
            site = site_name(tail);
            text = head.trim().to_owned();
        }
    }
    let mut tag = None;
    if text.ends_with('】')
        && let Some(at) = text.rfind('【')
        && text[..at].chars().count() >= 4
    {
        tag = bracket_tag(text[at..].trim_matches(['【', '】']));
        text = text[..at].trim().to_owned();
    }
    Headline {
        index: 0,
        text,
        site,
        tag,
    }
}

/// Whether a text can be a headline: some Chinese, no full stop, not a label ending in a
/// colon or comma, not a list item, not wholly in brackets, not a transcript line.
fn heading_like(text: &str) -> bool {
    let n = text.chars().count();
    let bracketed = text.starts_with(['(', '（', '[']) && text.ends_with([')', '）', ']']);
    cjk_count(text) >= 2
        && (2..=150).contains(&n)
        && !text.contains('。')
        && !text.ends_with([':', '：', ',', '，', '、', ';', '；'])
        && !text.starts_with(['•', '·', '●', '■', '▪', '▶', '►', '*', '-'])
        && !bracketed
        && !is_transcript(text)
}

/// A press-conference transcript line: 问:… / 答:…, a question or an answer.
fn is_transcript(text: &str) -> bool {
    let folded = fold(text);
    ["问:", "答:", "问 :", "答 :"]
        .iter()
        .any(|l| folded.starts_with(l))
}

/// Picks the headline among the header lines (`page[..header_end]`).
pub(super) fn pick(page: &[Line], header_end: usize) -> Option<Headline> {
    let candidates: Vec<Headline> = (0..header_end)
        .filter(|&i| page[i].kind == Kind::Text)
        .map(|i| Headline {
            index: i,
            ..split_heading(page[i].text)
        })
        .filter(|h| heading_like(&h.text))
        .collect();
    // A teaser strip runs the headline together with others: it starts with a candidate.
    let teaser = |h: &Headline| {
        candidates.iter().any(|o| {
            o.text.chars().count() >= 8
                && o.text.len() < h.text.len()
                && h.text.starts_with(&o.text)
        })
    };
    let mut best: Option<(usize, &Headline)> = None;
    for h in candidates.iter().filter(|h| !teaser(h)) {
        let score = score(page, header_end, h);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, h));
        }
    }
    let mut chosen = best?.1.clone();
    // The same headline elsewhere in the header may carry the site suffix or the tag.
    for line in &page[..header_end] {
        let other = split_heading(line.text);
        if other.text == chosen.text {
            chosen.site = chosen.site.or(other.site);
            chosen.tag = chosen.tag.or(other.tag);
        }
    }
    Some(chosen)
}

/// How much the layout marks a line as the headline: its length (headlines are the
/// longest heading-like lines, labels and mastheads are short), more when the article
/// follows it, with only its dateline, byline, captions or chrome in between.
fn score(page: &[Line], header_end: usize, h: &Headline) -> usize {
    let furniture = |k: &Kind| {
        matches!(
            k,
            Kind::Chrome
                | Kind::Caption
                | Kind::Dateline(_)
                | Kind::Source(_)
                | Kind::Byline
                | Kind::Editor(_)
        )
    };
    let next = (h.index + 1..page.len()).find(|&j| !furniture(&page[j].kind));
    let leads_in = next.is_none_or(|j| j >= header_end);
    h.text.chars().count().min(30) + if leads_in { 8 } else { 0 }
}

#[cfg(test)]
#[path = "title_tests.rs"]
mod tests;
