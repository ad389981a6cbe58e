//! Security headers on every response, `no-store` on private ones, and the 64 KB cap on
//! request bodies.
//!
//! Pages carry their own Content-Security-Policy, with the nonce of their inline hydration
//! scripts (set while rendering, in `app::app::shell`); everything else gets a policy that lets
//! it do nothing at all.

use app::{api::error::ApiError, error::AppError};
use axum::{
    body::Body,
    extract::Request,
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The largest request body the portal reads. A registration is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The cap for a request to `path`: a spreadsheet imported by staff may be megabytes.
fn cap(path: &str) -> usize {
    use app::services::staff::sheets::{IMPORT_PATH, MAX_IMPORT_BYTES};
    if path == IMPORT_PATH {
        MAX_IMPORT_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

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

/// How much of an oversized body is read and dropped before the 413, so that a client still
/// sending (a browser posting a large form) reads the answer rather than a reset connection;
/// past this the answer comes at once and the connection is closed.
const MAX_DRAIN_BYTES: usize = 1024 * 1024;

/// Refuses a body larger than the cap with 413 and the portal's own message, in the form the
/// caller reads (`refusal`), before any handler sees it. A body sent without a length (chunked)
/// is read here up to the cap, so a server function never meets the limit halfway through
/// parsing and answers it as a transport failure.
pub async fn body_limit(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let bodiless = declared.is_none() && matches!(*request.method(), Method::GET | Method::HEAD);
    if bodiless || declared.is_some_and(|length| length <= MAX_BODY_BYTES) {
        return next.run(request).await;
    }
    // A route with a larger cap reads its own body under it (axum's `DefaultBodyLimit`).
    let cap = cap(request.uri().path());
    if cap > MAX_BODY_BYTES {
        if declared.is_some_and(|length| length > cap) {
            let (parts, _) = request.into_parts();
            let mut response =
                crate::refusal::refuse(parts.uri.path(), &parts.headers, AppError::TooLarge);
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return response;
        }
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let read = match declared {
        Some(length) if length > MAX_DRAIN_BYTES => Ok(Read::Over { drained: false }),
        _ => read_capped(body).await,
    };
    match read {
        Ok(Read::Fits(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Read::Over { drained }) => {
            let mut response =
                crate::refusal::refuse(parts.uri.path(), &parts.headers, AppError::TooLarge);
            if !drained {
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            response
        }
        Err(_) => {
            ApiError::new(StatusCode::BAD_REQUEST, "the request body broke off").into_response()
        }
    }
}

enum Read {
    Fits(Vec<u8>),
    Over { drained: bool },
}

/// Reads a body up to the cap; past it, drops what follows up to `MAX_DRAIN_BYTES`.
async fn read_capped(mut body: Body) -> Result<Read, axum::Error> {
    use http_body_util::BodyExt;
    let mut kept = Vec::new();
    let mut seen = 0;
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame?.into_data() else {
            continue;
        };
        seen += data.len();
        if seen > MAX_DRAIN_BYTES {
            return Ok(Read::Over { drained: false });
        }
        if seen <= MAX_BODY_BYTES {
            kept.extend_from_slice(&data);
        }
    }
    Ok(match seen <= MAX_BODY_BYTES {
        true => Read::Fits(kept),
        false => Read::Over { drained: true },
    })
}

/// Answers that carry a resident's personal data, or staff work, are never kept by a browser
/// or a proxy: every answer to a POST (status lookups, the volunteer's record, submissions),
/// the status page, and everything of the staff area and its API.
pub async fn no_store(request: Request, next: Next) -> Response {
    let private = !matches!(*request.method(), Method::GET | Method::HEAD)
        || is_private_path(request.uri().path());
    let mut response = next.run(request).await;
    if private {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn is_private_path(path: &str) -> bool {
    ["/staff", "/api/staff/", "/api/v1/staff", "/status"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_and_status_answers_are_private_and_the_directory_is_not() {
        for path in [
            "/staff",
            "/staff/queue",
            "/api/v1/staff/queue",
            "/api/staff/queue",
            "/status",
        ] {
            assert!(is_private_path(path), "{path}");
        }
        for path in [
            "/",
            "/services",
            "/api/v1/services",
            "/pkg/quarterhour.wasm",
        ] {
            assert!(!is_private_path(path), "{path}");
        }
    }
}
