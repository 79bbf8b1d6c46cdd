//! Full-text search, the part that is not SQL: the tokens a text is indexed under, the
//! parsed query, and highlighted snippets.
//!
//! Text is folded (script, width, case) and reduced to its letters and digits, then cut
//! into overlapping pairs of characters. Any query of two or more characters that occurs
//! in a text (after folding, ignoring spaces and punctuation) is then a phrase of pairs
//! the index holds, whatever the script or language. User input never reaches the search
//! engine's syntax: queries are rebuilt from these tokens, which are letters and digits only.

use crate::ValidationError;
use crate::fold::fold_char;
use std::collections::VecDeque;
use std::fmt::Write;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most words a query may have.
pub const MAX_QUERY_TERMS: usize = 10;
/// The last position a PostgreSQL tsvector can record.
const MAX_POSITION: usize = 16_383;
/// Characters of context on each side of a snippet's first match.
const SNIPPET_CONTEXT: usize = 30;

/// The searchable characters of `text`, folded, with their offsets in `text`.
fn searchable(text: &str) -> impl Iterator<Item = (char, usize)> + '_ {
    text.chars()
        .enumerate()
        .map(|(i, c)| (fold_char(c), i))
        .filter(|(c, _)| is_searchable(*c))
}

/// Letters and digits. The common CJK ideographs are tested first: Unicode's general
/// lookup is slow for them, and they are most of what is searched.
fn is_searchable(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
}

fn pairs(chars: &[char]) -> Vec<String> {
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// Each pair of neighbouring searchable characters of `text`, in order: the tokens, built
/// without a string each, since an article has thousands of them.
fn token_pairs(text: &str) -> impl Iterator<Item = [char; 2]> + '_ {
    let mut previous = None;
    searchable(text).filter_map(move |(c, _)| previous.replace(c).map(|p| [p, c]))
}

/// The tokens `text` is indexed under, in order.
pub fn index_tokens(text: &str) -> Vec<String> {
    token_pairs(text)
        .map(|pair| pair.iter().collect())
        .collect()
}

/// The tokens as an FTS5 document: tokens separated by spaces.
pub fn fts5_document(text: &str) -> String {
    let mut document = String::with_capacity(text.len() * 2);
    for [a, b] in token_pairs(text) {
        if !document.is_empty() {
            document.push(' ');
        }
        document.push(a);
        document.push(b);
    }
    document
}

/// The tokens as a PostgreSQL tsvector literal (`'国际':1,9 '际合':2`), positions capped at
/// what a tsvector can hold. Tokens come in string order (comparing pairs of characters
/// orders them as their UTF-8 does), each with its positions rising.
pub fn tsvector_literal(text: &str) -> String {
    let mut at: Vec<([char; 2], usize)> = token_pairs(text)
        .take(MAX_POSITION)
        .enumerate()
        .map(|(i, pair)| (pair, i + 1))
        .collect();
    at.sort_unstable();
    let mut literal = String::with_capacity(at.len() * 12);
    let mut last = None;
    for (pair, position) in at {
        if last == Some(pair) {
            literal.push(',');
        } else {
            if last.is_some() {
                literal.push(' ');
            }
            literal.push('\'');
            literal.extend(pair);
            literal.push_str("':");
            last = Some(pair);
        }
        // Writing to a String cannot fail.
        let _ = write!(literal, "{position}");
    }
    literal
}

/// A parsed query: words, each a phrase of tokens; every word must occur.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchQuery {
    terms: Vec<Vec<char>>,
}

