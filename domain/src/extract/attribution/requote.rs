//! A quotation that repeats, word for word, what a speaker was quoted saying earlier in the
//! article is that speaker's wording again, however short (在谈到“…”之后, 至于“…”的必要性):
//! on its own it would read as a term.

use super::context::Context;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::Speaker;
use crate::model::StatementKind;

/// The rule that gives a repeated quotation the speaker of its first occurrence.
pub const REQUOTE: Rule = Rule {
    name: "requote",
    confidence: 0.8,
};

/// The speaker mention of the latest earlier quotation with the same words as `q`.
pub fn requoted_speaker(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    words_between(cx, q.start, q.end).next()?;
    cx.latest_first()
        .filter(|f| f.kind == StatementKind::Direct)
        .find(|f| words_between(cx, f.start, f.end).eq(words_between(cx, q.start, q.end)))
        .and_then(|f| f.speaker.clone())
}

/// The folded words of `[start, end)`, without punctuation or spaces.
fn words_between<'a>(
    cx: &'a Context<'_, '_>,
    start: usize,
    end: usize,
) -> impl Iterator<Item = char> + 'a {
    cx.doc.folded[start.min(end)..end.min(cx.doc.folded.len())]
        .iter()
        .copied()
        .filter(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::speaker_of_quote_at;

    #[test]
    fn a_short_quotation_repeating_a_speakers_words_is_theirs() {
        let body =
            "德国总理朔尔茨说,欧洲需要“更大的自主”。\n在谈到“更大的自主”之后,他转向能源问题。";
        assert_eq!(speaker_of_quote_at(body, 1), Some("朔尔茨".into()));
        let body = "德國總理朔爾茨說,歐洲需要「更大(的)自主」。\n至於「更大的自主」的必要性,他呼籲各國合作。";
        assert_eq!(speaker_of_quote_at(body, 1), Some("朔尔茨".into()));
    }

    #[test]
    fn a_term_nobody_was_quoted_saying_stays_a_term() {
        let body = "德国总理朔尔茨说,欧洲需要“更大的自主”。\n在谈到“绿色新政”之后,他转向能源问题。";
        assert_eq!(speaker_of_quote_at(body, 1), None);
    }
}
