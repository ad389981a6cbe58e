//! The staff API: the queue, a submission, a decision, the dashboard and the audit log. Every
//! route takes a `StaffUser`, so anonymous callers get 401 before anything else happens.

use super::{Dashboard, Queue, QueueFilter, Status, SubmissionDetail, Verdict, db};
use crate::{
    api::error::{ApiError, admin_only, query},
    domain::staff::{RawDecision, StaffUser},
    error::AppError,
    staff::{AuditEntry, AuditQuery, api::AnyStaff, audit},
    state::AppState,
};
use axum::{
    Json,
    extract::{
        Path, Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(dashboard))
        .routes(routes!(audit_log))
        .routes(routes!(detail))
        .routes(routes!(decision))
}

/// A decision as recorded.
// The fields are in alphabetical order, the order this answer has always had.
#[derive(Serialize, utoipa::ToSchema)]
struct Decided {
    /// The reason or note given with a rejection or a return.
    reason: Option<String>,
    reference: String,
    /// The submission's status now.
    #[schema(schema_with = decided_statuses)]
    status: Status,
}

fn decided_statuses() -> utoipa::openapi::Object {
    crate::api::schema::codes(Verdict::ALL.map(|v| v.status().code()))
}

/// The moderation queue, longest waiting first, 50 to a page
#[utoipa::path(
    get,
    path = "/api/v1/staff/queue",
    operation_id = "staffQueue",
    security(("staffSession" = [])),
    params(QueueFilter),
    responses(
        (status = 200, description = "A page of the queue", body = Queue),
        (status = 400, description = "A query string that cannot be read", body = ApiError),
        (status = 401, description = "Not signed in as staff, or the session has ended (30 minutes idle)", body = ApiError),
        (status = 422, description = "An unknown kind or status, named in fields", body = ApiError),
    )
)]
async fn queue(
    AnyStaff(staff): AnyStaff,
    State(state): State<AppState>,
    filter: Result<Query<QueueFilter>, QueryRejection>,
) -> Result<Json<Queue>, ApiError> {
    let filter = db::ParsedFilter::parse(&query(filter)?)?;
    Ok(Json(
        db::queue(&state.db, staff.scope, &filter, db::now()).await?,
    ))
}

/// Everything submitted: the phone in full, every version, every decision
#[utoipa::path(
    get,
    path = "/api/v1/staff/submissions/{reference}",
    operation_id = "staffSubmission",
    security(("staffSession" = [])),
    params(("reference" = String, Path, description = "The submission's reference")),
    responses(
        (status = 200, description = "The submission", body = SubmissionDetail),
        (status = 401, description = "Not signed in as staff, or the session has ended (30 minutes idle)", body = ApiError),
        (status = 404, description = "No such submission, or one outside the account's area", body = ApiError),
    )
)]
async fn detail(
    AnyStaff(staff): AnyStaff,
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<SubmissionDetail>, ApiError> {
    db::open(&state.db, &staff, &reference)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Approve, reject (reason required) or return for correction (note required)
#[utoipa::path(
    post,
    path = "/api/v1/staff/submissions/{reference}/decision",
    operation_id = "staffDecide",
    security(("staffSession" = [])),
    params(("reference" = String, Path, description = "The submission's reference")),
    request_body = inline(RawDecision),
    responses(
        (status = 200, description = "Decided", body = inline(Decided)),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Not signed in as staff, or the session has ended (30 minutes idle)", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 404, description = "No such submission, or one outside the account's area", body = ApiError),
        (status = 409, description = "Already decided (not pending)", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "A missing reason or unknown decision, named in fields", body = ApiError),
    )
)]
async fn decision(
    staff: StaffUser,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    body: Result<Json<RawDecision>, JsonRejection>,
) -> Result<Json<Decided>, ApiError> {
    let Json(raw) = body?;
    let decision = raw.parse().map_err(AppError::Invalid)?;
    db::decide(&state.db, &staff, &reference, &decision).await?;
    Ok(Json(Decided {
        reason: decision.note().map(str::to_owned),
        reference: crate::domain::reference::normalize_reference(&reference),
        status: decision.status(),
    }))
}

/// Pending by kind and age, decided this week, median time to a decision, disposal
#[utoipa::path(
    get,
    path = "/api/v1/staff/dashboard",
    operation_id = "staffDashboard",
    security(("staffSession" = [])),
    responses(
        (status = 200, description = "The figures", body = Dashboard),
        (status = 401, description = "Not signed in as staff, or the session has ended (30 minutes idle)", body = ApiError),
    )
)]
async fn dashboard(
    AnyStaff(staff): AnyStaff,
    State(state): State<AppState>,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(
        db::dashboard(&state.db, staff.scope, db::now()).await?,
    ))
}

/// The audit log, newest first (admins only)
#[utoipa::path(
    get,
    path = "/api/v1/staff/audit",
    operation_id = "staffAudit",
    security(("staffSession" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "Entries", body = Vec<AuditEntry>),
        (status = 400, description = "A query string that cannot be read", body = ApiError),
        (status = 401, description = "Not signed in as staff, or the session has ended (30 minutes idle)", body = ApiError),
        (status = 403, description = "Admins only", body = ApiError),
        (status = 422, description = "A date that is not a date", body = ApiError),
    )
)]
async fn audit_log(
    staff: StaffUser,
    State(state): State<AppState>,
    raw: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    admin_only(&staff)?;
    let filter = query(raw)?
        .filter()
        .map_err(crate::error::AppError::Invalid)?;
    Ok(Json(audit::page(&state.db, &filter).await?))
}
