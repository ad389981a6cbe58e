//! /api/v1/staff/services: staff add, change, close, reopen and confirm service points, and
//! read their history. The same work as the staff pages' server functions, in `db`.

use super::{HistoryEntry, Saved, StaffService, StaffServiceList, db};
use crate::{
    api::error::{ApiError, Id, query},
    domain::{
        service::edit::{RawClose, RawService},
        staff::StaffUser,
    },
    state::AppState,
};
use axum::{
    Json,
    extract::{
        Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
    http::StatusCode,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(detail, update))
        .routes(routes!(close))
        .routes(routes!(reopen))
        .routes(routes!(confirm))
        .routes(routes!(history))
}

const UNAUTHORIZED: &str = "Not signed in as staff, or the session has ended (30 minutes idle)";

/// Which services the staff list shows.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Text in the name or the address.
    #[param(max_length = 50)]
    q: Option<String>,
    /// The closed services instead of the listed ones.
    closed: Option<bool>,
    /// From 0; 50 to a page.
    page: Option<u32>,
}

/// Services, newest first, 50 to a page
#[utoipa::path(
    get,
    path = "/api/v1/staff/services",
    operation_id = "staffServices",
    security(("staffSession" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "A page of services", body = StaffServiceList),
        (status = 400, description = "A query string that cannot be read", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
    )
)]
async fn list(
    staff: StaffUser,
    State(state): State<AppState>,
    raw: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<StaffServiceList>, ApiError> {
    let q = query(raw)?;
    let text: String = q.q.unwrap_or_default().chars().take(50).collect();
    let list = db::list(
        &state.db,
        staff.scope,
        text.trim(),
        q.closed.unwrap_or(false),
        q.page.unwrap_or(0),
    );
    Ok(Json(list.await?))
}

/// Add a service point
///
/// Listed at once. The community and grid follow from `lat` and `lng` unless given.
#[utoipa::path(
    post,
    path = "/api/v1/staff/services",
    operation_id = "staffCreateService",
    security(("staffSession" = [])),
    request_body = NewService,
    responses(
        (status = 201, description = "Added", body = Saved),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
    )
)]
async fn create(
    staff: StaffUser,
    State(state): State<AppState>,
    body: Result<Json<NewService>, JsonRejection>,
) -> Result<(StatusCode, Json<Saved>), ApiError> {
    let Json(new) = body?;
    let saved = db::create(&state.db, &staff, &new.service, new.suggestion.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// A service point as staff edit it, listed or closed, with its version
#[utoipa::path(
    get,
    path = "/api/v1/staff/services/{id}",
    operation_id = "staffService",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The service's id")),
    responses(
        (status = 200, description = "The service", body = StaffService),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 404, description = "No such service in the account's area", body = ApiError),
    )
)]
async fn detail(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<StaffService>, ApiError> {
    db::get(&state.db, &staff, id)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// A change to a service: its fields, and the version it was made from.
#[derive(Deserialize, utoipa::ToSchema)]
struct ServiceChange {
    #[serde(flatten)]
    service: RawService,
    /// The version the change was made from: 409 when the service has changed since.
    version: Option<i64>,
    /// The reference of a pending suggestion this change adopts: approved in the same
    /// transaction, with the version the change made.
    suggestion: Option<String>,
}

/// A new service, and the resident's suggestion of it that it adopts.
#[derive(Deserialize, utoipa::ToSchema)]
struct NewService {
    #[serde(flatten)]
    service: RawService,
    /// The reference of a pending new-service suggestion this adopts.
    suggestion: Option<String>,
}

/// Change a service point
///
/// Send every field, with the `version` read. A change from an older version than the stored
/// one is refused with 409 and changes nothing.
#[utoipa::path(
    put,
    path = "/api/v1/staff/services/{id}",
    operation_id = "staffUpdateService",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The service's id")),
    request_body = ServiceChange,
    responses(
        (status = 200, description = "Saved; the version it is now at", body = Saved),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such service in the account's area", body = ApiError),
        (status = 409, description = "Changed by someone else since `version`", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "Fields to fix, each named", body = ApiError),
    )
)]
async fn update(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
    body: Result<Json<ServiceChange>, JsonRejection>,
) -> Result<Json<Saved>, ApiError> {
    let Json(change) = body?;
    let suggestion = change.suggestion.as_deref();
    let saved = db::update(
        &state.db,
        &staff,
        id,
        change.version,
        &change.service,
        suggestion,
    );
    let saved = saved.await?;
    Ok(Json(saved))
}

/// Close a service point
///
/// It leaves every public page, search and map at once. `reason` is moved, shut_down,
/// duplicate or other (then `note` says what), or the reason in words.
#[utoipa::path(
    post,
    path = "/api/v1/staff/services/{id}/close",
    operation_id = "staffCloseService",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The service's id")),
    request_body = RawClose,
    responses(
        (status = 200, description = "Closed", body = Saved),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such service in the account's area", body = ApiError),
        (status = 409, description = "Already closed", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "No reason given", body = ApiError),
    )
)]
async fn close(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
    body: Result<Json<RawClose>, JsonRejection>,
) -> Result<Json<Saved>, ApiError> {
    let Json(raw) = body?;
    Ok(Json(db::close(&state.db, &staff, id, &raw).await?))
}

/// Reopen a closed service point
#[utoipa::path(
    post,
    path = "/api/v1/staff/services/{id}/reopen",
    operation_id = "staffReopenService",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The service's id")),
    responses(
        (status = 200, description = "Listed again", body = Saved),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such service in the account's area", body = ApiError),
        (status = 409, description = "Not closed, or its category was retired since (an admin restores it first)", body = ApiError),
    )
)]
async fn reopen(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<Saved>, ApiError> {
    Ok(Json(db::reopen(&state.db, &staff, id).await?))
}

/// Confirm a service point unchanged
///
/// Its "information confirmed on" date, shown to residents, becomes today.
#[utoipa::path(
    post,
    path = "/api/v1/staff/services/{id}/confirm",
    operation_id = "staffConfirmService",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The service's id")),
    responses(
        (status = 200, description = "Confirmed", body = Saved),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such service in the account's area", body = ApiError),
    )
)]
async fn confirm(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<Saved>, ApiError> {
    Ok(Json(db::confirm(&state.db, &staff, id).await?))
}

/// A service point's history, newest first: every version, who made it and what changed
#[utoipa::path(
    get,
    path = "/api/v1/staff/services/{id}/history",
    operation_id = "staffServiceHistory",
    security(("staffSession" = [])),
    params(("id" = i64, Path, description = "The service's id")),
    responses(
        (status = 200, description = "The history", body = Vec<HistoryEntry>),
        (status = 401, description = UNAUTHORIZED, body = ApiError),
        (status = 404, description = "No such service in the account's area", body = ApiError),
    )
)]
async fn history(
    staff: StaffUser,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    db::history(&state.db, staff.scope, id)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}
