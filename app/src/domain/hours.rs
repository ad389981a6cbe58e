//! Opening hours per weekday, with breaks and past-midnight closing, and "open now" in
//! Zhengzhou's time (Asia/Shanghai: UTC+8 all year; China has no daylight saving time).

use serde::{Deserialize, Serialize};
use std::fmt;

pub(crate) const DAY: u16 = 24 * 60;
pub use super::time::LocalTime;

/// One opening, in minutes after midnight. `close` above 1440 runs past midnight into the next
/// day (22:00–02:00 is 1320..1560).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Interval {
    /// Minutes after midnight.
    pub open: u16,
    /// Minutes after midnight; above 1440 runs into the next day.
    pub close: u16,
}

/// Openings for Monday (index 0) to Sunday (6); a gap between two openings is a break, a day
/// with none is a closed day. `note` says what holidays change (节假日安排).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WeeklyHours {
    /// Monday first.
    #[cfg_attr(feature = "ssr", schema(min_items = 7, max_items = 7))]
    pub days: [Vec<Interval>; 7],
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("write times as HH:MM-HH:MM, for example 08:30-12:00")]
    Format,
    #[error("a time must be between 00:00 and 24:00")]
    Time,
    #[error("an opening cannot be empty or last more than a day")]
    Length,
    #[error("openings on one day must not overlap")]
    Overlap,
}

impl WeeklyHours {
    /// Open at this moment: an opening today covers it, or yesterday's runs past midnight into it.
    pub fn is_open_at(&self, at: LocalTime) -> bool {
        let today = &self.days[usize::from(at.weekday % 7)];
        let yesterday = &self.days[usize::from((at.weekday + 6) % 7)];
        today
            .iter()
            .any(|i| i.open <= at.minute && at.minute < i.close)
            || yesterday
                .iter()
                .any(|i| i.close > DAY && at.minute + DAY < i.close)
    }

    /// The same openings every day of the week.
    pub fn every_day(openings: Vec<Interval>) -> WeeklyHours {
        WeeklyHours {
            days: std::array::from_fn(|_| openings.clone()),
            note: None,
        }
    }
}

/// Parses one day's openings, as staff and merchants type them: "08:30-12:00, 14:30-17:30",
/// "22:00-02:00" (past midnight), "24小时" / "24h", or "休息" / "closed" / empty for a closed day.
pub fn parse_day(text: &str) -> Result<Vec<Interval>, HoursError> {
    let text = text.trim();
    if text.is_empty()
        || matches!(
            text,
            "休息" | "闭馆" | "公休" | "不营业" | "不开放" | "closed" | "Closed"
        )
    {
        return Ok(Vec::new());
    }
    if matches!(
        text,
        "24小时" | "24小时营业" | "全天" | "全天24小时" | "24h" | "24H"
    ) {
        return Ok(vec![Interval {
            open: 0,
            close: DAY,
        }]);
    }
    let mut openings = text
        .split([',', '，', ';', '、'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(parse_interval)
        .collect::<Result<Vec<_>, _>>()?;
    openings.sort_by_key(|i| i.open);
    if openings.windows(2).any(|w| w[1].open < w[0].close) {
        return Err(HoursError::Overlap);
    }
    Ok(openings)
}

fn parse_interval(text: &str) -> Result<Interval, HoursError> {
    let (open, close) = text
        .split_once(['-', '－', '–', '—', '~', '～', '至', '到'])
        .ok_or(HoursError::Format)?;
    let (open, close) = (parse_time(open)?, parse_time(close)?);
    let close = if close <= open { close + DAY } else { close };
    if open >= DAY || close - open > DAY {
        return Err(HoursError::Length);
    }
    Ok(Interval { open, close })
}

fn parse_time(text: &str) -> Result<u16, HoursError> {
    // Full-width digits and colons, as a Chinese input method may type them.
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '：' => ':',
            c => c,
        })
        .collect();
    let (h, m) = text.split_once(':').map_or_else(
        || Err(HoursError::Format),
        |(h, m)| Ok((h.trim().to_owned(), m.trim().to_owned())),
    )?;
    let h: u16 = h.parse().map_err(|_| HoursError::Format)?;
    let m: u16 = m.parse().map_err(|_| HoursError::Format)?;
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(HoursError::Time);
    }
    Ok(h * 60 + m)
}

