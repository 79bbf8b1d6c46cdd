//! Word lists searched in text: one automaton per list instead of one scan of the text per
//! word, for the lists that are tried on every line or every clause.

use aho_corasick::AhoCorasick;

/// A fixed list of words, compiled once, answering whether any of them occurs in a text.
pub struct WordList {
    automaton: Option<AhoCorasick>,
}

impl WordList {
    /// Compiles `words` (a list that cannot compile finds nothing, never panics).
    pub fn new(words: &[&str]) -> Self {
        Self {
            automaton: AhoCorasick::new(words).ok(),
        }
    }

    /// Whether any word of the list occurs in `text`.
    pub fn any_in(&self, text: &str) -> bool {
        self.automaton.as_ref().is_some_and(|a| a.is_match(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_any_word_of_the_list_anywhere_in_the_text() {
        let list = WordList::new(&["官员", "人士", "cookie"]);
        assert!(list.any_in("一名不愿具名的官员说"));
        assert!(list.any_in("知情人士"));
        assert!(list.any_in("this site uses cookie files"));
        assert!(!list.any_in("外交部发言人"));
        assert!(!list.any_in(""));
    }

    #[test]
    fn an_empty_list_finds_nothing() {
        assert!(!WordList::new(&[]).any_in("任何文字"));
    }
}
