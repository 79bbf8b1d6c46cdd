//! The cleaned body: paragraphs joined by newlines, with the related-articles list that
//! closes many pages marked off and split into its items.

use super::RelatedItem;
use super::lines;

/// Assembles the body and remembers where the related list and its items are.
#[derive(Default)]
pub(super) struct BodyBuilder {
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

    /// Adds a paragraph (or, inside the related list, an item line).
    pub(super) fn push(&mut self, line: &str) {
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

    /// Starts the related list at its heading.
    pub(super) fn start_related(&mut self, heading: &str) {
        if self.related_from.is_none() {
            let start = self.append(heading);
            self.related_from = Some(start);
        } else {
            self.append(heading);
        }
    }

    /// The body, where its related list starts, and the list's items.
    pub(super) fn finish(self) -> (String, Option<usize>, Vec<RelatedItem>) {
        (self.text, self.related_from, self.related)
    }
}
