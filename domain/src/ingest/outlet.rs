//! Outlet names: what a news outlet's name looks like, and where pages write one (lead
//! tags such as 【X专讯】 or X北京1月2日电, signatures, site suffixes of the
//! headline, comment-policy footers, "via X" channel phrases).

use super::meta::regex;
use crate::fold::fold;
use regex::Regex;
use std::sync::OnceLock;

/// Endings of outlet names, simplified (compared folded): agencies, papers, sites,
/// stations, channels and magazines.
const OUTLET_ENDINGS: &[&str] = &[
    "社", "网", "报", "台", "新闻", "之声", "电视", "频道", "传媒", "媒体", "周刊", "杂志", "在线",
    "资讯", "日报", "时报",
];

/// Ways an outlet refers to itself without its name (本报讯, 本网讯): no name to keep.
const SELF_REFERENCES: &[&str] = &["本报", "本网", "本台", "本社", "本刊", "本站"];

/// Topic and section words that, with 新闻 or 频道, name a page section (国际新闻,
/// 即时新闻, 财经频道), not an outlet.
const SECTION_HEADS: &[&str] = &[
    "国际", "国内", "社会", "财经", "体育", "娱乐", "科技", "即时", "最新", "热门", "突发", "图片",
    "视频", "头条", "要闻", "地方", "本地", "两岸", "港澳", "军事", "时政", "政治", "经济", "文化",
    "健康", "教育", "综合", "滚动", "焦点", "今日", "每日", "晚间", "早间", "午间",
];

/// Whether a name is a section of a site: 国际新闻, 财经频道.
fn section_name(folded: &str) -> bool {
    ["新闻", "频道"].iter().any(|e| {
        folded
            .strip_suffix(e)
            .is_some_and(|head| SECTION_HEADS.contains(&head))
    })
}

/// Whether a name is shaped like an outlet's: 2 to 15 characters, mostly ideographs,
/// ending in an outlet word (社, 网, 报, 台, 新闻 …), not a self-reference.
pub(super) fn outlet_shaped(name: &str) -> bool {
    let folded = fold(name);
    let n = folded.chars().count();
    (2..=15).contains(&n)
        && cjk_count(name) >= 2
        && !folded.contains(|c: char| c.is_whitespace() || "，,。:：;；、()（）".contains(c))
        && OUTLET_ENDINGS
            .iter()
            .any(|e| folded.ends_with(e) && folded.len() > e.len())
        && !SELF_REFERENCES.iter().any(|s| folded.starts_with(s))
        && !folded.starts_with(['据', '在', '向', '对', '从', '由', '经'])
        && !section_name(&folded)
}

/// The shortest leading part of `text` that is an outlet's name: 新华社 in 新华社北京,
/// 联合早报 in 联合早报网讯, 德国之声 in 德国之声中文网.
pub(super) fn outlet_prefix(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    (2..=chars.len().min(15))
        .map(|n| chars[..n].iter().collect::<String>())
        .find(|p| outlet_shaped(p))
}

/// Number of CJK ideographs in a text.
pub(super) fn cjk_count(text: &str) -> usize {
    text.chars().filter(|&c| is_cjk(c)).count()
}

/// Whether a character is a CJK ideograph.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Whether two names are the same outlet: equal when folded, or one contains the other
/// (央视网 and 中央广播电视总台央视网).
pub(super) fn same_outlet(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    a.contains(&b) || b.contains(&a)
}

/// A site's name as a headline suffix writes it: the ideographic words when there are
/// any (中国报 in "中国报 China Press"), else the whole (RTHK).
pub(super) fn site_name(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw
        .split_whitespace()
        .filter(|w| cjk_count(w) > 0)
        .collect();
    let name = if words.is_empty() {
        raw.trim().to_owned()
    } else {
        words.join(" ")
    };
    let name = strip_website(&name);
    let site_like = if words.is_empty() {
        name.chars().any(|c| c.is_ascii_alphabetic())
    } else {
        words
            .iter()
            .any(|w| outlet_shaped(&strip_website(w)) || outlet_shaped(w))
    };
    (site_like && !name.is_empty() && name.chars().count() <= 30).then_some(name)
}

/// Drops a trailing 网站/中文网 ("the website of X"), leaving the outlet: 明报网站 → 明报.
pub(super) fn strip_website(name: &str) -> String {
    for ending in ["網站", "网站"] {
        if let Some(head) = name.strip_suffix(ending)
            && head.chars().count() >= 2
        {
            return head.to_owned();
        }
    }
    name.to_owned()
}

/// A tag in corner brackets naming the outlet: 【环球时报综合报道】, 【星岛专讯】,
/// 【欧洲时报12月7日某某编译】, 【KTSF】. City-and-day tags (【北京1日讯】) name none.
pub(super) fn bracket_tag(inner: &str) -> Option<String> {
    let inner = inner.trim();
    if let Some(name) = outlet_prefix(inner) {
        return Some(name);
    }
    let folded = fold(inner);
    if let Some(head) = folded.strip_suffix("专讯") {
        let n = head.chars().count();
        return (n >= 2 && !head.contains(|c: char| c.is_ascii_digit()))
            .then(|| inner.chars().take(n).collect());
    }
    let acronym = (2..=6).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_uppercase());
    acronym.then(|| inner.to_owned())
}

