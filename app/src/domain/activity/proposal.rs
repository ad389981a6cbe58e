//! A team leader's activity as it waits in the queue: the checked fields, stored as the
//! submission's payload and checked again, whole, when a moderator approves it.

use super::{ActivityInput, Moment, RawActivity, Whole};
use crate::domain::{geo::LatLng, repeat::Repeat, service::edit::Coordinate};
use serde::{Deserialize, Serialize};

/// Where the volunteers meet, as the review's map reads it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spot {
    pub lat: f64,
    pub lng: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub team_id: i64,
    pub title: String,
    pub description: String,
    pub place: String,
    /// The place given, or the team's meeting place when the proposal was made.
    pub location: Spot,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    /// A stored rule such as `monthly:15`; `None` for a one-off.
    pub repeat: Option<String>,
}

impl Proposal {
    pub fn new(input: &ActivityInput, at: LatLng) -> Proposal {
        Proposal {
            team_id: input.team_id,
            title: input.title.clone(),
            description: input.description.clone(),
            place: input.place.clone(),
            location: Spot {
                lat: at.lat(),
                lng: at.lng(),
            },
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            capacity: input.capacity,
            repeat: input.repeat.map(|r| r.code()),
        }
    }

    /// As the activity form takes it, to be checked again before it is published.
    pub fn to_raw(&self) -> RawActivity {
        RawActivity {
            team_id: Some(self.team_id),
            title: self.title.clone(),
            description: self.description.clone(),
            place: self.place.clone(),
            lat: Coordinate::Number(self.location.lat),
            lng: Coordinate::Number(self.location.lng),
            starts_at: Moment::Unix(self.starts_at),
            ends_at: Moment::Unix(self.ends_at),
            capacity: Whole::Number(self.capacity),
            repeat: self.repeat.clone().unwrap_or_else(|| "none".into()),
        }
    }

    /// The repeat rule in words, for the review.
    pub fn repeat_label(&self) -> (String, String) {
        match self.repeat.as_deref().and_then(Repeat::parse) {
            Some(rule) => rule.label(),
            None => ("不重复".into(), "Once".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawActivity {
        RawActivity {
            team_id: Some(3),
            title: "楼道清扫".into(),
            description: "清理楼道堆放物".into(),
            place: "康桥社区党群服务中心".into(),
            lat: Coordinate::Text(String::new()),
            lng: Coordinate::Text(String::new()),
            starts_at: Moment::Text("2027-01-12 09:00".into()),
            ends_at: Moment::Text("2027-01-12 11:00".into()),
            capacity: Whole::Text("12".into()),
            repeat: "weekly".into(),
        }
    }

    #[test]
    fn a_proposal_reads_back_as_the_activity_it_was_made_from() {
        let input = raw().parse().expect("valid");
        let team = LatLng::new(34.72, 113.68).expect("in range");
        let proposal = Proposal::new(&input, team);
        let stored = serde_json::to_string(&proposal).expect("serialises");
        let back: Proposal = serde_json::from_str(&stored).expect("reads back");
        let again = back.to_raw().parse().expect("still valid");
        assert_eq!(again.at, Some(team));
        assert_eq!(
            (again.starts_at, again.ends_at, again.capacity),
            (input.starts_at, input.ends_at, 12)
        );
        assert_eq!(again.repeat, input.repeat);
        assert_eq!(back.repeat_label().0, "每周二");
    }
}
