//! Quotation marks: “…” (mainland), 「…」 and 『…』 (Taiwan, Hong Kong), reversed ”…“, and
//! straight "…". A quotation stays inside its paragraph; an opening mark left unclosed
//! there is not a quotation.

/// A quotation: marks at `open` and `close - 1`, words in `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The opening mark.
    pub open: usize,
    /// First character of the words.
    pub start: usize,
    /// One past the last character of the words (the closing mark).
    pub end: usize,
    /// One past the closing mark.
    pub close: usize,
}

const PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('「', '」'),
    ('『', '』'),
    ('”', '“'),
    ('"', '"'),
];

/// The outermost quotations in `chars[from..to]` (one paragraph).
pub fn quotes_in(chars: &[char], from: usize, to: usize) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let Some(&(_, close_mark)) = PAIRS.iter().find(|(open, _)| *open == chars[i]) else {
            i += 1;
            continue;
        };
        let open_mark = chars[i];
        match matching_close(chars, i, to, open_mark, close_mark) {
            Some(end) if end > i + 1 => {
                out.push(Quote {
                    open: i,
                    start: i + 1,
                    end,
                    close: end + 1,
                });
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The closing mark for the opening one at `open`, allowing nested pairs of the same kind.
fn matching_close(
    chars: &[char],
    open: usize,
    to: usize,
    open_mark: char,
    close_mark: char,
) -> Option<usize> {
    if open_mark == close_mark || open_mark == '”' {
        return (open + 1..to).find(|&k| chars[k] == close_mark);
    }
    let mut depth = 0usize;
    for (k, c) in chars.iter().enumerate().take(to).skip(open + 1) {
        if *c == open_mark {
            depth += 1;
        } else if *c == close_mark {
            if depth == 0 {
                return Some(k);
            }
            depth -= 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        quotes_in(&chars, 0, chars.len())
            .iter()
            .map(|q| chars[q.start..q.end].iter().collect())
            .collect()
    }

    #[test]
    fn every_kind_of_mark_is_found() {
        assert_eq!(
            words("他说:“甲。”她说「乙。」又说『丙』"),
            ["甲。", "乙。", "丙"]
        );
        assert_eq!(words("反向”丁“与直引\"戊\""), ["丁", "戊"]);
    }

    #[test]
    fn nested_and_unclosed_marks() {
        assert_eq!(words("「外『內』外」"), ["外『內』外"]);
        assert!(words("“没有结束").is_empty());
        assert!(words("“”").is_empty());
    }
}
