//! Volunteering: teams (one per grid), their activities, residents' applications with places
//! held and waitlists, attendance and hours, and the volunteer's own record and certificate.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod exports;
#[cfg(feature = "ssr")]
pub mod places;
#[cfg(feature = "ssr")]
pub mod records;

mod activities;
mod apply;
mod attendance;
mod listing;
mod record;
mod sheet;
pub mod staff;
mod team;
mod teams;

pub use activities::ActivitiesPage;
pub use apply::ApplyPage;
pub use attendance::{AttendancePage, StaffActivitiesPage};
#[cfg(feature = "ssr")]
pub use listing::work;
pub use listing::{
    ACTIVITIES_PER_PAGE, TEAMS_PER_PAGE, get_activity, get_team, list_activities, list_teams,
};
pub use record::VolunteerRecordView;
pub use sheet::{AttendanceRow, AttendanceSheet, RawAttendance, StaffActivity};
pub use team::TeamPage;
pub use teams::TeamsPage;

use crate::{domain::volunteer::RawApplication, error::AppError, submissions::Receipt};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A team as the teams page and the API list it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamSummary {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub community_id: i64,
    pub community_zh: String,
    pub community_en: String,
    #[cfg_attr(
        feature = "ssr",
        schema(value_type = crate::domain::volunteer::Speciality, inline)
    )]
    pub speciality: String,
    /// The leader's public name.
    pub leader: String,
    pub meeting_place: String,
    pub lat: f64,
    pub lng: f64,
    /// Members before the portal plus approved applications to join.
    pub members: i64,
    /// From `near`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub distance_m: Option<u32>,
}

/// A team's page: the summary, what it does, whom to call, and what is coming up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamDetail {
    #[serde(flatten)]
    pub team: TeamSummary,
    pub description: String,
    /// The team's public phone line.
    pub contact: String,
    pub activities: Vec<ActivitySummary>,
}

/// One occurrence of an activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = Activity))]
pub struct ActivitySummary {
    pub id: i64,
    pub team_id: i64,
    pub team_zh: String,
    pub title: String,
    pub description: String,
    pub place: String,
    pub lat: f64,
    pub lng: f64,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    pub capacity: i64,
    /// Places not held by a pending or approved application.
    pub places_left: i64,
    /// For a regular activity: `monthly:15` is the 15th of every month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub repeat: Option<String>,
    /// Metres from `near`, when it was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub distance_m: Option<u32>,
}

pub use crate::domain::listing::{ActivityFilter, DEFAULT_WINDOW_SECS};

/// One page of the teams a query finds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PagedTeams {
    pub items: Vec<TeamSummary>,
    pub total: u32,
}

/// One page of the activities a filter finds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub items: Vec<ActivitySummary>,
    pub total: u32,
}

/// What a volunteer sees with reference and phone: this application and the service done under
/// it, with the hours staff recorded; nothing filed under another reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VolunteerRecord {
    pub reference: String,
    pub status: crate::domain::submission::Status,
    pub name: String,
    pub phone_masked: String,
    /// The team or activity applied for.
    pub applied_for: String,
    pub can_withdraw: bool,
    pub services: Vec<ServiceEntry>,
    pub total_minutes: i64,
    pub certificate: Option<Certificate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceEntry {
    pub title: String,
    pub team_zh: String,
    pub starts_at: i64,
    /// None until staff record attendance.
    pub minutes: Option<i64>,
}

/// 志愿服务记录证明: the fields the 2021 civil-affairs rules ask for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    pub number: String,
    pub name: String,
    pub organisation: String,
    pub contact: String,
    pub total_minutes: i64,
    pub services: Vec<ServiceEntry>,
    /// Beijing date of issue, "2026-11-23".
    pub issued_on: String,
}

/// Regular activities made two months ahead, and personal data past its retention deleted
/// (volunteers', suggestions' and shop registrations').
/// Run at start and every few hours; failures are logged and tried again next time.
#[cfg(feature = "ssr")]
pub async fn housekeeping(db: &crate::storage::Db) {
    let now = crate::storage::unix_now();
    match db::schedule_series(db, now, now + 62 * 86_400).await {
        Ok(0) => {}
        Ok(made) => tracing::info!(made, "regular activities scheduled"),
        Err(error) => tracing::error!(%error, "cannot schedule regular activities"),
    }
    match records::purge_expired(db, now).await {
        Ok(0) => {}
        Ok(erased) => tracing::info!(erased, "expired volunteer data deleted"),
        Err(error) => tracing::error!(%error, "cannot delete expired volunteer data"),
    }
    match crate::submissions::erase::purge_expired(db, now).await {
        Ok(0) => {}
        Ok(erased) => tracing::info!(erased, "expired suggestion and registration data deleted"),
        Err(error) => tracing::error!(%error, "cannot delete expired submission data"),
    }
    // New dates in the activity lists, and the passing of time in the places left.
    db.changed();
}

/// A resident applies to join a team or to take part in an activity. `idempotency_key` is
/// made by the form once per load, so a repeat from the same form gets the first receipt.
#[server(endpoint = "volunteers/apply")]
pub async fn apply(
    application: RawApplication,
    #[server(default)] idempotency_key: Option<String>,
) -> Result<Receipt, AppError> {
    use crate::error::with_status;
    let state = crate::state::AppState::current()?;
    places::apply(&state.db, &application, idempotency_key.as_deref())
        .await
        .map_err(with_status)
}

/// The application with this reference and phone, and the volunteer's confirmed hours.
#[server(endpoint = "volunteers/record")]
pub async fn my_volunteering(
    reference: String,
    phone: String,
) -> Result<VolunteerRecord, AppError> {
    use crate::error::with_status;
    let state = crate::state::AppState::current()?;
    records::record(&state.db, &reference, &phone, crate::storage::unix_now())
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// Withdraws an application; a place it held goes to the first on the waitlist.
#[server(endpoint = "volunteers/withdraw")]
pub async fn withdraw_application(reference: String, phone: String) -> Result<(), AppError> {
    use crate::error::with_status;
    let state = crate::state::AppState::current()?;
    places::withdraw(&state.db, &reference, &phone)
        .await
        .map_err(with_status)
}

/// Withdraws if need be, then deletes the personal data; anonymous counts and hours remain.
#[server(endpoint = "volunteers/erase")]
pub async fn erase_application(reference: String, phone: String) -> Result<(), AppError> {
    crate::submissions::erase_submission(reference, phone).await
}
