//! Staff publish the volunteering residents read: teams (created and edited) and activities
//! (one-off or repeating, changed, called off). A change to a series applies to the
//! occurrences still to come; raising a capacity moves the waitlist up at once.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;

mod activity_form;
mod activity_pages;
mod team_form;
mod team_pages;

pub use activity_pages::{EditActivityPage, NewActivityPage, ProposeActivityPage};
pub use team_pages::{EditTeamPage, NewTeamPage, StaffTeamsPage};

use super::TeamSummary;
use crate::{
    domain::{activity::RawActivity, activity::RawCancel, team::RawTeam},
    error::AppError,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

/// What a create or a save answers: the team's or the activity's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Created {
    pub id: i64,
}

/// What a team leader's activity answers: the reference it waits under in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Proposed {
    pub reference: String,
}

/// A team as staff edit it, with its activities from a week ago to two months ahead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffTeam {
    pub id: i64,
    pub team: RawTeam,
    pub activities: Vec<TeamActivity>,
}

/// One occurrence in a team's list, called off or not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamActivity {
    pub id: i64,
    pub title: String,
    pub starts_at: i64,
    pub capacity: i64,
    pub held: i64,
    /// `monthly:15` and the like, for a repeating one.
    pub repeat: Option<String>,
    pub cancelled: bool,
}

/// Why and when an activity was called off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Cancellation {
    pub reason: String,
    pub at: i64,
}

/// An activity as staff edit it: its fields as the form holds them, and its places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditableActivity {
    pub id: i64,
    /// Set for an occurrence of a repeating activity: a change applies to the series.
    pub series_id: Option<i64>,
    pub team_zh: String,
    pub activity: RawActivity,
    /// Places held by pending and approved applications.
    pub held: i64,
    pub waitlisted: i64,
    pub started: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub cancelled: Option<Cancellation>,
}

/// What a cancellation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CancelOutcome {
    /// Occurrences called off: one, or with `series` every one still to come.
    pub activities: i64,
    /// Applications marked cancelled, each told why on its status page.
    pub applications: i64,
}

/// Every team in the account's area (a team leader's own), for the staff list and the
/// activity form's choice of team.
#[server(endpoint = "staff/teams", input = GetUrl)]
pub async fn staff_teams() -> Result<Vec<TeamSummary>, AppError> {
    use crate::domain::staff::Scope;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::TeamLeader).await?;
    let query = crate::domain::listing::TeamQuery::default();
    let mut teams = super::db::teams(&state.db, &query).await?;
    match user.scope {
        Scope::City => {}
        Scope::Team(team) => teams.retain(|t| t.id == team),
        scope @ (Scope::District(_) | Scope::Street(_) | Scope::Community(_)) => {
            let districts = crate::neighbourhoods::db::overview(&state.db).await?;
            teams.retain(|t| scope.holds(&districts, Some(t.community_id)));
        }
    }
    Ok(teams)
}

#[server(endpoint = "staff/team", input = GetUrl)]
pub async fn open_team(id: i64) -> Result<StaffTeam, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let now = crate::storage::unix_now();
    db::team(&state.db, user.scope, id, now)
        .await?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// Adds a team (no id) or saves a change to one.
#[server(endpoint = "staff/teams/save", input = Json)]
pub async fn save_team(id: Option<i64>, team: RawTeam) -> Result<Created, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    match id {
        None => db::create_team(&state.db, &user, &team).await,
        Some(id) => db::update_team(&state.db, &user, id, &team).await,
    }
    .map_err(with_status)
}

#[server(endpoint = "staff/activity", input = GetUrl)]
pub async fn open_activity(id: i64) -> Result<EditableActivity, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let now = crate::storage::unix_now();
    db::editable(&state.db, user.scope, id, now)
        .await?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// Publishes an activity (no id) or saves a change to one (to its series' coming
/// occurrences, for a repeating one).
#[server(endpoint = "staff/activities/save", input = Json)]
pub async fn save_activity(id: Option<i64>, activity: RawActivity) -> Result<Created, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let now = crate::storage::unix_now();
    match id {
        None => db::create_activity(&state.db, &user, &activity, now).await,
        Some(id) => db::update_activity(&state.db, &user, id, &activity, now).await,
    }
    .map_err(with_status)
}

/// A team leader's activity, for the queue: public once the area's moderator approves it.
#[server(endpoint = "staff/activities/propose", input = Json)]
pub async fn propose_activity(activity: RawActivity) -> Result<Proposed, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::TeamLeader).await?;
    let now = crate::storage::unix_now();
    db::propose(&state.db, &user, &activity, now)
        .await
        .map_err(with_status)
}

#[server(endpoint = "staff/activities/cancel", input = Json)]
pub async fn cancel_activity(id: i64, cancel: RawCancel) -> Result<CancelOutcome, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let now = crate::storage::unix_now();
    db::cancel(&state.db, &user, id, &cancel, now)
        .await
        .map_err(with_status)
}
