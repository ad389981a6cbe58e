//! The grid-management hierarchy: district (区) → street (街道) → community (社区) → grid (网格).
//! The grid is the natural unit for "near me"; the others are how residents name where they live.

use super::geo::LatLng;
use serde::{Deserialize, Serialize};

/// A name in both interface languages. Chinese is authoritative; English is a courtesy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Name {
    pub zh: String,
    pub en: String,
}

/// One district with its streets, communities and how many grids each community has,
/// as the neighbourhood overview shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictOverview {
    pub id: i64,
    pub name: Name,
    pub streets: Vec<StreetOverview>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreetOverview {
    pub id: i64,
    pub name: Name,
    pub communities: Vec<CommunityOverview>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunityOverview {
    pub id: i64,
    pub name: Name,
    pub location: LatLng,
    pub grid_count: i64,
}

impl DistrictOverview {
    pub fn community_count(&self) -> usize {
        self.streets.iter().map(|s| s.communities.len()).sum()
    }

    pub fn grid_count(&self) -> i64 {
        self.streets
            .iter()
            .flat_map(|s| &s.communities)
            .map(|c| c.grid_count)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn community(grids: i64) -> CommunityOverview {
        CommunityOverview {
            id: 1,
            name: Name {
                zh: "康桥华城社区".into(),
                en: "Kangqiao Huacheng".into(),
            },
            location: LatLng::new(34.73, 113.66).unwrap(),
            grid_count: grids,
        }
    }

    #[test]
    fn a_district_counts_the_communities_and_grids_of_all_its_streets() {
        let street = |communities| StreetOverview {
            id: 1,
            name: Name {
                zh: "大学路街道".into(),
                en: "Daxuelu".into(),
            },
            communities,
        };
        let district = DistrictOverview {
            id: 1,
            name: Name {
                zh: "二七区".into(),
                en: "Erqi".into(),
            },
            streets: vec![
                street(vec![community(3), community(4)]),
                street(vec![community(5)]),
            ],
        };
        assert_eq!(district.community_count(), 3);
        assert_eq!(district.grid_count(), 12);
    }
}
