//! Speaker phrases: who a reporting clause names. A phrase is [country or organization]
//! [title …] name (柬埔寨副首相贺南洪, 联合国秘书长古特雷斯), or name [title] (习近平主席,
//! 李克强总理), or a pronoun (他, 她), a title standing for a person (首相, 该官员), or an
//! unnamed speaker (一名官员, 分析人士). Finding the name itself is `named`'s.

use super::doc::{Doc, string_of};
use super::named::{bare_name, known_person, title_start, titled_person};
use super::names::starts_with_str;
use crate::fold::to_simplified;
use crate::gazetteer::{EntityHit, is_country_form};
use crate::words::WordList;
use std::sync::LazyLock;

/// Who a phrase names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A named person.
    Named(Named),
    /// 他 / 她 at this place in the body: the person named last before it.
    Pronoun(usize),
    /// A title standing for a person named before (首相, 该官员, 这位发言人), simplified.
    Title(String),
    /// Someone the text does not name (一名官员, 消息人士, 外交部).
    Unnamed,
    /// A document standing alone (声明, 该报告): it speaks for whoever issued the statement
    /// before it.
    Document,
}

/// A named person with what the phrase says of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The name, simplified script.
    pub name: String,
    /// The title, simplified script.
    pub title: Option<String>,
    /// ISO code of their country.
    pub country: Option<String>,
    /// English name, when the person is well known.
    pub name_en: Option<String>,
    /// Where the name stands in the body (characters).
    pub start: usize,
}

/// A parsed phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// Who it is.
    pub who: Who,
    /// The phrase as written.
    pub phrase: String,
}

/// Words that open a clause without being part of its subject.
const LEADING_WORDS: &[&str] = &[
    "正如", "诚如", "如同", "据", "而", "但", "并", "同时", "此外", "另外", "对此", "其中", "随后",
    "至于", "今天", "今日", "昨天", "昨日", "当天", "当日", "日前", "近日", "如",
];
/// Documents that speak for whoever issued them (声明强调: the statement's author).
const DOCUMENT_NOUNS: &[&str] = &["声明", "报告", "公报", "通告", "公告", "文件", "新闻稿"];

/// Whether a phrase is only a document, with a demonstrative before it or not (该声明).
fn is_document(folded: &str) -> bool {
    let bare = DEMONSTRATIVES
        .iter()
        .chain(&["这份", "该份", "此份", "此"])
        .find_map(|d| folded.strip_prefix(d))
        .unwrap_or(folded);
    DOCUMENT_NOUNS.contains(&bare)
}

/// Verbs of citing: what follows them in a reporting clause is the one quoted.
const CITING_WORDS: &[&str] = &["引述", "援引", "引用"];
/// Prepositions that open the topic of a statement inside a reporting clause.
const TOPIC_PREPOSITIONS: &[&str] = &["就", "针对", "对于", "关于", "围绕"];
/// Pronouns and phrases that refer back to the last named person.
const PRONOUNS: &[&str] = &["他", "她", "他们", "她们"];
/// Words that make the title after them refer back (该官员, 这位发言人, 此名官员).
const DEMONSTRATIVES: &[&str] = &["该名", "该", "这位", "这名", "此位", "此名", "那位"];
/// Nouns that stand for a person named before when a demonstrative opens them.
const REFERRING_NOUNS: &[&str] = &[
    "官员",
    "负责人",
    "领导人",
    "发言人",
    "人士",
    "学者",
    "专家",
    "议员",
    "外交官",
];
/// Nouns for speakers the text does not name.
const UNNAMED: &[&str] = &[
    "官员",
    "外交官",
    "议员",
    "人士",
    "专家",
    "学者",
    "政要",
    "负责人",
    "发言人",
    "代表",
    "媒体",
    "报道",
    "报导",
    "网民",
    "师生",
    "学生",
    "教师",
    "网友",
    "民众",
    "外交部",
    "国务院",
    "白宫",
    "克里姆林宫",
    "政府",
    "当局",
    "声明",
    "公报",
    "分析",
    "评论",
    "社论",
    "文章",
    "研究",
    "报告",
    "中方",
    "美方",
    "俄方",
    "双方",
    "各方",
    "外方",
    "方面",
    "机构",
    "组织",
    "委员会",
];

