//! Finding the person a speaker phrase names: a well-known person from the gazetteer, a
//! name before or after a title (外交部长王毅, 高市早苗首相), or a name standing alone (施泰因迈尔
//! 在发言中), with the country and title the phrase gives them.

use super::doc::Doc;
use super::names::{
    chinese_name_len, looks_like_name, name_end, plausible_after_title, starts_with_marker,
};
use super::speaker::Named;
use crate::countries::sovereign_of;
use crate::fold::to_simplified;
use crate::gazetteer::EntityHit;

/// Words after a person's name that make the phrase their government or camp.
const GOVERNMENT_OF: &[&str] = &["政府", "行政当局", "当局", "团队", "阵营", "内阁"];

/// People a clause names with a title, before or after the name, anywhere in `doc`.
pub fn titled_people_in_clauses(doc: &Doc<'_>) -> Vec<Named> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=doc.orig.len() {
        let boundary = i == doc.orig.len()
            || super::doc::is_clause_end(doc.orig[i])
            || matches!(doc.orig[i], '“' | '”' | '「' | '」' | '『' | '』');
        if boundary {
            if i > start {
                out.extend(titled_person(doc, start, i));
            }
            start = i + 1;
        }
    }
    out
}

/// The first well-known person in the clause, with a title beside them.
pub(super) fn known_person(doc: &Doc<'_>, start: usize, end: usize) -> Option<Named> {
    let hit = doc
        .hits_in(start, end)
        .find(|h| matches!(h.entity, EntityHit::Person(_)))?;
    let EntityHit::Person(i) = hit.entity else {
        return None;
    };
    // 拜登政府, 拜登行政当局: the person's government speaks, not the person.
    let after = doc.folded_text(hit.end, (hit.end + 4).min(end));
    if GOVERNMENT_OF.iter().any(|g| after.starts_with(g)) {
        return None;
    }
    let entry = &doc.gazetteer.people[i];
    let title_after = doc
        .titles_in(hit.end, end)
        .into_iter()
        .find(|(s, _)| *s == hit.end);
    let title_before = doc
        .titles_in(start, hit.start)
        .into_iter()
        .rfind(|(_, e)| *e == hit.start);
    let title = title_after
        .or(title_before.map(|(s, e)| (title_start(doc, start, s), e)))
        .map(|(s, e)| to_simplified(&doc.text(s, e)))
        .or_else(|| entry.title.clone());
    Some(Named {
        name: entry.name.clone(),
        title,
        country: country_before(doc, start, hit.start).or_else(|| entry.country.clone()),
        name_en: entry.name_en.clone(),
        start: hit.start,
    })
}

/// [country] title name: the last title followed by something name-like.
pub(super) fn titled_person(doc: &Doc<'_>, start: usize, end: usize) -> Option<Named> {
    let titles = doc.titles_in(start, end);
    for &(t_start, t_end) in titles.iter().rev() {
        let after = &doc.folded[t_end..end];
        let n = chinese_name_len(&after[..name_end(after)]);
        // 总统谈到…: a reporting verb right after the title begins no name.
        let verb_follows = doc
            .verbs_in(t_end, end)
            .first()
            .is_some_and(|(s, _)| *s == t_end);
        if n > 0
            && !verb_follows
            && plausible_after_title(&after[..n])
            && name_after_title(
                &after[..n],
                t_end + n == end || starts_with_marker(&after[n..]),
            )
        {
            let from = title_start(doc, start, t_start);
            return Some(Named {
                name: to_simplified(&doc.text(t_end, t_end + n)),
                title: Some(to_simplified(&doc.text(from, t_end))),
                country: country_before(doc, start, t_start),
                name_en: None,
                start: t_end,
            });
        }
        // name title: 张明部长
        let before = &doc.folded[start..t_start];
        if let Some(len) = (2..=4).rev().find(|&len| {
            before.len() >= len
                && name_before_title(&before[before.len() - len..])
                && starts_a_phrase(doc, start, t_start - len)
                && doc.hits_in(t_start - len, t_start).next().is_none()
        }) {
            let name_start = t_start - len;
            return Some(Named {
                name: to_simplified(&doc.text(name_start, t_start)),
                title: Some(to_simplified(&doc.text(t_start, t_end))),
                country: country_before(doc, start, name_start),
                name_en: None,
                start: name_start,
            });
        }
    }
    None
}

