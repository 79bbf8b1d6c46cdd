//! Counts that add up across articles, and the rates made from them.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// True and false positives and negatives of a set comparison.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SetTally {
    /// In both.
    pub true_positives: usize,
    /// Extracted, not annotated.
    pub false_positives: usize,
    /// Annotated, not extracted.
    pub false_negatives: usize,
}

impl SetTally {
    /// Adds one article's sets.
    pub fn add(&mut self, gold: &BTreeSet<String>, got: &BTreeSet<String>) {
        self.true_positives += gold.intersection(got).count();
        self.false_positives += got.difference(gold).count();
        self.false_negatives += gold.difference(got).count();
    }

    /// F1 (1.0 when both sides are empty everywhere).
    pub fn f1(&self) -> f64 {
        let denominator = 2 * self.true_positives + self.false_positives + self.false_negatives;
        if denominator == 0 {
            1.0
        } else {
            (2 * self.true_positives) as f64 / denominator as f64
        }
    }

    fn merge(&mut self, other: &SetTally) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// Right out of judged.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Ratio {
    /// How many were right.
    pub right: usize,
    /// How many were judged.
    pub of: usize,
}

impl Ratio {
    /// The rate (1.0 when nothing was judged).
    pub fn rate(&self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.right as f64 / self.of as f64
        }
    }

    fn add(&mut self, right: bool) {
        self.of += 1;
        self.right += usize::from(right);
    }

    fn merge(&mut self, other: &Ratio) {
        self.right += other.right;
        self.of += other.of;
    }
}

/// Everything counted for one article or a set of them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Annotated speech quotes.
    pub speech_quotes: usize,
    /// Of those, extracted as statements.
    pub speech_found: usize,
    /// Of those, with the annotated speaker.
    pub attributed_right: usize,
    /// Direct statements in quote marks that were judged (matched or extra).
    pub direct_extracted: usize,
    /// Annotated reported clauses.
    pub reported: usize,
    /// Of those, extracted.
    pub reported_found: usize,
    /// Of those, with the annotated speaker.
    pub reported_right: usize,
    /// Indirect statements extracted in the body.
    pub indirect_extracted: usize,
    /// Countries named.
    pub countries: SetTally,
    /// Organizations named.
    pub organizations: SetTally,
    /// Agreements named.
    pub agreements: SetTally,
    /// Metadata fields right, by field name.
    pub fields: BTreeMap<String, Ratio>,
    /// Direct statements right, by the rule that attributed them.
    pub rules: BTreeMap<String, Ratio>,
}

impl Counts {
    /// Records a direct statement judged for `rule`.
    pub fn rule(&mut self, rule: &str, right: bool) {
        self.rules.entry(rule.to_owned()).or_default().add(right);
    }

    /// Records a metadata field.
    pub fn field(&mut self, field: &str, right: bool) {
        self.fields.entry(field.to_owned()).or_default().add(right);
    }

    /// Adds another article's counts.
    pub fn merge(&mut self, o: &Counts) {
        self.speech_quotes += o.speech_quotes;
        self.speech_found += o.speech_found;
        self.attributed_right += o.attributed_right;
        self.direct_extracted += o.direct_extracted;
        self.reported += o.reported;
        self.reported_found += o.reported_found;
        self.reported_right += o.reported_right;
        self.indirect_extracted += o.indirect_extracted;
        self.countries.merge(&o.countries);
        self.organizations.merge(&o.organizations);
        self.agreements.merge(&o.agreements);
        for (k, v) in &o.fields {
            self.fields.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &o.rules {
            self.rules.entry(k.clone()).or_default().merge(v);
        }
    }

    /// Quote recall: speech quotes found.
    pub fn quote_recall(&self) -> f64 {
        rate(self.speech_found, self.speech_quotes)
    }

    /// Attribution accuracy: found speech quotes with the right speaker.
    pub fn attribution_accuracy(&self) -> f64 {
        rate(self.attributed_right, self.speech_found)
    }

    /// Statement precision: direct statements that are speech with the right speaker.
    pub fn statement_precision(&self) -> f64 {
        rate(self.attributed_right, self.direct_extracted)
    }

    /// Reported-speech recall: annotated clauses found.
    pub fn reported_recall(&self) -> f64 {
        rate(self.reported_found, self.reported)
    }

    /// Indirect statements that are annotated reported speech with the right speaker.
    pub fn reported_precision(&self) -> f64 {
        rate(self.reported_right, self.indirect_extracted)
    }

    /// Reported clauses found with the right speaker, of those found.
    pub fn reported_attribution(&self) -> f64 {
        rate(self.reported_right, self.reported_found)
    }

    /// The share of articles with `field` right.
    pub fn field_accuracy(&self, field: &str) -> f64 {
        self.fields.get(field).map_or(1.0, Ratio::rate)
    }
}

fn rate(right: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        right as f64 / of as f64
    }
}
