//! /api/v1/services and /api/v1/service-suggestions.

use crate::{
    api::error::{ApiError, Id, query},
    domain::{
        service::{RawServiceQuery, ServiceDetail, ServicePage},
        suggestion::RawSuggestion,
    },
    state::AppState,
    submissions::Receipt,
};
use axum::{
    Json,
    extract::{
        Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
    http::StatusCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(detail))
        .routes(routes!(suggest))
}

/// Search services; with lat and lng, exactly those inside the circle, nearest first
#[utoipa::path(
    get,
    path = "/api/v1/services",
    operation_id = "searchServices",
    params(RawServiceQuery),
    responses(
        (status = 200, description = "One page of results and the total", body = ServicePage),
        (status = 400, description = "A query string that cannot be read (a parameter given twice)", body = ApiError),
        (status = 422, description = "A parameter is out of range or not a number", body = ApiError),
    )
)]
async fn search(
    State(state): State<AppState>,
    raw: Result<Query<RawServiceQuery>, QueryRejection>,
) -> Result<Json<ServicePage>, ApiError> {
    Ok(Json(super::work::search(&state.db, &query(raw)?).await?))
}

/// One service with its hours and errand guide
#[utoipa::path(
    get,
    path = "/api/v1/services/{id}",
    operation_id = "getService",
    params(("id" = i64, Path, description = "A service id")),
    responses(
        (status = 200, description = "The service", body = ServiceDetail),
        (status = 404, description = "No such service", body = ApiError),
    )
)]
async fn detail(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<ServiceDetail>, ApiError> {
    Ok(Json(super::work::get(&state.db, id).await?))
}

/// Suggest a correction to a service, or a new one; staff moderate it before anything public changes
#[utoipa::path(
    post,
    path = "/api/v1/service-suggestions",
    operation_id = "suggestService",
    request_body = RawSuggestion,
    responses(
        (status = 201, description = "Filed for moderation", body = Receipt),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such service", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
        (status = 429, description = "Too many submissions from this address; retry after the Retry-After seconds", body = ApiError),
    )
)]
async fn suggest(
    State(state): State<AppState>,
    body: Result<Json<RawSuggestion>, JsonRejection>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let Json(raw) = body?;
    let receipt = super::file_suggestion(&state.db, &raw).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
