//! Staff keep the directory true: add, edit, close, reopen and confirm service points, with
//! every change kept as a version. The pages, the server functions and the API under
//! /api/v1/staff/services share the types here and the work in `db`.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod edit;
mod form;
mod history;
mod import_page;
mod location;
mod pages;
#[cfg(feature = "ssr")]
pub mod sheets;
#[cfg(feature = "ssr")]
mod snapshot;
mod suggestion;

pub use history::ServiceHistoryPage;
pub use import_page::ImportServicesPage;
pub use pages::{EditServicePage, NewServicePage, StaffServicesPage};

use crate::{
    domain::{
        neighbourhood::Name,
        service::edit::{CloseReason, RawClose, RawService},
        suggestion::SuggestionKind,
    },
    error::AppError,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

/// A service as staff edit it: what residents read, its version, and whether it is closed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffService {
    pub id: i64,
    /// Send it back with a change: a save from an older version is refused (409).
    pub version: i64,
    pub service: RawService,
    pub community: Name,
    pub grid: Option<String>,
    /// When staff last confirmed the entry (Unix seconds).
    pub verified_at: Option<i64>,
    /// Present while the service is closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub closed: Option<Closed>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Closed {
    pub reason: CloseReason,
    pub note: Option<String>,
    pub at: i64,
}

/// A line of the staff's list of services.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffServiceRow {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub address: String,
    pub community: Name,
    pub closed: bool,
    pub verified_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffServiceList {
    pub items: Vec<StaffServiceRow>,
    pub total: i64,
}

pub const PER_PAGE: i64 = 50;

/// What an import did, or on a dry run would do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportCounts {
    pub created: usize,
    pub updated: usize,
    /// Rows with an id whose service already reads exactly so (0 on a dry run).
    pub unchanged: usize,
}

/// A saved change: the service and the version it is now at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Saved {
    pub id: i64,
    pub version: i64,
}

/// What was done to a service in one step of its history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HistoryAction {
    Create,
    Edit,
    Close,
    Reopen,
    Confirm,
}

impl HistoryAction {
    pub const ALL: [HistoryAction; 5] = [
        HistoryAction::Create,
        HistoryAction::Edit,
        HistoryAction::Close,
        HistoryAction::Reopen,
        HistoryAction::Confirm,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HistoryAction::Create => "create",
            HistoryAction::Edit => "edit",
            HistoryAction::Close => "close",
            HistoryAction::Reopen => "reopen",
            HistoryAction::Confirm => "confirm",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            HistoryAction::Create => ("新建", "Created"),
            HistoryAction::Edit => ("修改", "Edited"),
            HistoryAction::Close => ("关闭", "Closed"),
            HistoryAction::Reopen => ("重新开放", "Reopened"),
            HistoryAction::Confirm => ("核实无误", "Confirmed unchanged"),
        }
    }
}

impl TryFrom<String> for HistoryAction {
    type Error = String;

    fn try_from(code: String) -> Result<Self, String> {
        HistoryAction::ALL
            .into_iter()
            .find(|a| a.code() == code)
            .ok_or(code)
    }
}

/// One field as it was before a change and as it is after, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One version of a service: who made it, when, and which fields changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub version: i64,
    pub at: i64,
    pub staff_username: String,
    pub action: HistoryAction,
    pub changes: Vec<FieldChange>,
    /// The resident's suggestion this change adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub suggestion: Option<String>,
}

/// What a pending suggestion says, for the form it is adopted in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub reference: String,
    pub kind: SuggestionKind,
    pub service_id: Option<i64>,
    /// A new service's name, category id and address, as the resident gave them.
    pub name: String,
    pub category: String,
    pub address: String,
    pub details: String,
    /// Still waiting for a decision: only then can it be adopted.
    pub pending: bool,
}

/// A grid a service can be put in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridChoice {
    pub id: i64,
    pub community_id: i64,
    pub name: Name,
}

/// The city's communities and grids, for the service form's place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CityPlaces {
    pub districts: Vec<crate::domain::neighbourhood::DistrictOverview>,
    pub grids: Vec<GridChoice>,
}

#[server(endpoint = "staff/places", input = GetUrl)]
pub async fn place_choices() -> Result<CityPlaces, AppError> {
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let districts = crate::neighbourhoods::list_neighbourhoods().await?;
    Ok(CityPlaces {
        districts: user.scope.within(&districts),
        grids: db::grids(&state.db).await?,
    })
}

#[server(endpoint = "staff/services", input = GetUrl)]
pub async fn staff_services(
    q: Option<String>,
    closed: Option<bool>,
    page: Option<u32>,
) -> Result<StaffServiceList, AppError> {
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let text = q.unwrap_or_default();
    Ok(db::list(
        &state.db,
        user.scope,
        text.trim(),
        closed.unwrap_or(false),
        page.unwrap_or(0),
    )
    .await?)
}

#[server(endpoint = "staff/service", input = GetUrl)]
pub async fn open_service(id: i64) -> Result<StaffService, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::get(&state.db, &user, id)
        .await
        .map_err(with_status)?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// Adds a service (no id) or saves a change to one (its id and the version it was read at),
/// adopting the resident's suggestion it came from, if any.
#[server(endpoint = "staff/services/save", input = Json)]
pub async fn save_service(
    id: Option<i64>,
    version: Option<i64>,
    suggestion: Option<String>,
    service: RawService,
) -> Result<Saved, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let suggestion = suggestion.as_deref();
    match id {
        None => db::create(&state.db, &user, &service, suggestion).await,
        Some(id) => db::update(&state.db, &user, id, version, &service, suggestion).await,
    }
    .map_err(with_status)
}

#[server(endpoint = "staff/services/close", input = Json)]
pub async fn close_service(id: i64, close: RawClose) -> Result<Saved, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::close(&state.db, &user, id, &close)
        .await
        .map_err(with_status)
}

#[server(endpoint = "staff/services/reopen")]
pub async fn reopen_service(id: i64) -> Result<Saved, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::reopen(&state.db, &user, id).await.map_err(with_status)
}

/// Staff checked the entry and it is right as it stands: its "confirmed on" date moves to today.
#[server(endpoint = "staff/services/confirm")]
pub async fn confirm_service(id: i64) -> Result<Saved, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::confirm(&state.db, &user, id).await.map_err(with_status)
}

#[server(endpoint = "staff/services/history", input = GetUrl)]
pub async fn service_history(id: i64) -> Result<Vec<HistoryEntry>, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::history(&state.db, user.scope, id)
        .await?
        .ok_or_else(|| with_status(AppError::NotFound))
}
