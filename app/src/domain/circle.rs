//! The walking circles of GB 50180-2018: 5 minutes ≈ 300 m, 10 ≈ 500 m, 15 ≈ 1000 m.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub enum Circle {
    Five,
    Ten,
    Fifteen,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("minutes must be 5, 10 or 15")]
pub struct NotACircle;

impl Circle {
    pub const ALL: [Circle; 3] = [Circle::Five, Circle::Ten, Circle::Fifteen];

    pub fn minutes(self) -> u32 {
        match self {
            Circle::Five => 5,
            Circle::Ten => 10,
            Circle::Fifteen => 15,
        }
    }

    /// The straight-line radius, metres.
    pub fn radius_m(self) -> f64 {
        match self {
            Circle::Five => 300.0,
            Circle::Ten => 500.0,
            Circle::Fifteen => 1000.0,
        }
    }

    /// The smallest circle a place at this distance lies in, if any.
    pub fn containing(distance_m: f64) -> Option<Circle> {
        Circle::ALL.into_iter().find(|c| distance_m <= c.radius_m())
    }
}

/// The circles' minutes (5, 10 or 15), for the API document.
#[cfg(feature = "ssr")]
pub(crate) fn minutes_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::Integer)
        .enum_values(Some(Circle::ALL.map(Circle::minutes)))
        .build()
}

impl TryFrom<u32> for Circle {
    type Error = NotACircle;

    fn try_from(minutes: u32) -> Result<Self, Self::Error> {
        match minutes {
            5 => Ok(Circle::Five),
            10 => Ok(Circle::Ten),
            15 => Ok(Circle::Fifteen),
            _ => Err(NotACircle),
        }
    }
}

impl From<Circle> for u32 {
    fn from(circle: Circle) -> u32 {
        circle.minutes()
    }
}

/// Minutes on foot for a straight-line distance, on the standard's own scale: its circles are
/// 5 minutes at 300 m, 10 at 500 m and 15 at 1000 m, and between them time grows evenly
/// (beyond 1000 m, a quarter hour per kilometre). Rounded up, so a place is "within N minutes"
/// exactly when it lies in the N-minute circle: the lists and the rings never disagree.
pub fn walk_minutes(distance_m: f64) -> u32 {
    let d = distance_m.max(0.0);
    let minutes = if d <= 300.0 {
        d * 5.0 / 300.0
    } else if d <= 500.0 {
        5.0 + (d - 300.0) * 5.0 / 200.0
    } else if d <= 1000.0 {
        10.0 + (d - 500.0) * 5.0 / 500.0
    } else {
        15.0 + (d - 1000.0) * 15.0 / 1000.0
    };
    // A hair of floating-point error must not push 300 m into the sixth minute.
    (minutes - 1e-9).ceil().max(0.0) as u32
}

impl Circle {
    /// The minutes a place in this circle and in no smaller one takes: 0–5, 6–10, 11–15.
    pub fn minute_range(self) -> (u32, u32) {
        match self {
            Circle::Five => (0, 5),
            Circle::Ten => (6, 10),
            Circle::Fifteen => (11, 15),
        }
    }

    /// The distances of the same: 0–300 m, 300–500 m, 500–1000 m.
    pub fn distance_range(self) -> (u32, u32) {
        match self {
            Circle::Five => (0, 300),
            Circle::Ten => (300, 500),
            Circle::Fifteen => (500, 1000),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_circle_has_its_standard_radius() {
        assert_eq!(Circle::Five.radius_m(), 300.0);
        assert_eq!(Circle::Ten.radius_m(), 500.0);
        assert_eq!(Circle::Fifteen.radius_m(), 1000.0);
    }

    #[test]
    fn a_place_falls_in_the_smallest_circle_that_holds_it() {
        assert_eq!(Circle::containing(0.0), Some(Circle::Five));
        assert_eq!(Circle::containing(300.0), Some(Circle::Five));
        assert_eq!(Circle::containing(300.1), Some(Circle::Ten));
        assert_eq!(Circle::containing(500.0), Some(Circle::Ten));
        assert_eq!(Circle::containing(999.9), Some(Circle::Fifteen));
        assert_eq!(Circle::containing(1000.1), None);
    }

    #[test]
    fn walking_time_rounds_up_to_whole_minutes() {
        assert_eq!(walk_minutes(0.0), 0);
        assert_eq!(walk_minutes(1.0), 1);
        assert_eq!(walk_minutes(60.0), 1);
        assert_eq!(walk_minutes(61.0), 2);
        assert_eq!(walk_minutes(300.0), 5);
        assert_eq!(
            walk_minutes(302.0),
            6,
            "the shop at 302 m is not 5 minutes away"
        );
        assert_eq!(walk_minutes(500.0), 10);
        assert_eq!(walk_minutes(1000.0), 15);
        assert_eq!(walk_minutes(2000.0), 30);
    }

    #[test]
    fn the_minutes_said_and_the_ring_listed_in_always_agree() {
        for decimetres in 0..=12_000 {
            let d = f64::from(decimetres) / 10.0;
            let minutes = walk_minutes(d);
            match Circle::containing(d) {
                Some(circle) => {
                    let (low, high) = circle.minute_range();
                    assert!(
                        (low..=high).contains(&minutes),
                        "{d} m: {minutes} min in {circle:?}"
                    );
                    let (near, far) = circle.distance_range();
                    assert!(
                        d <= f64::from(far) && (d > f64::from(near) || near == 0),
                        "{d} m"
                    );
                }
                None => assert!(minutes > 15, "{d} m"),
            }
        }
    }

    #[test]
    fn only_five_ten_and_fifteen_minutes_are_circles() {
        assert_eq!(Circle::try_from(10), Ok(Circle::Ten));
        assert_eq!(Circle::try_from(7), Err(NotACircle));
        assert!(serde_json::from_str::<Circle>("20").is_err());
        assert_eq!(serde_json::to_string(&Circle::Fifteen).unwrap(), "15");
    }
}
