//! The article body as extraction sees it: original and folded characters side by side
//! (folding is one char for one char, so offsets agree), gazetteer hits, paragraphs.

use super::names::{is_han, starts_with_str};
use super::speaker::Speaker;
use crate::gazetteer::{FoldedText, Gazetteer, Hit};
use std::cell::RefCell;
use std::collections::HashMap;

/// A body prepared for extraction.
pub struct Doc<'a> {
    /// The body's characters as written.
    pub orig: Vec<char>,
    /// The same characters folded.
    pub folded: Vec<char>,
    /// The gazetteer in use.
    pub gazetteer: &'a Gazetteer,
    /// Gazetteer names in the body, in order.
    pub hits: Vec<Hit>,
    /// Paragraphs as `[start, end)` character ranges.
    pub paragraphs: Vec<(usize, usize)>,
    titles: Vec<(usize, usize)>,
    verbs: Vec<(usize, usize)>,
    /// Speaker phrases already parsed, by range: sieves ask about the same clauses again.
    pub(crate) subjects: RefCell<HashMap<(usize, usize), Option<Speaker>>>,
}

impl<'a> Doc<'a> {
    /// Prepares `body`.
    pub fn new(body: &str, gazetteer: &'a Gazetteer) -> Self {
        let folded = FoldedText::new(body);
        let hits = gazetteer.entities(&folded);
        let orig: Vec<char> = body.chars().collect();
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for (i, c) in orig.iter().enumerate() {
            if *c == '\n' {
                paragraphs.push((start, i));
                start = i + 1;
            }
        }
        paragraphs.push((start, orig.len()));
        let titles = gazetteer.titles_in(&folded);
        let verbs = gazetteer.verbs_in(&folded);
        Doc {
            orig,
            folded: folded.chars,
            gazetteer,
            hits,
            paragraphs,
            titles,
            verbs,
            subjects: RefCell::default(),
        }
    }

    /// A headline prepared for extraction: as [`Doc::new`], and the one-character verbs
    /// headlines report with (批“…”, 斥「…」, 吁「…」) count as reporting verbs when a
    /// quotation follows them at once (in running text 批 and 促 open 批准 and 促进), and
    /// spaces between phrases end a clause.
    pub fn headline(title: &str, gazetteer: &'a Gazetteer) -> Self {
        let mut doc = Self::new(title, gazetteer);
        let quoted_after = |i: usize| matches!(doc.orig.get(i + 1), Some('“' | '「' | '『'));
        let extra: Vec<(usize, usize)> = (0..doc.folded.len())
            .filter(|&i| HEADLINE_VERBS.contains(doc.folded[i]) && quoted_after(i))
            .filter(|&i| !doc.verbs.iter().any(|(s, e)| *s <= i && i < *e))
            .map(|i| (i, i + 1))
            .collect();
        doc.verbs.extend(extra);
        doc.verbs.sort_unstable();
        // 中法争端扩大 法参议员批“…”: a headline separates its phrases with spaces, which
        // end a clause there as an ideographic space does (one char for one, so offsets
        // into the title hold; quotations keep their spaces).
        let quotes = super::quotes::quotes_in(&doc.orig, 0, doc.orig.len());
        for i in 1..doc.orig.len().saturating_sub(1) {
            let between_ideographs = is_han(doc.orig[i - 1]) && is_han(doc.orig[i + 1]);
            let quoted = quotes.iter().any(|q| q.open <= i && i < q.close);
            if doc.orig[i] == ' ' && between_ideographs && !quoted {
                doc.orig[i] = '\u{3000}';
                doc.folded[i] = '\u{3000}';
            }
        }
        doc
    }

    /// The original text of `[start, end)`.
    pub fn text(&self, start: usize, end: usize) -> String {
        string_of(&self.orig[start.min(end)..end.min(self.orig.len())])
    }

    /// The folded text of `[start, end)`.
    pub fn folded_text(&self, start: usize, end: usize) -> String {
        string_of(&self.folded[start.min(end)..end.min(self.folded.len())])
    }

    /// Where `word` (folded) first occurs in the folded body.
    pub fn find_folded(&self, word: &str) -> Option<usize> {
        (0..self.folded.len()).find(|&i| starts_with_str(&self.folded[i..], word))
    }

    /// Gazetteer hits lying wholly inside `[start, end)`.
    pub fn hits_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Hit> {
        let from = self.hits.partition_point(|h| h.start < start);
        self.hits[from..]
            .iter()
            .take_while(move |h| h.start < end)
            .filter(move |h| h.end <= end)
    }

    /// Titles lying wholly inside `[start, end)`.
    pub fn titles_in(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        within(&self.titles, start, end)
    }

    /// Reporting verbs lying wholly inside `[start, end)`.
    pub fn verbs_in(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        within(&self.verbs, start, end)
    }

    /// Where the sentence holding character `at` starts (after the last sentence end).
    pub fn sentence_start(&self, at: usize) -> usize {
        (0..at)
            .rev()
            .find(|&i| is_sentence_end(self.orig[i]))
            .map_or(0, |i| i + 1)
    }

    /// The paragraph holding character `at`.
    pub fn paragraph_of(&self, at: usize) -> (usize, usize) {
        self.paragraphs
            .iter()
            .copied()
            .find(|(s, e)| at >= *s && at <= *e)
            .unwrap_or((0, self.orig.len()))
    }
}

/// The characters as a string, allocated once at its exact size (collecting chars into a
/// String grows it step by step: most of Chinese text takes three bytes a character).
pub fn string_of(chars: &[char]) -> String {
    let mut text = String::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());
    text.extend(chars);
    text
}

/// One-character reporting verbs of headline style (simplified; folded text is compared).
const HEADLINE_VERBS: &str = "批斥吁轰呛促驳嘲叹";

/// The ranges (sorted by start) lying wholly inside `[start, end)`.
fn within(ranges: &[(usize, usize)], start: usize, end: usize) -> Vec<(usize, usize)> {
    let from = ranges.partition_point(|(s, _)| *s < start);
    ranges[from..]
        .iter()
        .take_while(|(s, _)| *s < end)
        .filter(|(_, e)| *e <= end)
        .copied()
        .collect()
}

/// Ends a sentence with a full stop, exclamation or question mark (not a semicolon).
pub fn is_full_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n')
}

/// Ends a clause (sentence ends, commas, colons).
pub fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '：' | ':' | '、' | '\u{3000}')
}
