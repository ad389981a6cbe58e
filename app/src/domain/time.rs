//! Unix times as Beijing wall-clock time (UTC+8 all year), for staff pages and certificates.

/// Zhengzhou keeps Beijing time, UTC+8, with no summer time.
pub const SHANGHAI_OFFSET_S: i64 = 8 * 3600;

/// The calendar date (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a calendar date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Midnight in Beijing at the start of a date written 2026-12-01, as a Unix time.
pub fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let days = days_from_civil(year, month, day);
    // Round-tripping refuses dates that do not exist, such as 2026-02-30.
    (civil_from_days(days) == (year, month, day)).then_some(days * 86_400 - SHANGHAI_OFFSET_S)
}

/// A Beijing date and time written "2026-12-15 09:00" (or "2026-12-15T09:00", as a
/// `datetime-local` input gives it; seconds allowed), as a Unix time.
pub fn parse_datetime(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', ' '])?;
    let midnight = parse_date(date)?;
    let mut parts = time.trim().split(':');
    let hour: i64 = parts.next()?.parse().ok()?;
    let minute: i64 = parts.next()?.parse().ok()?;
    let second: i64 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    let valid = (0..24).contains(&hour) && (0..60).contains(&minute) && (0..60).contains(&second);
    (valid && parts.next().is_none()).then_some(midnight + hour * 3600 + minute * 60 + second)
}

/// "2026-12-15T09:00", Beijing time, as a `datetime-local` input holds it.
pub fn datetime_local(unix: i64) -> String {
    beijing_datetime(unix).replacen(' ', "T", 1)
}

/// "2026-11-23 09:30", Beijing time.
pub fn beijing_datetime(unix: i64) -> String {
    let local = unix + SHANGHAI_OFFSET_S;
    let (year, month, day) = civil_from_days(local.div_euclid(86400));
    let secs = local.rem_euclid(86400);
    format!(
        "{year}-{month:02}-{day:02} {:02}:{:02}",
        secs / 3600,
        secs / 60 % 60
    )
}

/// "2026-12-01", the day in Beijing time.
pub fn beijing_date(unix: i64) -> String {
    let (year, month, day) = civil_from_days((unix + SHANGHAI_OFFSET_S).div_euclid(86400));
    format!("{year}-{month:02}-{day:02}")
}

/// A moment of the week in Zhengzhou: weekday 0 = Monday, minute of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub weekday: u8,
    pub minute: u16,
}

impl LocalTime {
    /// The local time in Asia/Shanghai at a Unix timestamp (seconds).
    pub fn shanghai(unix_seconds: i64) -> LocalTime {
        let local = unix_seconds + SHANGHAI_OFFSET_S;
        let days = local.div_euclid(86_400);
        let second_of_day = local.rem_euclid(86_400);
        // 1970-01-01 was a Thursday (weekday 3 counting from Monday = 0).
        LocalTime {
            weekday: (days + 3).rem_euclid(7) as u8,
            minute: (second_of_day / 60) as u16,
        }
    }
}

/// Monday 00:00 in Beijing of the week `unix` falls in, as a Unix time.
pub fn week_start(unix: i64) -> i64 {
    let midnight = unix - (unix + SHANGHAI_OFFSET_S).rem_euclid(86_400);
    midnight - i64::from(LocalTime::shanghai(unix).weekday) * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_starts_on_monday_at_midnight_beijing_time() {
        // 2026-11-23 is a Monday; 00:00 in Beijing is 2026-11-22 16:00 UTC.
        let monday = 1_795_392_000 - 8 * 3600;
        assert_eq!(week_start(monday), monday);
        assert_eq!(week_start(monday + 6 * 86400 + 86399), monday);
        assert_eq!(week_start(monday - 1), monday - 7 * 86400);
    }

    #[test]
    fn dates_are_read_as_beijing_midnight() {
        assert_eq!(parse_date("2026-11-23"), Some(1_795_392_000 - 8 * 3600));
        assert_eq!(
            parse_date("2000-02-29").map(beijing_datetime).as_deref(),
            Some("2000-02-29 00:00")
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("tomorrow"), None);
    }

    #[test]
    fn unix_times_read_as_beijing_wall_clock_time() {
        assert_eq!(beijing_datetime(0), "1970-01-01 08:00");
        // 2026-11-22 16:30 UTC is half past midnight on Monday the 23rd in Zhengzhou.
        assert_eq!(
            beijing_datetime(1_795_392_000 - 8 * 3600 + 1800),
            "2026-11-23 00:30"
        );
        assert_eq!(beijing_datetime(951_782_400), "2000-02-29 08:00");
    }
}