/// Parses the subject clause `[start, end)` of the body (the text right before a reporting
/// verb, from the last clause boundary).
pub fn parse_subject(doc: &Doc<'_>, start: usize, end: usize) -> Option<Speaker> {
    if let Some(known) = doc.subjects.borrow().get(&(start, end)) {
        return known.clone();
    }
    let parsed = parse_subject_uncached(doc, start, end);
    doc.subjects
        .borrow_mut()
        .insert((start, end), parsed.clone());
    parsed
}

fn parse_subject_uncached(doc: &Doc<'_>, start: usize, end: usize) -> Option<Speaker> {
    let mut start = skip_leading(doc, after_citing(doc, start, end), end);
    while start < end && !doc.folded[start].is_alphanumeric() {
        start += 1;
    }
    // A clause that opens with its topic (针对此事, 关于…) names what was spoken about.
    if word_at(doc, start, TOPIC_PREPOSITIONS).is_some() {
        return None;
    }
    let end = trim_adverbs(doc, start, before_topic(doc, start, end));
    if start >= end {
        return None;
    }
    let folded = string_of(&doc.folded[start..end]);
    let phrase = string_of(&doc.orig[start..end]).trim().to_owned();
    if let Some(pronoun) = PRONOUNS
        .iter()
        .filter(|p| folded.starts_with(*p))
        .max_by_key(|p| p.len())
        && !folded.starts_with("他国")
    {
        let phrase = doc.text(start, start + pronoun.chars().count());
        return Some(Speaker {
            who: Who::Pronoun(start),
            phrase,
        });
    }
    if is_document(&folded) {
        return Some(Speaker {
            who: Who::Document,
            phrase,
        });
    }
    if let Some(title) = referring_title(doc, start, end) {
        return Some(Speaker {
            who: Who::Title(title),
            phrase,
        });
    }
    // 习近平主席与普京总统通话中: the subject is the first of the people joined.
    let end = first_conjunct(doc, start, end);
    if let Some(named) = known_person(doc, start, end)
        .or_else(|| titled_person(doc, start, end))
        .or_else(|| bare_name(doc, start, end))
    {
        let phrase_end =
            (named.start + named.name.chars().count()).max(phrase_extent(doc, start, end));
        let phrase_start = phrase_begin(doc, start, named.start);
        let phrase = string_of(&doc.orig[phrase_start..phrase_end.min(end)]);
        return Some(Speaker {
            who: Who::Named(named),
            phrase: phrase.trim().to_owned(),
        });
    }
    if let Some((title, title_end)) = title_opening(doc, start, end) {
        // The phrase runs from the country or organization before the title to its end.
        return Some(Speaker {
            who: Who::Title(title),
            phrase: doc.text(start, title_end),
        });
    }
    static UNNAMED_WORDS: LazyLock<WordList> = LazyLock::new(|| WordList::new(UNNAMED));
    (UNNAMED_WORDS.any_in(&folded) || is_entity_only(doc, start, end)).then_some(Speaker {
        who: Who::Unnamed,
        phrase,
    })
}

/// Where the countries and organizations that open `[start, end)` end (美国国务院发言人:
/// after 美国 and 国务院); `start` when none opens it.
fn after_bodies(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    let mut at = start;
    for h in doc.hits_in(start, end) {
        if h.start != at || !matches!(h.entity, EntityHit::Country(_) | EntityHit::Organization(_))
        {
            break;
        }
        at = h.end;
    }
    // 法参议员, 美防长: a one-character country form right before a title.
    let title_follows = doc
        .titles_in(at + 1, end)
        .first()
        .is_some_and(|(s, _)| *s == at + 1);
    if at == start && at < end && is_country_form(doc.folded[at]) && title_follows {
        at += 1;
    }
    at
}

/// A clause that is only countries and organizations (菲律宾, 欧盟): a government or body
/// speaking, kept as written.
fn is_entity_only(doc: &Doc<'_>, start: usize, end: usize) -> bool {
    end > start && after_bodies(doc, start, end) == end
}

/// A clause that opens with a bare title, after a country or organization, and goes on
/// with what the person did (首相予以否定, 法国总统谈到): the title, which stands for
/// someone named elsewhere.
fn title_opening(doc: &Doc<'_>, start: usize, end: usize) -> Option<(String, usize)> {
    let at = after_bodies(doc, start, end);
    let (t_start, t_end) = doc.titles_in(at, end).into_iter().next()?;
    (t_start == at && t_end < end).then(|| (to_simplified(&doc.text(t_start, t_end)), t_end))
}

