//! When an article was published: an instant with its offset, or only a day.

use crate::ValidationError;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

/// A publication time as precise as the source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedAt {
    /// A moment with its UTC offset (Chinese outlets: +08:00).
    Instant(DateTime<FixedOffset>),
    /// Only the calendar day is known.
    Day(NaiveDate),
}

impl PublishedAt {
    /// Parses RFC 3339 (`2021-01-07T11:19:16+08:00`) or a day (`2020-12-17`) from `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let raw = raw.trim();
        if let Ok(instant) = DateTime::parse_from_rfc3339(raw) {
            return Ok(PublishedAt::Instant(instant));
        }
        if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            return Ok(PublishedAt::Day(day));
        }
        Err(ValidationError::new(
            field,
            format!(
                "`{raw}` is not a real date: expected RFC 3339 (2021-01-07T11:19:16+08:00) or YYYY-MM-DD"
            ),
        ))
    }

    /// The wire and stored form: RFC 3339 for instants, `YYYY-MM-DD` for days.
    pub fn to_text(&self) -> String {
        match self {
            PublishedAt::Instant(instant) => instant.to_rfc3339(),
            PublishedAt::Day(day) => day.format("%Y-%m-%d").to_string(),
        }
    }

    /// The calendar day in the publisher's own time zone.
    pub fn day(&self) -> NaiveDate {
        match self {
            PublishedAt::Instant(instant) => instant.date_naive(),
            PublishedAt::Day(day) => *day,
        }
    }

    /// Seconds since the Unix epoch, for ordering; a bare day counts from its midnight UTC.
    pub fn sort_key(&self) -> i64 {
        match self {
            PublishedAt::Instant(instant) => instant.timestamp(),
            PublishedAt::Day(day) => day.and_time(NaiveTime::MIN).and_utc().timestamp(),
        }
    }
}

/// Parses a calendar day (`YYYY-MM-DD`) given in `field`.
pub fn parse_day(field: &str, raw: &str) -> Result<NaiveDate, ValidationError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        ValidationError::new(
            field,
            format!("`{raw}` is not a real date in YYYY-MM-DD form"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_keep_their_offset_and_days_stay_days() {
        let at = PublishedAt::parse("publishedAt", "2021-01-07T11:19:16+08:00").unwrap();
        assert_eq!(at.to_text(), "2021-01-07T11:19:16+08:00");
        assert_eq!(at.day().to_string(), "2021-01-07");
        let day = PublishedAt::parse("publishedAt", "2020-12-17").unwrap();
        assert_eq!(day.to_text(), "2020-12-17");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for raw in [
            "2021-02-30",
            "2021-13-01",
            "yesterday",
            "2021-01-07T25:00:00+08:00",
        ] {
            let err = PublishedAt::parse("publishedAt", raw).unwrap_err();
            assert_eq!(err.field, "publishedAt");
        }
    }
}
