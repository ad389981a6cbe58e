//! Security headers on every response, and the 64 KB cap on request bodies.
//!
//! Pages carry their own Content-Security-Policy, with the nonce of their inline hydration
//! scripts (set while rendering, in `app::app::shell`); everything else gets a policy that lets
//! it do nothing at all.

use app::api::ApiError;
use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The largest request body the portal reads. A registration is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

const FIXED: [(HeaderName, &str); 6] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    // Links out never carry a page address (which may hold a home location).
    (header::REFERRER_POLICY, "same-origin"),
    (
        HeaderName::from_static("permissions-policy"),
        "geolocation=(self), camera=(), microphone=(), payment=()",
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in FIXED {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

/// Refuses a body declared larger than the cap before reading any of it, with the API's JSON
/// error. (Bodies sent without a length are capped where they are read: `DefaultBodyLimit`.)
pub async fn body_limit(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body is larger than 64 KB",
        )
        .into_response();
    }
    next.run(request).await
}
