//! Dates as news pages write them: 2020-12-17, 2020/12/17 11:19, 2020年12月17日, ISO
//! timestamps, and Taiwan's 民國 years (109年 = 2020). Times without a zone are taken as
//! UTC+08:00, the zone of mainland China, Hong Kong, Macau, Taiwan and Singapore.

use crate::model::PublishedAt;
use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};
use regex::Regex;
use std::sync::OnceLock;

/// The offset assumed for times without one.
const CHINA_OFFSET_SECONDS: i32 = 8 * 3600;
/// The Minguo calendar's year 1 is 1912.
const MINGUO_OFFSET: i32 = 1911;

fn patterns() -> &'static [Regex; 3] {
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |p: &str| Regex::new(p).unwrap_or_else(|e| unreachable!("static pattern: {e}"));
        [
            // 2021-01-07T11:19:16+08:00, 2021-01-07 11:19:16, 2020/12/17, 2020.12.17
            compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]*(\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?"),
            // 2020年12月17日 11:19
            compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"),
            // 民國109年12月17日, 109年12月17日
            compile(r"(?:民國|民国)?(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"),
        ]
    })
}

/// The first date in a header line, with the byte range it covers.
pub fn find_header_date(line: &str) -> Option<(PublishedAt, std::ops::Range<usize>)> {
    patterns().iter().enumerate().find_map(|(i, re)| {
        re.captures_iter(line).find_map(|caps| {
            let whole = caps.get(0)?;
            let number = |n: usize| caps.get(n).and_then(|m| m.as_str().parse::<i32>().ok());
            let mut year = number(1)?;
            if i == 2 {
                if year > 200 {
                    return None;
                }
                year += MINGUO_OFFSET;
            }
            let day = NaiveDate::from_ymd_opt(
                year,
                u32::try_from(number(2)?).ok()?,
                u32::try_from(number(3)?).ok()?,
            )?;
            let at = match (number(4), number(5)) {
                (Some(h), Some(m)) => {
                    let time =
                        NaiveTime::from_hms_opt(h as u32, m as u32, number(6).unwrap_or(0) as u32)?;
                    let offset = caps
                        .get(7)
                        .and_then(|o| parse_offset(o.as_str()))
                        .unwrap_or(china());
                    PublishedAt::Instant(offset.from_local_datetime(&day.and_time(time)).single()?)
                }
                _ => PublishedAt::Day(day),
            };
            Some((at, whole.range()))
        })
    })
}

/// Parses a date at the start of `text`, as the date of a statement (12月17日 needs the
/// article's year).
pub fn parse_date_at(text: &str, year: i32) -> Option<NaiveDate> {
    static SHORT: OnceLock<Regex> = OnceLock::new();
    let re = SHORT.get_or_init(|| {
        Regex::new(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
            .unwrap_or_else(|e| unreachable!("static pattern: {e}"))
    });
    let caps = re.captures(text)?;
    let year = caps
        .get(1)
        .and_then(|y| y.as_str().parse().ok())
        .unwrap_or(year);
    NaiveDate::from_ymd_opt(
        year,
        caps.get(2)?.as_str().parse().ok()?,
        caps.get(3)?.as_str().parse().ok()?,
    )
}

fn china() -> FixedOffset {
    FixedOffset::east_opt(CHINA_OFFSET_SECONDS)
        .unwrap_or_else(|| unreachable!("+08:00 is a valid offset"))
}

fn parse_offset(raw: &str) -> Option<FixedOffset> {
    if raw == "Z" {
        return FixedOffset::east_opt(0);
    }
    let sign = if raw.starts_with('-') { -1 } else { 1 };
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(0..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4)?.parse().ok()?;
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Whether the header's date carried an explicit offset.
pub(super) fn header_has_offset(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        patterns()[0]
            .captures(l)
            .is_some_and(|c| c.get(7).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &str) -> Option<String> {
        find_header_date(line).map(|(at, _)| at.to_text())
    }

    #[test]
    fn header_date_forms() {
        assert_eq!(
            text("2021-01-07 11:19:16来源:央视网").as_deref(),
            Some("2021-01-07T11:19:16+08:00")
        );
        assert_eq!(text("2020-12-17 環球網").as_deref(), Some("2020-12-17"));
        assert_eq!(
            text("发布时间：2020年12月17日 08:05").as_deref(),
            Some("2020-12-17T08:05:00+08:00")
        );
        assert_eq!(text("2020/3/5").as_deref(), Some("2020-03-05"));
        assert_eq!(
            text("中央社 民國109年12月17日").as_deref(),
            Some("2020-12-17")
        );
        assert_eq!(
            text("2021-01-07T03:19:16Z").as_deref(),
            Some("2021-01-07T03:19:16+00:00")
        );
        assert_eq!(text("2021-02-30"), None);
        assert_eq!(text("第127届广交会"), None);
    }

    #[test]
    fn statement_dates_take_the_year_from_the_article() {
        assert_eq!(
            parse_date_at("12月30日晚,", 2020)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-12-30")
        );
        assert_eq!(
            parse_date_at("2020年5月13日晚", 2021)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-05-13")
        );
    }
}
