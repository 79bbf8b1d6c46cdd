//! What each line of a raw article is: a table of recognisers, tried in order, each
//! naming one kind of line the way news pages are built (breadcrumbs, datelines, bylines,
//! captions, page chrome …). What is left is article text.

use super::chrome::chrome_in;
use super::dates::find_header_date;
use super::meta::{self, Dateline};
use super::outlet::{cjk_count, outlet_shaped};
use crate::fold::fold;
use crate::words::WordList;
use std::sync::LazyLock;

/// One non-empty line of the page and what it is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line<'a> {
    /// The line, trimmed.
    pub text: &'a str,
    /// What it is.
    pub kind: Kind,
}

/// The role of one line.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// Site navigation (您当前的位置:首页 » 社会工作): the last crumb and the site's name
    /// when the first crumb is one.
    Breadcrumb {
        /// The last crumb.
        category: Option<String>,
        /// The site named by the first crumb.
        site: Option<String>,
    },
    /// A line that is mostly a date, often with the source.
    Dateline(Dateline),
    /// 来源:X on its own.
    Source(String),
    /// 本文转自【X】, 转载自X.
    Reprint(String),
    /// 编辑:X, 责任编辑:X.
    Editor(String),
    /// A line that only credits the publisher: (中央广播电视总台央视网).
    Credit(String),
    /// Widgets, banners, navigation: not part of the article.
    Chrome,
    /// The heading of a related-articles list (相关阅读, 相關焦點 …).
    RelatedHeading,
    /// 原标题:X, the headline the item had at its first publication.
    OriginalTitle,
    /// A photo caption or credit (… 某某社图, (图片来源:X)).
    Caption,
    /// A byline or signature: 记者 X, X 综合报道 / 台北, X Y 编译.
    Byline,
    /// Article text (or a heading).
    Text,
}

/// Headings that start a list of other articles (compared folded).
const RELATED_HEADINGS: &[&str] = &[
    "相关焦点",
    "相关阅读",
    "延伸阅读",
    "相关新闻",
    "相关链接",
    "相关报道",
    "相关文章",
    "更多阅读",
    "推荐阅读",
    "热门推荐",
    "猜你喜欢",
    "更多精彩",
    "往期回顾",
    "相关推荐",
    "热点推荐",
    "相关专题",
    "更多新闻",
    "阅读更多",
    "热门文章",
    "精彩推荐",
];

/// Markers of the copyright and disclaimer block that closes a page.
const FOOTER_MARKERS: &[&str] = &[
    "版权及免责声明",
    "版权声明",
    "免责声明",
    "版权所有",
    "copyright",
    "©",
    "本网站所有内容",
    "未经授权禁止转载",
    "未经许可不得转载",
    "非经授权",
    "凡本网注明",
];

/// Labels that open a breadcrumb.
const POSITION_LABELS: &[&str] = &[
    "您当前的位置",
    "您现在的位置",
    "当前位置",
    "您的位置",
    "你的位置",
];

/// Crumbs that are navigation words, not a site's name.
const NAV_WORDS: &[&str] = &["首页", "正文", "主页", "网站首页", "新闻首页"];

/// The recognisers, in the order they are tried; each gets the line as written and folded
/// (folded once per line: folding is most of what recognising costs).
const RECOGNISERS: &[fn(&str, &str) -> Option<Kind>] = &[
    breadcrumb,
    |_, f| original_title(f),
    |l, _| meta::reprint(l).map(Kind::Reprint),
    |l, _| meta::editor(l).map(Kind::Editor),
    |l, _| looks_like_dateline(l).then(|| Kind::Dateline(meta::dateline(l))),
    source_line,
    |_, f| is_related_heading(f).then_some(Kind::RelatedHeading),
    |l, f| chrome_in(l, f).then_some(Kind::Chrome),
    |_, f| is_caption(f).then_some(Kind::Caption),
    |l, _| meta::credit(l).map(Kind::Credit),
    |l, f| is_byline(l, f).then_some(Kind::Byline),
];

/// Classifies a line.
#[cfg(test)]
pub(super) fn classify(line: &str) -> Kind {
    classify_folded(line, &fold(line))
}

/// Classifies a line, given it folded too.
pub(super) fn classify_folded(line: &str, folded: &str) -> Kind {
    RECOGNISERS
        .iter()
        .find_map(|recognise| recognise(line, folded))
        .unwrap_or(Kind::Text)
}

/// Whether the copyright/disclaimer block starts at this line (given as written and folded).
pub(super) fn is_footer_start(line: &str, folded: &str) -> bool {
    static MARKERS: LazyLock<WordList> = LazyLock::new(|| WordList::new(FOOTER_MARKERS));
    line.chars().count() < 200 && MARKERS.any_in(folded)
}

/// The text of a bulleted related-list line, without its bullet.
pub(super) fn strip_bullet(line: &str) -> Option<&str> {
    let rest =
        line.trim_start_matches(['•', '·', '●', '◆', '■', '▪', '▶', '►', '-', '*', '>', '・']);
    (rest.len() < line.len()).then(|| rest.trim())
}

fn is_related_heading(folded: &str) -> bool {
    let bare = folded.trim_matches(|c: char| !c.is_alphanumeric());
    let n = bare.chars().count();
    RELATED_HEADINGS
        .iter()
        .any(|h| bare == *h || (bare.starts_with(h) && n <= h.chars().count() + 4))
        || (bare.starts_with("更多") && (4..=8).contains(&n))
}

