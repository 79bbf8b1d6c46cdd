//! Stage two of attribution: from the speaker mention a sieve found to the entity it
//! names. A pronoun (他, 她, 该官员) or a title standing alone (首相, 这位发言人) becomes the
//! person it refers back to; a short form (约翰逊, a bare surname) becomes the fuller name
//! written earlier; an unnamed speaker keeps its phrase and names nobody.

use super::Found;
use super::doc::Doc;
use super::names::{
    GENERATION_PREFIX_CHARS, bracketed_latin_names, dotted_name_spans, is_name_separator,
};
use super::speaker::{Named, Speaker, Who};
use crate::fold::fold_name;
use crate::fold::to_simplified;
use crate::gazetteer::EntityHit;

/// What a mention resolved to.
pub struct Resolved {
    /// The person, when one is named or referred to.
    pub person: Option<Named>,
    /// Whether it was reached through a pronoun or a title.
    pub by_reference: bool,
}

/// People the text names before a point, with where: gazetteer people, people named by a
/// title, and the speakers of earlier statements.
pub struct People {
    named: Vec<Named>,
    /// `named[i]` folded for comparison, computed once: short forms are looked up often.
    keys: Vec<NameKey>,
}

/// A name folded for comparison: whole, and the parts a transliteration's separators or
/// spaces divide it into.
struct NameKey {
    whole: String,
    parts: Vec<String>,
}

impl NameKey {
    fn of(name: &str) -> Self {
        let whole = fold_name(name);
        let mut parts: Vec<String> = name
            .split(|c: char| is_name_separator(c) || c.is_whitespace())
            .map(fold_name)
            .collect();
        // 小马科斯, 老布什: the name after a generation prefix is a short form too.
        if let Some(rest) = whole.strip_prefix(|c| GENERATION_PREFIX_CHARS.contains(c))
            && rest.chars().count() >= 2
        {
            parts.push(rest.to_owned());
        }
        Self { whole, parts }
    }
}

impl People {
    /// Everyone `doc` names; `titled` are the people its clauses name with a title.
    pub fn of(doc: &Doc<'_>, found: &[Found], titled: &[Named]) -> People {
        let mut named: Vec<Named> = doc
            .hits
            .iter()
            .filter_map(|h| match h.entity {
                EntityHit::Person(i) => {
                    let p = &doc.gazetteer.people[i];
                    Some(Named {
                        name: p.name.clone(),
                        title: p.title.clone(),
                        country: p.country.clone(),
                        name_en: p.name_en.clone(),
                        start: h.start,
                    })
                }
                _ => None,
            })
            .chain(titled.iter().cloned())
            .chain(dotted_names(doc))
            .chain(latin_bracketed_names(doc))
            .chain(found.iter().filter_map(|f| match &f.speaker {
                Some(Speaker {
                    who: Who::Named(n), ..
                }) => Some(n.clone()),
                _ => None,
            }))
            .collect();
        named.sort_by_key(|n| n.start);
        named.dedup_by(|a, b| a.start == b.start);
        let keys = named.iter().map(|n| NameKey::of(&n.name)).collect();
        People { named, keys }
    }

    fn before(&self, at: usize) -> impl DoubleEndedIterator<Item = &Named> {
        self.named.iter().filter(move |n| n.start < at)
    }

    /// The fullest form of a name anywhere in the body (for a headline's short name).
    pub fn fullest(&self, short: &Named) -> Named {
        self.fuller_form(short, usize::MAX)
            .unwrap_or_else(|| short.clone())
    }

    /// Everyone in the body whose title ends with `title`, in body order.
    pub fn all_titled(&self, title: &str) -> Vec<&Named> {
        let title = fold_name(title);
        self.named
            .iter()
            .filter(|n| holds_title(n, &title))
            .collect()
    }

    /// The fullest form of a short name written before `limit`: 约翰逊 after 鲍里斯·约翰逊,
    /// 李 after 李家超.
    fn fuller_form(&self, short: &Named, limit: usize) -> Option<Named> {
        let key = fold_name(&short.name);
        let candidates: Vec<(&Named, &NameKey)> = self
            .named
            .iter()
            .zip(&self.keys)
            .filter(|(n, full)| n.start < limit && is_short_form(&key, full))
            .collect();
        // Two people can share the short form (小马科斯 and his father 老马科斯): it stands
        // for the one named first, the article's subject, in the fullest form used for him.
        let &(first, first_key) = candidates.first()?;
        candidates
            .iter()
            .filter(|(n, k)| {
                n.name == first.name
                    || is_short_form(&first_key.whole, k)
                    || is_short_form(&k.whole, first_key)
            })
            .map(|(n, _)| *n)
            .rev()
            .max_by_key(|n| n.name.chars().count())
            .map(|n| Named {
                start: short.start,
                title: short.title.clone().or_else(|| n.title.clone()),
                country: short.country.clone().or_else(|| n.country.clone()),
                name_en: short.name_en.clone().or_else(|| n.name_en.clone()),
                name: n.name.clone(),
            })
    }

