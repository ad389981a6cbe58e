//! What a walking circle has and lacks: the gaps around a home, and each community's
//! coverage for staff.

use super::{category::Categories, geo::LatLng, service::ServiceSummary};

/// The categories with no service inside their own circle, given the services found within
/// the largest circle of a home (each with its distance).
pub fn gaps(categories: &Categories, nearby: &[ServiceSummary]) -> Vec<String> {
    categories
        .choosable()
        .filter(|c| {
            !nearby.iter().any(|s| {
                s.category == c.id
                    && s.distance_m
                        .is_some_and(|d| f64::from(d) <= c.circle.radius_m())
            })
        })
        .map(|c| c.id.to_owned())
        .collect()
}

#[cfg(test)]
mod gap_tests {
    use super::*;

    fn at(category: &str, distance_m: u32) -> ServiceSummary {
        ServiceSummary {
            id: 1,
            name: String::new(),
            category: category.into(),
            address: String::new(),
            lat: 0.0,
            lng: 0.0,
            open_now: true,
            distance_m: Some(distance_m),
            walk_minutes: None,
            member: false,
        }
    }

    #[test]
    fn a_category_is_a_gap_when_nothing_lies_inside_its_own_circle() {
        // A convenience store belongs within 5 minutes (300 m); one at 450 m does not count.
        let list = crate::domain::category::standard();
        let gaps = gaps(
            &list,
            &[at("convenience_store", 450), at("health_station", 900)],
        );
        assert!(gaps.contains(&"convenience_store".to_owned()));
        assert!(!gaps.contains(&"health_station".to_owned()));
        assert!(gaps.contains(&"pharmacy".to_owned()));
    }
}

/// For each choosable category, in the list's order: is there a service of it inside its own
/// circle around `centre`?
pub fn coverage(
    categories: &Categories,
    centre: LatLng,
    services: &[(String, LatLng)],
) -> Vec<bool> {
    categories
        .choosable()
        .map(|c| {
            services
                .iter()
                .any(|(id, place)| *id == c.id && centre.distance_m(*place) <= c.circle.radius_m())
        })
        .collect()
}

#[cfg(test)]
mod coverage_tests {
    use super::*;

    #[test]
    fn a_community_is_covered_only_by_services_inside_each_categorys_circle() {
        let centre = LatLng::new(34.75, 113.63).unwrap();
        // 0.004° of latitude is about 445 m: inside 10 minutes, outside 5.
        let near = LatLng::new(34.754, 113.63).unwrap();
        let list = crate::domain::category::standard();
        let covered = coverage(
            &list,
            centre,
            &[
                ("pharmacy".into(), near),
                ("convenience_store".into(), near),
            ],
        );
        let at = |id: &str| covered[list.choosable().position(|c| c.id == id).unwrap()];
        assert!(at("pharmacy"), "a 10-minute category 445 m away");
        assert!(!at("convenience_store"), "a 5-minute category 445 m away");
        assert!(!at("health_station"));
    }
}
