//! The services of the 15-minute living circle: search, detail, near me, gaps and coverage.

#[cfg(feature = "ssr")]
pub mod api;
mod coverage;
#[cfg(feature = "ssr")]
pub mod db;
mod detail;
mod home;
mod list;
pub(crate) mod map;
mod near;
mod reads;
pub mod staff;
mod suggest;

pub use crate::shell::OpenBadge;
pub use coverage::CoveragePage;
pub use detail::ServicePage;
pub use home::remembered_home;
pub use list::ServicesPage;
pub use near::NearPage;
#[cfg(feature = "ssr")]
pub use reads::work;
pub use reads::{community_coverage, get_service, nearby, search_services};
pub use suggest::{SuggestPage, SuggestionForm};

use crate::{
    domain::{
        map::{PlaceName, StreetLine},
        service::ServiceSummary,
    },
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The coverage table: a column per category services can be of, a row per community.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub categories: Vec<crate::domain::category::Category>,
    pub rows: Vec<CoverageRow>,
}

/// One community's row of the coverage table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub community: crate::domain::neighbourhood::Name,
    /// In the order of `Coverage::categories`.
    pub covered: Vec<bool>,
}

/// What is within a quarter hour's walk of a home, and which categories are missing there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithinReach {
    pub items: Vec<ServiceSummary>,
    /// Category ids with nothing inside their own circle.
    pub gaps: Vec<String>,
    /// The community whose centre is nearest home, within reach of it (`lat,lng`, as the
    /// community choice's values are); none when home lies outside every covered community.
    #[serde(default)]
    pub community: Option<String>,
    /// The communities' names on the map around home, nearest first.
    #[serde(default)]
    pub places: Vec<PlaceName>,
    /// The self-governance streets on the map around home.
    #[serde(default)]
    pub streets: Vec<StreetLine>,
}

/// How far from home the near map reaches: the 15-minute ring and a margin.
pub const NEAR_MAP_REACH_M: f64 = 1_150.0;

/// How far from a community's centre a home can still be in it: Zhengzhou's communities are
/// a few hundred metres to two kilometres across.
pub const COMMUNITY_REACH_M: f64 = 2_000.0;

/// The moment "open now" is judged at, in Zhengzhou.
#[cfg(feature = "ssr")]
pub(crate) fn now() -> crate::domain::hours::LocalTime {
    crate::domain::hours::LocalTime::shanghai(crate::storage::unix_now())
}

/// Files a resident's suggestion for staff moderation; nothing public changes until approved.
#[server(endpoint = "services/suggest")]
pub async fn suggest_service(
    suggestion: crate::domain::suggestion::RawSuggestion,
) -> Result<crate::submissions::Receipt, AppError> {
    use crate::error::with_status;
    let state = crate::state::AppState::current()?;
    file_suggestion(&state.db, &suggestion)
        .await
        .map_err(with_status)
}

/// Sends a returned suggestion again, corrected: found by reference and the phone it was filed
/// with (which stays the same), checked by the same rules, back in the queue as pending.
#[server(endpoint = "services/resubmit")]
pub async fn resubmit_suggestion(
    reference: String,
    phone: String,
    suggestion: crate::domain::suggestion::RawSuggestion,
) -> Result<crate::submissions::Receipt, AppError> {
    use crate::domain::phone::Mobile;
    use crate::error::with_status;
    use crate::submissions::db::{ResubmitError, resubmit};
    let state = crate::state::AppState::current()?;
    let mobile = Mobile::parse(&phone).map_err(|_| with_status(AppError::NotFound))?;
    let categories = crate::categories::db::all(&state.db)
        .await
        .map_err(|error| with_status(error.into()))?;
    let suggestion = crate::domain::suggestion::RawSuggestion {
        phone: mobile.as_str().to_owned(),
        ..suggestion
    }
    .parse(&categories)
    .map_err(|errors| with_status(AppError::Invalid(errors)))?;
    let payload = serde_json::to_string(&suggestion).map_err(|error| {
        tracing::error!(%error, "cannot encode a suggestion");
        with_status(AppError::Unavailable)
    })?;
    resubmit(
        &state.db,
        &reference,
        &mobile,
        crate::submissions::Kind::ServiceSuggestion,
        payload,
    )
    .await
    .map_err(|error| {
        with_status(match error {
            ResubmitError::NotFound => AppError::NotFound,
            ResubmitError::NotReturned => AppError::Conflict,
            ResubmitError::Storage(e) => e.into(),
        })
    })
}

/// Shared by the page's server function and the JSON API.
#[cfg(feature = "ssr")]
pub async fn file_suggestion(
    db: &crate::storage::Db,
    raw: &crate::domain::suggestion::RawSuggestion,
) -> Result<crate::submissions::Receipt, AppError> {
    use crate::submissions::db::{NewSubmission, file};
    let categories = crate::categories::db::all(db).await?;
    let suggestion = raw.parse(&categories).map_err(AppError::Invalid)?;
    let community_id = match suggestion.service_id {
        Some(id) => Some(db::community_of(db, id).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let payload = serde_json::to_string(&suggestion).map_err(|error| {
        tracing::error!(%error, "cannot encode a suggestion");
        AppError::Unavailable
    })?;
    let receipt = file(
        db,
        NewSubmission {
            kind: crate::submissions::Kind::ServiceSuggestion,
            status: crate::submissions::Status::Pending,
            community_id,
            phone: suggestion.phone.as_ref().map(|p| p.as_str()),
            payload,
            idempotency_key: None,
        },
    )
    .await?;
    Ok(receipt)
}
