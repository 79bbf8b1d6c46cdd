//! One article scored: the extraction set against its gold file, as counts and as the
//! findings a developer reads (what was missed, what was extra, which speaker was wrong
//! and which rule decided).

use crate::gold::GoldArticle;
use crate::matching::{normalize, pair, same_speaker, same_text};
use crate::tally::Counts;
use quotegraph_domain::extract::{AgreementRef, ExtractedStatement, Extraction};
use quotegraph_domain::gazetteer::{EntityHit, FoldedText, Gazetteer};
use quotegraph_domain::{Section, StatementKind};
use serde::Serialize;
use std::collections::BTreeSet;

/// How much of a quotation's text an extracted one must share to be the same quotation.
const QUOTE_MATCH: f64 = 0.8;
/// The same for a reported clause, whose edges are less clear-cut.
const REPORTED_MATCH: f64 = 0.6;

/// Something a developer should look at.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum Finding {
    /// A speech quote the extraction did not find.
    MissedQuote {
        /// The quotation.
        text: String,
        /// Its speaker per the annotation.
        speaker: String,
    },
    /// A speech quote found with another speaker (or none).
    WrongSpeaker {
        /// The quotation.
        text: String,
        /// The annotated speaker.
        gold: String,
        /// The extracted speaker.
        got: Option<String>,
        /// The rule that decided.
        rule: String,
    },
    /// A quoted term extracted as a statement.
    TermAsSpeech {
        /// The term.
        text: String,
        /// The rule that made it a statement.
        rule: String,
    },
    /// A quotation extracted where the annotation has none.
    ExtraQuote {
        /// The extracted text.
        text: String,
        /// The rule that attributed it.
        rule: String,
    },
    /// Reported speech the extraction did not find.
    MissedReported {
        /// The reported clause.
        text: String,
        /// Its speaker per the annotation.
        speaker: String,
    },
    /// Reported speech found with another speaker.
    WrongReporter {
        /// The reported clause.
        text: String,
        /// The annotated speaker.
        gold: String,
        /// The extracted speaker.
        got: Option<String>,
        /// The rule that decided.
        rule: String,
    },
    /// A metadata field that differs.
    Field {
        /// Which field.
        field: String,
        /// The annotated value.
        gold: Option<String>,
        /// The extracted value.
        got: Option<String>,
    },
    /// An entity the annotation has and the extraction lacks, or the reverse.
    Entity {
        /// country, organization or agreement.
        kind: String,
        /// The entity.
        name: String,
        /// Missing from the extraction (else extra in it).
        missing: bool,
    },
}

/// One article's score.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleScore {
    /// The article's file stem (`NN`).
    pub id: String,
    /// Its script per the annotation.
    pub script: String,
    /// What was counted.
    pub counts: Counts,
    /// What went wrong.
    pub findings: Vec<Finding>,
}

/// The name an extracted statement gives its speaker: the person, else the phrase.
fn speaker_of(s: &ExtractedStatement) -> Option<String> {
    s.speaker
        .as_ref()
        .map(|n| n.name.clone())
        .or_else(|| s.speaker_phrase.clone())
}

/// Whether an extracted direct statement stands inside quote marks (press-conference
/// answers are direct statements without them, and the annotation lists only quotations).
fn in_quote_marks(e: &Extraction, s: &ExtractedStatement) -> bool {
    let text = match s.section {
        Section::Headline => e.ingested.title.as_deref().unwrap_or_default(),
        _ => &e.ingested.body,
    };
    s.span.0 > 0
        && text
            .chars()
            .nth(s.span.0 - 1)
            .is_some_and(|c| matches!(c, '“' | '”' | '「' | '」' | '『' | '"' | '‘'))
}