impl SearchQuery {
    /// Parses what a user typed. Words are separated by spaces; punctuation and operators
    /// are ignored; words of one character cannot be searched on their own.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.chars().count() > MAX_QUERY_CHARS {
            return Err(ValidationError::new(
                "query",
                format!("must be at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let terms: Vec<Vec<char>> = raw
            .split_whitespace()
            .map(|word| searchable(word).map(|(c, _)| c).collect::<Vec<char>>())
            .filter(|chars| chars.len() >= 2)
            .collect();
        if terms.is_empty() {
            return Err(ValidationError::new(
                "query",
                "needs a word of at least two letters or digits",
            ));
        }
        if terms.len() > MAX_QUERY_TERMS {
            return Err(ValidationError::new(
                "query",
                format!("must have at most {MAX_QUERY_TERMS} words"),
            ));
        }
        Ok(Self { terms })
    }

    /// The FTS5 MATCH expression: one quoted phrase per word, all required.
    pub fn fts5(&self) -> String {
        self.terms
            .iter()
            .map(|t| format!("\"{}\"", pairs(t).join(" ")))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// The PostgreSQL tsquery literal: `<->` within a word, `&` between words.
    pub fn tsquery(&self) -> String {
        self.terms
            .iter()
            .map(|t| {
                let phrase: Vec<String> = pairs(t).iter().map(|p| format!("'{p}'")).collect();
                format!("({})", phrase.join(" <-> "))
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }

    /// The length of the longest word, in searchable characters.
    fn longest_word(&self) -> usize {
        self.terms.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Where each word occurs in `text`, as character ranges of `text`, in order.
    pub fn matches(&self, text: &str) -> Vec<(usize, usize)> {
        self.scan(text, |_, _, _| true)
    }

    /// The matches of each word in `text` (leftmost first, not overlapping another match of
    /// the same word), read one searchable character at a time while `go_on(index, offset,
    /// found so far)` says so; sorted by where they start.
    fn scan<F>(&self, text: &str, mut go_on: F) -> Vec<(usize, usize)>
    where
        F: FnMut(usize, usize, &[(usize, usize)]) -> bool,
    {
        let longest = self.longest_word();
        let mut recent: VecDeque<(char, usize)> = VecDeque::with_capacity(longest);
        // Per word: the first searchable index its next match may start at.
        let mut free_from = vec![0; self.terms.len()];
        let mut found = Vec::new();
        for (index, (c, offset)) in searchable(text).enumerate() {
            if !go_on(index, offset, &found) {
                break;
            }
            if recent.len() == longest {
                recent.pop_front();
            }
            recent.push_back((c, offset));
            for (term, free) in self.terms.iter().zip(free_from.iter_mut()) {
                let n = term.len();
                if recent.len() < n || index + 1 < *free + n {
                    continue;
                }
                let start = recent.len() - n;
                if recent
                    .range(start..)
                    .map(|(c, _)| *c)
                    .eq(term.iter().copied())
                {
                    found.push((recent[start].1, offset + 1));
                    *free = index + 1;
                }
            }
        }
        found.sort_unstable();
        found
    }

    /// A highlighted snippet of `text` around its first match (`<mark>…</mark>`, the rest
    /// HTML-escaped), and where that match starts; `None` when nothing matches. Reads `text`
    /// only as far as the snippet reaches.
    pub fn snippet(&self, text: &str) -> Option<(String, usize)> {
        let longest = self.longest_word();
        let mut first_end = None;
        let matches = self.scan(text, |index, offset, found| {
            let Some(first_start) = found.iter().map(|&(start, _)| start).min() else {
                return true;
            };
            let first_end = *first_end.get_or_insert(index);
            // A match starting before the first one found ends within `longest` characters
            // of it; one ending past the snippet is not shown.
            index <= first_end + longest || offset < first_start + SNIPPET_CONTEXT * 2
        });
        snippet_of(text, &matches)
    }
}

/// The snippet of `text` around the first of `matches` (sorted by start).
fn snippet_of(text: &str, matches: &[(usize, usize)]) -> Option<(String, usize)> {
    let &(first, _) = matches.first()?;
    let reach = first + SNIPPET_CONTEXT * 2;
    // One character past the snippet, to tell whether the text goes on.
    let chars: Vec<char> = text.chars().take(reach + 1).collect();
    let from = first.saturating_sub(SNIPPET_CONTEXT);
    let to = reach.min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for &(start, end) in matches.iter().filter(|(s, e)| *s >= from && *e <= to) {
        if start < at {
            continue;
        }
        escape_into(&mut out, &chars[at..start]);
        out.push_str("<mark>");
        escape_into(&mut out, &chars[start..end]);
        out.push_str("</mark>");
        at = end;
    }
    escape_into(&mut out, &chars[at..to]);
    if to < chars.len() {
        out.push('…');
    }
    Some((out, first))
}

fn escape_into(out: &mut String, chars: &[char]) {
    for c in chars {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push(' '),
            c => out.push(*c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_scripts_index_and_query_alike() {
        assert_eq!(index_tokens("國際合作"), index_tokens("国际合作"));
        assert_eq!(
            SearchQuery::parse("國際合作").unwrap(),
            SearchQuery::parse("国际合作").unwrap()
        );
        assert_eq!(
            SearchQuery::parse("国际合作").unwrap().fts5(),
            "\"国际 际合 合作\""
        );
        assert_eq!(
            SearchQuery::parse("国际 G20").unwrap().tsquery(),
            "('国际') & ('g2' <-> '20')"
        );
    }

    #[test]
    fn hostile_input_becomes_plain_tokens_or_a_clear_error() {
        for raw in ["\"", "*", "(", "   ", "a", "'"] {
            assert_eq!(SearchQuery::parse(raw).unwrap_err().field, "query");
        }
        for raw in ["NEAR(a b", "a' OR 1=1 --", "国际\" OR \"x"] {
            let q = SearchQuery::parse(raw).unwrap();
            assert!(
                q.fts5()
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '"'),
                "{}",
                q.fts5()
            );
            assert!(!q.tsquery().contains("''"));
        }
    }

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        let q = SearchQuery::parse("國際合作").unwrap();
        let (snippet, at) = q.snippet("<b>推进国际合作</b>").unwrap();
        assert_eq!(snippet, "&lt;b&gt;推进<mark>国际合作</mark>&lt;/b&gt;");
        assert_eq!(at, 5);
        assert!(q.snippet("没有").is_none());
    }

    #[test]
    fn tsvector_literals_list_positions() {
        assert_eq!(tsvector_literal("国际国际"), "'国际':1,3 '际国':2");
    }

    #[test]
    fn a_snippet_shows_the_earliest_match_though_a_shorter_word_ends_first() {
        let q = SearchQuery::parse("合作 国际合作伙伴").unwrap();
        let text = "国际合作伙伴关系";
        assert_eq!(q.matches(text), vec![(0, 6), (2, 4)]);
        assert_eq!(
            q.snippet(text),
            Some(("<mark>国际合作伙伴</mark>关系".to_owned(), 0))
        );
    }

    #[test]
    fn a_long_text_gets_a_snippet_of_its_first_match_only() {
        let q = SearchQuery::parse("合作").unwrap();
        let text = format!("{}合作{}合作", "甲".repeat(100), "乙".repeat(100));
        let (snippet, at) = q.snippet(&text).unwrap();
        assert_eq!(at, 100);
        assert_eq!(
            snippet,
            format!("…{}<mark>合作</mark>{}…", "甲".repeat(30), "乙".repeat(58))
        );
    }

    /// The tsvector literal written the plain way: each token with its positions, in
    /// string order.
    fn tsvector_literal_spelled_out(text: &str) -> String {
        let mut positions: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (i, token) in index_tokens(text)
            .into_iter()
            .enumerate()
            .take(MAX_POSITION)
        {
            positions
                .entry(token)
                .or_default()
                .push((i + 1).to_string());
        }
        let tokens: Vec<String> = positions
            .into_iter()
            .map(|(token, at)| format!("'{token}':{}", at.join(",")))
            .collect();
        tokens.join(" ")
    }

    #[test]
    fn a_tsvector_literal_stops_at_the_last_position_a_tsvector_holds() {
        let text = "国际合作".repeat(MAX_POSITION);
        assert_eq!(tsvector_literal(&text), tsvector_literal_spelled_out(&text));
        let literal = tsvector_literal(&text);
        assert!(literal.contains(&format!(",{MAX_POSITION} ")));
        assert!(!literal.contains(&format!(",{}", MAX_POSITION + 1)));
    }

    proptest! {
        #[test]
        fn index_documents_are_the_tokens_spelled_out(text in "[国際际合作中歐欧aAbB12 ,。'<ｇ]{0,120}") {
            prop_assert_eq!(fts5_document(&text), index_tokens(&text).join(" "));
            prop_assert_eq!(tsvector_literal(&text), tsvector_literal_spelled_out(&text));
        }

        #[test]
        fn a_snippet_read_partway_is_the_snippet_of_every_match(text in "[国际合作中欧abc12 ,。<]{0,200}", words in "[国际合作ab ]{2,12}") {
            if let Ok(query) = SearchQuery::parse(&words) {
                prop_assert_eq!(query.snippet(&text), snippet_of(&text, &query.matches(&text)));
            }
        }

        #[test]
        fn any_substring_of_two_or_more_characters_is_found(text in "[国际合作中欧abc12 ,。]{2,40}", start in 0usize..40, len in 2usize..10) {
            let chars: Vec<char> = text.chars().collect();
            let start = start.min(chars.len() - 2);
            let end = (start + len).min(chars.len());
            let needle: String = chars[start..end].iter().collect();
            if let Ok(query) = SearchQuery::parse(&needle.replace(' ', ""))
                && needle.split_whitespace().count() == 1
            {
                prop_assert!(!query.matches(&text).is_empty(), "{needle:?} in {text:?}");
            }
        }
    }
}
