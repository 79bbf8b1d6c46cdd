//! What articles say about agreements: status changes with their dates (区域全面经济伙伴
//! 关系协定…2020年11月15日…正式签署 → signed on 2020-11-15) and parties (中国与韩国之间的
//! “快捷通道”于2020年5月1日率先实施,随后又与德国、新加坡…陆续开通 → CN and KR from
//! 2020-05-01, then DE, SG …). Read sentence by sentence: a sentence naming an agreement
//! says what happened to it; each clause with a status word gives the status, its date and
//! the countries it names.

use super::doc::{Doc, is_clause_end, is_sentence_end};
use super::mentions::AgreementRef;
use crate::gazetteer::EntityHit;
use crate::ingest::parse_date_at;
use crate::model::AgreementStatus;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// Words that mark a status, most specific first (完成签署 is signed, 完成谈判 concluded).
const STATUS_WORDS: &[(&str, AgreementStatus)] = &[
    ("完成签署", AgreementStatus::Signed),
    ("正式签署", AgreementStatus::Signed),
    ("签署", AgreementStatus::Signed),
    ("完成谈判", AgreementStatus::Concluded),
    ("谈判完成", AgreementStatus::Concluded),
    ("结束谈判", AgreementStatus::Concluded),
    ("谈判结束", AgreementStatus::Concluded),
    ("正式生效", AgreementStatus::InForce),
    ("生效", AgreementStatus::InForce),
    ("实施", AgreementStatus::InForce),
    ("开通", AgreementStatus::InForce),
    ("启用", AgreementStatus::InForce),
    ("启动谈判", AgreementStatus::Negotiating),
    ("展开谈判", AgreementStatus::Negotiating),
    ("开始谈判", AgreementStatus::Negotiating),
    ("正在谈判", AgreementStatus::Negotiating),
    ("建成", AgreementStatus::Proposed),
    ("倡议", AgreementStatus::Proposed),
];

/// Words that mark a status only when they stand before the name of the agreement
/// (完成中欧投资协定谈判: 完成 …协定 谈判).
const CONCLUDED_AROUND: (&str, &str) = ("完成", "谈判");

/// A fact an article states about an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementFact {
    /// The agreement.
    pub agreement: AgreementRef,
    /// The status it reached, when the sentence says.
    pub status: Option<AgreementStatus>,
    /// The day, when the clause gives one.
    pub on: Option<NaiveDate>,
    /// Countries that became parties (ISO codes), with the day when given.
    pub parties: Vec<(String, Option<NaiveDate>)>,
}

/// The facts about agreements in the body. `year` completes dates written without one.
pub fn agreement_facts(doc: &Doc<'_>, year: Option<i32>) -> Vec<AgreementFact> {
    let mut facts = Vec::new();
    let mut start = 0;
    for end in (0..=doc.orig.len()).filter(|&i| i == doc.orig.len() || is_sentence_end(doc.orig[i]))
    {
        if let Some(agreement) = agreement_in(doc, start, end) {
            facts.extend(facts_of_sentence(doc, agreement, start, end, year));
        }
        start = end + 1;
    }
    facts
}

/// The first known agreement named in `[start, end)`.
fn agreement_in(doc: &Doc<'_>, start: usize, end: usize) -> Option<AgreementRef> {
    doc.hits_in(start, end).find_map(|h| match h.entity {
        EntityHit::Agreement(i) => Some(AgreementRef::Known(i)),
        _ => None,
    })
}

fn facts_of_sentence(
    doc: &Doc<'_>,
    agreement: AgreementRef,
    start: usize,
    end: usize,
    year: Option<i32>,
) -> Vec<AgreementFact> {
    let sentence_date = year.and_then(|y| first_date(doc, start, end, y));
    let mut out: Vec<AgreementFact> = Vec::new();
    let mut clause = start;
    for i in start..=end {
        if i < end && !(is_clause_end(doc.orig[i]) && doc.orig[i] != '、') {
            continue;
        }
        if let Some(status) = status_of(&without_agreement_names(doc, clause, i)) {
            let on = year.and_then(|y| first_date(doc, clause, i, y));
            let parties = countries_in(doc, clause, i)
                .into_iter()
                .map(|c| (c, on))
                .collect();
            out.push(AgreementFact {
                agreement: agreement.clone(),
                status: Some(status),
                on: on.or(sentence_date.filter(|_| out.is_empty())),
                parties,
            });
        }
        clause = i + 1;
    }
    // A later clause that only extends the arrangement (随后又与…开通) adds parties, not a
    // second status.
    if out.len() > 1 {
        let first_status = out[0].status;
        for fact in out.iter_mut().skip(1).filter(|f| f.status == first_status) {
            fact.status = None;
        }
    }
    out
}

/// The folded clause with agreement names blanked out: 新冠肺炎疫苗实施计划 says nothing
/// about being in force.
fn without_agreement_names(doc: &Doc<'_>, start: usize, end: usize) -> String {
    let mut chars: Vec<char> = doc.folded[start..end].to_vec();
    for h in doc
        .hits_in(start, end)
        .filter(|h| matches!(h.entity, EntityHit::Agreement(_)))
    {
        for c in &mut chars[h.start - start..h.end - start] {
            *c = '□';
        }
    }
    chars.into_iter().collect()
}

fn status_of(folded: &str) -> Option<AgreementStatus> {
    let (before, after) = CONCLUDED_AROUND;
    if let Some(at) = folded.find(before)
        && folded[at..].contains(after)
    {
        return Some(AgreementStatus::Concluded);
    }
    STATUS_WORDS
        .iter()
        .find(|(word, _)| folded.contains(word))
        .map(|(_, status)| *status)
}

fn countries_in(doc: &Doc<'_>, start: usize, end: usize) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for h in doc.hits_in(start, end) {
        if let EntityHit::Country(i) = h.entity {
            let code = doc.gazetteer.countries[i].code.clone();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    codes
}

fn first_date(doc: &Doc<'_>, start: usize, end: usize, year: i32) -> Option<NaiveDate> {
    static DATE: OnceLock<Regex> = OnceLock::new();
    let re = DATE.get_or_init(|| {
        Regex::new(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
            .unwrap_or_else(|e| unreachable!("static pattern: {e}"))
    });
    re.find(&doc.folded_text(start, end))
        .and_then(|m| parse_date_at(m.as_str(), year))
}
