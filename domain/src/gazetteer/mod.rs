//! The gazetteer: what quotegraph recognises by name. Countries (every ISO 3166-1 country,
//! CLDR names in both scripts and English, plus regional forms), organizations,
//! agreements, well-known people, titles and reporting verbs. Everything is matched on
//! folded text, so either script, any width and any case match.
//!
//! It is data: `domain/data/*` and the ISO catalogue, compiled in and built once. Admins
//! extend it with people (`Gazetteer::with_people`).

pub mod data;
mod short_forms;

pub use data::{AgreementEntry, OrganizationEntry, PersonEntry};
pub use short_forms::{country_compounds, is_country_form};

use crate::countries::{CountryName, country_catalog};
use crate::fold::{fold, fold_name};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a gazetteer pattern names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityHit {
    /// A country, by index into `countries`.
    Country(usize),
    /// An organization, by index into `organizations`.
    Organization(usize),
    /// An agreement, by index into `agreements`.
    Agreement(usize),
    /// A person, by index into `people`.
    Person(usize),
    /// A longer word that contains a name but is not one (印度洋 is not 印度).
    Blocked,
}

/// One match in folded text, in character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// What was matched.
    pub entity: EntityHit,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// Words that contain a country's name without naming it. Matching is longest-first, so
/// each of these hides the shorter name inside it.
const BLOCKERS: &[&str] = &[
    "印度洋",
    "增加纳",
    "追加纳",
    "参加纳",
    "马里奥",
    "阿曼达",
    "古巴比伦",
    "多哥伦",
    "巴西部",
    "汤加入",
    "加纳入",
    "加纳税",
    "苏丹娜",
    // Cities whose names contain a country's.
    "努尔苏丹",
    // 中非 is China and Africa (中非合作论坛), not the Central African Republic.
    "中非",
    // Regions named after a country, or made of one-character country forms: not countries.
    "内蒙古",
    "朝鲜半岛",
    "加沙",
    // Outlets and institutions whose names hold a country's: naming them names no country.
    "德国之声",
    "美国之音",
    "哥伦比亚广播",
    "哥伦比亚大学",
];

/// Words that hold a reporting verb without reporting anything: 马中堪称“伙伴” is "can be
/// called", 简称 and 号称 name something. (并称 and 又称 are kept: "and said", "also said".)
const NOT_REPORTING: &[&str] = &[
    "堪称",
    "号称",
    "俗称",
    "简称",
    "统称",
    "别称",
    "昵称",
    "名称",
    "职称",
    "称号",
    "称为",
    "称作",
    "称之为",
];

/// The recognisers, built once.
pub struct Gazetteer {
    /// Every country with its names.
    pub countries: Vec<CountryName>,
    /// Known organizations.
    pub organizations: Vec<OrganizationEntry>,
    /// Known agreements.
    pub agreements: Vec<AgreementEntry>,
    /// Known people.
    pub people: Vec<PersonEntry>,
    entities: AhoCorasick,
    entity_hits: Vec<EntityHit>,
    people_by_name: HashMap<String, usize>,
    titles: AhoCorasick,
    verbs: AhoCorasick,
    /// How many of the verb automaton's patterns are verbs; the rest are [`NOT_REPORTING`].
    verb_count: usize,
    country_index: HashMap<String, usize>,
}