/// Scores one extraction against its gold file.
pub fn score_article(id: &str, gold: &GoldArticle, e: &Extraction, g: &Gazetteer) -> ArticleScore {
    let mut score = ArticleScore {
        id: id.to_owned(),
        script: gold.script.clone(),
        counts: Counts::default(),
        findings: Vec::new(),
    };
    score_quotes(gold, e, &mut score);
    score_reported(gold, e, &mut score);
    score_fields(gold, e, &mut score);
    score_entities(gold, e, g, &mut score);
    score
}

fn score_quotes(gold: &GoldArticle, e: &Extraction, out: &mut ArticleScore) {
    let direct: Vec<&ExtractedStatement> = e
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Direct && s.section != Section::Related)
        .filter(|s| in_quote_marks(e, s))
        .collect();
    let gold_texts: Vec<String> = gold.quotes.iter().map(|q| normalize(&q.text)).collect();
    let texts: Vec<String> = direct.iter().map(|s| normalize(&s.text)).collect();
    let partners = pair(&gold_texts, &texts, QUOTE_MATCH);
    let c = &mut out.counts;
    for (q, partner) in gold.quotes.iter().zip(&partners) {
        let Some(speaker) = &q.speaker else {
            if let Some(j) = partner {
                let rule = direct[*j].rule.name.to_owned();
                c.rule(&rule, false);
                c.direct_extracted += 1;
                out.findings.push(Finding::TermAsSpeech {
                    text: q.text.clone(),
                    rule,
                });
            }
            continue;
        };
        c.speech_quotes += 1;
        let Some(j) = partner else {
            out.findings.push(Finding::MissedQuote {
                text: q.text.clone(),
                speaker: speaker.clone(),
            });
            continue;
        };
        let s = direct[*j];
        let got = speaker_of(s);
        let right = got.as_deref().is_some_and(|got| same_speaker(speaker, got));
        let rule = s.rule.name.to_owned();
        c.speech_found += 1;
        c.direct_extracted += 1;
        c.rule(&rule, right);
        if right {
            c.attributed_right += 1;
        } else {
            out.findings.push(Finding::WrongSpeaker {
                text: q.text.clone(),
                gold: speaker.clone(),
                got,
                rule,
            });
        }
    }
    let paired: BTreeSet<usize> = partners.iter().flatten().copied().collect();
    for (_, s) in direct
        .iter()
        .enumerate()
        .filter(|(j, _)| !paired.contains(j))
    {
        let rule = s.rule.name.to_owned();
        out.counts.direct_extracted += 1;
        out.counts.rule(&rule, false);
        out.findings.push(Finding::ExtraQuote {
            text: s.text.clone(),
            rule,
        });
    }
}

fn score_reported(gold: &GoldArticle, e: &Extraction, out: &mut ArticleScore) {
    let indirect: Vec<&ExtractedStatement> = e
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Indirect && s.section == Section::Body)
        .collect();
    let gold_texts: Vec<String> = gold.reported.iter().map(|r| normalize(&r.text)).collect();
    let texts: Vec<String> = indirect.iter().map(|s| normalize(&s.text)).collect();
    let partners = pair(&gold_texts, &texts, REPORTED_MATCH);
    let c = &mut out.counts;
    c.indirect_extracted += indirect.len();
    for (r, partner) in gold.reported.iter().zip(&partners) {
        c.reported += 1;
        let Some(j) = partner else {
            out.findings.push(Finding::MissedReported {
                text: r.text.clone(),
                speaker: r.speaker.clone(),
            });
            continue;
        };
        let s = indirect[*j];
        let got = speaker_of(s);
        c.reported_found += 1;
        if got
            .as_deref()
            .is_some_and(|got| same_speaker(&r.speaker, got))
        {
            c.reported_right += 1;
        } else {
            out.findings.push(Finding::WrongReporter {
                text: r.text.clone(),
                gold: r.speaker.clone(),
                got,
                rule: s.rule.name.to_owned(),
            });
        }
    }
}

