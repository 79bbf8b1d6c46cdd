//! Mentions: the countries, organizations, agreements and people a body names, each with
//! how often and where first.

use super::doc::Doc;
use super::speaker::Named;
use crate::countries::sovereign_of;
use crate::fold::to_simplified;
use crate::gazetteer::{EntityHit, country_compounds};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// One mentioned entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentioned<K> {
    /// Which entity.
    pub key: K,
    /// How many times.
    pub count: u32,
    /// First character offset.
    pub first: usize,
}

/// An agreement: a known one (index into the gazetteer) or one named in 《…协定》.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AgreementRef {
    /// From the gazetteer.
    Known(usize),
    /// Named in the text.
    New(String),
}

/// Everything a body mentions.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// Country codes.
    pub countries: Vec<Mentioned<String>>,
    /// Organizations (gazetteer indexes).
    pub organizations: Vec<Mentioned<usize>>,
    /// Agreements.
    pub agreements: Vec<Mentioned<AgreementRef>>,
    /// People with what the text says of them, keyed by simplified name.
    pub people: Vec<(Named, u32)>,
}

impl Mentions {
    /// What the article part names, the text before `end` (where a list of related articles
    /// starts: its headlines are other articles' news).
    pub fn in_article(&self, end: usize) -> Mentions {
        fn before<K: Clone>(list: &[Mentioned<K>], end: usize) -> Vec<Mentioned<K>> {
            list.iter().filter(|m| m.first < end).cloned().collect()
        }
        Mentions {
            countries: before(&self.countries, end),
            organizations: before(&self.organizations, end),
            agreements: before(&self.agreements, end),
            people: self
                .people
                .iter()
                .filter(|(p, _)| p.start < end)
                .cloned()
                .collect(),
        }
    }
}

/// Counts keys in order of first occurrence.
struct Tally<K> {
    order: Vec<K>,
    seen: HashMap<K, (u32, usize)>,
}

impl<K: Clone + Eq + std::hash::Hash> Tally<K> {
    fn new() -> Self {
        Self {
            order: Vec::new(),
            seen: HashMap::new(),
        }
    }

    fn add(&mut self, key: K, at: usize) {
        let entry = self.seen.entry(key.clone()).or_insert_with(|| {
            self.order.push(key);
            (0, at)
        });
        entry.0 += 1;
        entry.1 = entry.1.min(at);
    }

    fn finish(self) -> Vec<Mentioned<K>> {
        let mut out: Vec<Mentioned<K>> = self
            .order
            .into_iter()
            .map(|key| {
                let (count, first) = self.seen[&key];
                Mentioned { key, count, first }
            })
            .collect();
        out.sort_by_key(|m| m.first);
        out
    }
}

/// Collects the mentions of `doc`, its related list included (what those headlines name is
/// linked too); `speakers` are the people statements name.
pub fn mentions(doc: &Doc<'_>, speakers: &[Named], titled: &[Named]) -> Mentions {
    let g = doc.gazetteer;
    let mut countries = Tally::new();
    let mut organizations = Tally::new();
    let mut agreements = Tally::new();
    let mut people: Vec<(Named, u32)> = Vec::new();
    for hit in &doc.hits {
        match hit.entity {
            EntityHit::Country(i) => {
                let code = &g.countries[i].code;
                if sovereign_of(code).is_none() {
                    countries.add(code.clone(), hit.start);
                }
            }
            EntityHit::Organization(i) => organizations.add(i, hit.start),
            EntityHit::Agreement(i) => agreements.add(AgreementRef::Known(i), hit.start),
            EntityHit::Person(i) => {
                let p = &g.people[i];
                add_person(
                    &mut people,
                    Named {
                        name: p.name.clone(),
                        title: p.title.clone(),
                        country: p.country.clone(),
                        name_en: p.name_en.clone(),
                        start: hit.start,
                    },
                );
            }
            EntityHit::Blocked => {}
        }
    }
    let named: HashSet<String> = countries.order.iter().cloned().collect();
    for (code, start, _) in country_compounds(&doc.folded, &named) {
        if !inside_country_name(doc, start) {
            countries.add(code, start);
        }
    }
    for (name, start) in bracketed_agreements(doc) {
        agreements.add(AgreementRef::New(name), start);
    }
    for person in speakers.iter().cloned().chain(titled.iter().cloned()) {
        add_person(&mut people, person);
    }
    people.sort_by_key(|(p, _)| p.start);
    Mentions {
        countries: countries.finish(),
        organizations: organizations.finish(),
        agreements: agreements.finish(),
        people,
    }
}

/// Adds a person, merging with an earlier mention of the same name (keeping the fullest
/// details and the earliest position).
fn add_person(people: &mut Vec<(Named, u32)>, person: Named) {
    match people.iter_mut().find(|(p, _)| p.name == person.name) {
        Some((known, count)) => {
            *count += 1;
            known.title = known.title.take().or(person.title);
            known.country = known.country.take().or(person.country);
            known.name_en = known.name_en.take().or(person.name_en);
            known.start = known.start.min(person.start);
        }
        None => people.push((person, 1)),
    }
}

/// Agreements named in book-title marks: 《巴黎协定》, 《中美第一阶段经贸协议》.
/// Whether character `at` lies inside a country named in full (古巴 holds 古 and 巴, which
/// are one-character forms too).
fn inside_country_name(doc: &Doc<'_>, at: usize) -> bool {
    doc.hits
        .iter()
        .any(|h| matches!(h.entity, EntityHit::Country(_)) && h.start <= at && at < h.end)
}

fn bracketed_agreements(doc: &Doc<'_>) -> Vec<(String, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"《([^》]{2,40}?(?:协定|协议|条约|公约|宪章|议定书|备忘录))》")
            .unwrap_or_else(|e| unreachable!("static pattern: {e}"))
    });
    let folded = super::doc::string_of(&doc.folded);
    re.captures_iter(&folded)
        .filter_map(|c| {
            let m = c.get(1)?;
            let start = folded[..m.start()].chars().count();
            let end = start + m.as_str().chars().count();
            Some((to_simplified(&doc.text(start, end)), start))
        })
        .filter(|(name, _)| doc.gazetteer.agreements.iter().all(|a| a.name != *name))
        .collect()
}
