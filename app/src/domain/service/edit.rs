//! What staff write about a service point: the form's and the API's body as typed, the checks
//! both run, and why a service is closed.

use super::ErrandGuide;
use crate::domain::{
    category::Categories,
    form::{FieldError, bounded_text},
    geo::LatLng,
    hours::WeeklyHours,
    lang::Lang,
    public_phone,
    week::parse_week,
};
use serde::{Deserialize, Serialize};

/// Opening hours as data (the shape `GET /api/v1/services/{id}` answers with) or as typed
/// ("周一至周五 08:30-17:30；周六休息").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum HoursInput {
    Week(WeeklyHours),
    Text(String),
}

impl Default for HoursInput {
    fn default() -> Self {
        HoursInput::Text(String::new())
    }
}

/// A coordinate as a number, or as a form holds it, typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Coordinate {
    Number(f64),
    Text(String),
}

impl Default for Coordinate {
    fn default() -> Self {
        Coordinate::Text(String::new())
    }
}

impl Coordinate {
    pub fn value(&self) -> Option<f64> {
        match self {
            Coordinate::Number(n) => Some(*n),
            Coordinate::Text(t) => t.trim().parse().ok(),
        }
        .filter(|n: &f64| n.is_finite())
    }

    pub fn text(&self) -> String {
        match self {
            Coordinate::Number(n) => n.to_string(),
            Coordinate::Text(t) => t.clone(),
        }
    }
}

/// A service as staff write it, in the form and in `POST /api/v1/staff/services`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawService {
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 2, max_length = 60, required = true)
    )]
    pub name: String,
    /// A category id from /api/v1/categories.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub category: String,
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 4, max_length = 120, required = true)
    )]
    pub address: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 1000))]
    pub description: String,
    /// A public number residents may call; none when empty.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = f64, minimum = -90, maximum = 90, required = true))]
    pub lat: Coordinate,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = f64, minimum = -180, maximum = 180, required = true))]
    pub lng: Coordinate,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub hours: HoursInput,
    /// What holidays change, with hours given as text (as data, hours carry their own note).
    #[serde(default)]
    pub hours_note: Option<String>,
    /// "Tell it all at once" (一次性告知); none for a place with no errands to prepare.
    #[serde(default)]
    pub guide: Option<ErrandGuide>,
    /// The community; found from the location when not given.
    #[serde(default)]
    pub community_id: Option<i64>,
    /// The grid; found from the location when not given.
    #[serde(default)]
    pub grid_id: Option<i64>,
}

/// A checked service, ready to be written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceInput {
    pub name: String,
    pub category: String,
    pub address: String,
    pub description: String,
    pub phone: Option<String>,
    pub place: LatLng,
    pub community_id: Option<i64>,
    pub grid_id: Option<i64>,
    pub hours: WeeklyHours,
    pub guide: Option<ErrandGuide>,
}

const GUIDE_LINES: usize = 20;

impl RawService {
    /// Checks every field and names each one that is wrong, in both languages.
    pub fn parse(&self, categories: &Categories) -> Result<ServiceInput, Vec<FieldError>> {
        let mut e = Vec::new();
        let name = bounded_text(&mut e, "name", ("名称", "name"), &self.name, (2, 60));
        let category = categories
            .choose(self.category.trim())
            .map(|c| c.id.clone());
        if category.is_none() {
            e.push(FieldError::new(
                "category",
                "请选择服务类别",
                "Please choose a category",
            ));
        }
        let address = bounded_text(
            &mut e,
            "address",
            ("地址", "address"),
            &self.address,
            (4, 120),
        );
        let description = bounded_text(
            &mut e,
            "description",
            ("简介", "description"),
            &self.description,
            (0, 1000),
        );
        let phone = match self.phone.as_deref().map(str::trim).unwrap_or_default() {
            "" => None,
            typed => {
                let number = public_phone::parse(typed);
                if number.is_none() {
                    e.push(FieldError::new(
                        "phone",
                        "电话号码无法识别：请填写如 0371-66661234 的座机、手机号或 400 热线，也可以不填",
                        "The phone number cannot be read: enter a landline like 0371-66661234, a mobile or a 400 line, or leave it empty",
                    ));
                }
                number
            }
        };
        let place = location(&mut e, &self.lat, &self.lng);
        let hours = self.weekly_hours(&mut e);
        let guide = guide(&mut e, self.guide.as_ref());
        match (name, category, address, description, place, hours) {
            (
                Some(name),
                Some(category),
                Some(address),
                Some(description),
                Some(place),
                Some(hours),
            ) if e.is_empty() => Ok(ServiceInput {
                name,
                category,
                address,
                description,
                phone,
                place,
                community_id: self.community_id,
                grid_id: self.grid_id,
                hours,
                guide,
            }),
            _ => Err(e),
        }
    }

