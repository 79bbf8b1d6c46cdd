//! Sieve: in a headline, a speaker set right before the quotation with no verb:
//! 外交部「将密切关注」, 王毅　“合作是唯一出路”. Headlines drop the reporting verb; the
//! phrase between the last break (a space, comma or colon) and the mark is the speaker
//! when it names someone and nothing else.

use super::context::Context;
use super::{Sieve, whole_phrase_speaker};
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, Who};

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "headline_speaker",
        confidence: 0.85,
    },
    find,
    reporting_clause: false,
};

/// The shortest quotation taken as a headline speaker's words: one word in quote marks
/// (官员“辟谣”) is a term.
const WORDS_MIN: usize = 4;
/// Words joining two parties: 甲与乙谈「…」 names what they discussed, not who said it.
const JOINING: &[char] = &['与', '與', '和', '及', '同', '跟'];

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    if !cx.headline || q.end - q.start < WORDS_MIN {
        return None;
    }
    let start = cx.clause_start(q.open);
    if start >= q.open {
        return None;
    }
    if cx.doc.orig[start..q.open]
        .iter()
        .any(|c| JOINING.contains(c))
    {
        return None;
    }
    whole_phrase_speaker(cx.doc, start, q.open)
        .filter(|s| matches!(s.who, Who::Named(_) | Who::Unnamed))
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::gazetteer::Gazetteer;

    fn headline_speaker(headline: &str) -> Option<String> {
        let text = format!("{headline}\n2024-03-01 测试网\n正文第一段。");
        let e = extract(&text, Gazetteer::builtin());
        // The phrase this sieve gave, not what a later sieve found.
        e.statements
            .first()
            .filter(|s| s.rule.name == super::SIEVE.rule.name)
            .and_then(|s| s.speaker_phrase.clone())
    }

    #[test]
    fn the_phrase_before_the_quote_in_a_headline() {
        assert_eq!(
            headline_speaker("欧盟峰会闭幕 外交部“将密切关注事态发展”"),
            Some("外交部".into())
        );
        assert_eq!(
            headline_speaker("颱風過境 市長林志強「全力搶修,明日復電」"),
            Some("市長林志強".into())
        );
    }

    #[test]
    fn a_phrase_that_is_more_than_a_name_is_no_speaker() {
        assert_eq!(headline_speaker("两国关系陷入“冰点”"), None);
        assert_eq!(headline_speaker("峰会前夕 外交部长王毅“澄清”"), None);
        assert_eq!(
            headline_speaker("市長林志強與議長王大明談「城市發展願景」"),
            None
        );
    }
}
