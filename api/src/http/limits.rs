//! The limits a GraphQL document is held to before the schema sees it.
//!
//! async-graphql's own depth, complexity and recursion checks walk the document expanding
//! every fragment spread, so a few fragments that each spread the next twice cost 2^n visits
//! before any of them refuses. Here each fragment is measured once and its cost multiplied
//! by the number of times it is spread, so the check costs as much as the document is long.
//! The text is measured before it is parsed (bytes, tokens, bracket nesting), because the
//! parser recurses and allocates per token.

use super::refusals::{Reason, Refusal};
use crate::config::Limits;
use async_graphql::parser::Positioned;
use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Variables};
use std::collections::HashMap;

/// How many levels of brackets a document may open beyond `max_depth`: argument values
/// (lists of input objects) nest too. Bounds the parser's recursion.
const EXTRA_BRACKET_NESTING: u64 = 32;

/// How deep fragments may spread inside each other; bounds this module's recursion and
/// async-graphql's, which counts spreads as levels (its default is 32).
const MAX_SPREAD_NESTING: usize = 24;

/// Checks the text of a document before it is parsed: its bytes, then its tokens and how
/// deep its brackets nest, stopping at the first token over a limit.
pub fn check_text(query: &str, limits: &Limits) -> Result<(), Refusal> {
    if query.len() > limits.max_document_bytes {
        return Err(Refusal::new(
            Reason::DocumentBytes,
            format!(
                "the document is {} bytes; the limit is {} (max-document-bytes)",
                query.len(),
                limits.max_document_bytes
            ),
        ));
    }
    let max_nesting = limits.max_depth.saturating_add(EXTRA_BRACKET_NESTING);
    let mut tokens = 0usize;
    let mut nesting = 0u64;
    for token in Tokens::new(query.as_bytes()) {
        tokens += 1;
        if tokens > limits.max_tokens {
            return Err(Refusal::new(
                Reason::Tokens,
                format!(
                    "the document has more than {} tokens (max-tokens)",
                    limits.max_tokens
                ),
            ));
        }
        match token {
            b'{' | b'(' | b'[' => nesting += 1,
            b'}' | b')' | b']' => nesting = nesting.saturating_sub(1),
            _ => {}
        }
        if nesting > max_nesting {
            return Err(Refusal::new(
                Reason::Nesting,
                format!(
                    "the document nests brackets more than {max_nesting} deep (max-depth + {EXTRA_BRACKET_NESTING})"
                ),
            ));
        }
    }
    Ok(())
}

/// The GraphQL tokens of a document, each given as its first byte: punctuators, names,
/// numbers and strings. Whitespace, commas and comments are skipped. It only has to count
/// right for valid documents; for invalid ones the parser reports the error.
struct Tokens<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Tokens<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Tokens { bytes, at: 0 }
    }

    fn starts_with(&self, prefix: &[u8]) -> bool {
        self.bytes[self.at..].starts_with(prefix)
    }

    /// Skips a string; a block string ends at an unescaped `"""`.
    fn skip_string(&mut self) {
        if self.starts_with(b"\"\"\"") {
            self.at += 3;
            while self.at < self.bytes.len() && !self.starts_with(b"\"\"\"") {
                self.at += if self.starts_with(b"\\\"\"\"") { 4 } else { 1 };
            }
            self.at = (self.at + 3).min(self.bytes.len());
            return;
        }
        self.at += 1;
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'"' | b'\n' | b'\r' => return,
                _ => {}
            }
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        loop {
            let byte = *self.bytes.get(self.at)?;
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' | b',' => self.at += 1,
                b'#' => {
                    while self.bytes.get(self.at).is_some_and(|b| *b != b'\n') {
                        self.at += 1;
                    }
                }
                b'"' => {
                    self.skip_string();
                    return Some(byte);
                }
                b'.' if self.starts_with(b"...") => {
                    self.at += 3;
                    return Some(byte);
                }
                b'_' | b'-' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => {
                    self.at += 1;
                    while self.bytes.get(self.at).is_some_and(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-')
                    }) {
                        self.at += 1;
                    }
                    return Some(byte);
                }
                _ => {
                    self.at += 1;
                    return Some(byte);
                }
            }
        }
    }
}

/// Holds a request's variables and document to the limits: the text before it is parsed,
/// the parsed document before async-graphql validates it (which expands fragments). A
/// document that does not parse is left for execution to report.
pub fn check_request(request: &mut async_graphql::Request, limits: &Limits) -> Result<(), Refusal> {
    check_variables(&request.variables, limits)?;
    check_text(&request.query, limits)?;
    if let Ok(document) = request.parsed_query() {
        check_document(document, limits)?;
    }
    Ok(())
}

/// Checks the variables a request sends.
pub fn check_variables(variables: &Variables, limits: &Limits) -> Result<(), Refusal> {
    if variables.len() > limits.max_variables {
        return Err(too_many_variables(variables.len(), limits));
    }
    Ok(())
}

