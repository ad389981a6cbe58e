//! POST and DELETE /api/v1/staff/session: sign in and out from a script or another client, and
//! POST /api/v1/staff/password to change one's own. The session is the same cookie the pages
//! use.

use super::{PasswordChange, accounts, auth, sessions};
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
    OpenApiRouter::new()
        .routes(routes!(sign_in, sign_out))
        .routes(routes!(change_password))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct Credentials {
    username: String,
    password: String,
    /// The second factor: the 6 digits of the authenticator app, or a recovery code. Needed by
    /// every account that has one; each is accepted once.
    #[serde(default)]
    code: Option<String>,
}

/// Sign in as staff
///
/// Sets the session cookie. Throttled: 5 failures per username or 20 per address in 15 minutes
/// answer 429, as do more sign-ins from one address in a minute than the public limit. An
/// unknown username, a wrong password and a wrong or reused code get the same 401. A user whose `must_change_password`
/// is true can only change it (POST /api/v1/staff/password) or sign out; anything else is 403.
#[utoipa::path(
    post,
    path = "/api/v1/staff/session",
    operation_id = "staffSignIn",
    request_body = inline(Credentials),
    responses(
        (status = 200, description = "Signed in; Set-Cookie carries the session", body = StaffUser),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Wrong username, password or code (the same answer for each)", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 429, description = "Too many failed sign-ins; try again later", body = ApiError),
        (status = 503, description = "Too many sign-ins at once; try again shortly", body = ApiError),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    extensions: Extensions,
    headers: HeaderMap,
    body: Result<Json<Credentials>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Json(body) = body?;
    let attempt = sessions::Attempt {
        username: &body.username,
        password: body.password,
        code: body.code,
        address: &state.client_address(&headers, &extensions),
        previous: auth::session_token(&headers),
    };
    let (user, token) = sessions::sign_in(&state.db, attempt).await?;
    Ok((
        AppendHeaders([(SET_COOKIE, auth::session_cookie(&token))]),
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
    sessions::sign_out(&state.db, auth::session_token(&headers)).await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(SET_COOKIE, auth::clearing_cookie())]),
    ))
}

/// Change one's own password
///
/// The current password is asked again. Every other session of the account ends; this one
/// stays. Open before a generated first password is changed, for that change.
#[utoipa::path(
    post,
    path = "/api/v1/staff/password",
    operation_id = "staffChangePassword",
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No live staff session", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 415, description = "The body is not sent as application/json", body = ApiError),
        (status = 422, description = "The current password is wrong, or the new one too short, too common or unconfirmed", body = ApiError),
        (status = 503, description = "Too many passwords are being checked; try again shortly", body = ApiError),
    )
)]
async fn change_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<PasswordChange>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let user = auth::signed_in(&state.db, &headers).await?;
    let Json(change) = body?;
    let keep = auth::session_token(&headers).map(|t| auth::token_hash(&t));
    accounts::change_own(&state.db, &user, change, keep.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A handler that takes a `StaffUser` answers 401 to anyone without a live staff session, and
/// 403 before a generated first password is changed.
impl FromRequestParts<AppState> for StaffUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let lowest = crate::domain::staff::Role::Moderator;
        Ok(auth::authorize(&state.db, &parts.headers, lowest).await?)
    }
}

/// Any member of staff, team leaders too, for the routes a team leader shares with moderators
/// (their team's applications and figures): 401 without a live session, 403 as above.
pub struct AnyStaff(pub StaffUser);

impl FromRequestParts<AppState> for AnyStaff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let lowest = crate::domain::staff::Role::TeamLeader;
        Ok(AnyStaff(
            auth::authorize(&state.db, &parts.headers, lowest).await?,
        ))
    }
}