    /// Who a pronoun at `at` refers to: the first person named in its own sentence before
    /// it; else the last speaker, when they spoke in this paragraph or the one before;
    /// else the first person named in the last earlier sentence that names one.
    fn antecedent(
        &self,
        doc: &Doc<'_>,
        at: usize,
        last_speaker: Option<(&Named, usize)>,
    ) -> Option<Named> {
        let here = doc.sentence_start(at);
        if let Some(first) = self.before(at).find(|n| n.start >= here) {
            return Some(first.clone());
        }
        if let Some((speaker, _)) = last_speaker.filter(|(_, spoke)| recent(doc, *spoke, at)) {
            return Some(speaker.clone());
        }
        let last = self.before(at).next_back()?;
        let there = doc.sentence_start(last.start);
        self.before(at).find(|n| n.start >= there).cloned()
    }

    /// The first person named at or after `at`.
    fn first_after(&self, at: usize) -> Option<Named> {
        self.named.iter().find(|n| n.start >= at).cloned()
    }

    /// The last person before `at` whose title ends with `title` (首相 for 日本首相高市早苗),
    /// else the first one after it (a lead that names the title before the person).
    fn titled(&self, title: &str, at: usize) -> Option<Named> {
        let title = fold_name(title);
        let holds = |n: &&Named| holds_title(n, &title);
        self.before(at)
            .rev()
            .find(holds)
            .or_else(|| self.named.iter().filter(|n| n.start >= at).find(holds))
            .cloned()
    }
}

/// Whether `n`'s title ends with `title` (folded): 首相 for 日本首相.
fn holds_title(n: &Named, title: &str) -> bool {
    n.title.as_deref().is_some_and(|t| {
        let held = fold_name(t);
        // 总统 alone is whoever holds the office now, not a former holder (前总统).
        let asked_former = FORMER.iter().any(|f| title.starts_with(f));
        held.strip_suffix(title)
            .is_some_and(|before| asked_former || !FORMER.iter().any(|f| before.ends_with(f)))
    })
}

/// Words that make a title a former one (前总统, 原部长, 已故总统).
const FORMER: &[&str] = &["前", "原", "已故"];

/// Whether `key` (a folded name) is how news writes `full` after naming it once: a Chinese
/// name's surname alone (李 for 李家超), or one part of a transliterated name (约翰逊 for
/// 鲍里斯·约翰逊).
fn is_short_form(key: &str, full: &NameKey) -> bool {
    if key.is_empty() || full.whole.len() <= key.len() {
        return false;
    }
    let single = key.chars().count() == 1;
    single && full.whole.starts_with(key) || full.parts.iter().any(|p| p == key)
}

/// People named with their Latin name in brackets, wherever they stand.
fn latin_bracketed_names<'a>(doc: &'a Doc<'_>) -> impl Iterator<Item = Named> + 'a {
    bracketed_latin_names(&doc.folded)
        .into_iter()
        .map(|(start, end, (latin_start, latin_end))| Named {
            name: to_simplified(&doc.text(start, end)),
            title: title_after_bracket(doc, latin_end),
            country: None,
            name_en: Some(doc.text(latin_start, latin_end).trim().to_owned()),
            start,
        })
}

/// The title written right after a bracketed Latin name (小马科斯 (Ferdinand Marcos Jr.)
/// 总统), its closing bracket at `close`.
fn title_after_bracket(doc: &Doc<'_>, close: usize) -> Option<String> {
    let from = (close + 1..doc.folded.len()).find(|&i| doc.folded[i] != ' ')?;
    let (start, end) = doc
        .titles_in(from, (from + 12).min(doc.folded.len()))
        .into_iter()
        .next()?;
    (start == from).then(|| to_simplified(&doc.text(start, end)))
}

/// People named by a transliterated name with separators, wherever they stand.
fn dotted_names<'a>(doc: &'a Doc<'_>) -> impl Iterator<Item = Named> + 'a {
    dotted_name_spans(&doc.folded)
        .into_iter()
        .map(|(start, end)| Named {
            name: to_simplified(&doc.text(start, end)),
            title: None,
            country: None,
            name_en: None,
            start,
        })
}

/// Whether `then` lies in the paragraph of `now` or the one before it.
fn recent(doc: &Doc<'_>, then: usize, now: usize) -> bool {
    let paragraph = doc.paragraph_of(now).0;
    let previous = doc
        .paragraphs
        .iter()
        .rev()
        .find(|(_, end)| *end < paragraph)
        .map_or(paragraph, |(start, _)| *start);
    then >= previous && then <= now
}

