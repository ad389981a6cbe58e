//! GCJ-02, the shifted datum China's commercial maps (AMap among them) are drawn in. The portal
//! stores WGS-84; a place drawn on such tiles is shifted first, and a tap on them shifted back.
//! The shift is the published one (Krasovsky ellipsoid, the usual polynomial); it is zero
//! outside China, where those maps draw WGS-84 as it is.

use super::geo::LatLng;
use std::f64::consts::PI;

const SEMI_MAJOR: f64 = 6_378_245.0;
const ECCENTRICITY_SQ: f64 = 0.006_693_421_622_965_943;

/// Where a WGS-84 place is drawn on GCJ-02 tiles.
pub fn to_gcj02(place: LatLng) -> LatLng {
    let (d_lat, d_lng) = shift(place.lat(), place.lng());
    LatLng::new(place.lat() + d_lat, place.lng() + d_lng).unwrap_or(place)
}

/// The WGS-84 place drawn at a GCJ-02 point: the shift inverted by iteration, to well under a
/// metre in a few steps (the shift changes slowly across a city).
pub fn from_gcj02(drawn: LatLng) -> LatLng {
    let (mut lat, mut lng) = (drawn.lat(), drawn.lng());
    for _ in 0..8 {
        let (d_lat, d_lng) = shift(lat, lng);
        let (err_lat, err_lng) = (lat + d_lat - drawn.lat(), lng + d_lng - drawn.lng());
        lat -= err_lat;
        lng -= err_lng;
        if err_lat.abs() < 1e-10 && err_lng.abs() < 1e-10 {
            break;
        }
    }
    LatLng::new(lat, lng).unwrap_or(drawn)
}

fn in_china(lat: f64, lng: f64) -> bool {
    (72.004..=137.8347).contains(&lng) && (0.8293..=55.8271).contains(&lat)
}

/// The shift in degrees (latitude, longitude) at a WGS-84 place.
fn shift(lat: f64, lng: f64) -> (f64, f64) {
    if !in_china(lat, lng) {
        return (0.0, 0.0);
    }
    let (x, y) = (lng - 105.0, lat - 35.0);
    let waves = (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    let d_lat = -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * x.abs().sqrt()
        + waves
        + (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0
        + (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    let d_lng = 300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * x.abs().sqrt()
        + waves
        + (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0
        + (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    let rad_lat = lat.to_radians();
    let magic = 1.0 - ECCENTRICITY_SQ * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    (
        d_lat * 180.0 / (SEMI_MAJOR * (1.0 - ECCENTRICITY_SQ) / (magic * sqrt_magic) * PI),
        d_lng * 180.0 / (SEMI_MAJOR / sqrt_magic * rad_lat.cos() * PI),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shift_matches_the_published_reference_point() {
        // The reference pair every GCJ-02 implementation is checked against (Beijing).
        let drawn = to_gcj02(LatLng::new(39.915, 116.404).unwrap());
        assert!(
            (drawn.lat() - 39.916_404_281_5).abs() < 1e-9,
            "{}",
            drawn.lat()
        );
        assert!(
            (drawn.lng() - 116.410_244_499_2).abs() < 1e-9,
            "{}",
            drawn.lng()
        );
    }

    #[test]
    fn in_zhengzhou_a_place_moves_a_few_hundred_metres_and_a_tap_comes_back() {
        let place = LatLng::new(34.7302, 113.6168).unwrap();
        let drawn = to_gcj02(place);
        let moved = place.distance_m(drawn);
        assert!((100.0..800.0).contains(&moved), "{moved}");
        let back = from_gcj02(drawn);
        assert!(place.distance_m(back) < 0.05, "{}", place.distance_m(back));
    }

    #[test]
    fn outside_china_nothing_moves() {
        let sydney = LatLng::new(-33.86, 151.2).unwrap();
        assert_eq!(to_gcj02(sydney), sydney);
        assert_eq!(from_gcj02(sydney), sydney);
    }
}
