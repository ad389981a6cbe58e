//! /api/v1/teams, /api/v1/activities and /api/v1/volunteer-applications. Times are Unix
//! seconds; `from` and `to` also take a Beijing date (2026-12-01). Phone numbers never appear.

use super::{ActivitySummary, TeamDetail, TeamSummary, places, work};
use crate::{
    api::error::{ApiError, Id, query},
    domain::{
        listing::{RawActivityQuery, RawTeamQuery},
        volunteer::RawApplication,
    },
    state::AppState,
    storage::unix_now,
    submissions::Receipt,
};
use axum::{
    Json,
    extract::{
        Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
    http::{HeaderMap, StatusCode},
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(teams))
        .routes(routes!(team))
        .routes(routes!(activities))
        .routes(routes!(apply))
}

/// Volunteer teams, one per grid; filtered by community and speciality, nearest first from `near`
#[utoipa::path(
    get,
    path = "/api/v1/teams",
    operation_id = "listTeams",
    params(RawTeamQuery),
    responses(
        (status = 200, description = "The teams", body = Vec<TeamSummary>),
        (status = 400, description = "The query string cannot be read", body = ApiError),
        (status = 422, description = "Parameters to fix, each named", body = ApiError),
    )
)]
async fn teams(
    State(state): State<AppState>,
    raw: Result<Query<RawTeamQuery>, QueryRejection>,
) -> Result<Json<Vec<TeamSummary>>, ApiError> {
    Ok(Json(work::teams(&state.db, &query(raw)?).await?))
}

/// A team with its activities of the coming month
#[utoipa::path(
    get,
    path = "/api/v1/teams/{id}",
    operation_id = "getTeam",
    params(("id" = String, Path, description = "A team id")),
    responses(
        (status = 200, description = "The team", body = TeamDetail),
        (status = 404, description = "No such team", body = ApiError),
    )
)]
async fn team(State(state): State<AppState>, Id(id): Id) -> Result<Json<TeamDetail>, ApiError> {
    Ok(Json(work::team(&state.db, id, unix_now()).await?))
}

#[utoipa::path(
    get,
    path = "/api/v1/activities",
    operation_id = "listActivities",
    summary = "Activities starting between from and to (default: the coming month), soonest first (nearest first with near), with the places left; filtered by team, community and speciality",
    params(RawActivityQuery),
    responses(
        (status = 200, description = "The activities", body = Vec<ActivitySummary>),
        (status = 400, description = "The query string cannot be read", body = ApiError),
        (status = 404, description = "No such team", body = ApiError),
        (status = 422, description = "Parameters to fix, each named", body = ApiError),
    )
)]
async fn activities(
    State(state): State<AppState>,
    raw: Result<Query<RawActivityQuery>, QueryRejection>,
) -> Result<Json<Vec<ActivitySummary>>, ApiError> {
    Ok(Json(
        work::activities(&state.db, &query(raw)?, unix_now()).await?,
    ))
}

// A repeat with the same `Idempotency-Key` header gets the first receipt; a repeat without it
// gets 409 and no reference.
#[utoipa::path(
    post,
    path = "/api/v1/volunteer-applications",
    operation_id = "applyToVolunteer",
    summary = "Apply to join a team or to take part in an activity. An activity's place is held at once (pending); once it is full, applications are waitlisted and move up in order when a place frees",
    params((
        "Idempotency-Key" = Option<String>,
        Header,
        description = "A key the client makes once per form (16 to 128 visible ASCII characters, e.g. a UUID). The same application sent again with the same key gets the first receipt; sent again without it, 409 and no reference.",
        min_length = 16,
        max_length = 128,
        pattern = "^[!-~]+$",
        nullable = false,
    )),
    request_body = RawApplication,
    responses(
        (status = 201, description = "Filed for moderation: status pending, or waitlisted when the activity is full. The same application sent again while it is still open is not filed twice: the answer is its first receipt, with its status now", body = Receipt),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such team or activity", body = ApiError),
        (status = 409, description = "The same application is already filed and this request does not carry its key: check the status page with the reference", body = ApiError),
        (status = 413, description = "The body is too large", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
        (status = 429, description = "Too many submissions from this address; retry after the Retry-After seconds", body = ApiError),
    )
)]
async fn apply(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<RawApplication>, JsonRejection>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let Json(raw) = body.map_err(ApiError::from)?;
    // Bytes that are not text become U+FFFD, which the key's rule refuses like any other.
    let key = headers
        .get("idempotency-key")
        .map(|v| String::from_utf8_lossy(v.as_bytes()));
    let receipt = places::apply(&state.db, &raw, key.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