fn score_fields(gold: &GoldArticle, e: &Extraction, out: &mut ArticleScore) {
    let i = &e.ingested;
    let date = i
        .published_at
        .map(|at| at.day().format("%Y-%m-%d").to_string());
    let fields = [
        ("title", &gold.title, i.title.clone()),
        ("date", &gold.date, date),
        ("publisher", &gold.publisher, i.source.clone()),
        (
            "reprinted_from",
            &gold.reprinted_from,
            i.reprinted_from.clone(),
        ),
    ];
    for (field, want, got) in fields {
        let right = same_text(want.as_deref(), got.as_deref());
        out.counts.field(field, right);
        if !right {
            out.findings.push(Finding::Field {
                field: field.to_owned(),
                gold: want.clone(),
                got,
            });
        }
    }
}

/// What a surface form names in the gazetteer: the entity whose name covers it whole.
fn resolve(g: &Gazetteer, form: &str) -> Option<EntityHit> {
    let folded = FoldedText::new(form.trim());
    let len = folded.chars.len();
    g.entities(&folded)
        .into_iter()
        .find(|h| h.start == 0 && h.end == len)
        .map(|h| h.entity)
}

/// An entity as a comparable key: the gazetteer's entry, else the folded form.
fn entity_key(g: &Gazetteer, form: &str) -> String {
    match resolve(g, form) {
        Some(hit) => format!("{hit:?}"),
        None => normalize(form),
    }
}

fn score_entities(gold: &GoldArticle, e: &Extraction, g: &Gazetteer, out: &mut ArticleScore) {
    // The policy lists what the article part names, not its related list.
    let m = &e.article_mentions();
    let countries =
        |codes: &mut dyn Iterator<Item = String>| -> BTreeSet<String> { codes.collect() };
    let gold_countries = countries(&mut gold.countries.iter().map(|c| c.to_uppercase()));
    let got_countries = countries(&mut m.countries.iter().map(|c| c.key.to_uppercase()));
    let gold_orgs: BTreeSet<String> = gold
        .organizations
        .iter()
        .map(|o| entity_key(g, o))
        .collect();
    let got_orgs: BTreeSet<String> = m
        .organizations
        .iter()
        .map(|o| format!("{:?}", EntityHit::Organization(o.key)))
        .collect();
    let gold_agreements: BTreeSet<String> =
        gold.agreements.iter().map(|a| entity_key(g, a)).collect();
    let got_agreements: BTreeSet<String> = m
        .agreements
        .iter()
        .map(|a| match &a.key {
            AgreementRef::Known(k) => format!("{:?}", EntityHit::Agreement(*k)),
            AgreementRef::New(name) => entity_key(g, name),
        })
        .collect();
    let c = &mut out.counts;
    c.countries.add(&gold_countries, &got_countries);
    c.organizations.add(&gold_orgs, &got_orgs);
    c.agreements.add(&gold_agreements, &got_agreements);
    for (kind, want, got) in [
        ("country", &gold_countries, &got_countries),
        ("organization", &gold_orgs, &got_orgs),
        ("agreement", &gold_agreements, &got_agreements),
    ] {
        let name = |key: &String| display_name(g, key);
        for missing in want.difference(got) {
            out.findings.push(Finding::Entity {
                kind: kind.into(),
                name: name(missing),
                missing: true,
            });
        }
        for extra in got.difference(want) {
            out.findings.push(Finding::Entity {
                kind: kind.into(),
                name: name(extra),
                missing: false,
            });
        }
    }
}

/// A readable name for an entity key.
fn display_name(g: &Gazetteer, key: &str) -> String {
    let index = |prefix: &str| {
        key.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(')'))
            .and_then(|n| n.parse::<usize>().ok())
    };
    if let Some(o) = index("Organization(").and_then(|i| g.organizations.get(i)) {
        return o.name.clone();
    }
    if let Some(a) = index("Agreement(").and_then(|i| g.agreements.get(i)) {
        return a.name.clone();
    }
    key.to_owned()
}