/// Words after a title that begin a predicate, not a name (首相向中方呼吁).
const PREPOSITIONS: &str = "向对就与同跟和给为被把将从在于以";

/// Whether `name` (folded, after a title) is a name: it looks like one, or it is short or
/// a transliteration and ends where the reporting starts (`ends_clearly`: at the verb or at
/// a word such as 在, 今天, 表示).
fn name_after_title(name: &[char], ends_clearly: bool) -> bool {
    if PREPOSITIONS.contains(name[0]) {
        return false;
    }
    let surname_first = super::names::SURNAMES.contains(name[0]);
    looks_like_name(name)
        || name.iter().any(|c| super::names::is_name_separator(*c))
        || name.len() == 4 && surname_first
        || ends_clearly && (name.len() <= 3 || super::names::mostly_sound(name))
}

/// Whether `name` (folded, before a title) is a name: a Chinese or transliterated name, or
/// four characters opening with a surname (高市早苗首相, 欧阳玉靖大使).
fn name_before_title(name: &[char]) -> bool {
    looks_like_name(name)
        || name.len() == 4
            && super::names::SURNAMES.contains(name[0])
            && plausible_after_title(name)
}

/// Whether a name at `at` begins the phrase: at the clause start, right after a country
/// or organization, or after something that is not an ideograph (清华大学教授: 华大学 is not
/// a name, it is inside a word).
fn starts_a_phrase(doc: &Doc<'_>, start: usize, at: usize) -> bool {
    at == start
        || !super::names::is_han(doc.folded[at - 1])
        || doc.hits_in(start, at).any(|h| {
            h.end == at && matches!(h.entity, EntityHit::Country(_) | EntityHit::Organization(_))
        })
}

/// A name standing alone at the start of the clause (施泰因迈尔在发言中).
pub(super) fn bare_name(doc: &Doc<'_>, start: usize, end: usize) -> Option<Named> {
    let chars = &doc.folded[start..end];
    if chars.first().is_none_or(|c| PREPOSITIONS.contains(*c)) {
        // 向世界交出…: a preposition, not the surname 向.
        return None;
    }
    let n = chinese_name_len(&chars[..name_end(chars)]);
    // 李稱: a surname alone stands for the person named in full before (resolved later).
    let surname_alone = end - start == 1 && super::names::SURNAMES.contains(chars[0]);
    // 高市早苗在…: four characters opening with a surname, ended by where or when they spoke.
    let four = n == 4
        && super::names::SURNAMES.contains(chars[0])
        && plausible_after_title(&chars[..4])
        && starts_with_marker(&chars[4..]);
    (n > 0 && looks_like_name(&chars[..n]) || surname_alone || four).then(|| Named {
        name: to_simplified(&doc.text(start, start + n)),
        title: None,
        country: None,
        name_en: None,
        start,
    })
}

/// Where a title run starts: after the last country or organization before it that is not
/// a posting (中国驻新加坡大使: the title is 驻新加坡大使).
pub(super) fn title_start(doc: &Doc<'_>, start: usize, title: usize) -> usize {
    doc.hits_in(start, title)
        .filter(|h| matches!(h.entity, EntityHit::Country(_) | EntityHit::Organization(_)))
        .filter(|h| h.start == 0 || doc.folded[h.start - 1] != '驻')
        .map(|h| h.end)
        .last()
        .unwrap_or_else(|| {
            // No country: the title run is the word before the title's own characters.
            (start..title)
                .rev()
                .find(|&i| !super::names::is_han(doc.folded[i]))
                .map_or(start, |i| i + 1)
        })
}

/// The country a phrase opens with (中国驻新加坡大使 is Chinese: 驻 marks the posting).
fn country_before(doc: &Doc<'_>, start: usize, end: usize) -> Option<String> {
    doc.hits_in(start, end)
        .filter(|h| h.start == 0 || doc.folded[h.start - 1] != '驻')
        .find_map(|h| match h.entity {
            EntityHit::Country(i) => {
                let code = &doc.gazetteer.countries[i].code;
                Some(sovereign_of(code).map_or_else(|| code.clone(), str::to_owned))
            }
            _ => None,
        })
}
