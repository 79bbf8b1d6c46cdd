//! A question in quote marks (记者提问:“…?”, 有记者问:「…」, 台灣記者:「…?」): the asker's
//! words, never an answer. It goes to the asker named before the question verb or the
//! colon, or to nobody.

use super::context::Context;
use crate::extract::press::QUESTION_VERBS;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, Who, parse_subject};

/// The rule that gives a quoted question to whoever asked it.
pub const QUESTION: Rule = Rule {
    name: "question",
    confidence: 0.9,
};

/// A quoted question and who asked it, when the text says.
pub struct Question {
    /// The asker, or none when nobody is named.
    pub asker: Option<Speaker>,
}

/// Whether `q` is a question: after a question verb (记者追问:「…」), or a question a
/// reporter's label introduces (台灣記者:「…?」).
pub fn question(cx: &Context<'_, '_>, q: &Quote) -> Option<Question> {
    if let Some(verb) = question_verb(cx, q) {
        return Some(Question {
            asker: asker(cx, verb),
        });
    }
    reporter_label(cx, q).map(|label| Question { asker: Some(label) })
}

/// Where the question verb right before `q` starts, when one stands there.
fn question_verb(cx: &Context<'_, '_>, q: &Quote) -> Option<usize> {
    let doc = cx.doc;
    let end = cx.lead_in_start(q.open);
    let before = doc.folded_text(end.saturating_sub(2).max(cx.paragraph.0), end);
    QUESTION_VERBS
        .iter()
        .filter(|v| before.ends_with(*v))
        .map(|v| end - v.chars().count())
        .min()
}

/// Who asks questions without being a speaker elsewhere: reporters.
const ASKERS: &[&str] = &["记者"];

/// Who asked the question whose verb starts at `verb`: the clause before the verb, a
/// speaker or a reporter kept as the phrase (有记者问 → 记者).
fn asker(cx: &Context<'_, '_>, verb: usize) -> Option<Speaker> {
    let start = cx.clause_start(verb);
    if start >= verb {
        return None;
    }
    parse_subject(cx.doc, start, verb).or_else(|| {
        let clause = cx.doc.folded_text(start, verb);
        let skip = usize::from(clause.starts_with('有'));
        ASKERS.iter().any(|a| clause.contains(a)).then(|| Speaker {
            who: Who::Unnamed,
            phrase: cx.doc.text(start + skip, verb).trim().to_owned(),
        })
    })
}

/// A reporter labelling a question: the words right before a colon that opens `q` name a
/// reporter and `q` ends with a question mark.
fn reporter_label(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    let doc = cx.doc;
    let asks = doc.orig[q.start..q.end]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| matches!(c, '?' | '？'));
    let colon = cx.lead_in_start(q.open);
    if !asks
        || !doc.orig[colon..q.open]
            .iter()
            .any(|c| matches!(c, ':' | '：'))
    {
        return None;
    }
    let start = (cx.paragraph.0..colon)
        .rev()
        .find(|&i| !doc.orig[i].is_alphanumeric() || doc.orig[i].is_ascii())
        .map_or(cx.paragraph.0, |i| i + 1);
    let label = doc.folded_text(start, colon);
    ASKERS.iter().any(|a| label.contains(a)).then(|| Speaker {
        who: Who::Unnamed,
        phrase: doc.text(start, colon),
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::gazetteer::Gazetteer;

    fn phrases(body: &str) -> Vec<(String, Option<String>)> {
        extract(
            &format!("测试标题\n2021-03-01 测试网\n{body}"),
            Gazetteer::builtin(),
        )
        .statements
        .into_iter()
        .map(|s| (s.text, s.speaker_phrase))
        .collect()
    }

    #[test]
    fn a_quoted_question_is_the_askers() {
        assert_eq!(
            phrases("一名法新社记者提问:“这批物资何时运抵?”发言人王明说:“下周。”"),
            [
                (
                    "这批物资何时运抵?".to_owned(),
                    Some("一名法新社记者".to_owned())
                ),
                ("下周。".to_owned(), Some("发言人王明".to_owned()))
            ]
        );
        assert_eq!(
            phrases("一名法新社記者追問:「這批物資何時運抵?」"),
            [(
                "這批物資何時運抵?".to_owned(),
                Some("一名法新社記者".to_owned())
            )]
        );
    }

    #[test]
    fn a_question_under_a_reporters_label_is_the_reporters() {
        assert_eq!(
            phrases("發言人王明vs.本地記者:「這批物資何時運抵?」"),
            [("這批物資何時運抵?".to_owned(), Some("本地記者".to_owned()))]
        );
    }

    #[test]
    fn a_question_nobody_is_named_asking_is_left_out() {
        assert_eq!(phrases("会后有人问:“这批物资何时运抵?”"), []);
    }
}
