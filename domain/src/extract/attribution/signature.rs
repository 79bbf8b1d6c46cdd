//! Sieve: a letter, card or message signed at its end. 卡片写道:“…永难忘怀。李明华 市长
//! 2021.3.8。” belongs to the signer, not to whoever reads it out.

use super::context::Context;
use super::{Sieve, whole_phrase_speaker};
use crate::extract::doc::{Doc, is_sentence_end};
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, Who};

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "signature",
        confidence: 0.95,
    },
    find,
    reporting_clause: true,
};

/// The longest signature line: a name with a title or two.
const SIGNATURE_MAX: usize = 16;

/// Characters a date under a signature is written with: 2018.2.9, 2021年3月8日, 2020/05/01.
fn is_date_char(c: char) -> bool {
    c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '/' | '-' | '年' | '月' | '日')
}

/// One past the signer's phrase: the end of the words before a closing full stop and a date.
fn signature_end(doc: &Doc<'_>, q: &Quote) -> usize {
    let mut end = q.end;
    while end > q.start && (doc.orig[end - 1].is_whitespace() || is_sentence_end(doc.orig[end - 1]))
    {
        end -= 1;
    }
    let undated = end;
    while end > q.start && is_date_char(doc.orig[end - 1]) {
        end -= 1;
    }
    let dated = (end..undated).any(|i| doc.orig[i].is_ascii_digit());
    if !dated {
        return undated;
    }
    while end > q.start && doc.orig[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    let doc = cx.doc;
    let end = signature_end(doc, q);
    let start = (q.start..end)
        .rev()
        .find(|&i| is_sentence_end(doc.orig[i]))
        .map(|i| i + 1)?;
    if end <= start || end - start > SIGNATURE_MAX {
        return None;
    }
    // The whole line is the signer's phrase, nothing else: not a sentence about someone.
    whole_phrase_speaker(doc, start, end).filter(|s| matches!(s.who, Who::Named(_)))
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::speaker_of_quote;

    #[test]
    fn a_signed_card_belongs_to_its_signer() {
        assert_eq!(
            speaker_of_quote("卡片上写着:“感谢各位的付出,我们会铭记在心。李明华 市长 2021.3.8。”"),
            Some("李明华".into())
        );
        assert_eq!(
            speaker_of_quote("信中寫道:「感謝大家多年來的支持。林志強 2020年5月1日」"),
            Some("林志强".into())
        );
    }

    #[test]
    fn a_last_sentence_about_someone_is_no_signature() {
        assert_eq!(
            speaker_of_quote("卡片上写着:“感谢各位的付出。李明华市长也很感动。”"),
            None
        );
    }
}
