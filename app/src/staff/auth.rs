//! Who is asking: staff sessions in the database (so every instance behind a load balancer
//! shares them), in a `__Host-` cookie that is always Secure.

use super::db;
use crate::{
    domain::staff::{Role, StaffUser},
    error::AppError,
    storage::{Db, StorageError},
};
use axum::http::{HeaderMap, HeaderValue, header};
use sha2::{Digest, Sha256};

/// `__Host-`: the browser keeps it only from a secure origin (https, or loopback), for this
/// host alone and the whole site, so no sibling domain can set or shadow it.
pub const SESSION_COOKIE: &str = "__Host-qh_staff";
pub use super::hashing::{hash_password, verify_password};
pub use crate::domain::staff::{
    MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, SESSION_IDLE_SECS, SESSION_MAX_SECS,
    THROTTLE_WINDOW_SECS,
};

pub use crate::storage::unix_now as now;

/// A fresh session id: 256 random bits, as hex.
pub(super) fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The session id the request carries, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 64)
}

fn cookie_with(value: &str) -> cookie::CookieBuilder<'static> {
    cookie::Cookie::build((SESSION_COOKIE, value.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(true)
}

pub fn session_cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&cookie_with(token).build().to_string()).expect("hex and attributes")
}

pub fn clearing_cookie() -> HeaderValue {
    let cookie = cookie_with("")
        .max_age(cookie::time::Duration::ZERO)
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("plain attributes")
}

/// The member of staff whose session the request carries, if it is live.
pub async fn current(db: &Db, headers: &HeaderMap) -> Result<Option<StaffUser>, StorageError> {
    match session_token(headers) {
        Some(token) => db::session_user(db, &token_hash(&token), db.clock().now()).await,
        None => Ok(None),
    }
}

/// The signed-in member of staff, whatever their role and even before they change a generated
/// password (to see who they are, to change it, to sign out): 401 without a live session.
pub async fn signed_in(db: &Db, headers: &HeaderMap) -> Result<StaffUser, AppError> {
    current(db, headers).await?.ok_or(AppError::Unauthorized)
}

/// The signed-in member of staff if their role allows `needed`: 401 without a live session,
/// 403 with one whose role is not enough, whose generated password is still unchanged, or
/// whose role needs a second factor not yet set up.
pub async fn authorize(db: &Db, headers: &HeaderMap, needed: Role) -> Result<StaffUser, AppError> {
    let user = signed_in(db, headers).await?;
    if user.must_change_password {
        Err(AppError::PasswordChangeFirst)
    } else if user.needs_second_factor {
        Err(AppError::SecondFactorFirst)
    } else if !user.role.allows(needed) {
        Err(AppError::Forbidden)
    } else {
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_host_only_secure_http_only_and_lax() {
        for cookie in [session_cookie("ab"), clearing_cookie()] {
            let cookie = cookie.to_str().unwrap();
            assert!(cookie.starts_with("__Host-qh_staff="), "{cookie}");
            for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
                assert!(cookie.contains(attribute), "{attribute} in {cookie}");
            }
            assert!(!cookie.contains("Domain"), "{cookie}");
        }
    }

    #[test]
    fn the_session_id_is_read_among_other_cookies() {
        let token = "a".repeat(64);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("qh_lang=en; qh_staff=b; {SESSION_COOKIE}={token}"))
                .unwrap(),
        );
        assert_eq!(session_token(&headers), Some(token));
    }
}
