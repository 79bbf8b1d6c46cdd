//! Speech or term: whether a quotation is someone's words or a name in quote marks
//! (“一带一路”倡议, 所谓“新南向”, 「以武謀獨」、「綠色恐怖」等詞彙). Decided from the
//! quotation's shape (length, sentence punctuation inside), what stands right before and
//! after it, and whether a sieve found who said it.

use super::attribution::context::{Context, is_quote_mark};
use super::quotes::Quote;
use crate::gazetteer::EntityHit;

/// Words right before a quotation that make it a name: scare quotes and designations
/// (所谓, 称为, 简称), topics (关于, 有关, 针对), and the media a name belongs to (网站, 专页).
const NAMING_BEFORE: &[&str] = &[
    "所谓",
    "称为",
    "称之为",
    "被称为",
    "又称",
    "简称",
    "俗称",
    "名为",
    "叫做",
    "号称",
    "关于",
    "有关",
    "针对",
    "对于",
    "网站",
    "专页",
    "账号",
    "频道",
    "节目",
    "栏目",
    "一词",
    "歌曲",
    "电影",
    "影片",
    "剧",
    "曲解成",
    "说成",
    "解读成",
    "解读为",
    "称作",
    "视为",
    "定性为",
];
/// Nouns that, right after a quotation, make it the name of the thing they denote.
const NAMING_AFTER: &[&str] = &[
    "一词",
    "词汇",
    "字眼",
    "字样",
    "口号",
    "标语",
    "称号",
    "标签",
    "倡议",
    "计划",
    "政策",
    "战略",
    "项目",
    "工程",
    "系统",
    "事件",
    "一事",
    "一案",
    "行动",
    "运动",
    "班列",
    "原则",
    "模式",
    "理念",
    "概念",
    "机制",
    "框架",
    "方案",
    "论坛",
    "组织",
    "网站",
    "品牌",
    "节目",
    "栏目",
    "活动",
    "资料",
    "报告",
    "法案",
    "条例",
    "系列",
    "主义",
    "路线",
    "精神",
    "协定",
    "协议",
    "峰会",
    "伙伴关系",
    "关系",
    "等",
    "号",
    "为主",
];
/// Nouns for words as words, which name the quotation even after 的 (“…”的口号).
const LABELS: &[&str] = &["口号", "标语", "字样", "说法", "称号", "字眼", "标签"];
/// Quotations at most this long with no sentence punctuation may be names.
const TERM_MAX_CHARS: usize = 12;
/// Numbered slogans (一国两制, 两个维护, 一带一路) are at most this long.
const SLOGAN_MAX_CHARS: usize = 6;
/// Numerals that number the parts of a slogan.
const NUMERALS: &str = "一二两三四五六七八九十百千万0123456789";

/// Whether the quotation is a term rather than speech; `by_reporting_clause` says a
/// reporting clause right before or after it introduces it.
pub fn is_term(
    cx: &Context<'_, '_>,
    q: &Quote,
    attributed: bool,
    by_reporting_clause: bool,
) -> bool {
    if q.end - q.start <= 1 || is_entity_name(cx, q) || named_before(cx, q) {
        return true;
    }
    if is_clause(cx, q) {
        return false;
    }
    if listed(cx, q) || named_after(cx, q) || names_itself(cx, q) || is_numbered_slogan(cx, q) {
        return true;
    }
    if by_reporting_clause {
        return false;
    }
    !attributed || q.end - q.start <= TERM_MAX_CHARS && is_clause_subject(cx, q)
}

/// Words of a clause of their own: sentence or clause punctuation inside, and more than a
/// phrase.
fn is_clause(cx: &Context<'_, '_>, q: &Quote) -> bool {
    let words = &cx.doc.orig[q.start..q.end];
    let sentence = words.iter().any(|c| super::doc::is_full_stop(*c));
    let clauses = words
        .iter()
        .any(|c| matches!(c, '，' | ',' | '；' | ';' | '：'));
    sentence || clauses && words.len() > 6
}

