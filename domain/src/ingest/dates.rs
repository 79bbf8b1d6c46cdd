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

/// How a pattern writes the year, month and day.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// Year first (2020-12-17, 2020年12月17日, 2021 08/ 23).
    YearFirst,
    /// Taiwan's 民國 year first (109年12月17日).
    Minguo,
    /// Day or month first, year last (01/09/2020): day first, as Singapore, Malaysia and
    /// Hong Kong write it, unless the second number cannot be a month (US 04/19/2023).
    YearLast,
}

fn patterns() -> &'static [(Regex, Order); 5] {
    static PATTERNS: OnceLock<[(Regex, Order); 5]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |p: &str| Regex::new(p).unwrap_or_else(|e| unreachable!("static pattern: {e}"));
        const TIME: &str = r"(?:[ T]*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?P<z>Z|[+-]\d{2}:?\d{2})?)?";
        const CN_TIME: &str = r"(?:\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?";
        [
            // 2021-01-07T11:19:16+08:00, 2021-01-07 11:19:16, 2020/12/17, 2020.12.17
            (compile(&format!(r"(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){TIME}")), Order::YearFirst),
            // 2020年12月17日 11:19
            (compile(&format!(r"(?P<y>\d{{4}})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日{CN_TIME}")), Order::YearFirst),
            // 民國109年12月17日, 109年12月17日
            (compile(&format!(r"(?:民國|民国)?(?P<y>\d{{2,3}})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日{CN_TIME}")), Order::Minguo),
            // 2021 08/ 23 16:17:13: the year set apart from month/day
            (compile(&format!(r"(?P<y>\d{{4}})\s+(?P<m>\d{{1,2}})\s*/\s*(?P<d>\d{{1,2}}){TIME}")), Order::YearFirst),
            // 01/09/2020, 19/04/2023
            (compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b"), Order::YearLast),
        ]
    })
}

/// The first date in a header line, with the byte range it covers.
pub fn find_header_date(line: &str) -> Option<(PublishedAt, std::ops::Range<usize>)> {
    patterns().iter().find_map(|(re, order)| {
        re.captures_iter(line).find_map(|caps| {
            let whole = caps.get(0)?;
            let number = |n: &str| caps.name(n).and_then(|m| m.as_str().parse::<i32>().ok());
            let mut year = number("y")?;
            let (mut month, mut day) = (number("m")?, number("d")?);
            match order {
                Order::Minguo if year > 200 => return None,
                Order::Minguo => year += MINGUO_OFFSET,
                // Day first unless that leaves no valid month (US-style 04/19/2023).
                Order::YearLast if day > 12 || month <= 12 => {}
                Order::YearLast => (month, day) = (day, month),
                Order::YearFirst => {}
            }
            let day = NaiveDate::from_ymd_opt(
                year,
                u32::try_from(month).ok()?,
                u32::try_from(day).ok()?,
            )?;
            let at = match (number("H"), number("M")) {
                (Some(h), Some(m)) => {
                    let time = NaiveTime::from_hms_opt(
                        u32::try_from(h).ok()?,
                        u32::try_from(m).ok()?,
                        u32::try_from(number("S").unwrap_or(0)).ok()?,
                    )?;
                    let offset = caps
                        .name("z")
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
            .0
            .captures(l)
            .is_some_and(|c| c.name("z").is_some())
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
        assert_eq!(
            text("2021 08/ 23 16:17:13").as_deref(),
            Some("2021-08-23T16:17:13+08:00")
        );
        assert_eq!(
            text("发布: 4:20pm 01/09/2020").as_deref(),
            Some("2020-09-01")
        );
        assert_eq!(text("發布: 19/04/2023").as_deref(), Some("2023-04-19"));
        assert_eq!(text("Posted 04/19/2023").as_deref(), Some("2023-04-19"));
        assert_eq!(text("2023-06"), None);
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