fn too_many_variables(found: usize, limits: &Limits) -> Refusal {
    Refusal::new(
        Reason::Variables,
        format!(
            "the request has {found} variables; the limit is {} (max-variables)",
            limits.max_variables
        ),
    )
}

/// What a selection set costs once its fragments are expanded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Cost {
    /// Fields, spreads and inline fragments.
    selections: u64,
    /// Aliased fields.
    aliases: u64,
    /// Levels of fields, the set's own fields being level 1.
    depth: u64,
}

impl Cost {
    fn add(&mut self, other: Cost, times: u64) {
        self.selections = self
            .selections
            .saturating_add(other.selections.saturating_mul(times));
        self.aliases = self
            .aliases
            .saturating_add(other.aliases.saturating_mul(times));
        self.depth = self.depth.max(other.depth);
    }
}

/// A fragment being measured (on the stack) or measured.
#[derive(Clone, Copy)]
enum Measured {
    InProgress,
    Done(Cost),
}

/// Measures a parsed document against the limits: selections and aliases after fragment
/// expansion, depth through fragments, directives per selection, declared variables, and
/// fragments that spread themselves. Every operation is measured, as validation reads them all.
pub fn check_document(document: &ExecutableDocument, limits: &Limits) -> Result<(), Refusal> {
    let mut measure = Measure {
        fragments: &document.fragments,
        limits,
        memo: HashMap::new(),
        spread_nesting: 0,
    };
    let mut total = Cost::default();
    for (_, operation) in document.operations.iter() {
        let operation = &operation.node;
        if operation.variable_definitions.len() > limits.max_variables {
            return Err(too_many_variables(
                operation.variable_definitions.len(),
                limits,
            ));
        }
        check_directives(operation.directives.len(), limits)?;
        let cost = measure.selection_set(&operation.selection_set)?;
        total.add(cost, 1);
        measure.check(total)?;
    }
    // Fragments no operation spreads are refused by validation, which still walks them.
    for (name, fragment) in &document.fragments {
        measure.fragment(name, fragment)?;
    }
    Ok(())
}

/// The state of one measurement of a document.
struct Measure<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    limits: &'a Limits,
    memo: HashMap<&'a str, Measured>,
    spread_nesting: usize,
}

impl<'a> Measure<'a> {
    fn selection_set(&mut self, set: &'a Positioned<SelectionSet>) -> Result<Cost, Refusal> {
        let mut cost = Cost::default();
        for selection in &set.node.items {
            check_directives(selection.node.directives().len(), self.limits)?;
            cost.selections = cost.selections.saturating_add(1);
            match &selection.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    if field.alias.is_some() {
                        cost.aliases = cost.aliases.saturating_add(1);
                    }
                    let mut inner = self.selection_set(&field.selection_set)?;
                    inner.depth = inner.depth.saturating_add(1);
                    cost.add(inner, 1);
                }
                Selection::InlineFragment(inline) => {
                    let inner = self.selection_set(&inline.node.selection_set)?;
                    cost.add(inner, 1);
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    // An unknown fragment is validation's to report; it costs nothing here.
                    if let Some((name, fragment)) = self.fragments.get_key_value(name) {
                        let inner = self.fragment(name, fragment)?;
                        cost.add(inner, 1);
                    }
                }
            }
            self.check(cost)?;
        }
        Ok(cost)
    }

    /// A fragment's cost, measured the first time it is met and remembered after.
    fn fragment(
        &mut self,
        name: &'a Name,
        fragment: &'a Positioned<FragmentDefinition>,
    ) -> Result<Cost, Refusal> {
        match self.memo.get(name.as_str()) {
            Some(Measured::Done(cost)) => return Ok(*cost),
            Some(Measured::InProgress) => {
                return Err(Refusal::new(
                    Reason::FragmentCycle,
                    format!(
                        "fragment \"{name}\" spreads itself, directly or through other fragments"
                    ),
                ));
            }
            None => {}
        }
        if self.spread_nesting >= MAX_SPREAD_NESTING {
            return Err(Refusal::new(
                Reason::Nesting,
                format!(
                    "fragments are spread inside each other more than {MAX_SPREAD_NESTING} deep"
                ),
            ));
        }
        check_directives(fragment.node.directives.len(), self.limits)?;
        self.memo.insert(name.as_str(), Measured::InProgress);
        self.spread_nesting += 1;
        let cost = self.selection_set(&fragment.node.selection_set);
        self.spread_nesting -= 1;
        let cost = cost?;
        self.memo.insert(name.as_str(), Measured::Done(cost));
        Ok(cost)
    }

    /// Refuses as soon as a partial cost is over a limit: costs only grow.
    fn check(&self, cost: Cost) -> Result<(), Refusal> {
        let limits = self.limits;
        if cost.selections > limits.max_selections {
            return Err(Refusal::new(
                Reason::Selections,
                format!(
                    "the document selects more than {} fields once its fragments are expanded (max-selections)",
                    limits.max_selections
                ),
            ));
        }
        if cost.depth > limits.max_depth {
            return Err(Refusal::new(
                Reason::Depth,
                format!(
                    "the document nests fields {} deep; the limit is {} (max-depth)",
                    cost.depth, limits.max_depth
                ),
            ));
        }
        if cost.aliases > limits.max_aliases {
            return Err(Refusal::new(
                Reason::Aliases,
                format!(
                    "the document has more than {} aliased fields once its fragments are expanded (max-aliases)",
                    limits.max_aliases
                ),
            ));
        }
        Ok(())
    }
}

