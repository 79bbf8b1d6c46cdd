//! Quotation marks: “…” (mainland), 「…」 and 『…』 (Taiwan, Hong Kong), and two closing
//! marks used as a pair ”…” or reversed ”…“. Straight ASCII quotes are not quotation
//! marks (copies of pages use them for anything). A quotation stays inside its paragraph,
//! except that a quotation running over several paragraphs opens each of them and closes
//! only the last: an opening mark left unclosed whose paragraph ends a sentence is a
//! quotation to the paragraph's end.

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

const PAIRS: &[(char, char)] = &[('“', '”'), ('「', '」'), ('『', '』'), ('”', '“')];

/// The shortest unclosed quotation taken to run to its paragraph's end.
const MIN_OPEN_RUN: usize = 10;

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
            None if open_mark != '”' && runs_to_paragraph_end(chars, i, to) => {
                out.push(Quote {
                    open: i,
                    start: i + 1,
                    end: to,
                    close: to,
                });
                i = to;
            }
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

/// Paragraphs grouped so that a quotation opened in one paragraph and closed in a later one
/// that opens none (“…。 / 不过…。”) lies in one group; every other paragraph is its own.
pub fn quotation_units(chars: &[char], paragraphs: &[(usize, usize)]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::with_capacity(paragraphs.len());
    for &(start, end) in paragraphs {
        if let Some(unit) = units.last_mut()
            && left_open(chars, unit)
            && closes_before_opening(chars, start, end)
        {
            unit.range.1 = end;
            unit.quotes = quotes_in(chars, unit.range.0, end);
            continue;
        }
        units.push(Unit {
            range: (start, end),
            quotes: quotes_in(chars, start, end),
        });
    }
    units
}

/// Paragraphs read together, with their outermost quotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// `[start, end)` of the paragraphs.
    pub range: (usize, usize),
    /// Their outermost quotations.
    pub quotes: Vec<Quote>,
}

/// Whether the unit's last quotation runs to its end unclosed.
fn left_open(chars: &[char], unit: &Unit) -> bool {
    unit.quotes
        .last()
        .is_some_and(|q| q.close == unit.range.1 && PAIRS.iter().any(|(o, _)| *o == chars[q.open]))
}

/// Whether a closing mark comes in `[from, to)` before any opening one.
fn closes_before_opening(chars: &[char], from: usize, to: usize) -> bool {
    chars[from..to]
        .iter()
        .find(|c| PAIRS.iter().any(|(o, cl)| *c == o || *c == cl))
        .is_some_and(|c| matches!(c, '”' | '」' | '』'))
}

/// The closing mark for the opening one at `open`, allowing nested pairs of the same kind.
fn matching_close(
    chars: &[char],
    open: usize,
    to: usize,
    open_mark: char,
    close_mark: char,
) -> Option<usize> {
    if open_mark == '”' {
        return (open + 1..to).find(|&k| matches!(chars[k], '”' | '“'));
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
    // “…“: an opening mark typed for the closing one, before punctuation or the end.
    (open + 1..to).find(|&k| {
        chars[k] == open_mark
            && chars.get(k + 1).is_none_or(|c| {
                k + 1 == to || matches!(c, '。' | '，' | ',' | '；' | '！' | '？' | '\n')
            })
    })
}

/// An opening mark at `open` never closed in its paragraph `[.., to)` whose words make
/// sentences to the end: the first paragraph of a quotation that runs on.
fn runs_to_paragraph_end(chars: &[char], open: usize, to: usize) -> bool {
    let last = chars[open + 1..to]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace());
    let marks_after = chars[open + 1..to]
        .iter()
        .any(|c| PAIRS.iter().any(|(o, cl)| c == o || c == cl));
    to - open > MIN_OPEN_RUN && !marks_after && last.is_some_and(|c| super::doc::is_full_stop(*c))
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
        assert_eq!(words("反向”丁“与成对”戊”"), ["丁", "戊"]);
        assert!(words("直引\"己\"不算").is_empty());
        assert_eq!(words("警告“局势可能升级“。"), ["局势可能升级"]);
    }

    #[test]
    fn a_quotation_closed_in_the_next_paragraph_is_one_unit() {
        let text = "他说:“我们会继续努力,这是我们的责任。\n但是,有人歪曲了我的话。”\n另一段。";
        let chars: Vec<char> = text.chars().collect();
        let paragraphs = [(0, 20), (21, 34), (35, 39)];
        assert_eq!(chars[21], '但');
        let ranges = |units: Vec<Unit>| units.into_iter().map(|u| u.range).collect::<Vec<_>>();
        assert_eq!(
            ranges(quotation_units(&chars, &paragraphs)),
            [(0, 34), (35, 39)]
        );
        let quotes = quotes_in(&chars, 0, 34);
        assert_eq!(quotes.len(), 1);
        assert_eq!(chars[quotes[0].end], '”');
        // Each paragraph opening again: the convention for quotations that run on.
        let text = "“第一段讲完了这件事情的经过。\n“第二段也是他说的话。”";
        let chars: Vec<char> = text.chars().collect();
        let units = quotation_units(&chars, &[(0, 15), (16, 28)]);
        assert_eq!(ranges(units), [(0, 15), (16, 28)]);
    }

    #[test]
    fn nested_and_unclosed_marks() {
        assert_eq!(words("「外『內』外」"), ["外『內』外"]);
        assert!(words("“没有结束").is_empty());
        assert_eq!(
            words("他说:“这段话没有结束引号,下一段才结束。"),
            ["这段话没有结束引号,下一段才结束。"]
        );
        assert!(words("“”").is_empty());
    }
}
