//! What the sieves look at around a quotation: the reporting verb that ends a clause,
//! where clauses and sentences start, and whether the quotation stands on its own.

use super::super::doc::{Doc, is_clause_end, is_sentence_end};
use super::super::quotes::Quote;
use crate::extract::Found;

/// Opening and closing quotation marks.
pub fn is_quote_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '「' | '」' | '『' | '』')
}

/// A closing quotation mark.
pub fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '」' | '』')
}

/// Punctuation a reporting verb may have between it and its quotation.
pub fn is_lead_in(c: char) -> bool {
    c.is_whitespace() || matches!(c, '：' | ':' | '，' | ',')
}

/// What a sieve knows about the quotation it is asked about.
pub struct Context<'d, 'g> {
    /// The body.
    pub doc: &'d Doc<'g>,
    /// The paragraph holding the quotation, `[start, end)`.
    pub paragraph: (usize, usize),
    /// Every quotation of the paragraph, in order.
    pub quotes: &'d [Quote],
    /// Reported speech found in the paragraph.
    pub reported: &'d [Found],
    /// Statements of earlier paragraphs, in body order.
    pub earlier: &'d [Found],
    /// Statements of this paragraph before the quotation, in body order.
    pub here: &'d [&'d Found],
    /// Whether the text is a headline rather than the body.
    pub headline: bool,
}

impl Context<'_, '_> {
    /// Statements before the quotation, latest first.
    pub fn latest_first(&self) -> impl Iterator<Item = &Found> {
        self.here
            .iter()
            .rev()
            .copied()
            .chain(self.earlier.iter().rev())
    }

    /// Where the lead-in punctuation (colons, commas, spaces) that ends at `at` starts.
    pub fn lead_in_start(&self, at: usize) -> usize {
        let mut end = at;
        while end > self.paragraph.0 && is_lead_in(self.doc.orig[end - 1]) {
            end -= 1;
        }
        end
    }

    /// The reporting verb that ends `[from, at)` once lead-in punctuation is skipped.
    pub fn verb_ending_at(&self, at: usize) -> Option<(usize, usize)> {
        let from = self.paragraph.0;
        let end = self.lead_in_start(at);
        let window = end.saturating_sub(12).max(from);
        self.doc
            .verbs_in(window, end)
            .into_iter()
            .rfind(|(_, e)| *e == end)
    }

    /// Start of the clause that ends at `at`: after the last clause boundary or quotation.
    pub fn clause_start(&self, at: usize) -> usize {
        let from = self.paragraph.0;
        (from..at)
            .rev()
            .find(|&i| is_clause_end(self.doc.orig[i]) || is_quote_mark(self.doc.orig[i]))
            .map_or(from, |i| i + 1)
    }

    /// Start of the sentence holding `at`, skipping sentence ends inside quotations.
    pub fn sentence_start(&self, at: usize) -> usize {
        let from = self.paragraph.0;
        (from..at)
            .rev()
            .find(|&i| is_sentence_end(self.doc.orig[i]) && !self.inside_quote(i))
            .map_or(from, |i| i + 1)
    }

    /// End of the sentence holding `at` (exclusive), skipping ends inside quotations.
    pub fn sentence_end(&self, at: usize) -> usize {
        let to = self.paragraph.1;
        (at..to)
            .find(|&i| is_sentence_end(self.doc.orig[i]) && !self.inside_quote(i))
            .unwrap_or(to)
    }

    /// Whether `i` lies between a quotation's marks.
    pub fn inside_quote(&self, i: usize) -> bool {
        self.quotes.iter().any(|q| i >= q.start && i < q.end)
    }

    /// The last non-space character before `at` in the paragraph.
    pub fn before(&self, at: usize) -> Option<char> {
        (self.paragraph.0..at)
            .rev()
            .map(|i| self.doc.orig[i])
            .find(|c| !c.is_whitespace())
    }

    /// The first non-space character from `at` in the paragraph.
    pub fn after(&self, at: usize) -> Option<char> {
        (at..self.paragraph.1)
            .map(|i| self.doc.orig[i])
            .find(|c| !c.is_whitespace())
    }

    /// The quotation opens its sentence: the paragraph starts, or a sentence or another
    /// quotation ends, just before it.
    pub fn starts_sentence(&self, q: &Quote) -> bool {
        self.before(q.open)
            .is_none_or(|c| is_sentence_end(c) || is_closing_mark(c))
    }

    /// The quotation ends a sentence: its words end with sentence punctuation, or the
    /// sentence or paragraph ends right after it.
    pub fn ends_sentence(&self, q: &Quote) -> bool {
        let last_inside = self.doc.orig[q.start..q.end]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace());
        last_inside.is_some_and(|c| is_sentence_end(*c))
            || self.after(q.close).is_none_or(is_sentence_end)
    }
}
