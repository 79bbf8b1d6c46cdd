//! Page chrome: the lines of a copied page that belong to the site, not to the article —
//! share and print widgets, pagers, skip links, app and ad prompts, cookie and privacy
//! banners, navigation bars, lines in other languages, clock and hotline widgets.

use super::outlet::cjk_count;
use crate::fold::fold;

/// Words of share, print, pager, search, app-promotion, accessibility and ad widgets
/// (simplified, compared folded; short lines only).
const WIDGET_MARKERS: &[&str] = &[
    "分享到",
    "分享至",
    "分享工具",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "【字号",
    "字号:",
    "字体:",
    "收藏本文",
    "收藏文章",
    "我要评论",
    "发表评论",
    "下载客户端",
    "扫码下载",
    "【纠错】",
    "返回顶部",
    "微信扫",
    "用微信扫描",
    "阅读原文",
    "阅读全文",
    "点击进入专题",
    "【打印】",
    "【关闭】",
    "语音播报",
    "上一篇",
    "下一篇",
    "上一期",
    "下一期",
    "上一版",
    "下一版",
    "站内搜索",
    "站内高级搜索",
    "高级搜索",
    "打开app",
    "下载app",
    "app下载",
    "app icon",
    "查看更多",
    "无障碍链接",
    "无障碍浏览",
    "登录",
    "跳转至",
    "跳转到",
    "进入菜单",
    "进入原文",
    "我是广告",
    "请继续往下阅读",
    "新闻热线",
    "联络我们",
    "联系我们",
    "关于我们",
    "登广告",
    "手机查看",
    "点击 可阅读",
];

/// Whole lines that are ad or section markers.
const MARKER_LINES: &[&str] = &["advertisement", "广告", "下载", "登录", "分享", "目录"];

/// Weekday names a date widget prints on their own line.
const WEEKDAYS: &[&str] = &["星期", "周", "礼拜"];

/// Whether a line is page chrome.
pub(super) fn is_chrome(line: &str) -> bool {
    let folded = fold(line);
    let n = line.chars().count();
    let bare = folded.trim_matches(|c: char| !c.is_alphanumeric());
    (n <= 40 && WIDGET_MARKERS.iter().any(|m| folded.contains(m)) && !folded.contains('。'))
        || MARKER_LINES.contains(&bare)
        || is_banner(&folded)
        || is_foreign(line)
        || is_weekday(bare)
        || is_nav_bar(line)
        || is_hotline(line)
}

/// A cookie or privacy banner: cookies or privacy, and consent.
fn is_banner(folded: &str) -> bool {
    (folded.contains("cookie") || folded.contains("隐私"))
        && ["同意", "接受", "规范", "政策", "继续浏览"]
            .iter()
            .any(|w| folded.contains(w))
        && folded.chars().count() <= 200
}

/// A line with no Chinese in it (English or Japanese chrome, counters, IP addresses), unless
/// it is a quotation.
fn is_foreign(line: &str) -> bool {
    let kana = line
        .chars()
        .filter(|c| matches!(*c as u32, 0x3040..=0x30FF))
        .count();
    let quoted = line.starts_with(['「', '“', '『']);
    kana >= 5 || (cjk_count(line) == 0 && !quoted)
}

/// A weekday on its own: 星期三, 周五.
fn is_weekday(bare: &str) -> bool {
    let n = bare.chars().count();
    (2..=3).contains(&n)
        && WEEKDAYS.iter().any(|w| bare.starts_with(w))
        && bare.ends_with(['一', '二', '三', '四', '五', '六', '日', '天'])
}

/// A navigation bar: several links separated by |, each a few characters.
fn is_nav_bar(line: &str) -> bool {
    let parts: Vec<&str> = line.split(['|', '｜']).collect();
    parts.len() >= 3 && parts.iter().all(|p| p.trim().chars().count() <= 30)
}

/// A hotline or contact widget: a short line with a telephone number.
fn is_hotline(line: &str) -> bool {
    let digits_run = line
        .split(|c: char| !c.is_ascii_digit() && c != '-')
        .any(|w| w.contains('-') && w.chars().filter(char::is_ascii_digit).count() >= 9);
    digits_run && line.chars().count() <= 30
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widgets_banners_and_foreign_lines_are_chrome() {
        assert!(is_chrome("分享到:微博 微信"));
        assert!(is_chrome("第3版 上一期 下一期"));
        assert!(is_chrome("打开某某App 查看更多图片"));
        assert!(is_chrome("無障礙鏈接"));
        assert!(is_chrome("1. 跳轉至內容"));
        assert!(is_chrome("我是廣告 請繼續往下閱讀"));
        assert!(is_chrome("ADVERTISEMENT"));
        assert!(is_chrome("本网站使用Cookie,继续浏览即表示您同意。"));
        assert!(is_chrome("本網站尊重使用者隱私,請同意我們的規範。"));
        assert!(is_chrome("Go to the English website"));
        assert!(is_chrome("このページは日本語版です。"));
        assert!(is_chrome("こちらは「日本語版」に移動しますか。"));
        assert!(is_chrome("Go to our English website, “Example\" ?"));
        assert!(is_chrome("星期三"));
        assert!(is_chrome("首页 | 国内 | 国际 | 财经"));
        assert!(is_chrome("新闻热线 010-12345678"));
    }

    #[test]
    fn headlines_and_sentences_are_not_chrome() {
        assert!(!is_chrome("部长:两国将加强合作"));
        assert!(!is_chrome("部長表示,兩國將加強合作。"));
        assert!(!is_chrome("“Yes”"));
        assert!(!is_chrome("周末"));
        assert!(!is_chrome("联播+|部长:两国是好邻居"));
    }
}
