//! The evaluation report: per-article findings, totals overall and per script, the
//! summary line, and the same as JSON.

use crate::score::{ArticleScore, Finding};
use crate::tally::Counts;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::{self, Display, Write as _};

/// The figures a run is judged by.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Summary {
    /// Speech quotes found.
    pub quote_recall: f64,
    /// Found speech quotes with the right speaker.
    pub attribution_accuracy: f64,
    /// Direct statements that are speech with the right speaker.
    pub statement_precision: f64,
    /// Reported clauses found.
    pub reported_recall: f64,
    /// Found reported clauses with the right speaker.
    pub reported_attribution: f64,
    /// Indirect statements that are annotated reported speech with the right speaker.
    pub reported_precision: f64,
    /// Countries.
    pub country_f1: f64,
    /// Organizations.
    pub organization_f1: f64,
    /// Agreements.
    pub agreement_f1: f64,
    /// Articles with the right title.
    pub title_accuracy: f64,
    /// Articles with the right publication date.
    pub date_accuracy: f64,
    /// Articles with the right publisher.
    pub publisher_accuracy: f64,
    /// Articles with the right reprint source.
    pub reprint_accuracy: f64,
}

impl Summary {
    /// The figures of `c`.
    pub fn of(c: &Counts) -> Summary {
        Summary {
            quote_recall: c.quote_recall(),
            attribution_accuracy: c.attribution_accuracy(),
            statement_precision: c.statement_precision(),
            reported_recall: c.reported_recall(),
            reported_attribution: c.reported_attribution(),
            reported_precision: c.reported_precision(),
            country_f1: c.countries.f1(),
            organization_f1: c.organizations.f1(),
            agreement_f1: c.agreements.f1(),
            title_accuracy: c.field_accuracy("title"),
            date_accuracy: c.field_accuracy("date"),
            publisher_accuracy: c.field_accuracy("publisher"),
            reprint_accuracy: c.field_accuracy("reprinted_from"),
        }
    }
}

impl Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "quote recall {:.3} | attribution {:.3} | statement precision {:.3} | reported recall {:.3} (speaker {:.3}, precision {:.3}) | country F1 {:.3} | organization F1 {:.3} | agreement F1 {:.3} | title {:.3} | date {:.3} | publisher {:.3} | reprint {:.3}",
            self.quote_recall,
            self.attribution_accuracy,
            self.statement_precision,
            self.reported_recall,
            self.reported_attribution,
            self.reported_precision,
            self.country_f1,
            self.organization_f1,
            self.agreement_f1,
            self.title_accuracy,
            self.date_accuracy,
            self.publisher_accuracy,
            self.reprint_accuracy,
        )
    }
}

/// A whole evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Each article's score.
    pub articles: Vec<ArticleScore>,
    /// All counts added up.
    pub total: Counts,
    /// Counts per script (`hans`, `hant`).
    pub by_script: BTreeMap<String, Counts>,
    /// The figures of `total`.
    pub summary: Summary,
}

impl Report {
    /// Adds up the articles' scores.
    pub fn new(articles: Vec<ArticleScore>) -> Report {
        let mut total = Counts::default();
        let mut by_script: BTreeMap<String, Counts> = BTreeMap::new();
        for a in &articles {
            total.merge(&a.counts);
            by_script
                .entry(a.script.clone())
                .or_default()
                .merge(&a.counts);
        }
        let summary = Summary::of(&total);
        Report {
            articles,
            total,
            by_script,
            summary,
        }
    }

    /// The report as text: findings per article, per-rule precision, per-script figures,
    /// and the summary line last.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for a in self.articles.iter().filter(|a| !a.findings.is_empty()) {
            let _ = writeln!(out, "## {} ({})", a.id, a.script);
            for finding in &a.findings {
                let _ = writeln!(out, "  {}", describe(finding));
            }
        }
        let _ = writeln!(out, "\nper rule (direct statements right / judged):");
        for (rule, r) in &self.total.rules {
            let _ = writeln!(
                out,
                "  {rule:<20} {:>4} / {:<4} {:.3}",
                r.right,
                r.of,
                r.rate()
            );
        }
        let _ = writeln!(out, "\nper script:");
        for (script, c) in &self.by_script {
            let _ = writeln!(out, "  {script}: {}", Summary::of(c));
        }
        let t = &self.total;
        let _ = writeln!(
            out,
            "\n{} articles, {} speech quotes ({} found, {} attributed right), {} direct statements judged, {} reported ({} found)",
            self.articles.len(),
            t.speech_quotes,
            t.speech_found,
            t.attributed_right,
            t.direct_extracted,
            t.reported,
            t.reported_found
        );
        let _ = writeln!(out, "summary: {}", self.summary);
        out
    }
}

fn describe(f: &Finding) -> String {
    match f {
        Finding::MissedQuote { text, speaker } => format!("missed quote   「{text}」 ({speaker})"),
        Finding::WrongSpeaker {
            text,
            gold,
            got,
            rule,
        } => {
            format!(
                "wrong speaker  「{text}」 gold {gold}, got {} [{rule}]",
                got.as_deref().unwrap_or("none")
            )
        }
        Finding::TermAsSpeech { text, rule } => format!("term as speech 「{text}」 [{rule}]"),
        Finding::ExtraQuote { text, rule } => format!("extra quote    「{text}」 [{rule}]"),
        Finding::MissedReported { text, speaker } => format!("missed report  {speaker}: {text}"),
        Finding::WrongReporter {
            text,
            gold,
            got,
            rule,
        } => format!(
            "wrong reporter {text} gold {gold}, got {} [{rule}]",
            got.as_deref().unwrap_or("none")
        ),
        Finding::Field { field, gold, got } => format!(
            "{field:<14} gold {}, got {}",
            gold.as_deref().unwrap_or("null"),
            got.as_deref().unwrap_or("null")
        ),
        Finding::Entity {
            kind,
            name,
            missing,
        } => {
            format!(
                "{kind:<14} {} {name}",
                if *missing { "missing" } else { "extra  " }
            )
        }
    }
}
