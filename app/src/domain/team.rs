//! A volunteer team as staff write it: the form's and the API's body as typed, and the checks
//! both run. Everything in it is public: the leader is a public name, the contact a public line.

use super::{
    form::{FieldError, bounded_text, public_name},
    geo::LatLng,
    public_phone,
    service::edit::{Coordinate, location},
    volunteer::Speciality,
};
use serde::{Deserialize, Serialize};

/// The longest English name a team takes, in characters.
pub const NAME_EN_MAX: usize = 60;

/// A team as staff write it, in the form and in `POST /api/v1/staff/teams`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawTeam {
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 2, max_length = 30, required = true)
    )]
    pub name_zh: String,
    /// The Chinese name when left empty.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 60))]
    pub name_en: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub community_id: Option<i64>,
    #[serde(default)]
    pub grid_id: Option<i64>,
    /// `elderly_help`, `medical`, `education`, `patrol` or `civility`.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub speciality: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 500))]
    pub description: String,
    /// The leader's public name ("王书记"), never a phone number.
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 1, max_length = 20, required = true)
    )]
    pub leader: String,
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 2, max_length = 60, required = true)
    )]
    pub meeting_place: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = f64, minimum = -90, maximum = 90, required = true))]
    pub lat: Coordinate,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = f64, minimum = -180, maximum = 180, required = true))]
    pub lng: Coordinate,
    /// The team's public line (its community service centre), printed on service records.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub contact: String,
}

/// A checked team, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamInput {
    pub name_zh: String,
    pub name_en: String,
    pub community_id: i64,
    pub grid_id: Option<i64>,
    pub speciality: Speciality,
    pub description: String,
    pub leader: String,
    pub meeting_place: String,
    pub at: LatLng,
    pub contact: String,
}

impl RawTeam {
    /// Checks every field and names each one that is wrong, in both languages.
    pub fn parse(&self) -> Result<TeamInput, Vec<FieldError>> {
        let mut e = Vec::new();
        let name_zh = bounded_text(&mut e, "name_zh", ("队名", "name"), &self.name_zh, (2, 30));
        let name_en = bounded_text(
            &mut e,
            "name_en",
            ("英文队名", "English name"),
            &self.name_en,
            (0, NAME_EN_MAX),
        );
        if self.community_id.is_none() {
            e.push(FieldError::new(
                "community_id",
                "请选择所属社区",
                "Please choose the community",
            ));
        }
        let speciality = Speciality::parse(&self.speciality);
        if speciality.is_none() {
            e.push(FieldError::new(
                "speciality",
                "请选择服务方向",
                "Please choose what the team does",
            ));
        }
        let description = bounded_text(
            &mut e,
            "description",
            ("队伍介绍", "description"),
            &self.description,
            (0, 500),
        );
        let leader = bounded_text(
            &mut e,
            "leader",
            ("负责人", "leader"),
            &self.leader,
            (1, 20),
        )
        .filter(|leader| public_name(&mut e, "leader", leader));
        let meeting_place = bounded_text(
            &mut e,
            "meeting_place",
            ("集合地点", "meeting place"),
            &self.meeting_place,
            (2, 60),
        );
        let at = location(&mut e, &self.lat, &self.lng);
        let contact = public_phone::parse(&self.contact);
        if contact.is_none() {
            e.push(FieldError::new(
                "contact",
                "请填写队伍的公开电话，如社区服务中心座机 0371-66661234",
                "Enter the team's public line, such as its service centre's 0371-66661234",
            ));
        }
        let place = meeting_place.zip(at);
        match (
            name_zh,
            name_en,
            self.community_id,
            speciality,
            description,
            leader,
            place,
            contact,
        ) {
            (
                Some(name_zh),
                Some(name_en),
                Some(community_id),
                Some(speciality),
                Some(description),
                Some(leader),
                Some((meeting_place, at)),
                Some(contact),
            ) if e.is_empty() => Ok(TeamInput {
                name_en: if name_en.is_empty() {
                    name_zh.clone()
                } else {
                    name_en
                },
                name_zh,
                community_id,
                grid_id: self.grid_id,
                speciality,
                description,
                leader,
                meeting_place,
                at,
                contact,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests;