impl Gazetteer {
    /// The built-in gazetteer, built on first use.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| Gazetteer::with_people(Vec::new()))
    }

    /// The built-in data plus `extra` people (admin-added names and aliases).
    pub fn with_people(extra: Vec<PersonEntry>) -> Gazetteer {
        let countries = country_catalog();
        let organizations = data::organizations();
        let agreements = data::agreements();
        let mut people = data::people();
        people.extend(extra);
        let mut patterns: Vec<String> = Vec::new();
        let mut hits: Vec<EntityHit> = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::new();
        let mut add = |name: &str, hit: EntityHit| {
            let key = fold(name.trim());
            if key.chars().count() >= 2 && seen.insert(key.clone(), ()).is_none() {
                patterns.push(key);
                hits.push(hit);
            }
        };
        for blocker in BLOCKERS {
            add(blocker, EntityHit::Blocked);
        }
        for (i, p) in people.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.aliases).chain(&p.name_en) {
                add(name, EntityHit::Person(i));
            }
        }
        for (i, o) in organizations.iter().enumerate() {
            for name in [&o.name, &o.abbreviation, &o.name_en]
                .into_iter()
                .chain(&o.aliases)
            {
                add(name, EntityHit::Organization(i));
            }
        }
        for (i, a) in agreements.iter().enumerate() {
            for name in std::iter::once(&a.name)
                .chain(&a.abbreviation)
                .chain(std::iter::once(&a.name_en))
                .chain(&a.aliases)
            {
                add(name, EntityHit::Agreement(i));
            }
        }
        let mut country_index = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            for name in [&c.name_hans, &c.name_hant, &c.name_en]
                .into_iter()
                .chain(&c.aliases)
            {
                add(name, EntityHit::Country(i));
                country_index.entry(fold_name(name)).or_insert(i);
            }
            // 蒙古国, 日本国: short names are often written with 国 after them.
            for name in [&c.name_hans, &c.name_hant] {
                let n = name.chars().count();
                if (2..=3).contains(&n) && !name.ends_with(['国', '國']) {
                    add(&format!("{name}国"), EntityHit::Country(i));
                }
            }
        }
        let people_by_name = people
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .map(move |n| (fold_name(n), i))
            })
            .collect();
        let verbs = data::verbs();
        Gazetteer {
            entities: automaton(&patterns),
            entity_hits: hits,
            titles: automaton(&data::titles().iter().map(|t| fold(t)).collect::<Vec<_>>()),
            verbs: automaton(
                &verbs
                    .iter()
                    .chain(NOT_REPORTING)
                    .map(|v| fold(v))
                    .collect::<Vec<_>>(),
            ),
            verb_count: verbs.len(),
            countries,
            organizations,
            agreements,
            people,
            people_by_name,
            country_index,
        }
    }

    /// Every gazetteer name in `folded` (leftmost-longest, not overlapping; blockers
    /// removed; Latin names only on word boundaries).
    pub fn entities(&self, folded: &FoldedText) -> Vec<Hit> {
        self.entities
            .find_iter(&folded.folded)
            .filter_map(|m| {
                let (start, end) = folded.char_range(m.start(), m.end());
                let entity = self.entity_hits[m.pattern().as_usize()];
                (entity != EntityHit::Blocked && folded.on_word_boundary(start, end))
                    .then_some(Hit { entity, start, end })
            })
            .collect()
    }

    /// Every title in `folded`, as character ranges (longest first at each place).
    pub fn titles_in(&self, folded: &FoldedText) -> Vec<(usize, usize)> {
        char_ranges(&self.titles, folded)
    }

    /// Every reporting verb in `folded`, as character ranges.
    pub fn verbs_in(&self, folded: &FoldedText) -> Vec<(usize, usize)> {
        // Words that hold a verb (堪称 holds 称) match as themselves, longest first, and drop.
        self.verbs
            .find_iter(&folded.folded)
            .filter(|m| m.pattern().as_usize() < self.verb_count)
            .map(|m| folded.char_range(m.start(), m.end()))
            .collect()
    }

    /// The known person with this name or alias.
    pub fn person(&self, name: &str) -> Option<&PersonEntry> {
        self.people_by_name
            .get(&fold_name(name))
            .map(|i| &self.people[*i])
    }

    /// The country with this name or alias.
    pub fn country(&self, name: &str) -> Option<&CountryName> {
        self.country_index
            .get(&fold_name(name))
            .map(|i| &self.countries[*i])
    }

    /// The known organization with this name, abbreviation or alias, in any script.
    pub fn organization(&self, name: &str) -> Option<&OrganizationEntry> {
        let key = fold_name(name);
        self.organizations.iter().find(|o| {
            [&o.name, &o.abbreviation, &o.name_en]
                .into_iter()
                .chain(&o.aliases)
                .any(|n| fold_name(n) == key)
        })
    }

    /// The index of the country with this code.
    pub fn country_by_code(&self, code: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.code == code)
    }
}

fn automaton(patterns: &[String]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .unwrap_or_else(|e| unreachable!("gazetteer patterns are plain strings: {e}"))
}

fn char_ranges(automaton: &AhoCorasick, text: &FoldedText) -> Vec<(usize, usize)> {
    automaton
        .find_iter(&text.folded)
        .map(|m| text.char_range(m.start(), m.end()))
        .collect()
}

/// A text folded for matching, with the mapping from folded byte offsets to character
/// offsets (which are the same in the original, folding being one char for one char).
#[derive(Debug, Clone)]
pub struct FoldedText {
    /// The folded text.
    pub folded: String,
    /// Its characters.
    pub chars: Vec<char>,
    char_at_byte: Vec<usize>,
}

impl FoldedText {
    /// Folds `text`.
    pub fn new(text: &str) -> Self {
        Self::from_folded(fold(text))
    }

    fn from_folded(folded: String) -> Self {
        let mut char_at_byte = vec![0; folded.len() + 1];
        let mut count = 0;
        for (byte, c) in folded.char_indices() {
            for slot in &mut char_at_byte[byte..byte + c.len_utf8()] {
                *slot = count;
            }
            count += 1;
        }
        char_at_byte[folded.len()] = count;
        Self {
            chars: folded.chars().collect(),
            folded,
            char_at_byte,
        }
    }

    /// Character range of a byte range.
    pub fn char_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.char_at_byte[start], self.char_at_byte[end])
    }

    /// A Latin name must not run on into letters or digits (UN is not in FUND).
    fn on_word_boundary(&self, start: usize, end: usize) -> bool {
        let alnum = |i: Option<usize>| {
            i.and_then(|i| self.chars.get(i))
                .is_some_and(|c| c.is_ascii_alphanumeric())
        };
        let first_latin = self
            .chars
            .get(start)
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let last_latin = end > 0
            && self
                .chars
                .get(end - 1)
                .is_some_and(|c| c.is_ascii_alphanumeric());
        let runs_on_before = first_latin && alnum(start.checked_sub(1));
        let runs_on_after = last_latin && alnum(Some(end));
        !(runs_on_before || runs_on_after)
    }
}

#[cfg(test)]
#[path = "gazetteer_tests.rs"]
mod tests;
