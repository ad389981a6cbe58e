//! POST and DELETE /api/v1/staff/session: sign in and out from a script or another client.
//! The session is the same cookie the pages use.

use super::{auth, db};
use crate::{api::error::ApiError, domain::staff::StaffUser, state::AppState};
use axum::{
    Json,
    extract::{FromRequestParts, State, rejection::JsonRejection},
    http::{Extensions, HeaderMap, StatusCode, header::SET_COOKIE, request::Parts},
    response::{AppendHeaders, IntoResponse},
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_in, sign_out))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct Credentials {
    username: String,
    password: String,
}

/// Sign in as staff
///
/// Sets the session cookie. Throttled: 5 failures per username or 20 per address in 15 minutes
/// answer 429. An unknown username and a wrong password get the same 401.
#[utoipa::path(
    post,
    path = "/api/v1/staff/session",
    operation_id = "staffSignIn",
    request_body = inline(Credentials),
    responses(
        (status = 200, description = "Signed in; Set-Cookie carries the session", body = StaffUser),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Wrong username or password", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 429, description = "Too many failed sign-ins; try again later", body = ApiError),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    extensions: Extensions,
    headers: HeaderMap,
    body: Result<Json<Credentials>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Json(body) = body?;
    let address = state.client_address(&headers, &extensions);
    let previous = auth::session_token(&headers);
    let (user, token) =
        auth::sign_in(&state.db, &body.username, body.password, &address, previous).await?;
    Ok((
        AppendHeaders([(SET_COOKIE, auth::session_cookie(&token, &headers))]),
        Json(user),
    ))
}

/// Sign out
#[utoipa::path(
    delete,
    path = "/api/v1/staff/session",
    operation_id = "staffSignOut",
    responses(
        (status = 204, description = "Signed out; the cookie is cleared"),
        (status = 403, description = "A cross-site request", body = ApiError),
    )
)]
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(token) = auth::session_token(&headers) {
        db::end_session(&state.db, &auth::token_hash(&token)).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(SET_COOKIE, auth::clearing_cookie(&headers))]),
    ))
}

/// A handler that takes a `StaffUser` answers 401 to anyone without a live staff session.
impl FromRequestParts<AppState> for StaffUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        auth::current(&state.db, &parts.headers)
            .await?
            .ok_or_else(|| crate::error::AppError::Unauthorized.into())
    }
}
