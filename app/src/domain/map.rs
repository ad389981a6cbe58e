//! What the portal knows to draw on a map besides services: the self-governance streets as
//! lines, and the communities' names where they are.

use super::{geo::LatLng, neighbourhood::Name};
use serde::{Deserialize, Serialize};

/// A self-governance street drawn as the line of its road.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreetLine {
    pub id: i64,
    /// The scheme's name (棉纺东路商户自治示范街), read out and shown when tapped.
    pub name: Name,
    /// The road's own name (棉纺东路), written along the line as maps name roads.
    pub road: Name,
    /// From one end of the street to the other; two points or more.
    pub path: Vec<LatLng>,
}

/// A community's name, written at its centre.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceName {
    pub name: Name,
    pub at: LatLng,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    #[error("a street's line needs two points or more, as `lat,lng; lat,lng`")]
    TooShort,
    #[error("a street's line has at most {MAX_POINTS} points")]
    TooLong,
    #[error("point {0} of the street's line is not `lat,lng` on Earth")]
    Point(usize),
}

pub const MAX_POINTS: usize = 64;

/// Reads a line as stored and typed: `lat,lng; lat,lng; …` (an empty text is no line).
pub fn parse_path(text: &str) -> Result<Vec<LatLng>, PathError> {
    let points = text
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, p)| LatLng::parse_pair(p).ok_or(PathError::Point(i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    match points.len() {
        0 | 1 => Err(PathError::TooShort),
        n if n > MAX_POINTS => Err(PathError::TooLong),
        _ => Ok(points),
    }
}

/// The inverse of [`parse_path`], to five decimals (about a metre).
pub fn format_path(path: &[LatLng]) -> String {
    path.iter()
        .map(|p| p.to_pair())
        .collect::<Vec<_>>()
        .join("; ")
}

impl StreetLine {
    /// How long the street is, in metres.
    pub fn length_m(&self) -> f64 {
        self.path.windows(2).map(|w| w[0].distance_m(w[1])).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_line_reads_back_as_written() {
        let path = parse_path("34.73020,113.61170; 34.73020,113.62190").unwrap();
        assert_eq!(path.len(), 2);
        assert_eq!(format_path(&path), "34.73020,113.61170; 34.73020,113.62190");
        let street = StreetLine {
            id: 1,
            name: Name {
                zh: "棉纺东路商户自治示范街".into(),
                en: "Mianfang".into(),
            },
            road: Name {
                zh: "棉纺东路".into(),
                en: "Mianfang E Rd".into(),
            },
            path,
        };
        assert!(
            (900.0..1000.0).contains(&street.length_m()),
            "{}",
            street.length_m()
        );
    }

    #[test]
    fn a_line_that_is_no_line_says_why() {
        assert_eq!(parse_path(""), Err(PathError::TooShort));
        assert_eq!(parse_path("34.73,113.61"), Err(PathError::TooShort));
        assert_eq!(parse_path("34.73,113.61; north"), Err(PathError::Point(2)));
        let long = vec!["34.73,113.61"; MAX_POINTS + 1].join(";");
        assert_eq!(parse_path(&long), Err(PathError::TooLong));
    }
}
