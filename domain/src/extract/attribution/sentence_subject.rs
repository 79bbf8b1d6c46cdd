//! Sieve: a quotation that is the object of its sentence belongs to the sentence's
//! subject. 佩雷拉对比赛充满期待,“我们已经准备好了。” / 张明华批评对方“颠倒黑白”。 The
//! subject is the first clause of the sentence that names a person.

use super::context::{Context, is_quote_mark};
use super::{Sieve, subject_of_sentence};
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::Speaker;

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "sentence_subject",
        confidence: 0.8,
    },
    find,
    reporting_clause: false,
};

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    if cx.starts_sentence(q) {
        return None;
    }
    // A quotation right after another one (“…”、“…”) is a list, not an object.
    if cx.before(q.open).is_some_and(is_quote_mark) {
        return None;
    }
    subject_of_sentence(cx, q.open)
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::speaker_of_quote;

    #[test]
    fn the_object_of_a_sentence_goes_to_its_subject() {
        assert_eq!(
            speaker_of_quote("球队主教练佩雷拉对比赛充满期待,“我们已经准备好了。”"),
            Some("佩雷拉".into())
        );
        assert_eq!(
            speaker_of_quote("議員張明華批評對方「顛倒黑白」。"),
            Some("张明华".into())
        );
    }

    #[test]
    fn a_sentence_without_a_person_gives_nothing() {
        assert_eq!(
            speaker_of_quote("今年的会议主题是,“合作与发展,共创未来。”"),
            None
        );
    }
}
