//! POST /api/v1/submissions/lookup and /api/v1/submissions/erase: POSTs, so the phone never
//! lands in a URL or a log.

use super::{SubmissionStatus, db};
use crate::{api::error::ApiError, state::AppState};
use axum::http::StatusCode;
use axum::{
    Json,
    extract::{State, rejection::JsonRejection},
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(lookup))
        .routes(routes!(erase))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct Lookup {
    reference: String,
    phone: String,
}

/// The status of a submission, by its reference and the mobile number given with it
///
/// A POST so the phone never appears in a URL. A pair that does not match answers 404,
/// whichever half is wrong.
#[utoipa::path(
    post,
    path = "/api/v1/submissions/lookup",
    operation_id = "lookupSubmission",
    request_body = inline(Lookup),
    responses(
        (status = 200, description = "The submission's status", body = SubmissionStatus),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No submission with this reference and phone", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 429, description = "Too many submissions from this address; retry after the Retry-After seconds", body = ApiError),
    )
)]
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

/// Delete the personal data of a submission, by its reference and the mobile number given with it
///
/// A suggestion or shop registration still waiting for staff (or for its correction) is
/// withdrawn first, a volunteer application as on its status page; the phone, everything typed
/// and staff notes on it are deleted, for good. A pair that does not match answers 404,
/// whichever half is wrong.
#[utoipa::path(
    post,
    path = "/api/v1/submissions/erase",
    operation_id = "eraseSubmission",
    request_body = inline(Lookup),
    responses(
        (status = 204, description = "The personal data is deleted"),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No submission with this reference and phone", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 429, description = "Too many submissions from this address; retry after the Retry-After seconds", body = ApiError),
    )
)]
async fn erase(
    State(state): State<AppState>,
    body: Result<Json<Lookup>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(body) = body.map_err(ApiError::from)?;
    super::erase::erase(&state.db, &body.reference, &body.phone, db::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
