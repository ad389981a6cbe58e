//! /api/v1/categories, /api/v1/services and /api/v1/service-suggestions.

use crate::{
    api::error::{ApiError, query},
    domain::{
        category::CATEGORIES,
        service::{RawServiceQuery, ServiceDetail, ServicePage},
        suggestion::RawSuggestion,
    },
    state::AppState,
    submissions::Receipt,
};
use axum::{
    Json, Router,
    extract::{
        Path, Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
    http::StatusCode,
    routing::get,
};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/categories", get(categories))
        .route("/api/v1/services", get(search))
        .route("/api/v1/services/{id}", get(detail))
        .route("/api/v1/service-suggestions", axum::routing::post(suggest))
}

async fn categories() -> Json<Value> {
    Json(Value::Array(
        CATEGORIES
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "name_zh": c.name_zh,
                    "name_en": c.name_en,
                    "icon": c.icon,
                    "circle_minutes": c.circle.minutes(),
                    "sells_food": c.sells_food,
                })
            })
            .collect(),
    ))
}

async fn search(
    State(state): State<AppState>,
    raw: Result<Query<RawServiceQuery>, QueryRejection>,
) -> Result<Json<ServicePage>, ApiError> {
    Ok(Json(super::work::search(&state.db, &query(raw)?).await?))
}

async fn detail(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ServiceDetail>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found())?;
    Ok(Json(super::work::get(&state.db, id).await?))
}

async fn suggest(
    State(state): State<AppState>,
    body: Result<Json<RawSuggestion>, JsonRejection>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let Json(raw) = body?;
    let receipt = super::file_suggestion(&state.db, &raw).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
