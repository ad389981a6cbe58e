//! What a list of volunteer teams or activities asks for. The pages and the API send the same
//! text and it is parsed here once, so both refuse the same bad values with the same words.

use super::{form::FieldError, geo::LatLng, time::parse_date, volunteer::Speciality};
use serde::{Deserialize, Serialize};

/// How far ahead "upcoming" looks when no window is given: a month.
pub const DEFAULT_WINDOW_SECS: i64 = 31 * 86_400;

/// A teams query as sent: every part text, every part optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct RawTeamQuery {
    /// A community id.
    pub community: Option<String>,
    /// elderly_help, medical, education, patrol or civility.
    pub speciality: Option<String>,
    /// Home as lat,lng in degrees: teams come nearest first, each with distance_m.
    pub near: Option<String>,
}

/// A teams query that can be trusted.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TeamQuery {
    pub community: Option<i64>,
    pub speciality: Option<Speciality>,
    pub home: Option<LatLng>,
}

impl RawTeamQuery {
    pub fn parse(&self) -> Result<TeamQuery, Vec<FieldError>> {
        let mut bad = Vec::new();
        let query = TeamQuery {
            community: community(&self.community, &mut bad),
            speciality: speciality(&self.speciality, &mut bad),
            home: home(&self.near, &mut bad),
        };
        if bad.is_empty() { Ok(query) } else { Err(bad) }
    }
}

/// An activities query as sent. `from` and `to` are Unix seconds or Beijing dates; `date` is
/// one Beijing day and takes the place of both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct RawActivityQuery {
    /// A team id.
    pub team: Option<String>,
    /// Unix seconds, or a Beijing date such as 2026-12-01.
    pub from: Option<String>,
    /// Unix seconds, or a Beijing date (exclusive).
    pub to: Option<String>,
    /// One Beijing day such as 2026-12-01, in place of from and to.
    pub date: Option<String>,
    /// A community id: only its teams' activities.
    pub community: Option<String>,
    /// Only activities of teams with this speciality.
    #[cfg_attr(feature = "ssr", param(value_type = Option<Speciality>, inline))]
    pub speciality: Option<String>,
    /// A home as lat,lng: nearest first, each with distance_m.
    pub near: Option<String>,
}

/// Which activities to list: one window of time, and at most a team, a community and a
/// speciality; nearest first from a home.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ActivityFilter {
    pub team: Option<i64>,
    pub community: Option<i64>,
    pub speciality: Option<Speciality>,
    pub from: i64,
    pub to: i64,
    pub home: Option<LatLng>,
}

impl ActivityFilter {
    /// Everything of the coming month from `now`.
    pub fn coming(now: i64) -> ActivityFilter {
        ActivityFilter {
            from: now,
            to: now + DEFAULT_WINDOW_SECS,
            ..Default::default()
        }
    }
}

impl RawActivityQuery {
    /// The filter, with the window starting `now` unless the query says otherwise; a day
    /// already begun is listed from `now`.
    pub fn parse(&self, now: i64) -> Result<ActivityFilter, Vec<FieldError>> {
        let mut bad = Vec::new();
        let team = given(&self.team).and_then(|t| {
            let id = t.parse::<i64>().ok();
            if id.is_none() {
                bad.push(FieldError::new(
                    "team",
                    "队伍编号应为数字",
                    "team must be a team id",
                ));
            }
            id
        });
        let mut time = |name: &str, value: &Option<String>| {
            given(value).and_then(|v| {
                let at = v.parse::<i64>().ok().or_else(|| parse_date(v));
                if at.is_none() {
                    bad.push(FieldError::new(
                        name,
                        "时间应为 Unix 秒数或 2026-12-01 这样的日期",
                        &format!("{name} must be Unix seconds or a date like 2026-12-01"),
                    ));
                }
                at
            })
        };
        let from = time("from", &self.from);
        let to = time("to", &self.to);
        let day = given(&self.date).and_then(|d| {
            let day = parse_date(d);
            if day.is_none() {
                bad.push(FieldError::new(
                    "date",
                    "日期格式应为 2026-12-01",
                    "A date looks like 2026-12-01",
                ));
            }
            day
        });
        let community = community(&self.community, &mut bad);
        let speciality = speciality(&self.speciality, &mut bad);
        let home = home(&self.near, &mut bad);
        if !bad.is_empty() {
            return Err(bad);
        }
        let (from, to) = match day {
            Some(day) => (day.max(now), day + 86_400),
            None => {
                let from = from.unwrap_or(now);
                (from, to.unwrap_or(from + DEFAULT_WINDOW_SECS))
            }
        };
        Ok(ActivityFilter {
            team,
            community,
            speciality,
            from,
            to,
            home,
        })
    }
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn community(value: &Option<String>, bad: &mut Vec<FieldError>) -> Option<i64> {
    given(value).and_then(|c| {
        let id = c.parse::<i64>().ok();
        if id.is_none() {
            bad.push(FieldError::new(
                "community",
                "社区编号应为数字",
                "community must be a community id",
            ));
        }
        id
    })
}

fn speciality(value: &Option<String>, bad: &mut Vec<FieldError>) -> Option<Speciality> {
    given(value).and_then(|s| {
        let parsed = Speciality::parse(s);
        if parsed.is_none() {
            bad.push(FieldError::new(
                "speciality",
                "没有这个服务专长",
                "speciality must be one of elderly_help, medical, education, patrol, civility",
            ));
        }
        parsed
    })
}

fn home(value: &Option<String>, bad: &mut Vec<FieldError>) -> Option<LatLng> {
    given(value).and_then(|n| {
        let parsed = LatLng::parse_pair(n);
        if parsed.is_none() {
            bad.push(FieldError::new(
                "near",
                "位置应为“纬度,经度”",
                "near must be lat,lng in degrees",
            ));
        }
        parsed
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Option<String> {
        Some(value.to_owned())
    }

    #[test]
    fn every_bad_part_is_named_and_blank_ones_are_ignored() {
        let raw = RawTeamQuery {
            community: text(" "),
            speciality: text("cooking"),
            near: text("34.7,north"),
        };
        let fields: Vec<String> = raw
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["speciality", "near"]);
        let good = RawTeamQuery {
            community: text("3"),
            speciality: text("medical"),
            near: text("34.73,113.61"),
        };
        let parsed = good.parse().unwrap();
        assert_eq!(parsed.community, Some(3));
        assert_eq!(parsed.speciality, Some(Speciality::Medical));
        assert!(parsed.home.is_some());
    }

    #[test]
    fn a_day_is_listed_from_now_and_the_default_window_is_a_month() {
        let now = parse_date("2026-12-06").unwrap() + 10 * 3600;
        let day = RawActivityQuery {
            date: text("2026-12-06"),
            ..Default::default()
        };
        let filter = day.parse(now).unwrap();
        assert_eq!((filter.from, filter.to), (now, now - 10 * 3600 + 86_400));
        let filter = RawActivityQuery::default().parse(now).unwrap();
        assert_eq!(filter.to - filter.from, DEFAULT_WINDOW_SECS);
        let bad = RawActivityQuery {
            date: text("6/12"),
            from: text("soon"),
            team: text("x"),
            ..Default::default()
        };
        let fields: Vec<String> = bad
            .parse(now)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["team", "from", "date"]);
    }
}
