//! Metadata lines: datelines with their source, reprint notes, editors, credit lines and
//! the hosting site named by a copyright block.

use super::dates::find_header_date;
use super::outlet::{cjk_count, outlet_shaped, strip_website};
use crate::model::PublishedAt;
use regex::Regex;
use std::sync::OnceLock;

/// What a dateline says.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Dateline {
    /// The publication time.
    pub published_at: Option<PublishedAt>,
    /// The source named beside it.
    pub source: Option<String>,
}

pub(super) fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| unreachable!("static pattern: {e}")))
}

/// Trims punctuation a name picks up from its surroundings.
fn tidy(name: &str) -> Option<String> {
    let name = name.trim_matches(|c: char| {
        c.is_whitespace() || "【】[]()（）:：;；,，。、「」“”\"'".contains(c)
    });
    (!name.is_empty() && name.chars().count() <= 40).then(|| name.to_owned())
}

/// A dateline: the date, and the source before or after it (来源:X, or the outlet's name).
pub(crate) fn dateline(line: &str) -> Dateline {
    let Some((published_at, range)) = find_header_date(line) else {
        return Dateline::default();
    };
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    let labelled = regex(
        &LABELLED,
        r"(?:来源|來源|来自|來自|出处|出處)\s*[:：]\s*([^\s【\[|｜]+)",
    );
    let source = labelled
        .captures(line)
        .and_then(|c| tidy(c.get(1)?.as_str()))
        .or_else(|| bare_outlet(&line[range.end..]))
        .or_else(|| bare_outlet(&line[..range.start]));
    Dateline {
        published_at: Some(published_at),
        source,
    }
}

/// An outlet's name standing alone beside a date: the first word, when it is shaped like
/// an outlet's name (so not a column title, a weekday, a time zone or an ad marker).
fn bare_outlet(text: &str) -> Option<String> {
    let first = text
        .split(|c: char| c.is_whitespace() || c == '|' || c == '｜')
        .find(|w| !w.is_empty())?;
    tidy(first).filter(|w| outlet_shaped(w))
}

/// 本文转自【人民日报-人民网】, 转载自X, 来源转自X.
pub(crate) fn reprint(line: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?:本文|本文章|文章)?(?:转|轉)(?:载|載)?(?:自|于|於)\s*[【\[]?([^】\]；;，,。\s]+)",
    );
    if line.chars().count() > 60 {
        return None;
    }
    re.captures(line).and_then(|c| tidy(c.get(1)?.as_str()))
}

/// 编辑:江楠, 责任编辑：X, 責任編輯:X (the first name given).
pub(crate) fn editor(line: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^[(（\[【]?\s*(?:责任编辑|責任編輯|编辑|編輯|责编|責編|主编|主編)\s*[:：]\s*([^\s)）\]】]+)",
    );
    if line.chars().count() > 60 {
        return None;
    }
    re.captures(line).and_then(|c| tidy(c.get(1)?.as_str()))
}

/// A line that only names the publisher in brackets: (中央广播电视总台央视网).
pub(crate) fn credit(line: &str) -> Option<String> {
    let inner = line
        .strip_prefix(['(', '（'])
        .and_then(|rest| rest.strip_suffix([')', '）']))?;
    let n = inner.chars().count();
    if (2..=30).contains(&n) && !inner.contains(['。', '，', ',', '(', '（']) {
        tidy(inner.split_whitespace().next()?)
    } else {
        None
    }
}

/// The site a copyright block belongs to: 凡本网注明“来源:X”, 版权均属于X, X · 版权所有,
/// 版权所有：X, Copyright © 2020 X. Ideographic names lose Latin words and a 网站 ending.
pub(crate) fn hosted_by(footer: &[&str]) -> Option<String> {
    static RES: OnceLock<[Regex; 5]> = OnceLock::new();
    let res = RES.get_or_init(|| {
        let compile =
            |p: &str| Regex::new(p).unwrap_or_else(|e| unreachable!("static pattern: {e}"));
        [
            compile(r#"凡本(?:网|網|站)(?:来源|來源)?注明\s*["“]?(?:来源|來源)?[:：]?\s*([^\s"”(（的]{2,30})"#),
            compile(r"(?:版权|版權)(?:均)?(?:属于|屬於|归|歸)\s*[:：©]?\s*([^\s(（,，。;；]+)"),
            compile(r"(?:版权所有|版權所有)\s*[:：©]\s*([^\s(（,，。;；]+)"),
            compile(r"([^\s·•|,，。;；:：]{2,20})\s*[·•|]?\s*(?:版权所有|版權所有)"),
            compile(r"(?i)copyright\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([^\]\[]+?)\s*(?:,?\s*all rights reserved|\]|$)"),
        ]
    });
    footer.iter().find_map(|line| {
        res.iter().find_map(|re| {
            let name = re.captures(line)?.get(1)?.as_str();
            let name = if cjk_count(name) > 0 {
                name.split_whitespace().find(|w| cjk_count(w) > 0)?
            } else {
                name
            };
            tidy(&strip_website(name)).filter(|n| !n.starts_with('本') && !n.starts_with('©'))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_name_their_source_labelled_or_bare() {
        assert_eq!(
            dateline("2021-01-07 11:19:16来源:央视网").source.as_deref(),
            Some("央视网")
        );
        assert_eq!(
            dateline("2020-12-17 環球網").source.as_deref(),
            Some("環球網")
        );
        assert_eq!(
            dateline("2020年12月17日 08:05 來源：聯合報")
                .source
                .as_deref(),
            Some("聯合報")
        );
        assert_eq!(dateline("2020-12-17 作者：张三").source, None);
        assert_eq!(dateline("專欄 | 2022-05-08 14:04").source, None);
        assert_eq!(dateline("2025-11-29 HKT 01:39").source, None);
        assert_eq!(dateline("2024年1月1日 星期一").source, None);
    }

    #[test]
    fn reprints_editors_and_credits() {
        assert_eq!(
            reprint("本文轉自【人民日報-人民網】;").as_deref(),
            Some("人民日報-人民網")
        );
        assert_eq!(reprint("转载自澎湃新闻").as_deref(), Some("澎湃新闻"));
        assert_eq!(editor("编辑:江楠  审编:admin").as_deref(), Some("江楠"));
        assert_eq!(editor("（責任編輯：王小明）").as_deref(), Some("王小明"));
        assert_eq!(
            credit("(中央广播电视总台央视网)").as_deref(),
            Some("中央广播电视总台央视网")
        );
        assert_eq!(credit("(他说,这是真的。)"), None);
    }

    #[test]
    fn copyright_blocks_name_the_hosting_site() {
        let footer = [
            "【版权及免责声明】",
            "1、凡本网来源注明的作品,版权均属于某某新闻网(EXAMPLE.CN),未经授权不得转载。",
        ];
        assert_eq!(hosted_by(&footer).as_deref(), Some("某某新闻网"));
        assert_eq!(
            hosted_by(&["某某報網站 · 版權所有 · 不得轉載"]).as_deref(),
            Some("某某報")
        );
        assert_eq!(
            hosted_by(&["Copyright © 2011 某某日报数字报 Corporation, All Rights Reserved"])
                .as_deref(),
            Some("某某日报数字报")
        );
        assert_eq!(
            hosted_by(&["[Copyright Example Press, Ltd.]"]).as_deref(),
            Some("Example Press, Ltd.")
        );
        assert_eq!(
            hosted_by(&["- 凡本网注明\"来源:某某新闻网的所有作品,版权均属于某某网"]).as_deref(),
            Some("某某新闻网")
        );
    }
}
