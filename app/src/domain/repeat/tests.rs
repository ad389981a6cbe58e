use super::*;
use crate::domain::time::{beijing_datetime, parse_datetime};

/// 2026-11-23 00:00 in Beijing, a Monday.
const NOV_23: i64 = 1_795_392_000 - 8 * 3600;

fn dates(at: &[i64]) -> Vec<String> {
    at.iter().map(|&t| beijing_datetime(t)).collect()
}

#[test]
fn the_service_day_falls_on_the_fifteenth_of_each_month() {
    let rule = Repeat::parse("monthly:15").unwrap();
    let at = rule.occurrences(9 * 60, NOV_23, NOV_23 + 70 * 86_400);
    assert_eq!(dates(&at), ["2026-12-15 09:00", "2027-01-15 09:00"]);
    assert_eq!(rule.code(), "monthly:15");
}

#[test]
fn months_without_the_day_are_skipped() {
    let rule = Repeat::MonthlyOnDay(31);
    let at = rule.occurrences(0, NOV_23, NOV_23 + 70 * 86_400);
    assert_eq!(dates(&at), ["2026-12-31 00:00", "2027-01-31 00:00"]);
    assert_eq!(Repeat::parse("monthly:32"), None);
    assert_eq!(Repeat::parse("weekly:8"), None);
    assert_eq!(Repeat::parse("nth:6:1"), None);
    assert_eq!(Repeat::parse("weekly:1:2"), None);
}

#[test]
fn the_first_saturday_of_each_month_is_read_from_a_first_saturday() {
    // 2026-12-05 is the first Saturday of December.
    let start = parse_datetime("2026-12-05 09:30").unwrap();
    let rule = RepeatKind::MonthlyOnWeekday.rule(start).unwrap();
    assert_eq!(rule, Repeat::MonthlyOnWeekday { nth: 1, weekday: 6 });
    assert_eq!(rule.code(), "nth:1:6");
    assert_eq!(Repeat::parse("nth:1:6"), Some(rule));
    assert_eq!(rule.label().0, "每月第一个周六");
    let at = rule.occurrences(9 * 60 + 30, start, start + 90 * 86_400);
    assert_eq!(
        dates(&at),
        ["2026-12-05 09:30", "2027-01-02 09:30", "2027-02-06 09:30"]
    );
}

#[test]
fn a_weekly_rule_keeps_the_weekday_of_its_first_date() {
    let start = parse_datetime("2026-12-08T15:00").unwrap();
    let rule = RepeatKind::Weekly.rule(start).unwrap();
    assert_eq!(rule, Repeat::Weekly(2));
    assert_eq!(rule.label(), ("每周二".into(), "every Tuesday".into()));
    let at = rule.occurrences(15 * 60, start, start + 15 * 86_400);
    assert_eq!(
        dates(&at),
        ["2026-12-08 15:00", "2026-12-15 15:00", "2026-12-22 15:00"]
    );
    assert!(rule.falls_on(start + 7 * 86_400));
    assert!(!rule.falls_on(start + 86_400));
}

#[test]
fn kinds_read_as_the_form_sends_them() {
    assert_eq!(RepeatKind::parse(""), Some(RepeatKind::None));
    assert_eq!(RepeatKind::parse("weekly"), Some(RepeatKind::Weekly));
    assert_eq!(RepeatKind::parse("fortnightly"), None);
    let start = parse_datetime("2026-12-15 09:00").unwrap();
    assert_eq!(RepeatKind::MonthlyOnDay.label(Some(start)).0, "每月15日");
    assert_eq!(
        RepeatKind::MonthlyOnWeekday.label(Some(start)).0,
        "每月第三个周二"
    );
}

#[test]
fn a_time_moves_within_its_own_day() {
    let start = parse_datetime("2026-12-15 09:00").unwrap();
    assert_eq!(minute_of_day(start), 9 * 60);
    assert_eq!(
        beijing_datetime(at_minute(start, 14 * 60 + 30)),
        "2026-12-15 14:30"
    );
    // Just after midnight in Beijing is still the previous day in UTC.
    let early = parse_datetime("2026-12-15 00:30").unwrap();
    assert_eq!(
        beijing_datetime(at_minute(early, 23 * 60)),
        "2026-12-15 23:00"
    );
}
