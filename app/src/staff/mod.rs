//! Staff: accounts with roles, sign-in with sessions kept in the database, the audit log.
//! The moderation queue they work in is in `crate::moderation`.

#[cfg(feature = "ssr")]
pub mod accounts;
mod accounts_page;
#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod audit;
mod audit_page;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
pub mod enrolment;
#[cfg(feature = "ssr")]
pub mod hashing;
mod leader_form;
mod pages;
#[cfg(feature = "ssr")]
pub mod scope;
#[cfg(feature = "ssr")]
pub mod second_factor;
#[cfg(feature = "ssr")]
pub mod sessions;

pub use accounts_page::AccountsPage;
pub use audit_page::AuditPage;
pub use leader_form::TeamLeaderAccount;
pub use pages::{PasswordPage, StaffArea, use_staff};

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
    /// Whether a second factor is set up.
    pub second_factor: bool,
    pub created_at: i64,
    /// The area the account works in.
    pub scope: crate::domain::staff::Scope,
}

/// A team a team leader's account can keep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChoice {
    pub id: i64,
    pub name: crate::domain::neighbourhood::Name,
    pub community: crate::domain::neighbourhood::Name,
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

/// Who is signed in: 401 when nobody is. It answers before a generated password is changed,
/// so that the pages can ask for the change.
#[server(endpoint = "staff/whoami", input = GetUrl)]
pub async fn whoami() -> Result<StaffUser, AppError> {
    use crate::error::with_status;
    let (state, parts) = request()?;
    let mut user = auth::signed_in(&state.db, &parts.headers)
        .await
        .map_err(with_status)?;
    user.area = scope::name(&state.db, user.scope).await?;
    Ok(user)
}

#[server(endpoint = "staff/sign-in")]
pub async fn sign_in(
    username: String,
    password: String,
    #[server(default)] code: Option<String>,
) -> Result<StaffUser, AppError> {
    use crate::error::with_status;
    let (state, parts) = request()?;
    let attempt = sessions::Attempt {
        username: &username,
        password,
        code,
        address: &state.client_address(&parts.headers, &parts.extensions),
        previous: auth::session_token(&parts.headers),
    };
    let (user, token) = sessions::sign_in(&state.db, attempt)
        .await
        .map_err(with_status)?;
    set_cookie(auth::session_cookie(&token));
    Ok(user)
}

#[server(endpoint = "staff/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    let (state, parts) = request()?;
    sessions::sign_out(&state.db, auth::session_token(&parts.headers)).await?;
    set_cookie(auth::clearing_cookie());
    Ok(())
}

/// A change of one's own password, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    pub new_password: String,
    #[serde(default)]
    pub confirm: String,
}

/// Changes one's own password; open before a generated password is changed, for that change.
#[server(endpoint = "staff/password")]
pub async fn change_password(
    current: String,
    new_password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::error::with_status;
    let (state, parts) = request()?;
    let user = auth::signed_in(&state.db, &parts.headers)
        .await
        .map_err(with_status)?;
    let keep = auth::session_token(&parts.headers).map(|t| auth::token_hash(&t));
    let change = PasswordChange {
        current,
        new_password,
        confirm,
    };
    accounts::change_own(&state.db, &user, change, keep.as_deref())
        .await
        .map_err(with_status)
}

#[server(endpoint = "staff/accounts", input = GetUrl)]
pub async fn list_accounts() -> Result<Vec<AccountRow>, AppError> {
    let (state, _) = require(crate::domain::staff::Role::Admin).await?;
    Ok(db::accounts(&state.db).await?)
}

/// Admins make any account; a moderator makes team leaders' accounts for teams in their area.
#[server(endpoint = "staff/accounts/create")]
pub async fn create_account(account: RawNewStaff) -> Result<AccountRow, AppError> {
    use crate::error::with_status;
    let (state, user) = require(crate::domain::staff::Role::Moderator).await?;
    let account = account
        .parse()
        .map_err(|errors| with_status(AppError::Invalid(errors)))?;
    let id = accounts::create(&state.db, Some(&user), account)
        .await
        .map_err(with_status)?;
    db::account(&state.db, id)
        .await?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// Every volunteer team, for the area of a team leader's account.
#[server(endpoint = "staff/accounts/teams", input = GetUrl)]
pub async fn team_choices() -> Result<Vec<TeamChoice>, AppError> {
    let (state, _) = require(crate::domain::staff::Role::Admin).await?;
    Ok(db::team_choices(&state.db).await?)
}

/// Moves an account to another area (`city`, `district:<id>`, `street:<id>`, `community:<id>`).
#[server(endpoint = "staff/accounts/scope")]
pub async fn set_account_scope(id: i64, scope: String) -> Result<(), AppError> {
    use crate::error::with_status;
    let (state, user) = require(crate::domain::staff::Role::Admin).await?;
    let scope = crate::domain::staff::Scope::parse(&scope)
        .map_err(|e| with_status(AppError::Invalid(vec![e])))?;
    accounts::set_scope(&state.db, &user, id, scope)
        .await
        .map_err(with_status)
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
    use crate::error::with_status;
    let (state, user) = require(crate::domain::staff::Role::Admin).await?;
    accounts::reset(&state.db, &user, id, password)
        .await
        .map_err(with_status)
}

/// Which page of the audit log (from 0), and which entries: one target's, one account's (what
/// it did and what was done to it), one action's (`staff.` for every action of that family),
/// between two Beijing dates (both included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct AuditQuery {
    /// A submission reference, or staff:<username>.
    pub target: Option<String>,
    pub page: Option<u32>,
    /// A username.
    pub account: Option<String>,
    /// An action, such as `staff.sign_in`; ending in a dot, every action that starts so.
    pub action: Option<String>,
    /// The first day, 2026-12-01.
    pub from: Option<String>,
    /// The last day, 2026-12-31.
    pub to: Option<String>,
}

/// An audit query with its dates read: Unix times, the end excluded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub target: String,
    pub account: String,
    pub action: String,
    pub since: i64,
    pub until: i64,
    pub page: u32,
}

impl AuditQuery {
    pub fn filter(&self) -> Result<AuditFilter, Vec<crate::domain::form::FieldError>> {
        use crate::domain::{form::FieldError, time::parse_date};
        let text = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_owned();
        let mut errors = Vec::new();
        let mut date = |field: &str, value: &Option<String>, default: i64, days: i64| match value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => default,
            Some(v) => parse_date(v).map(|t| t + days * 86_400).unwrap_or_else(|| {
                errors.push(FieldError::new(
                    field,
                    "日期请写成 2026-12-01 这样",
                    "Write the date as 2026-12-01",
                ));
                default
            }),
        };
        let since = date("from", &self.from, i64::MIN, 0);
        let until = date("to", &self.to, i64::MAX, 1);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AuditFilter {
            target: text(&self.target),
            account: text(&self.account).to_lowercase(),
            action: text(&self.action),
            since,
            until,
            page: self.page.unwrap_or(0),
        })
    }
}

/// The audit log, newest first, 50 to a page. Admins only.
#[server(endpoint = "staff/audit", input = GetUrl)]
pub async fn audit_log(#[server(default)] query: AuditQuery) -> Result<Vec<AuditEntry>, AppError> {
    use crate::error::with_status;
    let (state, _) = require(crate::domain::staff::Role::Admin).await?;
    let filter = query
        .filter()
        .map_err(|errors| with_status(AppError::Invalid(errors)))?;
    Ok(audit::page(&state.db, &filter).await?)
}