/// A phrase that is only a title, or a demonstrative and a title or referring noun:
/// 首相, 美国总统, 该官员, 这位发言人. Returns the title.
fn referring_title(doc: &Doc<'_>, start: usize, end: usize) -> Option<String> {
    let mut end = end;
    while end > start && doc.folded[end - 1].is_whitespace() {
        end -= 1;
    }
    let folded = string_of(&doc.folded[start..end]);
    if let Some(rest) = DEMONSTRATIVES
        .iter()
        .find_map(|d| folded.strip_prefix(d))
        .filter(|rest| !rest.is_empty())
    {
        let is_title = doc
            .titles_in(end - rest.chars().count(), end)
            .first()
            .is_some_and(|(s, e)| *s == end - rest.chars().count() && *e == end);
        return (is_title || REFERRING_NOUNS.contains(&rest)).then(|| rest.to_owned());
    }
    let (t_start, t_end) = doc
        .titles_in(start, end)
        .into_iter()
        .rfind(|(_, e)| *e == end)?;
    // Only countries or organizations may stand before the title (美国总统, 该国总统 aside).
    (after_bodies(doc, start, t_start) == t_start).then(|| to_simplified(&doc.text(t_start, t_end)))
}

/// Adverbs between a subject and its verb (李则称, 王也说, 张还表示): not part of the name.
const ADVERBS: &str = "则也还又亦并便就更再才";

/// Where a topic phrase starts inside the clause (官员就总统访问一事表示: 就 … 一事 is
/// what was spoken about, and the people in it did not speak); `end` when none does.
fn before_topic(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    (start + 1..end)
        .find(|&i| word_at(doc, i, TOPIC_PREPOSITIONS).is_some())
        .unwrap_or(end)
}

/// Where the cited source starts when the clause is an outlet citing one (路透社引述3名知情
///人士称: the speaker is who was cited); `start` otherwise.
fn after_citing(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    (start + 1..end)
        .rev()
        .find_map(|i| word_at(doc, i, CITING_WORDS).map(|w| i + w.chars().count()))
        .filter(|&after| after < end)
        .unwrap_or(start)
}

/// The word of `words` the folded text at `at` starts with.
fn word_at<'w>(doc: &Doc<'_>, at: usize, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .copied()
        .find(|w| starts_with_str(&doc.folded[at..], w))
}

/// Where the subject ends once adverbs before the verb are dropped.
fn trim_adverbs(doc: &Doc<'_>, start: usize, mut end: usize) -> usize {
    while end > start + 1 && ADVERBS.contains(doc.folded[end - 1]) {
        end -= 1;
    }
    end
}

/// Skips words that open a clause without being its subject, and a bracketed aside
/// before it ((吉隆坡1日讯)教授X说: the dateline is not part of the speaker).
fn skip_leading(doc: &Doc<'_>, mut start: usize, end: usize) -> usize {
    loop {
        let rest = string_of(&doc.folded[start..end]);
        if let Some(close) = rest
            .starts_with(['(', '【', '['])
            .then(|| rest.find([')', '】', ']']))
            .flatten()
        {
            start += rest[..close].chars().count() + 1;
            continue;
        }
        match LEADING_WORDS.iter().find(|w| rest.starts_with(*w)) {
            Some(w) => start += w.chars().count(),
            None => return start,
        }
    }
}

/// Cuts the clause at 与/和/同 when a person stands before it.
fn first_conjunct(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    let first_person = doc
        .hits_in(start, end)
        .find(|h| matches!(h.entity, EntityHit::Person(_)));
    let Some(person) = first_person else {
        return end;
    };
    (person.end..end)
        .find(|&i| matches!(doc.folded[i], '与' | '和' | '同'))
        .unwrap_or(end)
}

/// Where the phrase begins: at its country or organization, else at its title, else at
/// the name (words before them, such as a photo credit, are not part of it).
fn phrase_begin(doc: &Doc<'_>, start: usize, name: usize) -> usize {
    let entity = doc
        .hits_in(start, name)
        .find(|h| matches!(h.entity, EntityHit::Country(_) | EntityHit::Organization(_)))
        .map(|h| h.start);
    let title = doc
        .titles_in(start, name)
        .first()
        .map(|(s, _)| title_start(doc, start, *s));
    entity.or(title).unwrap_or(name).min(name)
}

/// How far the phrase reaches: to the end of its last title or name.
fn phrase_extent(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    doc.titles_in(start, end).last().map_or(start, |(_, e)| *e)
}