    fn weekly_hours(&self, e: &mut Vec<FieldError>) -> Option<WeeklyHours> {
        let typed_note = bounded_text(
            e,
            "hours_note",
            ("节假日安排", "holiday note"),
            self.hours_note.as_deref().unwrap_or_default(),
            (0, 200),
        )?;
        let hours = match &self.hours {
            HoursInput::Text(text) => match parse_week(text) {
                Ok(days) => WeeklyHours { days, note: None },
                Err(error) => {
                    let (zh, en) = (error.message(Lang::Zh), error.message(Lang::En));
                    e.push(FieldError::new("hours", &zh, &en));
                    return None;
                }
            },
            HoursInput::Week(week) => {
                if let Err(error) = week.check() {
                    e.push(FieldError::new(
                        "hours",
                        "营业时间有误：每段时间须在一天之内，且同一天的几段不能重叠",
                        &format!("The opening hours are not valid: {error}"),
                    ));
                    return None;
                }
                week.clone()
            }
        };
        let note = hours
            .note
            .clone()
            .or(Some(typed_note))
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        Some(WeeklyHours { note, ..hours })
    }
}

/// The service's place: both coordinates, as numbers inside their ranges.
pub(crate) fn location(
    e: &mut Vec<FieldError>,
    lat: &Coordinate,
    lng: &Coordinate,
) -> Option<LatLng> {
    let (lat, lng) = (lat.value(), lng.value());
    let lat_ok = lat.filter(|v| (-90.0..=90.0).contains(v));
    let lng_ok = lng.filter(|v| (-180.0..=180.0).contains(v));
    if lat_ok.is_none() {
        e.push(FieldError::new(
            "lat",
            "请在地图上点按位置，或填写 -90 到 90 之间的纬度",
            "Tap the place on the map, or enter a latitude between -90 and 90",
        ));
    }
    if lng_ok.is_none() {
        e.push(FieldError::new(
            "lng",
            "请在地图上点按位置，或填写 -180 到 180 之间的经度",
            "Tap the place on the map, or enter a longitude between -180 and 180",
        ));
    }
    LatLng::new(lat_ok?, lng_ok?).ok()
}

/// The guide with blank lines dropped and every line trimmed; none when nothing is in it.
fn guide(e: &mut Vec<FieldError>, guide: Option<&ErrandGuide>) -> Option<ErrandGuide> {
    let guide = guide?;
    let mut lines = |field: &str, label: (&str, &str), list: &[String]| -> Vec<String> {
        let kept: Vec<String> = list
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        if kept.len() > GUIDE_LINES || kept.iter().any(|l| l.chars().count() > 200) {
            e.push(FieldError::new(
                field,
                &format!("{}最多 {GUIDE_LINES} 行，每行最多 200 个字", label.0),
                &format!(
                    "The {} can have at most {GUIDE_LINES} lines of 200 characters",
                    label.1
                ),
            ));
        }
        kept
    };
    let materials = lines("guide_materials", ("所需材料", "papers"), &guide.materials);
    let steps = lines("guide_steps", ("办理步骤", "steps"), &guide.steps);
    let notes = lines("guide_notes", ("注意事项", "notes"), &guide.notes);
    let time_limit = bounded_text(
        e,
        "guide_time_limit",
        ("办理时限", "time limit"),
        &guide.time_limit,
        (0, 100),
    )?;
    let fees = bounded_text(e, "guide_fees", ("收费标准", "fees"), &guide.fees, (0, 100))?;
    let guide = ErrandGuide {
        materials,
        steps,
        time_limit,
        fees,
        notes,
        proxy: guide.proxy,
    };
    (guide != ErrandGuide::default()).then_some(guide)
}

mod close;
pub use close::{CloseReason, Closure, RawClose};

#[cfg(test)]
mod tests;
