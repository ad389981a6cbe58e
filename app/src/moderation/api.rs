//! The staff API: the queue, a submission, a decision, the dashboard and the audit log. Every
//! route takes a `StaffUser`, so anonymous callers get 401 before anything else happens.

use super::{Dashboard, Queue, QueueFilter, SubmissionDetail, db};
use crate::{
    api::error::{ApiError, query},
    domain::staff::{RawDecision, Role, StaffUser},
    error::AppError,
    staff::{AuditEntry, AuditQuery, audit},
    state::AppState,
};
use axum::{
    Json, Router,
    extract::{
        Path, Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
    routing::{get, post},
};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/staff/queue", get(queue))
        .route("/api/v1/staff/dashboard", get(dashboard))
        .route("/api/v1/staff/audit", get(audit_log))
        .route("/api/v1/staff/submissions/{reference}", get(detail))
        .route(
            "/api/v1/staff/submissions/{reference}/decision",
            post(decision),
        )
}

async fn queue(
    _: StaffUser,
    State(state): State<AppState>,
    filter: Result<Query<QueueFilter>, QueryRejection>,
) -> Result<Json<Queue>, ApiError> {
    let filter = db::ParsedFilter::parse(&query(filter)?)?;
    Ok(Json(db::queue(&state.db, &filter, db::now()).await?))
}

async fn detail(
    _: StaffUser,
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<SubmissionDetail>, ApiError> {
    db::detail(&state.db, &reference)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

async fn decision(
    staff: StaffUser,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    body: Result<Json<RawDecision>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(raw) = body?;
    let decision = raw.parse().map_err(AppError::Invalid)?;
    db::decide(&state.db, &staff, &reference, &decision).await?;
    Ok(Json(json!({
        "reference": crate::domain::reference::normalize_reference(&reference),
        "status": decision.status(),
        "reason": decision.note(),
    })))
}

async fn dashboard(
    _: StaffUser,
    State(state): State<AppState>,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(db::dashboard(&state.db, db::now()).await?))
}

/// Admins only: 403 for moderators.
async fn audit_log(
    staff: StaffUser,
    State(state): State<AppState>,
    raw: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    if !staff.role.allows(Role::Admin) {
        return Err(AppError::Forbidden.into());
    }
    Ok(Json(audit::page(&state.db, &query(raw)?).await?))
}
