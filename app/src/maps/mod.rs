//! Every map of the portal is drawn from one description, a [`Scene`]: as SVG by the server
//! (the offline default, and what shows before the page's script runs), and in the browser
//! over the deployment's map tiles with Leaflet when tiles are configured (`tiles`).

mod frame;
#[cfg(feature = "hydrate")]
mod tiles;
mod view;

pub use frame::{Frame, HALF};
pub use view::MapView;

use crate::domain::{
    category::Categories,
    circle::Circle,
    geo::LatLng,
    map::{PlaceName, StreetLine},
    service::ServiceSummary,
};

/// What one map shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub centre: LatLng,
    /// Metres from the centre to each edge.
    pub reach_m: f64,
    /// Home at the centre, with its 5-, 10- and 15-minute rings.
    pub home: bool,
    pub markers: Vec<Marker>,
    pub streets: Vec<StreetLine>,
    pub places: Vec<PlaceName>,
}

/// A service on the map, coloured by the walk its kind should be within.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub id: i64,
    pub name: String,
    pub at: LatLng,
    pub circle: Circle,
    /// Named on the map itself, not only when tapped.
    pub labelled: bool,
}

impl Marker {
    pub fn of(service: &ServiceSummary, labelled: bool, categories: &Categories) -> Option<Marker> {
        Some(Marker {
            id: service.id,
            name: service.name.clone(),
            at: LatLng::new(service.lat, service.lng).ok()?,
            circle: categories
                .find(&service.category)
                .map_or(Circle::Fifteen, |c| c.circle),
            labelled,
        })
    }

    pub fn class(&self) -> &'static str {
        match self.circle {
            Circle::Five => "marker five",
            Circle::Ten => "marker ten",
            Circle::Fifteen => "marker fifteen",
        }
    }
}

impl Scene {
    /// Home in the middle, as far as the 15-minute ring and a margin.
    pub fn around_home(
        home: LatLng,
        services: &[ServiceSummary],
        categories: &Categories,
        streets: Vec<StreetLine>,
        places: Vec<PlaceName>,
    ) -> Scene {
        Scene {
            centre: home,
            reach_m: crate::services::NEAR_MAP_REACH_M,
            home: true,
            markers: services
                .iter()
                .filter_map(|s| Marker::of(s, false, categories))
                .collect(),
            streets,
            places,
        }
    }

    /// A self-governance street and its shops, named, the street filling the map's middle
    /// and leaving room for the road's name past its ends.
    pub fn of_street(
        centre: LatLng,
        street: Option<StreetLine>,
        shops: &[ServiceSummary],
        categories: &Categories,
    ) -> Scene {
        let furthest = street
            .iter()
            .flat_map(|s| s.path.iter().copied())
            .chain(shops.iter().filter_map(|s| LatLng::new(s.lat, s.lng).ok()))
            .map(|p| centre.distance_m(p))
            .fold(0.0, f64::max);
        Scene {
            centre,
            reach_m: (furthest / 0.6).max(300.0),
            home: false,
            markers: shops
                .iter()
                .filter_map(|s| Marker::of(s, true, categories))
                .collect(),
            streets: street.into_iter().collect(),
            places: Vec::new(),
        }
    }

    pub fn frame(&self) -> Frame {
        Frame {
            centre: self.centre,
            reach_m: self.reach_m,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::neighbourhood::Name;

    fn shop(id: i64, lat: f64, lng: f64) -> ServiceSummary {
        ServiceSummary {
            id,
            name: format!("店{id}"),
            category: "breakfast".into(),
            lat,
            lng,
            ..ServiceSummary::default()
        }
    }

    #[test]
    fn a_street_fills_the_middle_of_its_map_and_its_shops_are_named() {
        let centre = LatLng::new(34.7302, 113.6168).unwrap();
        let line = StreetLine {
            id: 1,
            name: Name {
                zh: "棉纺东路商户自治示范街".into(),
                en: "x".into(),
            },
            road: Name {
                zh: "棉纺东路".into(),
                en: "Mianfang E. Rd".into(),
            },
            path: vec![
                LatLng::new(34.7302, 113.6115).unwrap(),
                LatLng::new(34.7302, 113.6221).unwrap(),
            ],
        };
        let scene = Scene::of_street(
            centre,
            Some(line),
            &[shop(1, 34.73038, 113.6123)],
            &crate::domain::category::standard(),
        );
        let (west, _) = scene.frame().project(scene.streets[0].path[0]);
        assert!((-HALF * 0.7..-HALF * 0.5).contains(&west), "{west}");
        assert!(scene.markers[0].labelled && scene.markers[0].class() == "marker five");
        // A street with no line and no shops still shows its surroundings.
        assert_eq!(
            Scene::of_street(centre, None, &[], &Categories::default()).reach_m,
            300.0
        );
    }
}
