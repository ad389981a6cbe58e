//! /api/v1/teams, /api/v1/activities and /api/v1/volunteer-applications. Times are Unix
//! seconds; `from` and `to` also take a Beijing date (2026-12-01). Phone numbers never appear.

use super::{ActivitySummary, TeamDetail, TeamSummary, places, work};
use crate::{
    api::error::{ApiError, query},
    domain::{
        listing::{RawActivityQuery, RawTeamQuery},
        volunteer::RawApplication,
    },
    state::AppState,
    storage::unix_now,
    submissions::Receipt,
};
use axum::{
    Json, Router,
    extract::{
        Path, Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
    http::{HeaderMap, StatusCode},
    routing::{get, post},
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/teams", get(teams))
        .route("/api/v1/teams/{id}", get(team))
        .route("/api/v1/activities", get(activities))
        .route("/api/v1/volunteer-applications", post(apply))
}

async fn teams(
    State(state): State<AppState>,
    raw: Result<Query<RawTeamQuery>, QueryRejection>,
) -> Result<Json<Vec<TeamSummary>>, ApiError> {
    Ok(Json(work::teams(&state.db, &query(raw)?).await?))
}

async fn team(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<TeamDetail>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found())?;
    Ok(Json(work::team(&state.db, id, unix_now()).await?))
}

async fn activities(
    State(state): State<AppState>,
    raw: Result<Query<RawActivityQuery>, QueryRejection>,
) -> Result<Json<Vec<ActivitySummary>>, ApiError> {
    Ok(Json(
        work::activities(&state.db, &query(raw)?, unix_now()).await?,
    ))
}

/// A repeat with the same `Idempotency-Key` header gets the first receipt; a repeat without it
/// gets 409 and no reference.
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