/// A breadcrumb: 您当前的位置:首页 » 社会工作, 某某网 > 国际 > 正文. Crumbs are short; a
/// line of them names a navigation word or has several separators.
fn breadcrumb(line: &str, folded: &str) -> Option<Kind> {
    let labelled = POSITION_LABELS.iter().any(|s| folded.starts_with(s));
    let crumbs: Vec<&str> = line.split(['»', '>', '＞', '›']).map(str::trim).collect();
    let navigational =
        crumbs.len() >= 3 || (crumbs.len() == 2 && NAV_WORDS.iter().any(|w| folded.contains(w)));
    let short = crumbs.iter().all(|c| c.chars().count() <= 25);
    if line.chars().count() > 80 || !(labelled || (navigational && short)) {
        return None;
    }
    let after_label = |c: &str| c.rsplit([':', '：']).next().unwrap_or(c).trim().to_owned();
    let first = crumbs.first().map(|c| after_label(c)).unwrap_or_default();
    let first = first.trim_start_matches("logo").trim();
    let site = outlet_shaped(first).then(|| first.to_owned());
    let category = crumbs
        .iter()
        .skip(1)
        .rev()
        .map(|c| after_label(c))
        .find(|c| !c.is_empty() && !NAV_WORDS.contains(&fold(c).as_str()) && !c.contains("位置"));
    Some(Kind::Breadcrumb { category, site })
}

/// 原标题:X, (原标题:X): the first publication's headline, not this page's.
fn original_title(folded: &str) -> Option<Kind> {
    let bare = folded.trim_start_matches(['(', '【', '[']);
    (bare.starts_with("原标题") || bare.starts_with("原题")).then_some(Kind::OriginalTitle)
}

/// 来源:X standing alone (新闻来源:X).
fn source_line(line: &str, folded: &str) -> Option<Kind> {
    let at = ["来源:", "来源 :", "来自:"]
        .iter()
        .find_map(|l| folded.find(l))?;
    // Folding keeps the number of characters, not of bytes: go back by characters.
    let label_chars = folded[..at].chars().count();
    if line.chars().count() > 30 || label_chars > 4 {
        return None;
    }
    let from = line.char_indices().nth(label_chars).map_or(0, |(i, _)| i);
    let name = line[from..]
        .split_once([':', '：'])
        .map(|(_, rest)| rest.trim())?;
    let name = name.split_whitespace().next()?;
    (cjk_count(name) + name.len() >= 2).then(|| Kind::Source(name.to_owned()))
}

/// A photo caption or credit: ends in a credit (… 某某社图, … 记者 某某摄), or in a
/// bracketed one ((图片来源:X), (某某社图)); a headline's (视频/图) or (组图) is not one.
fn is_caption(folded: &str) -> bool {
    let last_word = folded.rsplit(char::is_whitespace).next().unwrap_or("");
    let spaced_credit = folded.contains(char::is_whitespace)
        && last_word.chars().count() <= 10
        && (last_word.ends_with('图') || last_word.ends_with('摄'));
    let bracketed = folded
        .strip_suffix(')')
        .and_then(|head| head.rsplit_once('('))
        .is_some_and(|(_, inside)| {
            ["图片来源", "摄", "资料图", "截图", "供图"]
                .iter()
                .any(|w| inside.contains(w))
                || (inside.ends_with('图') && !inside.contains('/') && inside.chars().count() >= 3)
        });
    spaced_credit || bracketed
}

/// A byline or signature line: 记者 X, 文/X, X 综合报道 / 台北, X Y 编译.
fn is_byline(line: &str, folded: &str) -> bool {
    if line.chars().count() > 30 || folded.contains('。') {
        return false;
    }
    // 记者 王明, 作者:王明, 文/王明, 记者王明/台北报导 — not a sentence opening 记者了解到.
    let opens = ["记者", "作者", "撰文", "文"].iter().any(|w| {
        folded.strip_prefix(w).is_some_and(|rest| {
            rest.starts_with([' ', ':', '/']) || (rest.contains('/') && !rest.contains(','))
        })
    });
    let signed = folded
        .split(['/', '／'])
        .next()
        .map(str::trim_end)
        .is_some_and(|head| {
            head.contains(' ')
                && ["综合报道", "综合报导", "编译", "报道", "报导", "撰文"]
                    .iter()
                    .any(|w| head.ends_with(w))
        });
    opens || signed
}

/// A dateline is short, not a sentence (no full stop, no quotation), and mostly its date:
/// besides it only labels (来源, 发布), an outlet's short name, times and Latin words. A
/// headline that opens with a date (2021年3月15日外交部发言人…主持例行记者会) or ends with one
/// in brackets (某某晚间新闻(2025年9月19日)) is not one.
fn looks_like_dateline(line: &str) -> bool {
    if line.chars().count() > 80 || line.contains(['。', '“', '「']) {
        return false;
    }
    let Some((_, range)) = find_header_date(line) else {
        return false;
    };
    let before = &line[..range.start];
    let after = &line[range.end..];
    if before.ends_with(['(', '（']) && cjk_count(before) >= 2 && after.starts_with([')', '）']) {
        return false;
    }
    let rest = format!("{before} {after}");
    let labelled = [
        "来源", "來源", "来自", "來自", "作者", "编辑", "編輯", "发布", "發布", "时间", "時間",
        "日期",
    ]
    .iter()
    .any(|l| rest.contains(l));
    labelled
        || rest
            .split(|c: char| c.is_whitespace() || c == '|')
            .all(|word| word.is_ascii() || word.chars().count() <= 12)
}

#[cfg(test)]
#[path = "lines_tests.rs"]
mod tests;
