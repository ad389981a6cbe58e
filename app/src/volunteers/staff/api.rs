//! /api/v1/staff/teams and /api/v1/staff/activities: staff create and change teams, and
//! publish, change and call off activities. The same work as the pages' server functions.

use super::{CancelOutcome, Created, EditableActivity, Proposed, StaffTeam, db};
use crate::{
    api::error::{ApiError, Id},
    domain::{
        activity::{RawActivity, RawCancel},
        staff::StaffUser,
        team::RawTeam,
    },
    staff::api::AnyStaff,
    state::AppState,
    storage::unix_now,
};
use axum::{
    Json,
    extract::{State, rejection::JsonRejection},
    http::StatusCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_team))
        .routes(routes!(team, update_team))
        .routes(routes!(create_activity))
        .routes(routes!(propose_activity))
        .routes(routes!(activity, update_activity))
        .routes(routes!(cancel))
}

const UNAUTHORIZED: &str = "Not signed in as staff, or the session has ended (30 minutes idle)";

/// Add a volunteer team
#[utoipa::path(
    post,
    path = "/api/v1/staff/teams",
    operation_id = "staffCreateTeam",
    security(("staffSession" = [])),
    request_body = RawTeam,
    responses(
        (status = 201, description = "Added, and listed at once", body = Created),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
    )
)]
async fn create_team(
    staff: StaffUser,
    State(state): State<AppState>,
    body: Result<Json<RawTeam>, JsonRejection>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let Json(raw) = body?;
    let created = db::create_team(&state.db, &staff, &raw).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// A team as staff edit it, with its activities from a week ago to two months ahead
#[utoipa::path(
    get,
    path = "/api/v1/staff/teams/{id}",
    operation_id = "staffTeam",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The team's id")),
    responses(
        (status = 200, description = "The team", body = StaffTeam),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 404, description = "No such team in the account's area", body = ApiError),
    )
)]
async fn team(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<StaffTeam>, ApiError> {
    db::team(&state.db, staff.scope, id, unix_now())
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Change a team
///
/// Send every field, as for a new team.
#[utoipa::path(
    put,
    path = "/api/v1/staff/teams/{id}",
    operation_id = "staffUpdateTeam",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The team's id")),
    request_body = RawTeam,
    responses(
        (status = 200, description = "Saved", body = Created),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such team in the account's area", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
    )
)]
async fn update_team(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
    body: Result<Json<RawTeam>, JsonRejection>,
) -> Result<Json<Created>, ApiError> {
    let Json(raw) = body?;
    Ok(Json(db::update_team(&state.db, &staff, id, &raw).await?))
}

/// Publish an activity
///
/// One-off, or repeating (`weekly`, `monthly_on_day`, `monthly_on_weekday`, read from the
/// date of `starts_at`): a repeating one's occurrences are made two months ahead, and the id
/// answered is the first's. Residents can sign up at once.
#[utoipa::path(
    post,
    path = "/api/v1/staff/activities",
    operation_id = "staffCreateActivity",
    security(("staffSession" = [])),
    request_body = RawActivity,
    responses(
        (status = 201, description = "Published", body = Created),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
    )
)]
async fn create_activity(
    staff: StaffUser,
    State(state): State<AppState>,
    body: Result<Json<RawActivity>, JsonRejection>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let Json(raw) = body?;
    let created = db::create_activity(&state.db, &staff, &raw, unix_now()).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Submit an activity for the queue
///
/// What a team leader publishes: the same fields as a published activity, for their own team.
/// It waits in the moderation queue as `activity_proposal` under the reference answered, and
/// becomes public (with its occurrences, for a repeating one) only when a moderator whose area
/// holds the team approves it.
#[utoipa::path(
    post,
    path = "/api/v1/staff/activities/proposals",
    operation_id = "staffProposeActivity",
    security(("staffSession" = [])),
    request_body = RawActivity,
    responses(
        (status = 201, description = "In the queue", body = Proposed),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named; a team outside the account's area is no team", body = ApiError),
    )
)]
async fn propose_activity(
    AnyStaff(staff): AnyStaff,
    State(state): State<AppState>,
    body: Result<Json<RawActivity>, JsonRejection>,
) -> Result<(StatusCode, Json<Proposed>), ApiError> {
    let Json(raw) = body?;
    let proposed = db::propose(&state.db, &staff, &raw, unix_now()).await?;
    Ok((StatusCode::CREATED, Json(proposed)))
}

/// An activity as staff edit it, with its places held and waiting, called off or not
#[utoipa::path(
    get,
    path = "/api/v1/staff/activities/{id}",
    operation_id = "staffActivity",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "The activity", body = EditableActivity),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 404, description = "No such activity in the account's area", body = ApiError),
    )
)]
async fn activity(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<EditableActivity>, ApiError> {
    db::editable(&state.db, staff.scope, id, unix_now())
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Change an activity
///
/// For an occurrence of a repeating activity, the change applies to the series and to every
/// occurrence not yet begun (each on its own date, at the new time); past ones stay as they
/// were. A capacity below the places already held is refused (422, naming how many); a
/// higher one gives the new places to the waitlist at once, in the order they applied.
#[utoipa::path(
    put,
    path = "/api/v1/staff/activities/{id}",
    operation_id = "staffUpdateActivity",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    request_body = RawActivity,
    responses(
        (status = 200, description = "Saved", body = Created),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such activity in the account's area", body = ApiError),
        (status = 409, description = "The activity was called off", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
    )
)]
async fn update_activity(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
    body: Result<Json<RawActivity>, JsonRejection>,
) -> Result<Json<Created>, ApiError> {
    let Json(raw) = body?;
    let saved = db::update_activity(&state.db, &staff, id, &raw, unix_now()).await?;
    Ok(Json(saved))
}

/// Call off an activity
///
/// Every application on it is cancelled with `reason`, which applicants read on their status
/// page. With `series`, every later occurrence of a repeating activity is called off too and
/// the series makes no more.
#[utoipa::path(
    post,
    path = "/api/v1/staff/activities/{id}/cancel",
    operation_id = "staffCancelActivity",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    request_body = RawCancel,
    responses(
        (status = 200, description = "Called off", body = CancelOutcome),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such activity in the account's area", body = ApiError),
        (status = 409, description = "Already called off", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "No reason given, or the activity is over", body = ApiError),
    )
)]
async fn cancel(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
    body: Result<Json<RawCancel>, JsonRejection>,
) -> Result<Json<CancelOutcome>, ApiError> {
    let Json(raw) = body?;
    Ok(Json(
        db::cancel(&state.db, &staff, id, &raw, unix_now()).await?,
    ))
}
