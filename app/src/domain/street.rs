//! A self-governance street's public words as staff write them: the scheme, the road chief, the
//! council (public names and roles) and the pledge its shops sign.

use super::form::{FieldError, bounded_text, public_name};
use serde::{Deserialize, Serialize};

/// The most members a council lists.
pub const MAX_COUNCIL: usize = 30;

/// One council member as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawCouncilMember {
    /// A public name or title ("李路长"), never a phone number.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role_zh: String,
    /// The Chinese role when left empty.
    #[serde(default)]
    pub role_en: String,
}

/// A street's public words, in the form and in `PUT /api/v1/staff/streets/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawStreet {
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 10, max_length = 1000, required = true)
    )]
    pub scheme_zh: String,
    /// The Chinese text when left empty.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 1000))]
    pub scheme_en: String,
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 1, max_length = 20, required = true)
    )]
    pub road_chief: String,
    /// In the order the street page lists them.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_items = 30))]
    pub council: Vec<RawCouncilMember>,
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 10, max_length = 2000, required = true)
    )]
    pub pledge_zh: String,
    /// The Chinese text when left empty.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub pledge_en: String,
}

/// Checked, with empty English filled from the Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreetText {
    pub scheme_zh: String,
    pub scheme_en: String,
    pub road_chief: String,
    pub council: Vec<RawCouncilMember>,
    pub pledge_zh: String,
    pub pledge_en: String,
}

fn or_zh(en: Option<String>, zh: &Option<String>) -> Option<String> {
    match en {
        Some(en) if en.is_empty() => zh.clone(),
        en => en,
    }
}

impl RawStreet {
    pub fn parse(&self) -> Result<StreetText, Vec<FieldError>> {
        let mut e = Vec::new();
        let scheme_zh = bounded_text(
            &mut e,
            "scheme_zh",
            ("自治说明", "scheme"),
            &self.scheme_zh,
            (10, 1000),
        );
        let scheme_en = bounded_text(
            &mut e,
            "scheme_en",
            ("英文说明", "English scheme"),
            &self.scheme_en,
            (0, 1000),
        );
        let road_chief = bounded_text(
            &mut e,
            "road_chief",
            ("路长", "road chief"),
            &self.road_chief,
            (1, 20),
        )
        .filter(|name| public_name(&mut e, "road_chief", name));
        if self.council.len() > MAX_COUNCIL {
            e.push(FieldError::new(
                "council",
                &format!("自治会最多列 {MAX_COUNCIL} 人"),
                &format!("A council lists at most {MAX_COUNCIL} people"),
            ));
        }
        let council: Vec<RawCouncilMember> = self
            .council
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                !(m.name.trim().is_empty()
                    && m.role_zh.trim().is_empty()
                    && m.role_en.trim().is_empty())
            })
            .filter_map(|(i, m)| {
                let name_field = format!("council-{i}-name");
                let name = bounded_text(
                    &mut e,
                    &name_field,
                    ("姓名或称呼", "name"),
                    &m.name,
                    (1, 20),
                )
                .filter(|name| public_name(&mut e, &name_field, name));
                let role_zh = bounded_text(
                    &mut e,
                    &format!("council-{i}-role_zh"),
                    ("职务", "role"),
                    &m.role_zh,
                    (1, 20),
                );
                let role_en = bounded_text(
                    &mut e,
                    &format!("council-{i}-role_en"),
                    ("英文职务", "English role"),
                    &m.role_en,
                    (0, 40),
                );
                let role_en = or_zh(role_en, &role_zh)?;
                Some(RawCouncilMember {
                    name: name?,
                    role_zh: role_zh?,
                    role_en,
                })
            })
            .collect();
        let pledge_zh = bounded_text(
            &mut e,
            "pledge_zh",
            ("承诺书", "pledge"),
            &self.pledge_zh,
            (10, 2000),
        );
        let pledge_en = bounded_text(
            &mut e,
            "pledge_en",
            ("英文承诺书", "English pledge"),
            &self.pledge_en,
            (0, 2000),
        );
        let scheme_en = or_zh(scheme_en, &scheme_zh);
        let pledge_en = or_zh(pledge_en, &pledge_zh);
        match (scheme_zh, scheme_en, road_chief, pledge_zh, pledge_en) {
            (
                Some(scheme_zh),
                Some(scheme_en),
                Some(road_chief),
                Some(pledge_zh),
                Some(pledge_en),
            ) if e.is_empty() => Ok(StreetText {
                scheme_zh,
                scheme_en,
                road_chief,
                council,
                pledge_zh,
                pledge_en,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests;
