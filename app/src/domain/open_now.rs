//! "Open now" read straight from stored opening hours. A list needs only that for each of its
//! places, so it need not build every place's week of openings and its note to look at two days.

use super::hours::{DAY, Interval, LocalTime};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// What `WeeklyHours::is_open_at` answers for the `WeeklyHours` that `hours` holds, read without
/// keeping any of it; refused where reading a `WeeklyHours` would be.
pub fn open_at<'de, D: Deserializer<'de>>(hours: D, at: LocalTime) -> Result<bool, D::Error> {
    hours.deserialize_struct("WeeklyHours", &["days", "note"], Week(at))
}

struct Week(LocalTime);

impl<'de> Visitor<'de> for Week {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("weekly opening hours")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut open = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Days if open.is_some() => return Err(de::Error::duplicate_field("days")),
                Key::Days => open = Some(map.next_value_seed(Days(self.0))?),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        open.ok_or_else(|| de::Error::missing_field("days"))
    }
}

enum Key {
    Days,
    Other,
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
                Ok(if name == "days" {
                    Key::Days
                } else {
                    Key::Other
                })
            }
        }
        d.deserialize_identifier(Name)
    }
}

/// The seven days, Monday first: today's openings and yesterday's past midnight decide.
struct Days(LocalTime);

impl<'de> DeserializeSeed<'de> for Days {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Days {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("seven days of openings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut days: A) -> Result<bool, A::Error> {
        let at = self.0;
        let today = usize::from(at.weekday % 7);
        let yesterday = usize::from((at.weekday + 6) % 7);
        let mut open = false;
        for index in 0..7 {
            let covers = move |i: Interval| {
                (index == today && i.open <= at.minute && at.minute < i.close)
                    || (index == yesterday && i.close > DAY && at.minute + DAY < i.close)
            };
            match days.next_element_seed(Openings(covers))? {
                Some(covered) => open |= covered,
                None => return Err(de::Error::invalid_length(index, &self)),
            }
        }
        if days.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(8, &self));
        }
        Ok(open)
    }
}

/// One day's openings: whether any of them `covers` the moment asked about.
struct Openings<F>(F);

impl<'de, F: Fn(Interval) -> bool> DeserializeSeed<'de> for Openings<F> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: Fn(Interval) -> bool> Visitor<'de> for Openings<F> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a day's openings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut openings: A) -> Result<bool, A::Error> {
        let mut covered = false;
        while let Some(interval) = openings.next_element::<Interval>()? {
            covered |= (self.0)(interval);
        }
        Ok(covered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hours::WeeklyHours;

    fn read(json: &str, at: LocalTime) -> Result<bool, serde_json::Error> {
        let mut d = serde_json::Deserializer::from_str(json);
        let open = open_at(&mut d, at)?;
        d.end()?;
        Ok(open)
    }

    fn weeks() -> Vec<WeeklyHours> {
        let i = |open, close| Interval { open, close };
        let mut late = WeeklyHours::every_day(vec![i(1080, 1560)]);
        late.days[2].clear();
        late.note = Some("春节期间 \"休息\" 三天".into());
        let mut broken = WeeklyHours::every_day(vec![i(510, 720), i(870, 1080)]);
        broken.days[5] = vec![i(540, 720)];
        broken.days[6].clear();
        vec![
            WeeklyHours::default(),
            WeeklyHours::every_day(vec![i(0, DAY)]),
            late,
            broken,
        ]
    }

    #[test]
    fn it_answers_as_the_whole_week_does_at_every_quarter_hour() {
        for week in weeks() {
            let json = serde_json::to_string(&week).unwrap();
            for weekday in 0..7 {
                for minute in (0..DAY).step_by(15).chain([509, 510, 719, 720, 1079]) {
                    let at = LocalTime { weekday, minute };
                    assert_eq!(
                        read(&json, at).unwrap(),
                        week.is_open_at(at),
                        "{json} {at:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn what_a_week_would_refuse_is_refused() {
        let at = LocalTime {
            weekday: 0,
            minute: 600,
        };
        let six = r#"{"days":[[],[],[],[],[],[]]}"#;
        let eight = r#"{"days":[[],[],[],[],[],[],[],[]]}"#;
        for bad in [
            "",
            "{}",
            "[]",
            six,
            eight,
            r#"{"days":[[{"open":1}],[],[],[],[],[],[]]}"#,
        ] {
            assert!(read(bad, at).is_err(), "{bad}");
            assert!(serde_json::from_str::<WeeklyHours>(bad).is_err(), "{bad}");
        }
    }
}
