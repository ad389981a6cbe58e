//! A request refused before it reaches a handler (too large, too many), answered in the form
//! its caller reads: a server function's client decodes the app's own error and shows its
//! message in the visitor's language; the JSON API gets its usual error object; anything else
//! gets the message as text, in the language the visitor chose.

use app::{api::error::ApiError, domain::lang::Lang, error::AppError};
use axum::{
    body::Body,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};

pub fn refuse(path: &str, headers: &HeaderMap, error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let (content_type, body) = if path.starts_with("/api/v1/") {
        return ApiError::from(error).into_response();
    } else if path.starts_with("/api/") {
        (
            "application/json",
            serde_json::to_string(&error).unwrap_or_default(),
        )
    } else {
        let lang = headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_cookie_header)
            .unwrap_or(Lang::Zh);
        ("text/plain; charset=utf-8", error.message(lang))
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap_or_default()
}
