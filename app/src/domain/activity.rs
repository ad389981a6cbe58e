//! An activity as staff publish it: the form's and the API's body as typed, the checks both
//! run, and a cancellation's reason.

use super::{
    form::{FieldError, bounded_text},
    geo::LatLng,
    repeat::{Repeat, RepeatKind},
    service::edit::{Coordinate, location},
    time::{datetime_local, parse_datetime},
};
use serde::{Deserialize, Serialize};

mod proposal;
pub use proposal::{Proposal, Spot};

/// The most places one activity can offer.
pub const MAX_CAPACITY: i64 = 500;
/// The longest an activity lasts.
pub const MAX_HOURS: i64 = 12;

/// A time as Unix seconds, or as typed ("2026-12-15 09:00", Beijing time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Moment {
    Unix(i64),
    Text(String),
}

impl Default for Moment {
    fn default() -> Self {
        Moment::Text(String::new())
    }
}

impl Moment {
    /// Between 2020 and 2100 (anything else is a slip of the keyboard), to the minute.
    pub fn value(&self) -> Option<i64> {
        match self {
            Moment::Unix(t) => Some(*t),
            Moment::Text(t) => parse_datetime(t),
        }
        .filter(|t| (1_577_836_800..4_102_444_800).contains(t))
        // Whole minutes, as a series' occurrences are made.
        .map(|t| t - t.rem_euclid(60))
    }

    /// As a `datetime-local` input holds it.
    pub fn text(&self) -> String {
        match self {
            Moment::Unix(t) => datetime_local(*t),
            Moment::Text(t) => t.clone(),
        }
    }
}

/// A whole number, or as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Whole {
    Number(i64),
    Text(String),
}

impl Default for Whole {
    fn default() -> Self {
        Whole::Text(String::new())
    }
}

impl Whole {
    pub fn value(&self) -> Option<i64> {
        match self {
            Whole::Number(n) => Some(*n),
            Whole::Text(t) => t.trim().parse().ok(),
        }
    }

    pub fn text(&self) -> String {
        match self {
            Whole::Number(n) => n.to_string(),
            Whole::Text(t) => t.clone(),
        }
    }
}

/// An activity as staff write it, in the form and in `POST /api/v1/staff/activities`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawActivity {
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub team_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 2, max_length = 40, required = true)
    )]
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 500))]
    pub description: String,
    /// Where volunteers meet.
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 2, max_length = 60, required = true)
    )]
    pub place: String,
    /// The team's meeting place when left out.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<f64>, minimum = -90, maximum = 90))]
    pub lat: Coordinate,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<f64>, minimum = -180, maximum = 180))]
    pub lng: Coordinate,
    /// Unix seconds, or "2026-12-15 09:00" in Beijing time. For a repeating activity, the
    /// first occurrence: the rule follows from its date.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, required = true))]
    pub starts_at: Moment,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, required = true))]
    pub ends_at: Moment,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, minimum = 1, maximum = 500, required = true))]
    pub capacity: Whole,
    /// `none`, `weekly`, `monthly_on_day` or `monthly_on_weekday`, read from `starts_at`'s
    /// date; or a stored rule such as `monthly:15` that falls on that date.
    #[serde(default)]
    pub repeat: String,
}

/// A checked activity, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityInput {
    pub team_id: i64,
    pub title: String,
    pub description: String,
    pub place: String,
    /// `None`: the team's meeting place.
    pub at: Option<LatLng>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub repeat: Option<Repeat>,
}

