//! POST and DELETE /api/v1/staff/session: sign in and out from a script or another client.
//! The session is the same cookie the pages use.

use super::{auth, db};
use crate::{api::error::ApiError, domain::staff::StaffUser, state::AppState};
use axum::{
    Json, Router,
    extract::{FromRequestParts, State, rejection::JsonRejection},
    http::{Extensions, HeaderMap, StatusCode, header::SET_COOKIE, request::Parts},
    response::{AppendHeaders, IntoResponse},
    routing::post,
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/staff/session", post(sign_in).delete(sign_out))
}

#[derive(Deserialize)]
struct Credentials {
    username: String,
    password: String,
}

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
