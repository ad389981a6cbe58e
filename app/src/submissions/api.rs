//! POST /api/v1/submissions/lookup and /api/v1/submissions/erase: POSTs, so the phone never
//! lands in a URL or a log.

use super::{SubmissionStatus, db};
use crate::{api::error::ApiError, state::AppState};
use axum::http::StatusCode;
use axum::{
    Json, Router,
    extract::{State, rejection::JsonRejection},
    routing::post,
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/submissions/lookup", post(lookup))
        .route("/api/v1/submissions/erase", post(erase))
}

#[derive(Deserialize)]
struct Lookup {
    reference: String,
    phone: String,
}

/// 200 with the status, or 404 for any pair that does not match, whichever half is wrong.
async fn lookup(
    State(state): State<AppState>,
    body: Result<Json<Lookup>, JsonRejection>,
) -> Result<Json<SubmissionStatus>, ApiError> {
    let Json(body) = body.map_err(ApiError::from)?;
    db::lookup(&state.db, &body.reference, &body.phone)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// 204 once the personal data is deleted (a waiting submission is withdrawn first), or 404 for
/// any pair that does not match.
async fn erase(
    State(state): State<AppState>,
    body: Result<Json<Lookup>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(body) = body.map_err(ApiError::from)?;
    super::erase::erase(&state.db, &body.reference, &body.phone, db::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
