//! /api/v1/categories, /api/v1/services and /api/v1/service-suggestions.

use super::db;
use crate::{
    api::ApiError,
    domain::{
        category::CATEGORIES,
        lang::Lang,
        service::{RawServiceQuery, ServiceDetail, ServicePage},
        suggestion::RawSuggestion,
    },
    error::AppError,
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

/// Every parameter arrives as text, so a bad one is named in a 422 rather than failing the
/// whole request in the extractor.
async fn search(
    State(state): State<AppState>,
    query: Result<Query<RawServiceQuery>, QueryRejection>,
) -> Result<Json<ServicePage>, ApiError> {
    // Only a query string that cannot be read at all (a parameter given twice, say) lands here.
    let Query(raw) = query.map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
    let query = raw.parse().map_err(|errors| {
        ApiError::invalid(
            errors
                .into_iter()
                .map(|e| (e.field().to_owned(), e.message(Lang::En))),
        )
    })?;
    Ok(Json(db::search(&state.db, &query, super::now()).await?))
}

async fn detail(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ServiceDetail>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found())?;
    db::get(&state.db, id, super::now())
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

async fn suggest(
    State(state): State<AppState>,
    body: Result<Json<RawSuggestion>, JsonRejection>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let Json(raw) = body.map_err(ApiError::from)?;
    match super::file_suggestion(&state.db, &raw).await {
        Ok(receipt) => Ok((StatusCode::CREATED, Json(receipt))),
        Err(AppError::Invalid(errors)) => Err(ApiError::invalid(
            errors.into_iter().map(|e| (e.field, e.en)),
        )),
        Err(AppError::NotFound) => Err(ApiError::not_found()),
        Err(_) => Err(ApiError::unavailable()),
    }
}
