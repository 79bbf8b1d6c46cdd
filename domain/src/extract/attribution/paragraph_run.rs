//! Sieve: a quotation standing on its own continues the last speaker. Later quotations
//! in a paragraph after X表示:“…”, and paragraphs that are one quotation with no verb,
//! following a paragraph that ends with someone speaking.

use super::Sieve;
use super::context::Context;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, Who};

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "paragraph_run",
        confidence: 0.75,
    },
    find,
    reporting_clause: false,
};

/// Whether the quotation is the whole paragraph (marks and final punctuation aside).
fn is_whole_paragraph(cx: &Context<'_, '_>, q: &Quote) -> bool {
    cx.before(q.open).is_none() && cx.after(q.close).is_none_or(|c| "。.!！?？".contains(c))
}

/// The quotation follows another one in a list (「甲。」、「乙。」): the same speaker's.
fn follows_a_quote(cx: &Context<'_, '_>, q: &Quote) -> bool {
    cx.quotes.iter().any(|p| {
        p.close <= q.open
            && cx.doc.orig[p.close..q.open]
                .iter()
                .all(|c| matches!(c, '、' | '，' | ',') || c.is_whitespace())
            && q.open - p.close <= 2
    })
}

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    if follows_a_quote(cx, q) {
        return cx
            .latest_first()
            .find(|f| f.end <= q.open && f.start >= cx.paragraph.0)
            .and_then(|f| f.speaker.clone());
    }
    if !cx.starts_sentence(q) {
        return None;
    }
    let attributed = |s: &&crate::extract::Found| {
        s.speaker
            .as_ref()
            .is_some_and(|sp| !matches!(sp.who, Who::Unnamed))
    };
    let last = cx.latest_first().find(attributed)?;
    let same_paragraph = last.start >= cx.paragraph.0;
    let previous_paragraph = cx
        .doc
        .paragraphs
        .iter()
        .rev()
        .find(|(_, end)| *end < cx.paragraph.0)
        .is_some_and(|(start, _)| last.start >= *start);
    (same_paragraph || previous_paragraph && is_whole_paragraph(cx, q))
        .then(|| last.speaker.clone())
        .flatten()
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::speaker_of_quote_at;

    #[test]
    fn a_later_quote_in_the_paragraph() {
        assert_eq!(
            speaker_of_quote_at("外长王毅表示:“合作是出路。”“对抗没有前途。”", 1),
            Some("王毅".into())
        );
    }

    #[test]
    fn quotes_listed_after_a_quote_keep_its_speaker() {
        let text = "陳志遠留言表示:「真的很感謝。」、「患難見真情,謝謝!」";
        assert_eq!(speaker_of_quote_at(text, 1), Some("陈志远".into()));
    }

    #[test]
    fn a_paragraph_that_is_one_quote_continues_the_previous_speaker() {
        let text = "市长陈志远表示:「交通將改善。」\n「我們會繼續努力。」";
        assert_eq!(speaker_of_quote_at(text, 1), Some("陈志远".into()));
    }

    #[test]
    fn a_paragraph_with_more_than_the_quote_does_not_continue() {
        let text = "市长陈志远表示:「交通將改善。」\n「我們會繼續努力。」這是一個新的問題。";
        assert_eq!(speaker_of_quote_at(text, 1), None);
    }
}
