//! Sieve: a reporting clause right after the quotation. “…”X表示。 「…」,X說。
//! “…”X在会上说。 The clause must follow within a short window and before the next
//! quotation or clause break.

use super::Sieve;
use super::context::Context;
use crate::extract::doc::is_sentence_end;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, Who, parse_subject};

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "trailing_clause",
        confidence: 0.92,
    },
    find,
    reporting_clause: true,
};

/// How far after a quotation a reporting verb may stand and still name its speaker.
const WINDOW: usize = 40;
/// How long an unnamed speaker phrase after a quotation may be (一名官员说, not a clause).
const UNNAMED_MAX: usize = 12;

/// Where the reporting clause after the quotation starts and where its verb starts.
fn trailing_verb(cx: &Context<'_, '_>, q: &Quote) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let to = cx.paragraph.1;
    let mut start = q.close;
    while start < to && (doc.orig[start].is_whitespace() || matches!(doc.orig[start], '，' | ','))
    {
        start += 1;
    }
    let limit = (start + WINDOW).min(to);
    let stop = (start..limit)
        .find(|&i| {
            is_sentence_end(doc.orig[i]) || matches!(doc.orig[i], '“' | '「' | '『' | '，' | ',')
        })
        .unwrap_or(limit);
    if introduces_next_quotation(doc, start, stop) {
        return None;
    }
    // The last verb: 这位不愿透露姓名的官员说 reports with 说, not 透露.
    let (verb_start, _) = doc.verbs_in(start, stop).into_iter().last()?;
    Some((start, verb_start))
}

/// Whether the clause ends in a colon before a quotation mark: 網友留言表示:「…」 reports the
/// quotation that follows, not the one before.
fn introduces_next_quotation(doc: &crate::extract::doc::Doc, start: usize, stop: usize) -> bool {
    let opens_quote = doc
        .orig
        .get(stop)
        .is_some_and(|c| matches!(c, '“' | '「' | '『'));
    let colon = (start..stop)
        .rev()
        .find(|&i| !doc.orig[i].is_whitespace())
        .is_some_and(|i| matches!(doc.orig[i], ':' | '：'));
    opens_quote && colon
}

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    let (start, verb_start) = trailing_verb(cx, q)?;
    let speaker = parse_subject(cx.doc, start, verb_start)?;
    (!matches!(speaker.who, Who::Unnamed) || verb_start - start <= UNNAMED_MAX).then_some(speaker)
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::{speaker_of_quote, speaker_of_quote_at};

    #[test]
    fn the_speaker_after_the_quote_in_either_script() {
        assert_eq!(
            speaker_of_quote("“这是历史性的一天。”泰国副总理陈明达在会上表示。"),
            Some("陈明达".into())
        );
        assert_eq!(
            speaker_of_quote("「我們會繼續努力。」，林志強說。"),
            Some("林志强".into())
        );
    }

    #[test]
    fn the_reporting_verb_is_the_last_one_before_the_break() {
        assert_eq!(
            speaker_of_quote("「我們會更正記錄。」這位不願透露姓名的官員說。"),
            None
        );
        let e = crate::extract::extract(
            "测试标题\n2021-03-01 测试网\n「我們會更正記錄。」這位不願透露姓名的官員說。",
            crate::gazetteer::Gazetteer::builtin(),
        );
        assert_eq!(
            e.statements[0].speaker_phrase.as_deref(),
            Some("這位不願透露姓名的官員")
        );
    }

    #[test]
    fn a_clause_ending_in_a_colon_reports_the_next_quotation() {
        let body = "信上写着:“谢谢大家的帮助。”王建国随后回应:“不客气。”";
        assert_eq!(speaker_of_quote(body), None);
        assert_eq!(speaker_of_quote_at(body, 1), Some("王建国".into()));
        let body = "紙條寫道:「謝謝各位。」林志強也回應表示:「應該的。」";
        assert_eq!(speaker_of_quote(body), None);
        assert_eq!(speaker_of_quote_at(body, 1), Some("林志强".into()));
    }

    #[test]
    fn a_verb_far_after_the_quote_names_nobody() {
        assert_eq!(
            speaker_of_quote(
                "今年的主题是“合作与发展”,在场的数百名来自各地的记者和代表都在讨论这个问题,林志强说。"
            ),
            None
        );
    }
}
