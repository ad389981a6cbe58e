//! How a regular activity repeats: on a day of every month (the service day on the 15th), on a
//! weekday of every week, or on the first (second…) such weekday of every month. A rule is
//! always read from the date of its first occurrence, so the two can never disagree.

use super::time::{LocalTime, SHANGHAI_OFFSET_S, civil_from_days};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repeat {
    /// On this day of every month; months without that day are skipped.
    MonthlyOnDay(u8),
    /// On this weekday (1 Monday … 7 Sunday) of every week.
    Weekly(u8),
    /// On the `nth` (1…5) such weekday of every month; months without a fifth are skipped.
    MonthlyOnWeekday { nth: u8, weekday: u8 },
}

/// What staff choose: the rule itself follows from the first date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepeatKind {
    None,
    Weekly,
    MonthlyOnDay,
    MonthlyOnWeekday,
}

impl RepeatKind {
    pub const ALL: [RepeatKind; 4] = [
        RepeatKind::None,
        RepeatKind::Weekly,
        RepeatKind::MonthlyOnDay,
        RepeatKind::MonthlyOnWeekday,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RepeatKind::None => "none",
            RepeatKind::Weekly => "weekly",
            RepeatKind::MonthlyOnDay => "monthly_on_day",
            RepeatKind::MonthlyOnWeekday => "monthly_on_weekday",
        }
    }

    pub fn parse(code: &str) -> Option<RepeatKind> {
        let code = match code.trim() {
            "" => "none",
            code => code,
        };
        RepeatKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The rule of this kind whose first occurrence starts at `starts_at`.
    pub fn rule(self, starts_at: i64) -> Option<Repeat> {
        let day = Day::of(starts_at);
        match self {
            RepeatKind::None => None,
            RepeatKind::Weekly => Some(Repeat::Weekly(day.weekday)),
            RepeatKind::MonthlyOnDay => Some(Repeat::MonthlyOnDay(day.day)),
            RepeatKind::MonthlyOnWeekday => Some(Repeat::MonthlyOnWeekday {
                nth: day.nth(),
                weekday: day.weekday,
            }),
        }
    }

    /// "每周二" for a start on a Tuesday: the choice as a person reads it.
    pub fn label(self, starts_at: Option<i64>) -> (String, String) {
        match (self, starts_at.and_then(|at| self.rule(at))) {
            (RepeatKind::None, _) => ("不重复".into(), "Does not repeat".into()),
            (_, Some(rule)) => rule.label(),
            (RepeatKind::Weekly, None) => ("每周".into(), "Every week".into()),
            (RepeatKind::MonthlyOnDay, None) => ("每月同一天".into(), "Monthly, same day".into()),
            (RepeatKind::MonthlyOnWeekday, None) => {
                ("每月第几个星期几".into(), "Monthly, same weekday".into())
            }
        }
    }
}

/// A Beijing calendar day, as the rules see it.
#[derive(Clone, Copy)]
struct Day {
    day: u8,
    /// 1 Monday … 7 Sunday.
    weekday: u8,
}

impl Day {
    fn of(unix: i64) -> Day {
        Day::from_days((unix + SHANGHAI_OFFSET_S).div_euclid(86_400))
    }

    fn from_days(days: i64) -> Day {
        Day {
            day: civil_from_days(days).2 as u8,
            weekday: LocalTime::shanghai(days * 86_400 - SHANGHAI_OFFSET_S).weekday + 1,
        }
    }

    /// Which of the month's days with this weekday it is: the 1st to the 7th are the first.
    fn nth(self) -> u8 {
        (self.day - 1) / 7 + 1
    }
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("一", "Monday"),
    ("二", "Tuesday"),
    ("三", "Wednesday"),
    ("四", "Thursday"),
    ("五", "Friday"),
    ("六", "Saturday"),
    ("日", "Sunday"),
];
const ORDINALS: [(&str, &str); 5] = [
    ("一", "first"),
    ("二", "second"),
    ("三", "third"),
    ("四", "fourth"),
    ("五", "fifth"),
];

