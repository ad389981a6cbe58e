//! /api/v1/streets and /api/v1/merchant-registrations. No answer carries a phone number: a
//! registration's contact mobile is for staff only.

use super::{StreetDetail, StreetSummary, db, registrations};
use crate::{
    api::error::ApiError, domain::merchant::RawRegistration, state::AppState, submissions::Receipt,
};
use axum::{
    Json, Router,
    extract::{Path, State, rejection::JsonRejection},
    http::StatusCode,
    routing::{get, post},
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/streets", get(streets))
        .route("/api/v1/streets/{id}", get(street))
        .route("/api/v1/merchant-registrations", post(register))
}

async fn streets(State(state): State<AppState>) -> Result<Json<Vec<StreetSummary>>, ApiError> {
    Ok(Json(db::streets(&state.db).await?))
}

async fn street(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<StreetDetail>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found())?;
    Ok(Json(super::street(&state.db, id).await?))
}

async fn register(
    State(state): State<AppState>,
    body: Result<Json<RawRegistration>, JsonRejection>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let Json(raw) = body.map_err(ApiError::from)?;
    let receipt = registrations::register(&state.db, &raw).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