/// Resolves the speaker mention of a statement starting at `at`; `last_speaker` is the
/// person the statement before it was resolved to, and where that statement stands.
pub fn resolve(
    doc: &Doc<'_>,
    people: &People,
    speaker: &Speaker,
    at: usize,
    last_speaker: Option<(&Named, usize)>,
) -> Resolved {
    match &speaker.who {
        Who::Named(n) => Resolved {
            person: Some(people.fuller_form(n, n.start).unwrap_or_else(|| n.clone())),
            by_reference: false,
        },
        Who::Pronoun(pronoun) => Resolved {
            // People named between the pronoun and its statement (他向习近平说,…) came
            // after it. Nobody named before it (首相…,他说…): the first person named after.
            person: people
                .antecedent(doc, (*pronoun).min(at), last_speaker)
                .or_else(|| people.first_after(at)),
            by_reference: true,
        },
        Who::Title(title) => {
            let person = people
                .titled(title, at)
                .or_else(|| people.antecedent(doc, at, last_speaker));
            Resolved {
                person,
                by_reference: true,
            }
        }
        Who::Unnamed | Who::Document => Resolved {
            person: None,
            by_reference: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::{speaker_of_quote, speaker_of_quote_at};

    #[test]
    fn a_pronoun_refers_to_the_last_speaker_before_other_people_named() {
        let text = "外长王毅表示:“合作是出路。”他还提到将与美国国务卿布林肯会面。\n当被问及下一步计划时,他仅表示:“请大家耐心等待。”";
        assert_eq!(speaker_of_quote_at(text, 1), Some("王毅".into()));
    }

    #[test]
    fn a_person_named_after_the_pronoun_is_not_its_antecedent() {
        let text = "外长王毅表示:“合作是出路。”\n他说,他当面向美国国务卿布林肯说双方应加强沟通。\n“我们期待看到行动。”";
        assert_eq!(speaker_of_quote_at(text, 1), Some("王毅".into()));
        let text = "外長王毅表示:「合作是出路。」\n他說,他當面向美國國務卿布林肯說雙方應加強溝通。\n「我們期待看到行動。」";
        assert_eq!(speaker_of_quote_at(text, 1), Some("王毅".into()));
    }

    #[test]
    fn a_pronoun_with_no_one_before_it_is_the_first_person_named_after() {
        let text = "首相今天访问东部,他亲口说:“这里很重要。”\n首相陈志远随后离开。";
        assert_eq!(speaker_of_quote(text), Some("陈志远".into()));
    }

    #[test]
    fn a_surname_alone_is_the_person_named_in_full_before() {
        let text = "行政長官李家超表示,經濟正在復甦。李則稱「我們會做好準備。」";
        assert_eq!(speaker_of_quote(text), Some("李家超".into()));
    }

    #[test]
    fn a_title_named_first_is_the_person_named_after_it() {
        let text = "法国总统谈到“改革的必要性”。\n法国总统马龙在演讲中表示,改革势在必行。";
        assert_eq!(speaker_of_quote(text), Some("马龙".into()));
    }

    #[test]
    fn short_forms_are_surnames_and_parts_of_transliterations() {
        let short_of = |short: &str, full: &str| {
            super::is_short_form(&super::fold_name(short), &super::NameKey::of(full))
        };
        assert!(short_of("李", "李家超"));
        assert!(short_of("约翰逊", "鲍里斯·约翰逊"));
        assert!(!short_of("邹悦", "邹悦发"));
        assert!(!short_of("李", "王李明"));
    }

    #[test]
    fn a_name_two_generations_share_is_the_one_named_first() {
        let text = "小罗斯福 (Franklin Roosevelt Jr.) 周六承诺继承父亲老罗斯福 (Franklin Roosevelt Sr.) 的遗志。\n「我的父亲为国家服务。」罗斯福说。";
        assert_eq!(speaker_of_quote(text), Some("小罗斯福".into()));
        let text = "老羅斯福(Franklin Roosevelt Sr.)當年承諾,兒子小羅斯福(Franklin Roosevelt Jr.)會繼續工作。\n「我會一直工作下去。」羅斯福說。";
        assert_eq!(speaker_of_quote(text), Some("老罗斯福".into()));
    }

    #[test]
    fn a_title_alone_is_the_person_who_holds_it() {
        let text = "高田洋子首相於週五舉行記者會。\n對此，首相予以否定，表示「沒有這樣的計劃。」";
        assert_eq!(speaker_of_quote(text), Some("高田洋子".into()));
    }

    #[test]
    fn a_title_alone_is_its_present_holder_not_a_former_one() {
        let text = "总统李明德出席了典礼,前总统高田洋子也在场。\n会上,总统表示「改革必须继续」。";
        assert_eq!(speaker_of_quote(text), Some("李明德".into()));
    }
}
