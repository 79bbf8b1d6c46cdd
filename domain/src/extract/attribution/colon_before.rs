//! Sieve: a reporting clause right before the quotation. X表示:“…”, X說「…」, 据X称,“…”,
//! X在接受采访时说:“…”, X强调“…” (time, place and occasion may stand between the
//! speaker and the verb). When the verb opens its clause (…予以否定,表示「…」), the
//! speaker is the subject of the sentence.

use super::account::account_before;
use super::context::Context;
use super::{Sieve, subject_of_sentence};
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, parse_subject};

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "colon_before",
        confidence: 0.95,
    },
    find,
    reporting_clause: true,
};

/// How far before a colon a reporting verb may stand (网友留言表达感谢:「…」).
const COLON_COMPLEMENT: usize = 8;

/// The reporting verb of a clause that a colon closes right before the quotation, when
/// words follow the verb (留言表达感谢:, 发文呼吁各界:).
fn verb_before_colon(cx: &Context<'_, '_>, q: &Quote) -> Option<(usize, usize)> {
    let colon = (cx.paragraph.0..q.open)
        .rev()
        .find(|&i| !cx.doc.orig[i].is_whitespace())
        .filter(|&i| matches!(cx.doc.orig[i], ':' | '：'))?;
    let clause = cx.clause_start(colon);
    cx.doc
        .verbs_in(clause.max(colon.saturating_sub(COLON_COMPLEMENT)), colon)
        .into_iter()
        .last()
}

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    let (verb_start, _) = cx
        .verb_ending_at(q.open)
        .or_else(|| verb_before_colon(cx, q))?;
    let start = cx.clause_start(verb_start);
    parse_subject(cx.doc, start, verb_start)
        .or_else(|| account_before(cx, start))
        .or_else(|| subject_of_sentence(cx, verb_start))
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::speaker_of_quote;
    use crate::extract::{Extraction, extract};
    use crate::gazetteer::Gazetteer;
    use crate::model::StatementKind;

    /// The speaker phrase of each statement of `kind`, in body order.
    fn phrases_of(e: &Extraction, kind: StatementKind) -> Vec<Option<&str>> {
        e.statements
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.speaker_phrase.as_deref())
            .collect()
    }

    #[test]
    fn a_verb_and_colon_before_the_quote() {
        assert_eq!(
            speaker_of_quote("外交部长王毅表示:“合作是唯一出路。”"),
            Some("王毅".into())
        );
        assert_eq!(
            speaker_of_quote("外交部長王毅說：「合作是唯一出路。」"),
            Some("王毅".into())
        );
    }

    #[test]
    fn time_place_and_occasion_between_speaker_and_verb() {
        assert_eq!(
            speaker_of_quote("张明华日前在接受本报采访时说:“市场正在回暖。”"),
            Some("张明华".into())
        );
        assert_eq!(
            speaker_of_quote("據陳志遠稱,「談判仍在進行。」"),
            Some("陈志远".into())
        );
    }

    #[test]
    fn what_a_group_writes_is_theirs() {
        for (body, phrase) in [
            (
                "学生们在卡片上用中文书写:“祝大家新年快乐!”",
                "学生们在卡片上用中文",
            ),
            ("師生們在賀卡上書寫:「和平萬歲!」", "師生們在賀卡上"),
        ] {
            let e = extract(
                &format!("测试标题\n2021-03-01 测试网\n{body}"),
                Gazetteer::builtin(),
            );
            assert_eq!(phrases_of(&e, StatementKind::Direct), [Some(phrase)]);
            assert!(phrases_of(&e, StatementKind::Indirect).is_empty());
        }
    }

    #[test]
    fn a_dateline_aside_and_what_the_speaker_did_are_not_the_name() {
        assert_eq!(
            speaker_of_quote("(本报讯)大学教授张明华说:“改革仍要继续。”"),
            Some("张明华".into())
        );
        assert_eq!(
            speaker_of_quote("陈英明听到后笑回「先拍照」。"),
            Some("陈英明".into())
        );
    }

    #[test]
    fn governments_and_topics_before_the_speaker() {
        let e = extract(
            "测试标题\n2021-03-01 测试网\n菲律宾指控对方以「危险的方式」驱离渔船。至于陈志远稱「这不可接受。」",
            Gazetteer::builtin(),
        );
        assert_eq!(
            phrases_of(&e, StatementKind::Direct),
            [Some("菲律宾"), Some("陈志远")]
        );
    }

    #[test]
    fn an_unnamed_diplomat_is_kept_as_the_phrase() {
        let e = extract(
            "测试标题\n2021-03-01 测试网\n一位不具名外交官指控,“当局甚至攻击他。”\n該外交官指出,「我們會持續關注。」",
            Gazetteer::builtin(),
        );
        assert_eq!(
            phrases_of(&e, StatementKind::Direct),
            [Some("一位不具名外交官"), Some("該外交官")]
        );
    }

    #[test]
    fn members_of_parliament_not_named_report_speech() {
        let e = extract(
            "测试标题\n2021-03-01 测试网\n多名議員表示,這項法案必須撤回。",
            Gazetteer::builtin(),
        );
        assert_eq!(phrases_of(&e, StatementKind::Indirect), [Some("多名議員")]);
    }

    #[test]
    fn a_verb_with_words_after_it_before_the_colon() {
        assert_eq!(
            speaker_of_quote("議員陳志遠留言表達感謝:「大家辛苦了。」"),
            Some("陈志远".into())
        );
    }

    #[test]
    fn a_verb_opening_its_clause_takes_the_sentence_subject() {
        assert_eq!(
            speaker_of_quote("财政部长刘建国予以否认,表示“没有这样的计划。”"),
            Some("刘建国".into())
        );
    }
}
