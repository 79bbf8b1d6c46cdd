//! A page or account named in quote marks as the subject of a reporting verb (臉書專頁「X」
//! 發文表示:, 官方账号“X”称): the account speaks, under the name the marks give it.

use super::context::{Context, is_closing_mark};
use crate::extract::speaker::{Speaker, Who};

/// Nouns for the pages and accounts that post statements.
const ACCOUNTS: &[&str] = &["专页", "粉丝页", "账号", "帐号", "频道", "网站", "公众号"];

/// The account named by the quotation that ends right before `clause_start`, the start
/// of a reporting verb's clause.
pub fn account_before(cx: &Context<'_, '_>, clause_start: usize) -> Option<Speaker> {
    let close = clause_start.checked_sub(1)?;
    if !is_closing_mark(cx.doc.orig[close]) {
        return None;
    }
    let q = cx.quotes.iter().find(|q| q.close == clause_start)?;
    let before = cx
        .doc
        .folded_text(q.open.saturating_sub(3).max(cx.paragraph.0), q.open);
    ACCOUNTS
        .iter()
        .any(|a| before.ends_with(a))
        .then(|| Speaker {
            who: Who::Unnamed,
            phrase: cx.doc.text(q.start, q.end),
        })
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::gazetteer::Gazetteer;

    fn phrase_of_first(body: &str) -> Option<String> {
        extract(
            &format!("测试标题\n2021-03-01 测试网\n{body}"),
            Gazetteer::builtin(),
        )
        .statements
        .into_iter()
        .next()
        .and_then(|s| s.speaker_phrase)
    }

    #[test]
    fn a_page_named_in_quote_marks_speaks_under_that_name() {
        assert_eq!(
            phrase_of_first(
                "市长林国华亲笔致谢,臉書專頁「市政府發言人」發文表示:「感謝各位的協助。」"
            ),
            Some("市政府發言人".into())
        );
        assert_eq!(
            phrase_of_first("官方账号“城市之声”发文称:“感谢各位的协助。”"),
            Some("城市之声".into())
        );
    }
}
