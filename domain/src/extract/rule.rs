//! The rules that decide who said a statement, named so that every statement can say
//! which one decided it and how far that rule is trusted.

/// A rule that attributes statements.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Its name, as the evaluation and the API show it.
    pub name: &'static str,
    /// How sure an attribution by this rule is, from 0 to 1.
    pub confidence: f64,
}

/// A quotation nobody is named for.
pub const UNATTRIBUTED: Rule = Rule {
    name: "unattributed",
    confidence: 0.3,
};

/// How much a pronoun or a title standing for a name lowers the confidence.
pub const REFERENCE_FACTOR: f64 = 0.9;