impl RawActivity {
    /// Checks every field and names each one that is wrong, in both languages.
    pub fn parse(&self) -> Result<ActivityInput, Vec<FieldError>> {
        let mut e = Vec::new();
        if self.team_id.is_none() {
            e.push(FieldError::new(
                "team_id",
                "请选择志愿队",
                "Please choose a team",
            ));
        }
        let title = bounded_text(&mut e, "title", ("活动名称", "title"), &self.title, (2, 40));
        let description = bounded_text(
            &mut e,
            "description",
            ("活动介绍", "description"),
            &self.description,
            (0, 500),
        );
        let place = bounded_text(&mut e, "place", ("集合地点", "place"), &self.place, (2, 60));
        let blank = |c: &Coordinate| matches!(c, Coordinate::Text(t) if t.trim().is_empty());
        let at = match blank(&self.lat) && blank(&self.lng) {
            true => Some(None),
            false => location(&mut e, &self.lat, &self.lng).map(Some),
        };
        let (starts_at, ends_at) = self.times(&mut e);
        let capacity = self
            .capacity
            .value()
            .filter(|c| (1..=MAX_CAPACITY).contains(c));
        if capacity.is_none() {
            e.push(FieldError::new(
                "capacity",
                &format!("名额请填写 1 至 {MAX_CAPACITY} 之间的整数"),
                &format!("Places must be a whole number from 1 to {MAX_CAPACITY}"),
            ));
        }
        let repeat = starts_at.and_then(|start| repeat(&mut e, &self.repeat, start));
        match (
            self.team_id,
            title,
            description,
            place,
            at,
            starts_at,
            ends_at,
            capacity,
            repeat,
        ) {
            (
                Some(team_id),
                Some(title),
                Some(description),
                Some(place),
                Some(at),
                Some(starts_at),
                Some(ends_at),
                Some(capacity),
                Some(repeat),
            ) if e.is_empty() => Ok(ActivityInput {
                team_id,
                title,
                description,
                place,
                at,
                starts_at,
                ends_at,
                capacity,
                repeat,
            }),
            _ => Err(e),
        }
    }

    fn times(&self, e: &mut Vec<FieldError>) -> (Option<i64>, Option<i64>) {
        let starts_at = self.starts_at.value();
        if starts_at.is_none() {
            e.push(FieldError::new(
                "starts_at",
                "请填写开始时间，例如 2026-12-15 09:00",
                "Enter when it starts, e.g. 2026-12-15 09:00",
            ));
        }
        let ends_at = self.ends_at.value();
        let ends_at = match (starts_at, ends_at) {
            (_, None) => {
                e.push(FieldError::new(
                    "ends_at",
                    "请填写结束时间，例如 2026-12-15 11:00",
                    "Enter when it ends, e.g. 2026-12-15 11:00",
                ));
                None
            }
            (Some(start), Some(end)) if end <= start => {
                e.push(FieldError::new(
                    "ends_at",
                    "结束时间应晚于开始时间",
                    "It must end after it starts",
                ));
                None
            }
            (Some(start), Some(end)) if end - start > MAX_HOURS * 3600 => {
                e.push(FieldError::new(
                    "ends_at",
                    &format!("一次活动最长 {MAX_HOURS} 小时；多日活动请分场发布"),
                    &format!(
                        "An activity lasts at most {MAX_HOURS} hours; publish each day on its own"
                    ),
                ));
                None
            }
            (_, end) => end,
        };
        (starts_at, ends_at)
    }
}

/// The rule `typed` names for an activity first held at `start`: `Some(None)` for a one-off.
fn repeat(e: &mut Vec<FieldError>, typed: &str, start: i64) -> Option<Option<Repeat>> {
    if let Some(kind) = RepeatKind::parse(typed) {
        return Some(kind.rule(start));
    }
    match Repeat::parse(typed) {
        Some(rule) if rule.falls_on(start) => Some(Some(rule)),
        Some(rule) => {
            let (zh, en) = rule.label();
            e.push(FieldError::new(
                "repeat",
                &format!("开始日期不是“{zh}”中的一天"),
                &format!("The start date is not one of “{en}”"),
            ));
            None
        }
        None => {
            e.push(FieldError::new(
                "repeat",
                "请选择是否重复：不重复、每周、每月同一天或每月第几个星期几",
                "Choose how it repeats: not at all, weekly, monthly on the day, or monthly on the weekday",
            ));
            None
        }
    }
}

/// Why an activity is called off, in `POST /api/v1/staff/activities/{id}/cancel`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawCancel {
    /// Shown to everyone who applied, on their status page.
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 2, max_length = 200, required = true)
    )]
    pub reason: String,
    /// For a repeating activity: also end the series, calling off every later occurrence.
    #[serde(default)]
    pub series: bool,
}

impl RawCancel {
    pub fn parse(&self) -> Result<String, Vec<FieldError>> {
        let mut e = Vec::new();
        let reason = bounded_text(
            &mut e,
            "reason",
            ("取消原因", "reason"),
            &self.reason,
            (2, 200),
        );
        reason.ok_or(e)
    }
}

#[cfg(test)]
mod tests;
