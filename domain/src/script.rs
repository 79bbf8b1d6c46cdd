//! Which script a text is written in: simplified, traditional, or a mix of both.

use crate::fold::to_simplified_char;
use std::sync::OnceLock;

/// The Chinese script of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Simplified characters (mainland, Singapore, Malaysia), or no traditional-only ones.
    Hans,
    /// Traditional characters (Taiwan, Hong Kong, Macau, many overseas outlets).
    Hant,
    /// Both scripts in significant amounts.
    Mixed,
}

impl Script {
    /// The stored and wire name: `hans`, `hant` or `mixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Hans => "hans",
            Script::Hant => "hant",
            Script::Mixed => "mixed",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "hans" => Some(Script::Hans),
            "hant" => Some(Script::Hant),
            "mixed" => Some(Script::Mixed),
            _ => None,
        }
    }

    /// Detects the script by counting characters that exist only in one script.
    /// A share of at most 10% of the other script's markers still counts as one script:
    /// characters such as 后 or 台 are simplified forms that traditional text uses too.
    pub fn detect(text: &str) -> Script {
        let (mut traditional, mut simplified) = (0usize, 0usize);
        for c in text.chars() {
            if to_simplified_char(c) != c {
                traditional += 1;
            } else if is_simplified_only(c) {
                simplified += 1;
            }
        }
        Script::from_counts(traditional, simplified)
    }

    /// The same counts for texts already folded (`folded[i]` is `orig[i]` folded), added up
    /// over several texts: no character is looked up twice.
    pub fn detect_folded(texts: &[(&[char], &[char])]) -> Script {
        let (mut traditional, mut simplified) = (0usize, 0usize);
        for (orig, folded) in texts {
            for (c, f) in orig.iter().zip(folded.iter()) {
                let cjk = (CJK_FIRST..=CJK_LAST).contains(&(*c as u32));
                if cjk && c != f {
                    traditional += 1;
                } else if is_simplified_only(*c) {
                    simplified += 1;
                }
            }
        }
        Script::from_counts(traditional, simplified)
    }

    fn from_counts(traditional: usize, simplified: usize) -> Script {
        let marked = traditional + simplified;
        if traditional * 10 <= marked {
            Script::Hans
        } else if simplified * 10 <= marked {
            Script::Hant
        } else {
            Script::Mixed
        }
    }
}

/// Whether `c`'s first traditional form is another character (发 → 發): seeing it marks a
/// text as simplified. Characters both scripts share (后, 家, 表) are not such.
fn is_simplified_only(c: char) -> bool {
    let u = c as u32;
    (CJK_FIRST..=CJK_LAST).contains(&u) && simplified_only()[(u - CJK_FIRST) as usize]
}

const CJK_FIRST: u32 = 0x3400;
const CJK_LAST: u32 = 0x9FFF;

/// One flag per character of the CJK blocks, built once from OpenCC's table.
fn simplified_only() -> &'static [bool] {
    static FLAGS: OnceLock<Vec<bool>> = OnceLock::new();
    FLAGS.get_or_init(|| {
        let mut flags = vec![false; (CJK_LAST - CJK_FIRST + 1) as usize];
        for (from, to) in hanconv::Dictionary::STCharacters.iter() {
            let mut from_chars = from.chars();
            let (Some(c), None, Some(traditional)) =
                (from_chars.next(), from_chars.next(), to.chars().next())
            else {
                continue;
            };
            let u = c as u32;
            if traditional != c && (CJK_FIRST..=CJK_LAST).contains(&u) {
                flags[(u - CJK_FIRST) as usize] = true;
            }
        }
        flags
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_script_and_mixtures() {
        assert_eq!(Script::detect("国家主席习近平发表讲话"), Script::Hans);
        assert_eq!(Script::detect("國家主席習近平發表講話"), Script::Hant);
        assert_eq!(
            Script::detect("国家主席习近平 國家主席習近平發表講話发表讲话"),
            Script::Mixed
        );
        assert_eq!(Script::detect("RCEP 2020"), Script::Hans);
    }

    #[test]
    fn counting_folded_text_agrees_with_counting_raw_text() {
        for text in [
            "国际合作",
            "國際合作",
            "国际合作 國際合作",
            "部長表示:ＲＣＥＰ",
            "Hello",
        ] {
            let orig: Vec<char> = text.chars().collect();
            let folded: Vec<char> = crate::fold::fold(text).chars().collect();
            assert_eq!(
                Script::detect_folded(&[(&orig, &folded)]),
                Script::detect(text),
                "{text}"
            );
        }
    }

    #[test]
    fn stored_names_round_trip() {
        for s in [Script::Hans, Script::Hant, Script::Mixed] {
            assert_eq!(Script::parse(s.as_str()), Some(s));
        }
    }
}
