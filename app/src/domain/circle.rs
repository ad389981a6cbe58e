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

/// Minutes on foot for a straight-line distance: 1000 m is a quarter hour, rounded up.
pub fn walk_minutes(distance_m: f64) -> u32 {
    (distance_m.max(0.0) * 15.0 / 1000.0).ceil() as u32
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
        assert_eq!(walk_minutes(66.0), 1);
        assert_eq!(walk_minutes(67.0), 2);
        assert_eq!(walk_minutes(300.0), 5);
        assert_eq!(walk_minutes(1000.0), 15);
    }

    #[test]
    fn only_five_ten_and_fifteen_minutes_are_circles() {
        assert_eq!(Circle::try_from(10), Ok(Circle::Ten));
        assert_eq!(Circle::try_from(7), Err(NotACircle));
        assert!(serde_json::from_str::<Circle>("20").is_err());
        assert_eq!(serde_json::to_string(&Circle::Fifteen).unwrap(), "15");
    }
}
