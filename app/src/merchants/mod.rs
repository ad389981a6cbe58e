//! The merchant self-governance scheme (商户自治): its streets with their road chief, council
//! and member shops; shops' registrations, moderated in the staff queue, corrected after a
//! return; suspension of a member shop by staff.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod registrations;

pub(crate) mod map;
mod register;
mod staff;
pub mod street_edit;
mod streets;

pub use crate::shell::MemberBadge;
pub use map::StreetMap;
pub use register::{RegisterPage, RegistrationCorrection};
pub use staff::MemberShopsPage;
pub use streets::{MemberFactsView, StreetPage, StreetsPage};

use crate::{
    domain::{
        geo::LatLng, map::StreetLine, merchant::RawRegistration, neighbourhood::Name,
        service::ServiceSummary,
    },
    error::AppError,
    submissions::Receipt,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A self-governance street as the list and the API show it.
// Every field is always sent, so each is `required` in the API document; the serde defaults only
// matter when reading.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = Street))]
pub struct StreetSummary {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub community_zh: String,
    pub community_en: String,
    /// The road chief's public name (路长).
    pub road_chief: String,
    pub lat: f64,
    pub lng: f64,
    /// Member shops listed now.
    pub members: i64,
    /// The road's own name (棉纺东路), written along the street's line on maps.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub road_zh: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub road_en: String,
    /// The street from one end to the other, for maps; empty until drawn.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub path: Vec<LatLng>,
}

impl StreetSummary {
    /// The street as maps draw it, when its line is known.
    pub fn line(&self) -> Option<StreetLine> {
        let or = |road: &str, name: &str| {
            if road.is_empty() {
                name.to_owned()
            } else {
                road.to_owned()
            }
        };
        (self.path.len() >= 2).then(|| StreetLine {
            id: self.id,
            name: Name {
                zh: self.name_zh.clone(),
                en: self.name_en.clone(),
            },
            road: Name {
                zh: or(&self.road_zh, &self.name_zh),
                en: or(&self.road_en, &self.name_en),
            },
            path: self.path.clone(),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CouncilMember {
    pub name: String,
    pub role_zh: String,
    pub role_en: String,
}

/// A street's page: the scheme in plain words, who runs it, the pledge, and its shops.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StreetDetail {
    #[serde(flatten)]
    pub street: StreetSummary,
    pub scheme_zh: String,
    pub scheme_en: String,
    pub council: Vec<CouncilMember>,
    pub pledge_zh: String,
    pub pledge_en: String,
    pub shops: Vec<MemberShop>,
}

/// A member shop: its service point, its daily hours and the licences it displays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberShop {
    #[serde(flatten)]
    pub service: ServiceSummary,
    /// Monday's openings, as the shop gave them ("07:00-14:00, 17:00-22:00").
    pub hours: String,
    /// Unified social credit code (GB 32100-2015).
    pub uscc: String,
    /// Food-business licence number, for food businesses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub food_licence: Option<String>,
}

/// A member shop as staff manage it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffShop {
    pub service_id: i64,
    pub name: String,
    pub street_zh: String,
    pub uscc: String,
    pub active: bool,
    pub suspended_reason: Option<String>,
}

#[server(endpoint = "merchants/streets", input = GetUrl)]
pub async fn list_streets() -> Result<Vec<StreetSummary>, AppError> {
    let state = crate::state::AppState::current()?;
    db::streets(&state.db)
        .await
        .map_err(|e| crate::error::with_status(e.into()))
}

/// A street with its member shops; shared by the page and the API.
#[cfg(feature = "ssr")]
pub async fn street(db: &crate::storage::Db, id: i64) -> Result<StreetDetail, AppError> {
    db::street(db, id, crate::services::now())
        .await?
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "merchants/street", input = GetUrl)]
pub async fn get_street(id: i64) -> Result<StreetDetail, AppError> {
    let state = crate::state::AppState::current()?;
    street(&state.db, id)
        .await
        .map_err(crate::error::with_status)
}

/// Files a shop's registration for staff moderation.
#[server(endpoint = "merchants/register")]
pub async fn register_shop(registration: RawRegistration) -> Result<Receipt, AppError> {
    use crate::error::with_status;
    let state = crate::state::AppState::current()?;
    registrations::register(&state.db, &registration)
        .await
        .map_err(with_status)
}

/// Sends a returned registration again, corrected; the phone stays the one it was filed with.
#[server(endpoint = "merchants/resubmit")]
pub async fn resubmit_registration(
    reference: String,
    phone: String,
    registration: RawRegistration,
) -> Result<Receipt, AppError> {
    use crate::error::with_status;
    let state = crate::state::AppState::current()?;
    registrations::resubmit(&state.db, &reference, &phone, registration)
        .await
        .map_err(with_status)
}

#[server(endpoint = "staff/member-shops", input = GetUrl)]
pub async fn staff_member_shops() -> Result<Vec<StaffShop>, AppError> {
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::staff_shops(&state.db, user.scope)
        .await
        .map_err(|e| crate::error::with_status(e.into()))
}

/// Suspends a member shop (with the reason) or reinstates it.
#[server(endpoint = "staff/member-shops/set")]
pub async fn set_member_active(
    service_id: i64,
    active: bool,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::set_active(&state.db, &user, service_id, active, reason.as_deref())
        .await
        .map_err(with_status)
}
