//! The area a staff account works in: "the street leads, the community carries out", so each
//! worker sees and decides what lies in their own district, street or community.

use crate::domain::form::FieldError;
use crate::domain::neighbourhood::{DistrictOverview, Name};
use serde::{Deserialize, Serialize};

/// An account's area. Admins always have the whole city.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Scope {
    #[default]
    City,
    District(i64),
    Street(i64),
    Community(i64),
    /// One volunteer team, for its leader.
    Team(i64),
}

/// The levels an area can be at, from the widest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    City,
    District,
    Street,
    Community,
    Team,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::City,
        Level::District,
        Level::Street,
        Level::Community,
        Level::Team,
    ];

    /// The code stored in `staff.scope_level` and in the `area_communities` view.
    pub fn code(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::District => "district",
            Level::Street => "street",
            Level::Community => "community",
            Level::Team => "team",
        }
    }

    pub fn parse(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Level::City => ("全市", "The whole city"),
            Level::District => ("区", "District"),
            Level::Street => ("街道", "Street"),
            Level::Community => ("社区", "Community"),
            Level::Team => ("志愿队", "Volunteer team"),
        }
    }
}

impl Scope {
    pub fn level(self) -> Level {
        match self {
            Scope::City => Level::City,
            Scope::District(_) => Level::District,
            Scope::Street(_) => Level::Street,
            Scope::Community(_) => Level::Community,
            Scope::Team(_) => Level::Team,
        }
    }

    /// The district's, street's or community's id; 0 for the city, which has none.
    pub fn area_id(self) -> i64 {
        match self {
            Scope::City => 0,
            Scope::District(id) | Scope::Street(id) | Scope::Community(id) | Scope::Team(id) => id,
        }
    }

    /// From the stored level and id; `None` for a level that needs an id and has none.
    pub fn from_parts(level: Level, id: Option<i64>) -> Option<Scope> {
        match (level, id) {
            (Level::City, _) => Some(Scope::City),
            (Level::District, Some(id)) => Some(Scope::District(id)),
            (Level::Street, Some(id)) => Some(Scope::Street(id)),
            (Level::Community, Some(id)) => Some(Scope::Community(id)),
            (Level::Team, Some(id)) => Some(Scope::Team(id)),
            (_, None) => None,
        }
    }

    /// `city`, `district:<id>`, `street:<id>` or `community:<id>`, as the command line and the
    /// accounts form write it.
    pub fn code(self) -> String {
        match self {
            Scope::City => "city".to_owned(),
            other => format!("{}:{}", other.level().code(), other.area_id()),
        }
    }

    /// Reads a code; an empty one is the city.
    pub fn parse(typed: &str) -> Result<Scope, FieldError> {
        let typed = typed.trim();
        let invalid = || {
            FieldError::new(
                "scope",
                "范围应为 city、district:编号、street:编号、community:编号 或 team:编号",
                "The area is city, district:<id>, street:<id>, community:<id> or team:<id>",
            )
        };
        if typed.is_empty() || typed == "city" {
            return Ok(Scope::City);
        }
        let (level, id) = typed.split_once(':').ok_or_else(invalid)?;
        let id = id.trim().parse::<i64>().ok().filter(|id| *id > 0);
        match Level::parse(level.trim()) {
            Some(Level::City) | None => Err(invalid()),
            Some(level) => Scope::from_parts(level, id).ok_or_else(invalid),
        }
    }

    /// The city holds everything, also what has no place (a new service's suggestion).
    pub fn is_city(self) -> bool {
        self == Scope::City
    }
}

/// The scope against the city's hierarchy: what it holds, and what it is called.
impl Scope {
    /// The districts, streets and communities of this area, for choices and headings.
    pub fn within(self, districts: &[DistrictOverview]) -> Vec<DistrictOverview> {
        let mut kept = Vec::new();
        for district in districts {
            let mut district = district.clone();
            if self != Scope::District(district.id) {
                district.streets.retain_mut(|street| {
                    if self != Scope::Street(street.id) {
                        street.communities.retain(|c| self.holds_directly(c.id));
                    }
                    !street.communities.is_empty()
                });
            }
            if !district.streets.is_empty() {
                kept.push(district);
            }
        }
        kept
    }

    /// Whether the area holds this community; what has no community is the city's alone, and a
    /// team holds no community.
    pub fn holds(self, districts: &[DistrictOverview], community: Option<i64>) -> bool {
        match (self, community) {
            (Scope::City, _) => true,
            (_, None) => false,
            (_, Some(id)) => self
                .within(districts)
                .iter()
                .flat_map(|d| &d.streets)
                .any(|s| s.communities.iter().any(|c| c.id == id)),
        }
    }

    fn holds_directly(self, community: i64) -> bool {
        matches!(self, Scope::City) || self == Scope::Community(community)
    }

    /// The area's name, "全市" for the city; `None` for an area that does not exist, and for a
    /// team (named by the teams' list).
    pub fn name(self, districts: &[DistrictOverview]) -> Option<Name> {
        let named = |zh: &str, en: &str| Name {
            zh: zh.to_owned(),
            en: en.to_owned(),
        };
        let mut streets = districts.iter().flat_map(|d| &d.streets);
        match self {
            Scope::City => Some(named("全市", "The whole city")),
            Scope::District(id) => districts
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.name.clone()),
            Scope::Street(id) => streets.find(|s| s.id == id).map(|s| s.name.clone()),
            Scope::Community(id) => streets
                .flat_map(|s| &s.communities)
                .find(|c| c.id == id)
                .map(|c| c.name.clone()),
            Scope::Team(_) => None,
        }
    }
}

impl From<Scope> for String {
    fn from(scope: Scope) -> String {
        scope.code()
    }
}

impl TryFrom<String> for Scope {
    type Error = String;

    fn try_from(code: String) -> Result<Scope, String> {
        Scope::parse(&code).map_err(|e| e.message(crate::domain::lang::Lang::En).to_owned())
    }
}

#[cfg(test)]
#[path = "scope_tests.rs"]
mod tests;
