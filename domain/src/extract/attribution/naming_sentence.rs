//! Sieve: a quotation that makes a sentence of its own, followed by a sentence naming who
//! said it. “…。”在开幕式上,法国总统马克龙发出这样的呼吁。 / “…。”在此前的记者会上,
//! 协会主席李文表示,…: the speaker of the next sentence's reporting clause.

use super::Sieve;
use super::context::Context;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, Who, parse_subject};

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "naming_sentence",
        confidence: 0.85,
    },
    find,
    reporting_clause: false,
};

/// Phrases that refer back to the quotation before them.
const MARKERS: &[&str] = &[
    "发出这样的呼吁",
    "发出这样的呼声",
    "发出这样的倡议",
    "如是说",
    "如是表示",
    "这样说",
    "这样表示",
    "这样指出",
    "这样强调",
    "这样呼吁",
    "如此表示",
    "如此说",
];

/// Openers of a sentence that refers back to the quotation before it (“…。”这是…).
const BACK_REFERENCES: &[&str] = &["这是", "这就是", "以上是"];

/// Verbs that name a speaker when the sentence refers back to the quotation: “…。”这是
/// 昨天,朔尔茨在演讲中概括的三个关键词.
const DESCRIBING_VERBS: &[&str] = &["描述", "概括", "形容", "总结", "归纳", "阐述", "提出"];

/// Where the subject after the opener of a back-referring `sentence` starting at `from`
/// may begin, and where its first describing verb stands.
fn describing_verb(sentence: &str, from: usize) -> Option<(usize, usize)> {
    let opener = BACK_REFERENCES.iter().find(|b| sentence.starts_with(*b))?;
    let verb = DESCRIBING_VERBS
        .iter()
        .filter_map(|v| sentence.find(v))
        .min()?;
    let chars = |byte: usize| from + sentence[..byte].chars().count();
    Some((chars(opener.len()), chars(verb)))
}

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    if !cx.ends_sentence(q) {
        return None;
    }
    // After words of its own (援引…报道,“…。”) only a sentence pointing back at the
    // quotation (这是…描述的) is sure to be about it.
    let stands_alone = cx.starts_sentence(q);
    let doc = cx.doc;
    let from = q.close;
    let end = cx.sentence_end(from.min(cx.paragraph.1));
    let end = if end == from {
        cx.sentence_end(from + 1)
    } else {
        end
    };
    let sentence = doc.folded_text(from, end);
    let marker = MARKERS.iter().find_map(|m| {
        sentence
            .find(m)
            .map(|byte| from + sentence[..byte].chars().count())
    });
    let named_from = |start: usize, at: usize| {
        parse_subject(doc, start, at).filter(|s| matches!(s.who, Who::Named(_)))
    };
    let named = |at: usize| named_from(cx.clause_start(at), at);
    if let Some((opener_end, at)) = describing_verb(&sentence, from) {
        return named_from(cx.clause_start(at).max(opener_end), at);
    }
    if !stands_alone {
        return None;
    }
    if let Some(at) = marker {
        return named(at);
    }
    // The first reporting verb of the sentence whose subject is a named person.
    doc.verbs_in(from, end)
        .into_iter()
        .filter(|(s, _)| !cx.inside_quote(*s))
        .find_map(|(s, _)| named(s))
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::speaker_of_quote;

    #[test]
    fn the_summit_form() {
        assert_eq!(
            speaker_of_quote("“让我们携手共建美好未来。”在开幕式上,法国总统马克龙发出这样的呼吁。"),
            Some("马克龙".into())
        );
    }

    #[test]
    fn the_next_sentence_names_the_speaker() {
        assert_eq!(
            speaker_of_quote("「這是第一次。」在此前的記者會上,協會主席李文表示,賽事創下紀錄。"),
            Some("李文".into())
        );
    }

    #[test]
    fn the_first_verb_whose_subject_is_named() {
        assert_eq!(
            speaker_of_quote(
                "“祝大家成功。”当晚,大会(以下简称“会议”)开幕,协会主席李文发来视频致辞。"
            ),
            Some("李文".into())
        );
    }

    #[test]
    fn a_sentence_referring_back_names_who_described_it() {
        assert_eq!(
            speaker_of_quote(
                "“团结、创新、开放。”这是昨天下午,德国总理朔尔茨在柏林的一场演讲中概括的三个关键词。"
            ),
            Some("朔尔茨".into())
        );
        assert_eq!(
            speaker_of_quote("「穩定、發展、共享。」這是市長林志強日前描述的施政方向。"),
            Some("林志强".into())
        );
    }

    #[test]
    fn a_sentence_referring_back_names_a_quote_after_words_of_its_own() {
        assert_eq!(
            speaker_of_quote(
                "电视台援引通讯社报道,“团结、创新、开放。”这是昨晚德国总理朔尔茨在柏林的演讲中概括的三个重点。"
            ),
            Some("朔尔茨".into())
        );
    }

    #[test]
    fn a_quote_inside_a_sentence_is_not_named_by_the_next_one() {
        assert_eq!(
            speaker_of_quote(
                "今年的主题是“合作与发展,共创未来。”。协会主席李文表示,赛事创下纪录。"
            ),
            None
        );
    }
}
