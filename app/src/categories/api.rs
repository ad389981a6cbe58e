//! /api/v1/categories for everyone, and /api/v1/staff/categories for admins: the same work as
//! the pages' server functions.

use super::{CategoryId, StaffCategory, db};
use crate::{
    api::error::{ApiError, admin_only},
    domain::{category::edit::RawCategory, staff::StaffUser},
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, State, rejection::JsonRejection},
    http::StatusCode,
};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(categories))
        .routes(routes!(staff_list, create))
        .routes(routes!(one, update))
        .routes(routes!(retire))
        .routes(routes!(restore))
}

/// A category of daily life and the walking circle it belongs in.
// The fields are in alphabetical order, the order this answer has always had.
#[derive(Serialize, ToSchema)]
#[schema(as = Category)]
struct CategoryAnswer {
    #[schema(schema_with = crate::domain::circle::minutes_schema)]
    circle_minutes: u32,
    icon: String,
    id: String,
    name_en: String,
    name_zh: String,
    sells_food: bool,
    /// A shop under the merchant scheme may register as this kind of business.
    shop: bool,
}

/// Categories of daily life and the walking circle each belongs in
///
/// The categories services can be of now; retired ones are left out.
#[utoipa::path(
    get,
    path = "/api/v1/categories",
    operation_id = "listCategories",
    responses(
        (status = 200, description = "All categories", body = Vec<CategoryAnswer>),
        (status = 503, description = "The database is unavailable", body = ApiError),
    )
)]
async fn categories(State(state): State<AppState>) -> Result<Json<Vec<CategoryAnswer>>, ApiError> {
    let list = db::all(&state.db).await?;
    Ok(Json(
        list.choosable()
            .map(|c| CategoryAnswer {
                circle_minutes: c.circle.minutes(),
                icon: c.icon.clone(),
                id: c.id.clone(),
                name_en: c.name_en.clone(),
                name_zh: c.name_zh.clone(),
                sells_food: c.sells_food,
                shop: c.shop,
            })
            .collect(),
    ))
}

const UNAUTHORIZED: &str = "Not signed in as staff, or the session has ended (30 minutes idle)";

/// Every category, retired ones included, with how many listed services are of each
#[utoipa::path(
    get,
    path = "/api/v1/staff/categories",
    operation_id = "staffCategories",
    security(("staffSession" = [])),
    responses(
        (status = 200, description = "Every category", body = Vec<StaffCategory>),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "Admins only", body = ApiError),
    )
)]
async fn staff_list(
    staff: StaffUser,
    State(state): State<AppState>,
) -> Result<Json<Vec<StaffCategory>>, ApiError> {
    admin_only(&staff)?;
    Ok(Json(db::staff_list(&state.db).await?))
}

/// Add a category
///
/// Offered in every list and form at once. English left empty takes the Chinese.
#[utoipa::path(
    post,
    path = "/api/v1/staff/categories",
    operation_id = "staffCreateCategory",
    security(("staffSession" = [])),
    request_body = RawCategory,
    responses(
        (status = 201, description = "Added", body = CategoryId),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "Admins only, or a cross-site request", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named (an id or Chinese name taken among them)", body = ApiError),
    )
)]
async fn create(
    staff: StaffUser,
    State(state): State<AppState>,
    body: Result<Json<RawCategory>, JsonRejection>,
) -> Result<(StatusCode, Json<CategoryId>), ApiError> {
    admin_only(&staff)?;
    let Json(raw) = body?;
    let created = db::create(&state.db, &staff, &raw).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// A category as admins edit it
#[utoipa::path(
    get,
    path = "/api/v1/staff/categories/{id}",
    operation_id = "staffCategory",
    security(("staffSession" = [])),
    params(("id" = String, Path, description = "The category's id")),
    responses(
        (status = 200, description = "The category", body = StaffCategory),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "Admins only", body = ApiError),
        (status = 404, description = "No such category", body = ApiError),
    )
)]
async fn one(
    staff: StaffUser,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<StaffCategory>, ApiError> {
    admin_only(&staff)?;
    db::staff_one(&state.db, &id)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Rename a category or change its icon, circle, food flag, shop flag or search words
///
/// The id never changes; an `id` in the body is ignored.
#[utoipa::path(
    put,
    path = "/api/v1/staff/categories/{id}",
    operation_id = "staffUpdateCategory",
    security(("staffSession" = [])),
    params(("id" = String, Path, description = "The category's id")),
    request_body = RawCategory,
    responses(
        (status = 200, description = "Saved", body = CategoryId),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "Admins only, or a cross-site request", body = ApiError),
        (status = 404, description = "No such category", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
    )
)]
async fn update(
    staff: StaffUser,
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<RawCategory>, JsonRejection>,
) -> Result<Json<CategoryId>, ApiError> {
    admin_only(&staff)?;
    let Json(raw) = body?;
    Ok(Json(db::update(&state.db, &staff, &id, &raw).await?))
}

/// Retire a category: no longer offered for new or changed entries
///
/// Refused with 409 while a listed service is of it.
#[utoipa::path(
    post,
    path = "/api/v1/staff/categories/{id}/retire",
    operation_id = "staffRetireCategory",
    security(("staffSession" = [])),
    params(("id" = String, Path, description = "The category's id")),
    responses(
        (status = 200, description = "Retired (or already so)", body = CategoryId),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "Admins only, or a cross-site request", body = ApiError),
        (status = 404, description = "No such category", body = ApiError),
        (status = 409, description = "Listed services are of it; the message says how many", body = ApiError),
    )
)]
async fn retire(
    staff: StaffUser,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<CategoryId>, ApiError> {
    admin_only(&staff)?;
    Ok(Json(db::set_retired(&state.db, &staff, &id, true).await?))
}

/// Restore a retired category
#[utoipa::path(
    post,
    path = "/api/v1/staff/categories/{id}/restore",
    operation_id = "staffRestoreCategory",
    security(("staffSession" = [])),
    params(("id" = String, Path, description = "The category's id")),
    responses(
        (status = 200, description = "Offered again (or already so)", body = CategoryId),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "Admins only, or a cross-site request", body = ApiError),
        (status = 404, description = "No such category", body = ApiError),
    )
)]
async fn restore(
    staff: StaffUser,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<CategoryId>, ApiError> {
    admin_only(&staff)?;
    Ok(Json(db::set_retired(&state.db, &staff, &id, false).await?))
}
