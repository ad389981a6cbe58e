//! Service points and how residents search them.

use super::{
    category::Categories, circle::Circle, geo::LatLng, hours::WeeklyHours, lang::Lang,
    neighbourhood::Name,
};
use serde::{Deserialize, Serialize};

pub mod edit;

/// A service point as lists and maps show it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ServiceSummary {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    pub open_now: bool,
    /// Present when lat and lng were given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub distance_m: Option<u32>,
    /// Present when lat and lng were given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub walk_minutes: Option<u32>,
    /// A member shop of a merchant self-governance street (商户自治成员).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub member: bool,
}

/// "Tell it all at once" (一次性告知): everything an errand needs, so no one makes a wasted trip.
// Every field is always sent, so each is `required` in the API document; the serde defaults only
// matter when reading.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrandGuide {
    pub materials: Vec<String>,
    pub steps: Vec<String>,
    pub time_limit: String,
    pub fees: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub notes: Vec<String>,
    /// A grid worker can run the whole errand for the resident (全程代办).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub proxy: bool,
}

/// Everything about one service point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ServiceDetail {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub address: String,
    pub description: String,
    pub phone: Option<String>,
    pub lat: f64,
    pub lng: f64,
    pub community: Name,
    pub grid: Option<String>,
    pub hours: WeeklyHours,
    pub guide: Option<ErrandGuide>,
    pub open_now: bool,
    /// Today's weekday in Zhengzhou when this was read, Monday 0: the hours mark its row.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(maximum = 6))]
    pub today: u8,
    /// When staff last confirmed this information (Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub verified_at: Option<i64>,
    /// For a member shop: its street, licences and the pledge it signed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub member_shop: Option<MemberFacts>,
}

/// What a member shop displays (亮证经营), public by design; never a phone number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberFacts {
    pub street_id: i64,
    pub street_zh: String,
    pub street_en: String,
    pub uscc: String,
    /// Left out when the shop needs none (the API document has no null here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub food_licence: Option<String>,
    pub prepackaged_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub health_certificates: Option<i64>,
}

/// A page of search results and how many there are in all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ServicePage {
    pub items: Vec<ServiceSummary>,
    pub total: u64,
}

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;

/// A search as typed in a URL: every value still text, so that a bad one gets a message naming
/// it rather than a parse failure of the whole request. The API document gives each parameter
/// the type it must parse as.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct RawServiceQuery {
    #[cfg_attr(feature = "ssr", param(value_type = Option<f64>, minimum = -90, maximum = 90))]
    pub lat: Option<String>,
    #[cfg_attr(feature = "ssr", param(value_type = Option<f64>, minimum = -180, maximum = 180))]
    pub lng: Option<String>,
    #[cfg_attr(feature = "ssr", param(schema_with = minutes_param))]
    pub minutes: Option<String>,
    /// A category id from /api/v1/categories.
    pub category: Option<String>,
    /// Text found anywhere in name, address or description (Chinese works: 养老).
    #[cfg_attr(feature = "ssr", param(max_length = 50))]
    pub q: Option<String>,
    #[cfg_attr(feature = "ssr", param(value_type = Option<bool>))]
    pub open_now: Option<String>,
    #[cfg_attr(
        feature = "ssr",
        param(value_type = Option<u32>, minimum = 1, maximum = 100, default = 20)
    )]
    pub limit: Option<String>,
    #[cfg_attr(feature = "ssr", param(value_type = Option<u32>, default = 0))]
    pub offset: Option<String>,
}

/// The `minutes` parameter, for the API document: the largest circle unless given.
#[cfg(feature = "ssr")]
fn minutes_param() -> utoipa::openapi::Object {
    let mut schema = super::circle::minutes_schema();
    schema.default = Some(Circle::Fifteen.minutes().into());
    schema
}

/// A valid search.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceQuery {
    pub near: Option<(LatLng, Circle)>,
    pub category: Option<String>,
    pub text: Option<String>,
    /// The categories the text names (养老, 买药): their services match too.
    pub named: Vec<String>,
    pub open_now: bool,
    pub limit: u32,
    pub offset: u32,
}

