//! /api/v1/streets and /api/v1/merchant-registrations. No answer carries a phone number: a
//! registration's contact mobile is for staff only.

use super::{StreetDetail, StreetSummary, db, registrations};
use crate::{
    api::error::{ApiError, Id},
    domain::merchant::RawRegistration,
    state::AppState,
    submissions::Receipt,
};
use axum::{
    Json,
    extract::{State, rejection::JsonRejection},
    http::StatusCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(streets))
        .routes(routes!(street))
        .routes(routes!(register))
}

/// Merchant self-governance streets (商户自治街区)
#[utoipa::path(
    get,
    path = "/api/v1/streets",
    operation_id = "listStreets",
    responses((status = 200, description = "The streets", body = Vec<StreetSummary>))
)]
async fn streets(State(state): State<AppState>) -> Result<Json<Vec<StreetSummary>>, ApiError> {
    Ok(Json(db::streets(&state.db).await?))
}

#[utoipa::path(
    get,
    path = "/api/v1/streets/{id}",
    operation_id = "getStreet",
    summary = "A street: the scheme in plain words, road chief and council (public names and roles), the pledge, and its member shops",
    params(("id" = String, Path, description = "A street id")),
    responses(
        (status = 200, description = "The street", body = StreetDetail),
        (status = 404, description = "No such street", body = ApiError),
    )
)]
async fn street(State(state): State<AppState>, Id(id): Id) -> Result<Json<StreetDetail>, ApiError> {
    Ok(Json(super::street(&state.db, id).await?))
}

#[utoipa::path(
    post,
    path = "/api/v1/merchant-registrations",
    operation_id = "registerShop",
    summary = "Register a shop under the scheme; staff moderate it. No answer ever shows the representative's or contact's mobile",
    request_body = RawRegistration,
    responses(
        (status = 201, description = "Filed for moderation", body = Receipt),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 409, description = "A shop with this unified social credit code is already registered and not rejected", body = ApiError),
        (status = 413, description = "The body is too large", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
        (status = 429, description = "Too many submissions from this address; retry after the Retry-After seconds", body = ApiError),
    )
)]
async fn register(
    State(state): State<AppState>,
    body: Result<Json<RawRegistration>, JsonRejection>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let Json(raw) = body.map_err(ApiError::from)?;
    let receipt = registrations::register(&state.db, &raw).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
