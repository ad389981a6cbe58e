use serde::{Deserialize, Serialize};

/// A WGS-84 position. Only constructible in range, so a stored point is always a place on Earth.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawLatLng")]
pub struct LatLng {
    lat: f64,
    lng: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LatLngError {
    #[error("latitude must be a number between -90 and 90")]
    Latitude,
    #[error("longitude must be a number between -180 and 180")]
    Longitude,
}

impl LatLng {
    pub fn new(lat: f64, lng: f64) -> Result<Self, LatLngError> {
        if !(-90.0..=90.0).contains(&lat) {
            return Err(LatLngError::Latitude);
        }
        if !(-180.0..=180.0).contains(&lng) {
            return Err(LatLngError::Longitude);
        }
        Ok(Self { lat, lng })
    }

    pub fn lat(self) -> f64 {
        self.lat
    }

    pub fn lng(self) -> f64 {
        self.lng
    }
}

#[derive(Deserialize)]
struct RawLatLng {
    lat: f64,
    lng: f64,
}

impl TryFrom<RawLatLng> for LatLng {
    type Error = LatLngError;

    fn try_from(raw: RawLatLng) -> Result<Self, Self::Error> {
        LatLng::new(raw.lat, raw.lng)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zhengzhou_is_a_place_on_earth() {
        let p = LatLng::new(34.75, 113.63).unwrap();
        assert_eq!((p.lat(), p.lng()), (34.75, 113.63));
    }

    #[test]
    fn out_of_range_or_not_a_number_is_refused() {
        assert_eq!(LatLng::new(91.0, 113.0), Err(LatLngError::Latitude));
        assert_eq!(LatLng::new(34.0, 181.0), Err(LatLngError::Longitude));
        assert_eq!(LatLng::new(f64::NAN, 113.0), Err(LatLngError::Latitude));
    }

    #[test]
    fn deserialising_checks_the_range_too() {
        let bad: Result<LatLng, _> = serde_json::from_str(r#"{"lat": 100, "lng": 1}"#);
        assert!(bad.is_err());
    }
}