/// What is wrong with one parameter of a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum QueryError {
    #[error("lat must be a number between -90 and 90")]
    Lat,
    #[error("lng must be a number between -180 and 180")]
    Lng,
    #[error("lat and lng go together")]
    Pair,
    #[error("minutes must be 5, 10 or 15")]
    Minutes,
    #[error("no such category")]
    Category,
    #[error("open_now must be true or false")]
    OpenNow,
    #[error("limit must be a whole number from 1 to 100")]
    Limit,
    #[error("offset must be a whole number, 0 or more")]
    Offset,
}

impl QueryError {
    pub fn field(self) -> &'static str {
        match self {
            QueryError::Lat | QueryError::Pair => "lat",
            QueryError::Lng => "lng",
            QueryError::Minutes => "minutes",
            QueryError::Category => "category",
            QueryError::OpenNow => "open_now",
            QueryError::Limit => "limit",
            QueryError::Offset => "offset",
        }
    }

    pub fn message(self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                QueryError::Lat => "纬度应为 -90 到 90 之间的数字",
                QueryError::Lng => "经度应为 -180 到 180 之间的数字",
                QueryError::Pair => "纬度和经度需要同时提供",
                QueryError::Minutes => "步行时间只能是 5、10 或 15 分钟",
                QueryError::Category => "没有这个服务类别",
                QueryError::OpenNow => "open_now 只能是 true 或 false",
                QueryError::Limit => "每页条数应为 1 到 100 的整数",
                QueryError::Offset => "起始位置应为 0 或更大的整数",
            }
            .to_owned(),
        }
    }
}

impl RawServiceQuery {
    /// Checks every parameter and reports all that are wrong, not just the first.
    pub fn parse(&self, categories: &Categories) -> Result<ServiceQuery, Vec<QueryError>> {
        let mut errors = Vec::new();
        let number = |v: &Option<String>, e: QueryError, errors: &mut Vec<QueryError>| {
            let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            let n = v.parse::<f64>().ok().filter(|n| n.is_finite());
            if n.is_none() {
                errors.push(e);
            }
            n
        };
        let lat = number(&self.lat, QueryError::Lat, &mut errors);
        let lng = number(&self.lng, QueryError::Lng, &mut errors);
        let lat = lat.filter(|lat| in_range(*lat, 90.0, QueryError::Lat, &mut errors));
        let lng = lng.filter(|lng| in_range(*lng, 180.0, QueryError::Lng, &mut errors));
        let circle = match present(&self.minutes) {
            None => Circle::Fifteen,
            Some(m) => m
                .parse::<u32>()
                .ok()
                .and_then(|m| Circle::try_from(m).ok())
                .unwrap_or_else(|| {
                    errors.push(QueryError::Minutes);
                    Circle::Fifteen
                }),
        };
        let near = match (lat, lng) {
            (Some(lat), Some(lng)) => LatLng::new(lat, lng).ok().map(|home| (home, circle)),
            (None, None) => None,
            _ => {
                if !errors
                    .iter()
                    .any(|e| matches!(e, QueryError::Lat | QueryError::Lng))
                {
                    errors.push(QueryError::Pair);
                }
                None
            }
        };
        let category = present(&self.category).and_then(|id| {
            let found = categories.choose(id).map(|c| c.id.clone());
            if found.is_none() {
                errors.push(QueryError::Category);
            }
            found
        });
        let open_now = match present(&self.open_now) {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") | Some("on") => true,
            Some(_) => {
                errors.push(QueryError::OpenNow);
                false
            }
        };
        let limit = match present(&self.limit) {
            None => DEFAULT_LIMIT,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|l| (1..=MAX_LIMIT).contains(l))
                .unwrap_or_else(|| {
                    errors.push(QueryError::Limit);
                    DEFAULT_LIMIT
                }),
        };
        let offset = match present(&self.offset) {
            None => 0,
            Some(v) => v.parse::<u32>().unwrap_or_else(|_| {
                errors.push(QueryError::Offset);
                0
            }),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let text: Option<String> = present(&self.q).map(|q| q.chars().take(50).collect());
        Ok(ServiceQuery {
            near,
            category,
            named: text.as_deref().map_or_else(Vec::new, |text| {
                categories
                    .matching(text)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            }),
            text,
            open_now,
            limit,
            offset,
        })
    }
}

fn in_range(value: f64, limit: f64, error: QueryError, errors: &mut Vec<QueryError>) -> bool {
    let ok = (-limit..=limit).contains(&value);
    if !ok {
        errors.push(error);
    }
    ok
}

fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests;
