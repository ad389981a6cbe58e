//! The open JSON API under /api/v1. Its OpenAPI document, at /api/v1/openapi.json, is generated
//! from the handlers' `#[utoipa::path]` annotations and the types they take and return, so it
//! cannot drift from what they do. Errors are JSON too: see [`error::ApiError`].

pub mod error;
pub mod schema;

use crate::state::AppState;
use axum::{
    Router,
    http::header,
    routing::{any, get},
};
use error::ApiError;
use std::sync::OnceLock;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{ApiKey, ApiKeyValue, SecurityScheme},
};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "一刻钟 Quarter Hour open API",
        version = "1.0.0",
        description = "The services of Zhengzhou's 15-minute living circle. Distances are great-circle metres on WGS-84; walking minutes are ceil(distance_m × 15 / 1000). Opening hours are judged in Asia/Shanghai time. Staff endpoints (under /api/v1/staff) need the session cookie set by POST /api/v1/staff/session; state-changing requests from a browser must come from this site (Origin check).",
    ),
    servers((url = "/")),
    modifiers(&StaffSession)
)]
struct ApiDoc;

/// The cookie staff operations name in their `security`.
struct StaffSession;

impl Modify for StaffSession {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let cookie = ApiKeyValue::with_description(
            crate::staff::auth::SESSION_COOKIE,
            "HttpOnly, SameSite=Lax, always Secure (browsers keep it from loopback too). A session ends after 30 minutes idle, and 12 hours after sign-in.",
        );
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "staffSession",
                SecurityScheme::ApiKey(ApiKey::Cookie(cookie)),
            );
    }
}

/// Every documented route of every feature, with the document they make.
fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::categories::api::routes())
        .merge(crate::services::api::routes())
        .merge(crate::services::staff::api::routes())
        .merge(crate::volunteers::staff::api::routes())
        .merge(crate::merchants::street_edit::api::routes())
        .merge(crate::services::staff::sheets::routes())
        .merge(crate::submissions::api::routes())
        .merge(crate::staff::api::routes())
        .merge(crate::moderation::api::routes())
        .merge(crate::volunteers::api::routes())
        .merge(crate::volunteers::exports::routes())
        .merge(crate::merchants::api::routes())
}

pub fn routes() -> Router<AppState> {
    let (router, openapi) = documented().split_for_parts();
    // Serialized once per process, as the first server starts (never while answering): every
    // server the process runs serves the same text.
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    let document = DOCUMENT
        .get_or_init(|| openapi.to_json().expect("the OpenAPI document is JSON"))
        .as_str();
    router
        .route(
            "/api/v1/openapi.json",
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], document) }),
        )
        .route("/api/v1/{*rest}", any(not_found))
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}