fn check_directives(count: usize, limits: &Limits) -> Result<(), Refusal> {
    if count > limits.max_directives {
        return Err(Refusal::new(
            Reason::Directives,
            format!(
                "a selection has {count} directives; the limit is {} (max-directives)",
                limits.max_directives
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    fn refused(query: &str) -> Option<Reason> {
        let limits = Limits::default();
        if let Err(refusal) = check_text(query, &limits) {
            return Some(refusal.reason);
        }
        let document = parse_query(query).expect("the test document parses");
        check_document(&document, &limits).err().map(|r| r.reason)
    }

    /// F0 spreads F1 twice, F1 spreads F2 twice, …: 2^levels fields from a short text.
    fn fan_out(levels: usize) -> String {
        let mut query = String::from("query { ...F0 }\n");
        for level in 0..levels {
            query.push_str(&format!(
                "fragment F{level} on Query {{ ...F{next} ...F{next} }}\n",
                next = level + 1
            ));
        }
        query.push_str(&format!("fragment F{levels} on Query {{ __typename }}\n"));
        query
    }

    #[test]
    fn a_fan_out_of_fragments_is_refused_without_expanding_it() {
        let started = std::time::Instant::now();
        assert_eq!(refused(&fan_out(20)), Some(Reason::Selections));
        assert_eq!(
            refused(&fan_out(30)),
            Some(Reason::Nesting),
            "spreads 30 deep"
        );
        assert!(started.elapsed() < std::time::Duration::from_millis(100));
        assert_eq!(refused(&fan_out(5)), None, "32 fields are fine");
    }

    #[test]
    fn fragment_cycles_are_refused() {
        let own = "query { ...A } fragment A on Query { __typename ...A }";
        assert_eq!(refused(own), Some(Reason::FragmentCycle));
        let pair = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
        assert_eq!(refused(pair), Some(Reason::FragmentCycle));
        let unused = "query { __typename } fragment A on Query { ...A }";
        assert_eq!(refused(unused), Some(Reason::FragmentCycle));
    }

    #[test]
    fn depth_counts_fields_through_fragments() {
        let nested = |levels: usize| {
            format!(
                "query {{ ...L0 }} {} fragment L{levels} on Query {{ __typename }}",
                (0..levels)
                    .map(|n| format!("fragment L{n} on Query {{ a {{ ...L{} }} }}", n + 1))
                    .collect::<String>()
            )
        };
        assert_eq!(refused(&nested(15)), None);
        assert_eq!(refused(&nested(16)), Some(Reason::Depth));
    }

    #[test]
    fn aliases_directives_and_variables_are_counted() {
        let aliases: String = (0..101).map(|n| format!("a{n}: __typename ")).collect();
        assert_eq!(refused(&format!("{{ {aliases} }}")), Some(Reason::Aliases));
        let directives = "@skip(if: false) ".repeat(11);
        assert_eq!(
            refused(&format!("{{ __typename {directives} }}")),
            Some(Reason::Directives)
        );
        let declared: String = (0..101).map(|n| format!("$v{n}: Int ")).collect();
        assert_eq!(
            refused(&format!("query({declared}) {{ __typename }}")),
            Some(Reason::Variables)
        );
    }

    #[test]
    fn text_is_measured_before_parsing() {
        assert_eq!(refused(&" ".repeat(100_001)), Some(Reason::DocumentBytes));
        assert_eq!(
            refused(&format!("{{ {} }}", "a ".repeat(10_000))),
            Some(Reason::Tokens)
        );
        assert_eq!(refused(&"{ a ".repeat(60)), Some(Reason::Nesting));
        let strings = format!("{{ a(s: \"{{{{{{\", t: \"\"\"{}\"\"\") }}", "[".repeat(100));
        assert_eq!(
            refused(&strings),
            None,
            "brackets in strings are not nesting"
        );
    }

    #[test]
    fn tokens_are_counted_as_graphql_reads_them() {
        let count = |text: &str| Tokens::new(text.as_bytes()).count();
        assert_eq!(count("{ a(b: 1.5e3, c: \"x y\") ...F }"), 13);
        assert_eq!(count("# a comment { }\n,,, a"), 1);
        assert_eq!(count("\"\"\"block \\\"\"\" still\"\"\" x"), 2);
    }
}
