//! Staff: accounts with roles, sign-in with sessions kept in the database, the audit log.
//! The moderation queue they work in is in `crate::moderation`.

#[cfg(feature = "ssr")]
pub mod accounts;
#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
mod pages;

pub use pages::{AccountsPage, AuditPage, PasswordPage, StaffArea, use_staff};

use crate::{
    domain::staff::{RawNewStaff, StaffUser},
    error::AppError,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// An account as admins see it in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub username: String,
    pub role: crate::domain::staff::Role,
    pub disabled: bool,
    pub created_at: i64,
}

/// One line of the audit log. `before` and `after` are JSON, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub staff_username: String,
    pub action: String,
    pub target: String,
    /// JSON.
    pub before: Option<String>,
    /// JSON.
    pub after: Option<String>,
}

/// The request's state, headers and client address, for server functions.
#[cfg(feature = "ssr")]
pub(crate) fn request() -> Result<(crate::state::AppState, axum::http::request::Parts), AppError> {
    let state = crate::state::AppState::current()?;
    let parts = use_context::<axum::http::request::Parts>().ok_or(AppError::Unavailable)?;
    Ok((state, parts))
}

/// The signed-in member of staff if their role allows `needed`; sets 401 or 403 otherwise.
#[cfg(feature = "ssr")]
pub(crate) async fn require(
    needed: crate::domain::staff::Role,
) -> Result<(crate::state::AppState, StaffUser), AppError> {
    use crate::error::with_status;
    let (state, parts) = request()?;
    let user = auth::authorize(&state.db, &parts.headers, needed)
        .await
        .map_err(with_status)?;
    Ok((state, user))
}

#[cfg(feature = "ssr")]
fn set_cookie(value: axum::http::HeaderValue) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(axum::http::header::SET_COOKIE, value);
    }
}

/// Who is signed in: 401 when nobody is.
#[server(endpoint = "staff/whoami", input = GetUrl)]
pub async fn whoami() -> Result<StaffUser, AppError> {
    require(crate::domain::staff::Role::Moderator)
        .await
        .map(|(_, user)| user)
}

#[server(endpoint = "staff/sign-in")]
pub async fn sign_in(username: String, password: String) -> Result<StaffUser, AppError> {
    use crate::error::with_status;
    let (state, parts) = request()?;
    let address = state.client_address(&parts.headers, &parts.extensions);
    let previous = auth::session_token(&parts.headers);
    let (user, token) = auth::sign_in(&state.db, &username, password, &address, previous)
        .await
        .map_err(with_status)?;
    set_cookie(auth::session_cookie(&token, &parts.headers));
    Ok(user)
}

#[server(endpoint = "staff/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    let (state, parts) = request()?;
    if let Some(token) = auth::session_token(&parts.headers) {
        db::end_session(&state.db, &auth::token_hash(&token)).await?;
    }
    set_cookie(auth::clearing_cookie(&parts.headers));
    Ok(())
}

/// Changes one's own password: the current one is asked again, so that a session left open
/// on a shared computer cannot lock its owner out.
#[server(endpoint = "staff/password")]
pub async fn change_password(
    current: String,
    new_password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::domain::{form::FieldError, staff::check_new_password};
    use crate::error::with_status;
    let (state, user) = require(crate::domain::staff::Role::Moderator).await?;
    let mut errors = Vec::new();
    if let Err(e) = check_new_password("new_password", &new_password) {
        errors.push(e);
    } else if new_password != confirm {
        errors.push(FieldError::new(
            "confirm",
            "两次输入的新密码不一致",
            "The two new passwords differ",
        ));
    }
    let hash = db::password_hash(&state.db, user.id).await?;
    if !auth::verify_password(current, hash).await {
        errors.insert(
            0,
            FieldError::new(
                "current",
                "当前密码不正确",
                "The current password is not right",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(with_status(AppError::Invalid(errors)));
    }
    let (_, parts) = request()?;
    let keep = auth::session_token(&parts.headers).map(|t| auth::token_hash(&t));
    accounts::set_password(&state.db, &user, user.id, new_password, keep.as_deref())
        .await
        .map_err(with_status)
}

#[server(endpoint = "staff/accounts", input = GetUrl)]
pub async fn list_accounts() -> Result<Vec<AccountRow>, AppError> {
    let (state, _) = require(crate::domain::staff::Role::Admin).await?;
    Ok(db::accounts(&state.db).await?)
}

#[server(endpoint = "staff/accounts/create")]
pub async fn create_account(account: RawNewStaff) -> Result<AccountRow, AppError> {
    use crate::domain::form::FieldError;
    use crate::error::with_status;
    let (state, user) = require(crate::domain::staff::Role::Admin).await?;
    let account = account
        .parse()
        .map_err(|errors| with_status(AppError::Invalid(errors)))?;
    let taken = || {
        with_status(AppError::Invalid(vec![FieldError::new(
            "username",
            "这个用户名已被使用",
            "This username is taken",
        )]))
    };
    let id = accounts::create(&state.db, Some(&user), account)
        .await?
        .ok_or_else(taken)?;
    db::account(&state.db, id)
        .await?
        .ok_or_else(|| with_status(AppError::NotFound))
}

#[server(endpoint = "staff/accounts/disable")]
pub async fn set_account_disabled(id: i64, disabled: bool) -> Result<(), AppError> {
    use crate::error::with_status;
    let (state, user) = require(crate::domain::staff::Role::Admin).await?;
    accounts::set_disabled(&state.db, &user, id, disabled)
        .await
        .map_err(with_status)
}

#[server(endpoint = "staff/accounts/reset")]
pub async fn reset_account_password(id: i64, password: String) -> Result<(), AppError> {
    use crate::domain::staff::check_new_password;
    use crate::error::with_status;
    let (state, user) = require(crate::domain::staff::Role::Admin).await?;
    check_new_password("password", &password)
        .map_err(|e| with_status(AppError::Invalid(vec![e])))?;
    accounts::set_password(&state.db, &user, id, password, None)
        .await
        .map_err(with_status)
}

/// Which page of the audit log (from 0), and optionally one target's entries only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct AuditQuery {
    /// A submission reference, or staff:<username>.
    pub target: Option<String>,
    pub page: Option<u32>,
}

/// The audit log, newest first, 50 to a page. Admins only.
#[server(endpoint = "staff/audit", input = GetUrl)]
pub async fn audit_log(#[server(default)] query: AuditQuery) -> Result<Vec<AuditEntry>, AppError> {
    let (state, _) = require(crate::domain::staff::Role::Admin).await?;
    Ok(audit::page(&state.db, &query).await?)
}
