//! Page chrome: the lines of a copied page that belong to the site, not to the article —
//! share, print and app-promotion widgets, cookie and privacy banners, lines in other
//! languages.

use super::outlet::is_cjk;

/// Words of share, print, comment and app-promotion widgets (simplified, compared folded;
/// short lines only).
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
    "打开app",
    "下载app",
    "app下载",
    "app icon",
    "查看更多",
];

/// Whether a line is page chrome.
#[cfg(test)]
fn is_chrome(line: &str) -> bool {
    chrome_in(line, &crate::fold::fold(line))
}

/// Whether a line is page chrome, given it folded too.
pub(super) fn chrome_in(line: &str, folded: &str) -> bool {
    let n = line.chars().count();
    (n <= 40 && WIDGET_MARKERS.iter().any(|m| folded.contains(m)) && !folded.contains('。'))
        || is_banner(folded)
        || is_foreign(line)
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
    // One pass: this runs on every line of the page, most of them long paragraphs.
    let (mut kana, mut has_cjk) = (0, false);
    for c in line.chars() {
        if matches!(c as u32, 0x3040..=0x30FF) {
            kana += 1;
        } else if is_cjk(c) {
            has_cjk = true;
        }
    }
    let quoted = line.starts_with(['「', '“', '『']);
    kana >= 5 || (!has_cjk && !quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widgets_banners_and_foreign_lines_are_chrome() {
        assert!(is_chrome("分享到:微博 微信"));
        assert!(is_chrome("打开某某App 查看更多图片"));
        assert!(is_chrome("本网站使用Cookie,继续浏览即表示您同意。"));
        assert!(is_chrome("本網站尊重使用者隱私,請同意我們的規範。"));
        assert!(is_chrome("Go to the English website"));
        assert!(is_chrome("このページは日本語版です。"));
        assert!(is_chrome("こちらは「日本語版」に移動しますか。"));
        assert!(is_chrome("Go to our English website, “Example\" ?"));
    }

    #[test]
    fn headlines_and_sentences_are_not_chrome() {
        assert!(!is_chrome("部长:两国将加强合作"));
        assert!(!is_chrome("部長表示,兩國將加強合作。"));
        assert!(!is_chrome("“Yes”"));
    }
}