/// The whole quotation is a country, organization, agreement or person's name.
fn is_entity_name(cx: &Context<'_, '_>, q: &Quote) -> bool {
    cx.doc
        .hits_in(q.start, q.end)
        .any(|h| h.start == q.start && h.end == q.end && h.entity != EntityHit::Blocked)
}

fn folded_before(cx: &Context<'_, '_>, q: &Quote, n: usize) -> String {
    cx.doc
        .folded_text(q.open.saturating_sub(n).max(cx.paragraph.0), q.open)
}

fn named_before(cx: &Context<'_, '_>, q: &Quote) -> bool {
    let before = folded_before(cx, q, 4);
    NAMING_BEFORE.iter().any(|w| before.ends_with(w)) || owned_by_someone_named(cx, q)
}

/// 习近平主席的“云外交”, 总统的「新政」: a named person's or office's thing, not their
/// words (自己的“原则立场”, 他的「指导力量」 quote the speaker and stay speech).
fn owned_by_someone_named(cx: &Context<'_, '_>, q: &Quote) -> bool {
    let doc = cx.doc;
    if q.open < 2 || doc.folded[q.open - 1] != '的' {
        return false;
    }
    let owner_end = q.open - 1;
    let person = doc
        .hits_in(owner_end.saturating_sub(8), owner_end)
        .any(|h| h.end == owner_end && matches!(h.entity, EntityHit::Person(_)));
    let title = doc
        .titles_in(owner_end.saturating_sub(8), owner_end)
        .iter()
        .any(|(_, e)| *e == owner_end);
    person || title
}

/// A short slogan built on numerals: it opens with one and numbers a second part (一国两制,
/// 一带一路) or counts with 个 (两个维护, 三个代表). Policy names are made this way; words a
/// speaker says seldom are.
fn is_numbered_slogan(cx: &Context<'_, '_>, q: &Quote) -> bool {
    let words: Vec<char> = cx.doc.folded[q.start..q.end].to_vec();
    let numeral = |c: &char| NUMERALS.contains(*c);
    let (Some(first), Some(second)) = (words.first(), words.get(1)) else {
        return false;
    };
    words.len() <= SLOGAN_MAX_CHARS
        && words.iter().all(|c| c.is_alphanumeric())
        && numeral(first)
        && (*second == '个' || words[2..].iter().any(numeral))
}

/// The quotation ends with a noun that makes it a name (「新南向政策」, “绿色通道计划”).
fn names_itself(cx: &Context<'_, '_>, q: &Quote) -> bool {
    let words = cx.doc.folded_text(q.start, q.end);
    NAMING_AFTER
        .iter()
        .filter(|w| w.chars().count() >= 2)
        .any(|w| words.ends_with(w) && words.chars().count() > w.chars().count())
}

fn named_after(cx: &Context<'_, '_>, q: &Quote) -> bool {
    let after = cx
        .doc
        .folded_text(q.close, (q.close + 4).min(cx.paragraph.1));
    // 「間諜說」(SpyTalk): a name with its original form in brackets.
    let bracketed_latin = {
        let mut chars = after.chars();
        matches!(chars.next(), Some('(' | '（'))
            && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
    };
    // “…”的口号: a label noun after 的 names the quotation too (not “…”的状态).
    let after_de = after.strip_prefix('的');
    bracketed_latin
        || NAMING_AFTER.iter().any(|w| after.starts_with(w))
        || after_de.is_some_and(|rest| LABELS.iter().any(|w| rest.starts_with(w)))
}

/// One of a list of quotations that ends in a naming noun or 等 (「甲」、「乙」等詞彙,
/// “甲”、“乙”和“丙”为主体): names listed. A list of a speaker's phrases without such an
/// ending (「甲」、「乙」的舞台) is judged quotation by quotation.
fn listed(cx: &Context<'_, '_>, q: &Quote) -> bool {
    let joins = |c: char| matches!(c, '、' | '和' | '与' | '與' | '或' | '及' | ',' | '，');
    let mut last = *q;
    while let Some(next) = cx.quotes.iter().find(|n| {
        n.open > last.close
            && cx.doc.orig[last.close..n.open]
                .iter()
                .all(|c| joins(*c) || c.is_whitespace())
            && n.open - last.close <= 2
    }) {
        last = *next;
    }
    let in_list = last.open != q.open
        || cx.quotes.iter().any(|p| {
            p.close <= q.open
                && q.open - p.close <= 2
                && cx.doc.orig[p.close..q.open]
                    .iter()
                    .all(|c| joins(*c) || c.is_whitespace())
        });
    in_list && (named_after(cx, &last) || cx.after(last.close) == Some('等'))
}

