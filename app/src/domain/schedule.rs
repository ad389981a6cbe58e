//! When activities happen (their repeat rules live in `repeat`), and the hours a volunteer
//! served, which can never exceed the activity's length.

use super::form::FieldError;

pub use super::repeat::Repeat;

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
