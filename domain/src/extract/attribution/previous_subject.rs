//! Sieve: a quotation that opens a sentence of its own right after a sentence about a
//! named person is that person's. 协会主席李文对场馆给予高度评价。“我们选择这里,是因为…”
//! When the quotation opens its paragraph, the sentence before is the previous paragraph's
//! last.

use super::Sieve;
use super::context::Context;
use crate::extract::doc::is_clause_end;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, Who, parse_subject};

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "previous_subject",
        confidence: 0.65,
    },
    find,
    reporting_clause: false,
};

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    if cx.headline || !cx.starts_sentence(q) {
        return None;
    }
    let doc = cx.doc;
    let before = (cx.paragraph.0..q.open)
        .rev()
        .find(|&i| !doc.orig[i].is_whitespace());
    let (start, end) = match before {
        // The quotation opens its paragraph: the previous paragraph's last sentence.
        None => {
            let (p_start, p_end) = doc
                .paragraphs
                .iter()
                .copied()
                .rev()
                .find(|(_, e)| *e < cx.paragraph.0)?;
            (last_sentence_start(doc, p_start, p_end), p_end)
        }
        Some(end) => (last_sentence_start(doc, cx.paragraph.0, end), end),
    };
    let clause_end = (start..end)
        .find(|&i| is_clause_end(doc.orig[i]) || super::context::is_quote_mark(doc.orig[i]))
        .unwrap_or(end);
    parse_subject(doc, start, clause_end).filter(|s| matches!(s.who, Who::Named(_)))
}

/// Where the last sentence of `[from, end)` starts, its final punctuation aside.
fn last_sentence_start(doc: &crate::extract::doc::Doc<'_>, from: usize, end: usize) -> usize {
    let mut end = end;
    while end > from
        && (doc.orig[end - 1].is_whitespace()
            || crate::extract::doc::is_sentence_end(doc.orig[end - 1]))
    {
        end -= 1;
    }
    (from..end)
        .rev()
        .find(|&i| crate::extract::doc::is_sentence_end(doc.orig[i]))
        .map_or(from, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::speaker_of_quote;

    #[test]
    fn a_quote_after_a_sentence_about_someone_is_theirs() {
        assert_eq!(
            speaker_of_quote("协会主席李文对场馆给予高度评价。“我们选择这里,是因为条件很好。”"),
            Some("李文".into())
        );
        assert_eq!(
            speaker_of_quote("總理李明德當天下午參觀了工廠。\n「世界就是這樣,我們得繼續準備。」"),
            Some("李明德".into())
        );
    }

    #[test]
    fn a_sentence_about_something_else_names_nobody() {
        assert_eq!(
            speaker_of_quote("会议在北京举行。“我们选择这里,是因为条件很好。”"),
            None
        );
    }
}