/// The outlet a lead paragraph opens with: 【X综合报道】, (X记者 Y 台北29日电), (X网讯),
/// X北京1月2日电, X5月21日报道, X讯, X报道: — only the outlet, not the city or date.
/// `bracketed_only` leaves out the unbracketed forms, which later paragraphs use to cite.
pub(super) fn lead_outlet(paragraph: &str, bracketed_only: bool) -> Option<String> {
    static BRACKET: OnceLock<Regex> = OnceLock::new();
    static DISPATCH: OnceLock<Regex> = OnceLock::new();
    let head: String = paragraph.chars().take(40).collect();
    if let Some(c) = regex(&BRACKET, r"^[【\[(（]([^】\])）]{2,30})[】\])）]").captures(&head)
    {
        return bracket_tag(c.get(1)?.as_str());
    }
    if bracketed_only {
        return None;
    }
    // An outlet, then at most a city, a person's name or a day, then the dispatch word.
    let stop = head
        .find(|c: char| c.is_whitespace() || "，,。:：、(（【".contains(c))
        .unwrap_or(head.len());
    regex(&DISPATCH, r"电|電|讯|訊|报道|報導|报导|编译|編譯")
        .find_iter(&head[..stop])
        .find_map(|m| {
            let before = &head[..m.start()];
            let name = outlet_prefix(before)?;
            let gap = &before[name.len()..];
            // "X报道," cites X; "X5月21日报道" and "X报道:" are X's own dispatch.
            let reported = ["报道", "報導", "报导"].contains(&m.as_str());
            let own = !reported || gap.contains('日') || head[m.end()..].starts_with([':', '：']);
            (own && dateline_gap(gap)).then_some(name)
        })
}

/// What may stand between an outlet and its dispatch word: a city or a name, a day
/// (北京1月2日, 李某), 综合; nothing bracketed or sentence-like.
fn dateline_gap(gap: &str) -> bool {
    static GAP: OnceLock<Regex> = OnceLock::new();
    regex(
        &GAP,
        r"^\p{Han}{0,8}?(?:\d{1,2}\s*月)?(?:\d{1,2}\s*日)?(?:综合|綜合)?$",
    )
    .is_match(gap)
}

/// A credit line at the end of a story: "X 某某 编译", "X 记者 某某".
pub(super) fn signature_outlet(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let last = fold(words.last()?);
    let signed = ["编译", "报道", "报导", "撰文", "记者"]
        .iter()
        .any(|w| last.ends_with(w));
    (signed && words.len() >= 2 && line.chars().count() <= 30)
        .then(|| words[0])
        .filter(|w| outlet_shaped(w))
        .map(str::to_owned)
}

/// The site named by a comment policy: 网友跟帖…并不表明X同意其观点, 不代表X立场.
pub(super) fn comment_policy_site(line: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?:并不|並不|不)(?:表明|代表|表示)([^\s，,。、]{2,12}?)(?:同意|赞同|贊同|的立场|的立場|立场|立場)",
    );
    let policy = ["网友", "跟帖", "评论", "留言", "作者", "本文", "文章"];
    let name = re.captures(line)?.get(1)?.as_str();
    let folded_line = fold(line);
    if !policy.iter().any(|w| folded_line.contains(w)) {
        return None;
    }
    let folded = fold(name);
    (!SELF_REFERENCES.iter().any(|s| folded.starts_with(s)) && cjk_count(name) >= 2)
        .then(|| name.to_owned())
}

/// The broadcaster a bulletin's heading names: SBS晚間新聞(…), SBS 廣東話晚間新聞, X电视台午间新闻:
/// a station's name, a language at most, then the bulletin.
pub(super) fn bulletin_outlet(line: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^([A-Z][A-Za-z0-9]{1,7}|\p{Han}{2,8}?(?:电视台|電視台|电台|電台|广播|廣播))\s*(?:\p{Han}{1,3}(?:话|話|语|語))?\s*(?:晚间|晚間|早间|早間|午间|午間|夜间|夜間)(?:新闻|新聞)",
    );
    re.captures(line.trim()).map(|c| c[1].to_owned())
}

/// The channel a text says it came through: 通过X用中文…, 通过X App向大家….
pub(super) fn channel_outlet(line: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?:通过|通過)([^\s，,。、“”「」]{2,12}?)\s*(App|APP|app|客户端|客戶端)?(?:用|向|为|為|给|給|发|發|送)",
    );
    re.captures_iter(line).find_map(|c| {
        let name = c.get(1)?.as_str();
        (outlet_shaped(name) || (c.get(2).is_some() && cjk_count(name) >= 2))
            .then(|| name.to_owned())
    })
}

#[cfg(test)]
#[path = "outlet_tests.rs"]
mod tests;