impl Repeat {
    /// Stored as `monthly:15`, `weekly:6` (Saturday) or `nth:1:6` (the first Saturday).
    pub fn parse(code: &str) -> Option<Repeat> {
        let mut parts = code.trim().split(':');
        let kind = parts.next()?;
        let mut number = || parts.next()?.parse::<u8>().ok();
        let rule = match kind {
            "monthly" => Repeat::MonthlyOnDay(number().filter(|d| (1..=31).contains(d))?),
            "weekly" => Repeat::Weekly(number().filter(|d| (1..=7).contains(d))?),
            "nth" => {
                let nth = number().filter(|n| (1..=5).contains(n))?;
                let weekday = number().filter(|d| (1..=7).contains(d))?;
                Repeat::MonthlyOnWeekday { nth, weekday }
            }
            _ => return None,
        };
        parts.next().is_none().then_some(rule)
    }

    pub fn code(self) -> String {
        match self {
            Repeat::MonthlyOnDay(day) => format!("monthly:{day}"),
            Repeat::Weekly(weekday) => format!("weekly:{weekday}"),
            Repeat::MonthlyOnWeekday { nth, weekday } => format!("nth:{nth}:{weekday}"),
        }
    }

    pub fn kind(self) -> RepeatKind {
        match self {
            Repeat::MonthlyOnDay(_) => RepeatKind::MonthlyOnDay,
            Repeat::Weekly(_) => RepeatKind::Weekly,
            Repeat::MonthlyOnWeekday { .. } => RepeatKind::MonthlyOnWeekday,
        }
    }

    pub fn label(self) -> (String, String) {
        let weekday = |d: u8| WEEKDAYS[usize::from(d.clamp(1, 7) - 1)];
        match self {
            Repeat::MonthlyOnDay(day) => (format!("每月{day}日"), format!("monthly on the {day}")),
            Repeat::Weekly(d) => (
                format!("每周{}", weekday(d).0),
                format!("every {}", weekday(d).1),
            ),
            Repeat::MonthlyOnWeekday { nth, weekday: d } => {
                let (zh, en) = ORDINALS[usize::from(nth.clamp(1, 5) - 1)];
                (
                    format!("每月第{zh}个周{}", weekday(d).0),
                    format!("the {en} {} of every month", weekday(d).1),
                )
            }
        }
    }

    /// Whether a Beijing day (counted from 1970-01-01) is one of the rule's.
    fn matches(self, days: i64) -> bool {
        let day = Day::from_days(days);
        match self {
            Repeat::MonthlyOnDay(wanted) => day.day == wanted,
            Repeat::Weekly(weekday) => day.weekday == weekday,
            Repeat::MonthlyOnWeekday { nth, weekday } => day.weekday == weekday && day.nth() == nth,
        }
    }

    /// Whether an occurrence may start at `unix`: on one of the rule's days.
    pub fn falls_on(self, unix: i64) -> bool {
        self.matches((unix + SHANGHAI_OFFSET_S).div_euclid(86_400))
    }

    /// The Unix times of the occurrences starting at `minute` (Beijing time) on the days the
    /// rule names, from `from` (inclusive) to `until` (exclusive).
    pub fn occurrences(self, minute: u32, from: i64, until: i64) -> Vec<i64> {
        let first_day = (from + SHANGHAI_OFFSET_S).div_euclid(86_400);
        let last_day = (until + SHANGHAI_OFFSET_S).div_euclid(86_400);
        (first_day..=last_day)
            .filter(|&day| self.matches(day))
            .map(|day| day * 86_400 - SHANGHAI_OFFSET_S + i64::from(minute) * 60)
            .filter(|&at| at >= from && at < until)
            .collect()
    }
}

/// The minute of the Beijing day at which `unix` falls.
pub fn minute_of_day(unix: i64) -> u32 {
    ((unix + SHANGHAI_OFFSET_S).rem_euclid(86_400) / 60) as u32
}

/// The same Beijing day as `unix`, at `minute`.
pub fn at_minute(unix: i64, minute: u32) -> i64 {
    let local = unix + SHANGHAI_OFFSET_S;
    local - local.rem_euclid(86_400) - SHANGHAI_OFFSET_S + i64::from(minute) * 60
}

#[cfg(test)]
mod tests;
