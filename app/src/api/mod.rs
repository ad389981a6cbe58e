//! The open JSON API under /api/v1, described by the OpenAPI document at /api/v1/openapi.json.
//! Errors are JSON too: see [`error::ApiError`].

pub mod error;

use crate::state::AppState;
use axum::{Router, http::header, response::IntoResponse, routing::get};
use error::ApiError;

const OPENAPI: &str = include_str!("openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .merge(crate::services::api::routes())
        .merge(crate::submissions::api::routes())
        .merge(crate::staff::api::routes())
        .merge(crate::moderation::api::routes())
        .merge(crate::volunteers::api::routes())
        .merge(crate::merchants::api::routes())
        .route("/api/v1/{*rest}", axum::routing::any(not_found))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}