impl fmt::Display for Interval {
    /// 08:30-12:00; past midnight shows the next day's clock time (22:00-02:00).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clock = |m: u16| {
            let m = if m > DAY { m - DAY } else { m };
            format!("{:02}:{:02}", m / 60, m % 60)
        };
        write!(f, "{}-{}", clock(self.open), clock(self.close))
    }
}

/// One day's openings as text, the inverse of [`parse_day`]; an empty string for a closed day.
pub fn format_day(openings: &[Interval]) -> String {
    openings
        .iter()
        .map(Interval::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(weekday: u8, clock: &str) -> LocalTime {
        LocalTime {
            weekday,
            minute: parse_time(clock).unwrap(),
        }
    }

    fn office_hours() -> WeeklyHours {
        let mut hours = WeeklyHours::default();
        for day in 0..5 {
            hours.days[day] = parse_day("08:30-12:00, 14:30-17:30").unwrap();
        }
        hours.days[5] = parse_day("09:00-12:00").unwrap();
        hours
    }

    #[test]
    fn a_service_centre_is_closed_over_its_lunch_break() {
        let hours = office_hours();
        assert!(hours.is_open_at(at(0, "08:30")));
        assert!(hours.is_open_at(at(0, "11:59")));
        assert!(!hours.is_open_at(at(0, "12:00")), "closing time is closed");
        assert!(!hours.is_open_at(at(0, "13:00")));
        assert!(hours.is_open_at(at(0, "14:30")));
        assert!(!hours.is_open_at(at(6, "10:00")), "closed on Sunday");
        assert!(hours.is_open_at(at(5, "10:00")), "staggered Saturday hours");
    }

    #[test]
    fn a_late_shop_stays_open_past_midnight_into_the_next_day() {
        let mut hours = WeeklyHours::default();
        hours.days[4] = parse_day("18:00-02:00").unwrap(); // Friday night
        assert!(hours.is_open_at(at(4, "23:59")));
        assert!(
            hours.is_open_at(at(5, "00:00")),
            "Saturday just after midnight"
        );
        assert!(hours.is_open_at(at(5, "01:59")));
        assert!(!hours.is_open_at(at(5, "02:00")));
        assert!(
            !hours.is_open_at(at(4, "01:00")),
            "Friday 1 am belongs to Thursday night"
        );
    }

    #[test]
    fn sunday_night_runs_into_monday_morning() {
        let mut hours = WeeklyHours::default();
        hours.days[6] = parse_day("22:00-06:00").unwrap();
        assert!(hours.is_open_at(at(0, "05:00")));
        assert!(!hours.is_open_at(at(0, "06:00")));
    }

    #[test]
    fn round_the_clock_is_always_open() {
        let hours = WeeklyHours::every_day(parse_day("24小时").unwrap());
        assert!(hours.is_open_at(at(2, "00:00")));
        assert!(hours.is_open_at(at(2, "23:59")));
    }

    #[test]
    fn shanghai_time_is_eight_hours_ahead_of_utc() {
        // 2026-11-22T23:30:00Z is Monday 07:30 in Zhengzhou.
        assert_eq!(LocalTime::shanghai(1_795_390_200), at(0, "07:30"));
        // 1970-01-01T00:00Z: Thursday 08:00.
        assert_eq!(LocalTime::shanghai(0), at(3, "08:00"));
    }

    #[test]
    fn typed_hours_are_read_leniently_and_written_back_the_same() {
        let day = parse_day("14:30-17:30，8:30～12:00").unwrap();
        assert_eq!(format_day(&day), "08:30-12:00, 14:30-17:30");
        assert_eq!(parse_day("休息").unwrap(), vec![]);
        assert_eq!(
            format_day(&parse_day("22:00-02:00").unwrap()),
            "22:00-02:00"
        );
    }

    #[test]
    fn impossible_hours_say_what_is_wrong() {
        assert_eq!(parse_day("8点到12点"), Err(HoursError::Format));
        assert_eq!(parse_day("08:30-25:00"), Err(HoursError::Time));
        assert_eq!(parse_day("08:61-12:00"), Err(HoursError::Time));
        assert_eq!(
            parse_day("08:00-12:00, 11:00-14:00"),
            Err(HoursError::Overlap)
        );
    }
}
