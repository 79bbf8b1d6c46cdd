//! Metadata lines: datelines with their source, reprint notes, editors, credit lines, the
//! hosting site named by a copyright block, and sources named in a lead's first words.

use super::dates::find_header_date;
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

/// News agencies and outlets that open a lead with "X电" or "X讯" (simplified; compared folded).
const AGENCIES: &[&str] = &[
    "新华社",
    "新華社",
    "中新社",
    "中新网",
    "中新網",
    "中央社",
    "人民网",
    "人民網",
    "央视新闻",
    "央視新聞",
    "路透社",
    "法新社",
    "美联社",
    "美聯社",
    "共同社",
    "塔斯社",
    "韩联社",
    "韓聯社",
    "彭博社",
    "环球网",
    "環球網",
    "中国日报网",
    "中國日報網",
    "联合早报",
    "聯合早報",
];

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
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

/// An outlet's name standing alone beside a date: short, no sentence punctuation, not a
/// label such as 作者 or 编辑.
fn bare_outlet(text: &str) -> Option<String> {
    let text = text.trim();
    let first = text.split_whitespace().next()?;
    let labels = [
        "作者",
        "编辑",
        "編輯",
        "责任编辑",
        "發布",
        "发布",
        "浏览",
        "瀏覽",
        "阅读",
        "閱讀",
        "字号",
        "字號",
    ];
    if labels.iter().any(|l| first.contains(l)) || first.contains(['。', '，', ',']) {
        return None;
    }
    let n = first.chars().count();
    if (2..=20).contains(&n)
        && first
            .chars()
            .any(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation())
    {
        tidy(first)
    } else {
        None
    }
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

/// The site a copyright block belongs to: 版权均属于X, 版权所有：X.
pub(crate) fn hosted_by(footer: &[&str]) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?:版权|版權)(?:均)?(?:属于|屬於|归|歸|所有)\s*[:：©]?\s*([^\s(（,，。;；]+)",
    );
    footer
        .iter()
        .find_map(|l| re.captures(l).and_then(|c| tidy(c.get(1)?.as_str())))
}

/// The source a lead names in its first words: 【X专讯】, 新华社北京12月17日电, (X记者 Y).
pub(crate) fn source_in_lead(line: &str) -> Option<String> {
    static BRACKETED: OnceLock<Regex> = OnceLock::new();
    static BYLINE: OnceLock<Regex> = OnceLock::new();
    static WIRE: OnceLock<Regex> = OnceLock::new();
    let head: String = line.chars().take(40).collect();
    if let Some(c) = regex(
        &BRACKETED,
        r"^【([^】]{2,20}?)(?:专讯|專訊|讯|訊|报道|報導)】",
    )
    .captures(&head)
    {
        return tidy(c.get(1)?.as_str());
    }
    if let Some(c) = regex(
        &BYLINE,
        r"[(（]([^)）\s]{2,12}?)(?:记者|記者|特约记者|特約記者)",
    )
    .captures(&head)
    {
        return tidy(c.get(1)?.as_str());
    }
    if regex(&WIRE, r"\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|電|讯|訊)").is_match(&head) {
        let bare = head.trim_start_matches(['【', '(', '（', ' ']);
        return AGENCIES
            .iter()
            .find(|a| bare.starts_with(*a))
            .map(|a| (*a).to_owned());
    }
    None
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
    }

    #[test]
    fn leads_name_wire_and_bracketed_sources() {
        assert_eq!(
            source_in_lead("新华社北京12月17日电 外交部发言人表示,").as_deref(),
            Some("新华社")
        );
        assert_eq!(
            source_in_lead("【星島專訊】政府昨日宣布,").as_deref(),
            Some("星島")
        );
        assert_eq!(
            source_in_lead("(中央社記者 王明 台北17日電)").as_deref(),
            Some("中央社")
        );
        assert_eq!(source_in_lead("今年是两国建交30周年。"), None);
    }
}