/// The quotation opens its clause and more words follow it (“快捷通道”于五月开通): it is
/// what the clause is about.
fn is_clause_subject(cx: &Context<'_, '_>, q: &Quote) -> bool {
    let opens = cx
        .before(q.open)
        .is_none_or(|c| c != '、' && super::doc::is_clause_end(c) || is_quote_mark(c));
    let continues = cx
        .after(q.close)
        .is_some_and(|c| !super::doc::is_clause_end(c) && !is_quote_mark(c));
    opens && continues
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::quoted_statements;

    #[test]
    fn names_of_schemes_and_lists_are_terms() {
        assert!(quoted_statements("外长王毅表示,各方应积极参与“绿色丝路”倡议。").is_empty());
        assert!(quoted_statements("他批評對方重複「甲乙丙丁」、「戊己庚辛」等詞彙。").is_empty());
        assert!(quoted_statements("所谓“新常态”并不新鲜,陈志远说。").is_empty());
    }

    #[test]
    fn what_a_text_is_labelled_as_is_a_term() {
        assert!(quoted_statements("陈志远说,这番话被曲解成“放弃原则”。").is_empty());
        assert!(quoted_statements("陈志远说,运输以“甲线”和“乙线”为主体。").is_empty());
    }

    #[test]
    fn a_named_persons_thing_is_a_term_their_own_wording_is_not() {
        assert!(quoted_statements("外长王毅说,这体现了主席的“云上外交”。").is_empty());
        assert_eq!(
            quoted_statements("外长王毅说,中国有自己的“原则立场”,不会改变。"),
            ["原则立场"]
        );
    }

    #[test]
    fn slogans_songs_and_single_characters_are_terms() {
        assert!(quoted_statements("陈志远说,示威者高呼“美军撤出”的口号。").is_empty());
        assert!(quoted_statements("陈志远说,他们把这首歌曲「明天會更好」唱了一遍。").is_empty());
        assert!(quoted_statements("陈志远说,这个“新”字很重要。").is_empty());
    }

    #[test]
    fn numbered_slogans_are_terms() {
        assert!(quoted_statements("特首林志強談「一國兩制」與未來挑戰。").is_empty());
        assert!(quoted_statements("陈志远说,要坚持“两个维护”,推动发展。").is_empty());
        assert_eq!(
            quoted_statements("陈志远说,这件事“一定要办好”,不能拖延。"),
            ["一定要办好"]
        );
    }

    #[test]
    fn the_matter_a_statement_is_about_is_a_term() {
        assert!(quoted_statements("官员就媒体所称的“秘密会谈”一事表示,双方并未见面。").is_empty());
    }

    #[test]
    fn a_list_of_a_speakers_phrases_is_speech() {
        assert_eq!(
            quoted_statements("外长王毅说,这里恰恰是「乘风破浪」、「一往无前」的舞台。"),
            ["乘风破浪", "一往无前"]
        );
    }

    #[test]
    fn a_term_that_opens_its_clause_is_not_speech() {
        assert!(quoted_statements("外长王毅表示,“绿色通道”已于五月开通。").is_empty());
    }

    #[test]
    fn a_speakers_own_wording_is_speech() {
        assert_eq!(
            quoted_statements("外长王毅指出,两国关系正处于“关键阶段”,需要共同维护。"),
            ["关键阶段"]
        );
        assert_eq!(quoted_statements("陳志遠笑說「先吃飯」。"), ["先吃飯"]);
    }

    #[test]
    fn a_clause_of_its_own_is_speech_even_without_a_speaker() {
        assert_eq!(
            quoted_statements("“我们会继续努力,直到成功。”"),
            ["我们会继续努力,直到成功。"]
        );
    }
}
