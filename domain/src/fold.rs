//! Script folding: the form every comparison and search uses.
//!
//! Folding maps traditional characters to simplified ones, full-width forms to half-width,
//! and letters to lower case, one `char` for one `char`. Keeping the mapping 1:1 means a
//! character offset in folded text is the same offset in the text as written, so matches
//! found on folded text become spans into the original without any bookkeeping.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Folds one character: traditional → simplified, full-width → half-width, lower case.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let simplified = to_simplified_char(c);
    if in_cjk_blocks(simplified) {
        // Ideographs have no case and no width variants.
        return simplified;
    }
    lower_char(narrow_char(simplified))
}

/// Folds a whole text; the result has exactly as many `char`s as the input.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    folded.extend(text.chars().map(fold_char));
    folded
}

/// Converts traditional characters to simplified ones, leaving everything else as written
/// (display form: no width or case change). One `char` for one `char`, without context,
/// so folding a fragment gives the same result as folding it inside a longer text.
pub fn to_simplified(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    text.chars().map(to_simplified_char).collect()
}

/// Traditional → simplified for one character (unchanged when it has no simplified form).
pub fn to_simplified_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    traditional_to_simplified().get(c)
}

/// Converts simplified characters to traditional ones (OpenCC's phrase-aware table), for
/// showing a name in the other script.
pub fn to_traditional(text: &str) -> String {
    hanconv::s2t(text)
}

/// The CJK blocks the folding table indexes directly: Extension A and the Unified
/// Ideographs, where nearly all traditional characters in news text are.
const CJK_FIRST: u32 = 0x3400;
const CJK_LAST: u32 = 0x9FFF;

fn in_cjk_blocks(c: char) -> bool {
    (CJK_FIRST..=CJK_LAST).contains(&(c as u32))
}

/// Traditional → simplified: a direct-indexed table over the CJK blocks (folding runs on
/// every character of every article, so no hashing there) and a map for the rest.
struct FoldTable {
    cjk: Vec<char>,
    other: HashMap<char, char>,
}

impl FoldTable {
    fn get(&self, c: char) -> char {
        if in_cjk_blocks(c) {
            self.cjk[(c as u32 - CJK_FIRST) as usize]
        } else {
            self.other.get(&c).copied().unwrap_or(c)
        }
    }
}

/// OpenCC's character table (traditional → first simplified candidate), built once, plus
/// the characters OpenCC leaves alone on their own but which news text uses as traditional
/// forms (瞭解 = 了解, 藉口 = 借口).
fn traditional_to_simplified() -> &'static FoldTable {
    static TABLE: OnceLock<FoldTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut pairs: HashMap<char, char> = hanconv::Dictionary::TSCharacters
            .iter()
            .filter_map(|(from, to)| Some((single_char(from)?, to.chars().next()?)))
            .filter(|(from, to)| from != to)
            .collect();
        pairs.extend([('瞭', '了'), ('藉', '借')]);
        let cjk = (CJK_FIRST..=CJK_LAST)
            .map(|u| char::from_u32(u).map_or('\u{FFFD}', |c| pairs.get(&c).copied().unwrap_or(c)))
            .collect();
        pairs.retain(|from, _| !in_cjk_blocks(*from));
        FoldTable { cjk, other: pairs }
    })
}

fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space become their
/// half-width forms.
fn narrow_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Lower case when that is a single character (keeps folding 1:1; `İ` stays as it is).
fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Punctuation and symbols (general, CJK, Latin-1) have no case: skip the table lookup.
    if matches!(c as u32, 0x80..=0xBF | 0x2000..=0x2BFF | 0x3000..=0x303F | 0xFF00..=0xFFEF) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Folds a name for lookups: folded, with the separators of transliterated names
/// (`·`, `‧`, `•`, `・`), spaces and ASCII dots removed, so 鮑里斯‧約翰遜 = 鲍里斯·约翰逊
/// and "Xi  Jinping" = "xi jinping" compare equal. Not 1:1: for keys, not for spans.
pub fn fold_name(name: &str) -> String {
    fold(name)
        .chars()
        .filter(|c| !matches!(c, '·' | '‧' | '•' | '・' | '.') && !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_a_fragment_equals_the_fragment_of_the_folded_text() {
        let text = "我們瞭解國際合作的重要";
        let folded = fold(text);
        assert_eq!(fold("瞭"), "了");
        assert!(folded.contains(&fold("國際")));
        assert_eq!(folded, "我们了解国际合作的重要");
    }

    #[test]
    fn simplified_text_is_left_alone() {
        for text in ["捍卫", "皇后", "发展", "习近平主席", "中欧投资协定"] {
            assert_eq!(to_simplified(text), text);
        }
    }
    use proptest::prelude::*;

    #[test]
    fn traditional_and_simplified_fold_to_the_same_text() {
        assert_eq!(fold("習近平"), fold("习近平"));
        assert_eq!(fold("國際合作"), "国际合作");
    }

    #[test]
    fn full_width_and_case_fold_away() {
        assert_eq!(fold("ＲＣＥＰ（Ｇ20）"), "rcep(g20)");
        assert_eq!(fold("Xi Jinping"), "xi jinping");
    }

    #[test]
    fn names_fold_without_separators_or_spaces() {
        assert_eq!(fold_name("鮑里斯‧約翰遜"), fold_name("鲍里斯·约翰逊"));
        assert_eq!(fold_name(" Xi  Jinping "), "xijinping");
    }

    #[test]
    fn simplified_display_form_keeps_width_and_case() {
        assert_eq!(to_simplified("賀南洪 RCEP"), "贺南洪 RCEP");
    }

    proptest! {
        #[test]
        fn folding_keeps_the_number_of_chars(text in "\\PC*") {
            prop_assert_eq!(fold(&text).chars().count(), text.chars().count());
        }
    }
}
