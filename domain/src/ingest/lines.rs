//! What each line of a raw article is.

use super::dates::find_header_date;
use super::meta::{self, Dateline};
use crate::fold::fold;

/// The role of one line.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// Site navigation (您当前的位置:首页 » 社会工作), with the last crumb.
    Breadcrumb(Option<String>),
    /// The headline.
    Title,
    /// A header line with the date and often the source.
    Dateline(Dateline),
    /// 本文转自【X】, 转载自X.
    Reprint(String),
    /// 编辑:X, 责任编辑:X.
    Editor(String),
    /// A line that only credits the publisher: (中央广播电视总台央视网).
    Credit(String),
    /// Share, print, comment and app-promotion widgets.
    Widget,
    /// The heading of a related-articles list (相关阅读, 相關焦點 …).
    RelatedHeading,
    /// Article text.
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

/// Fragments of share, print, comment and app-promotion widgets (short lines only).
const WIDGET_MARKERS: &[&str] = &[
    "分享到",
    "分享至",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "【字号",
    "字号:",
    "收藏本文",
    "我要评论",
    "发表评论",
    "下载客户端",
    "扫码下载",
    "【纠错】",
    "返回顶部",
    "微信扫",
    "用微信扫描",
    "阅读原文",
    "点击进入专题",
    "【打印】",
    "【关闭】",
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
    "凡本网注明",
];

/// Whether the copyright/disclaimer block starts at this line.
pub(super) fn is_footer_start(line: &str) -> bool {
    let folded = fold(line);
    FOOTER_MARKERS.iter().any(|m| folded.contains(m)) && line.chars().count() < 200
}

/// The text of a bulleted related-list line, without its bullet.
pub(super) fn strip_bullet(line: &str) -> Option<&str> {
    let rest =
        line.trim_start_matches(['•', '·', '●', '◆', '■', '▪', '▶', '►', '-', '*', '>', '・']);
    (rest.len() < line.len()).then(|| rest.trim())
}

fn is_related_heading(line: &str) -> bool {
    let folded = fold(line);
    let bare = folded.trim_matches(|c: char| !c.is_alphanumeric());
    RELATED_HEADINGS.iter().any(|h| {
        bare == *h || (bare.starts_with(h) && bare.chars().count() <= h.chars().count() + 4)
    })
}

fn is_widget(line: &str) -> bool {
    let folded = fold(line);
    line.chars().count() <= 30
        && WIDGET_MARKERS.iter().any(|m| folded.contains(m))
        && !folded.contains('。')
}

/// A breadcrumb: 您当前的位置:首页 » 社会工作, 当前位置：首页 > 国际 > 正文.
fn breadcrumb(line: &str) -> Option<Option<String>> {
    let folded = fold(line);
    let starts = [
        "您当前的位置",
        "当前位置",
        "您的位置",
        "你的位置",
        "位置:首页",
        "首页>",
        "首页»",
        "首页 >",
        "首页 »",
    ];
    if !starts.iter().any(|s| folded.starts_with(s)) || line.chars().count() > 80 {
        return None;
    }
    let crumbs: Vec<&str> = line
        .split(['»', '>', '＞', '›', '/', '|'])
        .map(|c| {
            c.trim()
                .trim_start_matches(|ch: char| ch != ':' && ch != '：' && !crumb_char(ch))
                .trim()
        })
        .collect();
    let last = crumbs
        .iter()
        .rev()
        .map(|c| c.rsplit([':', '：']).next().unwrap_or(c).trim())
        .find(|c| !c.is_empty() && *c != "正文" && *c != "首页" && !c.contains("位置"));
    Some(last.map(str::to_owned))
}

fn crumb_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether a line reads as a headline: short, no sentence-final full stop.
fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    (2..=100).contains(&n) && !line.ends_with('。') && !line.ends_with('：') && !line.ends_with(':')
}

/// Where classification stands: no article text seen yet, a title found, a date found.
#[derive(Debug, Clone, Copy)]
pub(super) struct Position {
    /// No article text seen yet.
    pub in_header: bool,
    /// A title was found.
    pub has_title: bool,
    /// A dateline was found.
    pub has_date: bool,
}

/// A dateline is short, not a sentence (no full stop, no quotation), and mostly its date:
/// besides it only a labelled source (来源:X) or an outlet's short name. A headline that
/// opens with a date (2021年3月15日外交部发言人…主持例行记者会) is not one.
fn looks_like_dateline(line: &str) -> bool {
    if line.chars().count() > 80 || line.contains(['。', '“', '「']) {
        return false;
    }
    let Some((_, range)) = find_header_date(line) else {
        return false;
    };
    let rest = format!("{} {}", &line[..range.start], &line[range.end..]);
    let labelled = [
        "来源", "來源", "来自", "來自", "作者", "编辑", "編輯", "发布", "發布", "时间", "時間",
        "日期",
    ]
    .iter()
    .any(|l| rest.contains(l));
    labelled
        || rest
            .split_whitespace()
            .all(|word| word.chars().count() <= 12)
}

/// Classifies a line.
pub(super) fn classify(line: &str, at: Position) -> Kind {
    let Position {
        in_header,
        has_title,
        has_date,
    } = at;
    if let Some(category) = breadcrumb(line) {
        return Kind::Breadcrumb(category);
    }
    if is_related_heading(line) && !in_header {
        return Kind::RelatedHeading;
    }
    if let Some(from) = meta::reprint(line) {
        return Kind::Reprint(from);
    }
    if let Some(name) = meta::editor(line) {
        return Kind::Editor(name);
    }
    if is_widget(line) {
        return Kind::Widget;
    }
    if in_header && !has_date && looks_like_dateline(line) {
        return Kind::Dateline(meta::dateline(line));
    }
    if in_header && !has_title && looks_like_title(line) {
        return Kind::Title;
    }
    if !in_header && let Some(name) = meta::credit(line) {
        return Kind::Credit(name);
    }
    Kind::Text
}
