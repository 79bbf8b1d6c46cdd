//! A quotation whose closing mark is missing: it runs to its paragraph's end unless a later
//! sentence of it is the narrator's (「…清楚。布林肯提到,…」 with no 」): a sentence that opens
//! with someone named and a reporting verb is not the speaker's words, so the quotation ends
//! before it.

use super::doc::{Doc, is_clause_end, is_full_stop};
use super::quotes::Quote;
use super::speaker::{Who, parse_subject};

/// `quotes` with each unclosed one cut before the first sentence the narrator speaks in.
pub fn cut_at_narration(doc: &Doc<'_>, quotes: &mut [Quote]) {
    for q in quotes.iter_mut().filter(|q| q.close == q.end) {
        if let Some(cut) = narration_start(doc, q) {
            q.end = cut;
            q.close = cut;
        }
    }
}

/// The full stop before the first sentence of `q` that opens with a named subject and its
/// reporting verb (X提到,…, X表示…).
fn narration_start(doc: &Doc<'_>, q: &Quote) -> Option<usize> {
    (q.start..q.end)
        .filter(|&i| is_full_stop(doc.orig[i]) && i + 1 < q.end)
        .find(|&stop| names_a_reporter(doc, stop + 1, q.end))
}

/// Whether the sentence at `from` opens with a clause `X` + reporting verb, X someone named.
fn names_a_reporter(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    let clause_end = (from..to)
        .find(|&i| is_clause_end(doc.orig[i]))
        .unwrap_or(to);
    doc.verbs_in(from, clause_end)
        .first()
        .is_some_and(|&(verb, _)| {
            verb > from
                && parse_subject(doc, from, verb).is_some_and(|s| matches!(s.who, Who::Named(_)))
        })
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::quoted_statements;
    use crate::extract::extract;
    use crate::gazetteer::Gazetteer;

    #[test]
    fn a_missing_closing_mark_ends_before_the_narrators_sentence() {
        assert_eq!(
            quoted_statements("外长王建国表示,「我们的立场很清楚。王建国还提到,双方将继续对话。"),
            ["我们的立场很清楚"]
        );
        let raw = "测试标题\n2021-03-01 测试网\n外長王建國表示,「我們的立場很清楚。王建國還提到,雙方將繼續對話。";
        let reported: Vec<String> = extract(raw, Gazetteer::builtin())
            .statements
            .into_iter()
            .filter(|s| s.kind == crate::model::StatementKind::Indirect)
            .map(|s| s.text)
            .collect();
        assert_eq!(reported, ["雙方將繼續對話"]);
    }

    #[test]
    fn a_missing_closing_mark_at_the_paragraph_end_keeps_every_sentence() {
        assert_eq!(
            quoted_statements("外长王建国表示,「我们的立场很清楚。我们会继续对话。"),
            ["我们的立场很清楚。我们会继续对话。"]
        );
    }
}
