//! When activities happen: repeat rules for regular ones (the service day on the 15th of every
//! month), and the hours a volunteer served, which can never exceed the activity's length.

use super::{
    form::FieldError,
    time::{SHANGHAI_OFFSET_S, civil_from_days},
};
use serde::{Deserialize, Serialize};

/// How a regular activity repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repeat {
    /// On this day of every month; months without that day are skipped.
    MonthlyOnDay(u8),
}

impl Repeat {
    /// Stored as `monthly:15`.
    pub fn parse(code: &str) -> Option<Repeat> {
        let day: u8 = code.strip_prefix("monthly:")?.parse().ok()?;
        (1..=31).contains(&day).then_some(Repeat::MonthlyOnDay(day))
    }

    pub fn code(self) -> String {
        match self {
            Repeat::MonthlyOnDay(day) => format!("monthly:{day}"),
        }
    }

    pub fn label(self) -> (String, String) {
        match self {
            Repeat::MonthlyOnDay(day) => (format!("每月{day}日"), format!("monthly on the {day}")),
        }
    }

    /// The Unix times of the occurrences starting at `minute` (Beijing time) on the days the
    /// rule names, from `from` (inclusive) to `until` (exclusive).
    pub fn occurrences(self, minute: u32, from: i64, until: i64) -> Vec<i64> {
        let Repeat::MonthlyOnDay(wanted) = self;
        let first_day = (from + SHANGHAI_OFFSET_S).div_euclid(86_400);
        let last_day = (until + SHANGHAI_OFFSET_S).div_euclid(86_400);
        (first_day..=last_day)
            .filter(|&day| civil_from_days(day).2 == u32::from(wanted))
            .map(|day| day * 86_400 - SHANGHAI_OFFSET_S + i64::from(minute) * 60)
            .filter(|&at| at >= from && at < until)
            .collect()
    }
}

/// Hours served, as staff type them ("2", "1.5"), in whole minutes: more than nothing and no
/// more than the activity lasted.
pub fn parse_served(field: &str, text: &str, activity_minutes: i64) -> Result<i64, FieldError> {
    let max_hours = activity_minutes as f64 / 60.0;
    let too_long = || {
        FieldError::new(
            field,
            &format!("时长不能超过活动时长 {max_hours:.1} 小时"),
            &format!("Hours cannot exceed the activity's {max_hours:.1} hours"),
        )
    };
    let hours: f64 = text.trim().parse().map_err(|_| {
        FieldError::new(
            field,
            "请填写小时数，例如 2 或 1.5",
            "Enter the hours as a number, e.g. 2 or 1.5",
        )
    })?;
    if !hours.is_finite() || hours <= 0.0 {
        return Err(FieldError::new(
            field,
            "出勤的时长应大于 0；未出勤请取消勾选",
            "Hours must be more than 0; untick attendance for someone who did not come",
        ));
    }
    let minutes = (hours * 60.0).round() as i64;
    if minutes > activity_minutes {
        return Err(too_long());
    }
    Ok(minutes)
}

/// "2.5": minutes as the hours a record shows.
pub fn hours_text(minutes: i64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-23 00:00 in Beijing.
    const NOV_23: i64 = 1_795_392_000 - 8 * 3600;

    #[test]
    fn the_service_day_falls_on_the_fifteenth_of_each_month() {
        let rule = Repeat::parse("monthly:15").unwrap();
        let at = rule.occurrences(9 * 60, NOV_23, NOV_23 + 70 * 86_400);
        let dates: Vec<String> = at
            .iter()
            .map(|&t| super::super::time::beijing_datetime(t))
            .collect();
        assert_eq!(dates, ["2026-12-15 09:00", "2027-01-15 09:00"]);
        assert_eq!(rule.code(), "monthly:15");
    }

    #[test]
    fn months_without_the_day_are_skipped() {
        let rule = Repeat::MonthlyOnDay(31);
        let at = rule.occurrences(0, NOV_23, NOV_23 + 70 * 86_400);
        let dates: Vec<String> = at
            .iter()
            .map(|&t| super::super::time::beijing_datetime(t))
            .collect();
        assert_eq!(dates, ["2026-12-31 00:00", "2027-01-31 00:00"]);
        assert_eq!(Repeat::parse("monthly:32"), None);
        assert_eq!(Repeat::parse("weekly:1"), None);
    }

    #[test]
    fn hours_served_cannot_exceed_the_activity() {
        assert_eq!(parse_served("hours", "1.5", 120), Ok(90));
        assert_eq!(parse_served("hours", " 2 ", 120), Ok(120));
        assert!(
            parse_served("hours", "2.5", 120)
                .unwrap_err()
                .zh
                .contains("2.0 小时")
        );
        assert!(parse_served("hours", "0", 120).is_err());
        assert!(parse_served("hours", "两小时", 120).is_err());
        assert!(parse_served("hours", "NaN", 120).is_err());
    }

    #[test]
    fn minutes_read_as_hours_with_one_decimal() {
        assert_eq!(hours_text(120), "2");
        assert_eq!(hours_text(90), "1.5");
        assert_eq!(hours_text(1000), "16.7");
    }
}
