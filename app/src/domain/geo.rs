use serde::{Deserialize, Serialize};

/// A WGS-84 position. Only constructible in range, so a stored point is always a place on Earth.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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

    /// Reads "lat,lng" as a URL carries a home: `34.72970,113.65880`.
    pub fn parse_pair(text: &str) -> Option<LatLng> {
        let (lat, lng) = text.split_once(',')?;
        LatLng::new(lat.trim().parse().ok()?, lng.trim().parse().ok()?).ok()
    }

    /// "lat,lng" to five decimals (about a metre), the inverse of [`LatLng::parse_pair`].
    pub fn to_pair(self) -> String {
        format!("{:.5},{:.5}", self.lat, self.lng)
    }

    /// Great-circle (haversine) distance in metres.
    pub fn distance_m(self, other: LatLng) -> f64 {
        let (phi1, phi2) = (self.lat.to_radians(), other.lat.to_radians());
        let d_phi = (other.lat - self.lat).to_radians();
        let d_lambda = (other.lng - self.lng).to_radians();
        let a =
            (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().atan2((1.0 - a).sqrt())
    }

    /// A latitude/longitude box that holds every point within `radius_m`: a cheap prefilter
    /// on indexed columns, with the exact distance deciding afterwards.
    pub fn bounding_box(self, radius_m: f64) -> BoundingBox {
        let d_lat = (radius_m / EARTH_RADIUS_M).to_degrees();
        // Longitude degrees shrink towards the poles; clamp so the box never inverts.
        let cos_lat = self.lat.to_radians().cos().max(1e-6);
        let d_lng = (radius_m / (EARTH_RADIUS_M * cos_lat)).to_degrees();
        BoundingBox {
            min_lat: self.lat - d_lat,
            max_lat: self.lat + d_lat,
            min_lng: self.lng - d_lng,
            max_lng: self.lng + d_lng,
        }
    }
}

/// The grid cell of a position: latitude and longitude in hundredths of a degree (about 1.1 km
/// by 0.9 km here), truncated towards zero exactly as the databases' `cell` column computes it.
pub fn cell_of(lat: f64, lng: f64) -> i64 {
    (lat * 100.0) as i64 * 100_000 + (lng * 100.0) as i64
}

/// The most grid cells a search lists by number.
pub const MAX_CELLS: i64 = 64;

/// Mean Earth radius (IUGG), metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoundingBox {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lng: f64,
    pub max_lng: f64,
}

impl BoundingBox {
    /// Every grid cell a point inside the box can have: a handful for a walking circle. `None`
    /// when there would be more than [`MAX_CELLS`] (near the poles a kilometre spans many
    /// degrees of longitude): the box alone then prefilters.
    pub fn cells(&self) -> Option<Vec<i64>> {
        let lat_range = (self.min_lat * 100.0) as i64..=(self.max_lat * 100.0) as i64;
        let lng_range = (self.min_lng * 100.0) as i64..=(self.max_lng * 100.0) as i64;
        let count = (lat_range.end() - lat_range.start() + 1)
            .saturating_mul(lng_range.end() - lng_range.start() + 1);
        (count <= MAX_CELLS).then(|| {
            lat_range
                .flat_map(|lat| lng_range.clone().map(move |lng| lat * 100_000 + lng))
                .collect()
        })
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
    fn near_a_pole_the_cells_are_too_many_to_list() {
        let home = LatLng::new(-90.0, -180.0).unwrap();
        assert_eq!(home.bounding_box(1000.0).cells(), None);
    }

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
    fn distances_match_known_values() {
        let a = LatLng::new(34.75, 113.63).unwrap();
        assert_eq!(a.distance_m(a), 0.0);
        // One thousandth of a degree of latitude is about 111 m everywhere.
        let north = LatLng::new(34.751, 113.63).unwrap();
        assert!(
            (a.distance_m(north) - 111.2).abs() < 0.5,
            "{}",
            a.distance_m(north)
        );
        // Zhengzhou railway station to Erqi Memorial Tower, about 1.4 km apart.
        let station = LatLng::new(34.7457, 113.6585).unwrap();
        let tower = LatLng::new(34.7536, 113.6664).unwrap();
        let d = station.distance_m(tower);
        assert!((1_000.0..1_300.0).contains(&d), "{d}");
        assert_eq!(d, tower.distance_m(station));
    }

    #[test]
    fn the_bounding_box_holds_every_point_of_the_circle() {
        let home = LatLng::new(34.75, 113.63).unwrap();
        let b = home.bounding_box(1000.0);
        for bearing in (0..360).step_by(15) {
            let r = (bearing as f64).to_radians();
            // A point 999 m away on this bearing, by the local flat approximation.
            let lat = home.lat() + (999.0 * r.cos() / EARTH_RADIUS_M).to_degrees();
            let lng = home.lng()
                + (999.0 * r.sin() / (EARTH_RADIUS_M * home.lat().to_radians().cos())).to_degrees();
            assert!(b.min_lat <= lat && lat <= b.max_lat, "bearing {bearing}");
            assert!(b.min_lng <= lng && lng <= b.max_lng, "bearing {bearing}");
        }
    }

    #[test]
    fn every_point_of_a_box_lies_in_one_of_its_cells() {
        for (lat, lng) in [
            (34.75, 113.63),
            (-33.86, 151.2),
            (0.001, -0.004),
            (34.6999, 113.6999),
        ] {
            let home = LatLng::new(lat, lng).unwrap();
            let b = home.bounding_box(1000.0);
            let cells = b.cells().unwrap();
            assert!(cells.len() <= 16, "{}", cells.len());
            for i in 0..=20 {
                for j in 0..=20 {
                    let p_lat = b.min_lat + (b.max_lat - b.min_lat) * f64::from(i) / 20.0;
                    let p_lng = b.min_lng + (b.max_lng - b.min_lng) * f64::from(j) / 20.0;
                    assert!(cells.contains(&cell_of(p_lat, p_lng)), "({p_lat}, {p_lng})");
                }
            }
        }
    }

    #[test]
    fn a_home_in_a_url_reads_back_as_written() {
        let home = LatLng::parse_pair("34.7297,113.6588").unwrap();
        assert_eq!(home.to_pair(), "34.72970,113.65880");
        assert_eq!(LatLng::parse_pair(&home.to_pair()), Some(home));
        assert_eq!(LatLng::parse_pair("91,113"), None);
        assert_eq!(LatLng::parse_pair("here"), None);
    }

    #[test]
    fn deserialising_checks_the_range_too() {
        let bad: Result<LatLng, _> = serde_json::from_str(r#"{"lat": 100, "lng": 1}"#);
        assert!(bad.is_err());
    }
}
