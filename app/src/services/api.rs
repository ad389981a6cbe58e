//! /api/v1/categories and /api/v1/services.

use super::db;
use crate::{
    api::ApiError,
    domain::{
        category::CATEGORIES,
        lang::Lang,
        service::{RawServiceQuery, ServiceDetail, ServicePage},
    },
    state::AppState,
};
use axum::{
    Json, Router,
    extract::{Path, Query, State},
    routing::get,
};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/categories", get(categories))
        .route("/api/v1/services", get(search))
        .route("/api/v1/services/{id}", get(detail))
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
    Query(raw): Query<RawServiceQuery>,
) -> Result<Json<ServicePage>, ApiError> {
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
