//! /api/v1/staff/streets/{id}: a self-governance street's public words, read and changed. The
//! same work as the page's server functions.

use super::{StaffStreet, db};
use crate::{
    api::error::{ApiError, Id},
    domain::{staff::StaffUser, street::RawStreet},
    state::AppState,
    volunteers::staff::Created,
};
use axum::{
    Json,
    extract::{State, rejection::JsonRejection},
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(street, update))
}

const UNAUTHORIZED: &str = "Not signed in as staff, or the session has ended (30 minutes idle)";

/// A street's scheme, road chief, council and pledge, as staff edit them
#[utoipa::path(
    get,
    path = "/api/v1/staff/streets/{id}",
    operation_id = "staffStreet",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The street's id")),
    responses(
        (status = 200, description = "The street", body = StaffStreet),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 404, description = "No such street", body = ApiError),
    )
)]
async fn street(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<StaffStreet>, ApiError> {
    db::street(&state.db, staff.scope, id)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Change a street's scheme, road chief, council and pledge
///
/// The council is replaced as sent, in its order; empty rows are dropped. English left empty
/// takes the Chinese. Shown on the street's page at once.
#[utoipa::path(
    put,
    path = "/api/v1/staff/streets/{id}",
    operation_id = "staffUpdateStreet",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The street's id")),
    request_body = RawStreet,
    responses(
        (status = 200, description = "Saved", body = Created),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such street", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
    )
)]
async fn update(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
    body: Result<Json<RawStreet>, JsonRejection>,
) -> Result<Json<Created>, ApiError> {
    let Json(raw) = body?;
    Ok(Json(db::update(&state.db, &staff, id, &raw).await?))
}
