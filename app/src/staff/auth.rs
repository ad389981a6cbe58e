//! Who is asking: staff sessions in the database (so every instance behind a load balancer
//! shares them), password hashing with argon2id, throttled sign-in.

use super::db;
use crate::{
    domain::staff::{Role, StaffUser},
    error::AppError,
    storage::{Db, StorageError},
};
use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use axum::http::{HeaderMap, HeaderValue, header};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "qh_staff";
pub use crate::domain::staff::{
    MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, SESSION_IDLE_SECS, THROTTLE_WINDOW_SECS,
};

pub use crate::storage::unix_now as now;

/// Hashes a password with argon2id on a blocking thread: it takes tens of milliseconds on
/// purpose, and must not hold up the other requests on this worker.
pub async fn hash_password(password: String) -> Result<String, StorageError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(|e| StorageError::Crypto(e.to_string()))?
    .map_err(|e| StorageError::Crypto(e.to_string()))
}

/// Checks a password against a stored hash; with no hash (no such user) it checks against a
/// made-up one, so an unknown username takes as long as a wrong password.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = hash.unwrap_or_else(|| DUMMY_HASH.to_owned());
        PasswordHash::new(&stored).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        }) && stored != DUMMY_HASH
    })
    .await
    .unwrap_or(false)
}

/// An argon2id hash of a random password nobody knows, with the default parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Xzpfr8rXFfwaDJu+SYW0R+HG0QVtiYaYPMV8tUOlKI";

/// A fresh session id: 256 random bits, as hex.
fn new_token() -> String {
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

/// Whether the visitor reached us over https (directly or through a proxy that says so), so
/// that the cookie is marked Secure there and still works on plain http on a laptop.
fn over_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

pub fn session_cookie(token: &str, headers: &HeaderMap) -> HeaderValue {
    let cookie = cookie::Cookie::build((SESSION_COOKIE, token.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(over_https(headers))
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("hex and plain attributes")
}

pub fn clearing_cookie(headers: &HeaderMap) -> HeaderValue {
    let cookie = cookie::Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(over_https(headers))
        .max_age(cookie::time::Duration::ZERO)
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("plain attributes")
}

/// The member of staff whose session the request carries, if it is live.
pub async fn current(db: &Db, headers: &HeaderMap) -> Result<Option<StaffUser>, StorageError> {
    match session_token(headers) {
        Some(token) => db::session_user(db, &token_hash(&token), now()).await,
        None => Ok(None),
    }
}

/// The signed-in member of staff if their role allows `needed`: 401 without a live session,
/// 403 with one whose role is not enough.
pub async fn authorize(db: &Db, headers: &HeaderMap, needed: Role) -> Result<StaffUser, AppError> {
    match current(db, headers).await? {
        None => Err(AppError::Unauthorized),
        Some(user) if !user.role.allows(needed) => Err(AppError::Forbidden),
        Some(user) => Ok(user),
    }
}

/// Signs in: throttled per username and per address, the same answer for an unknown user and a
/// wrong password. Any session the request already carried ends, and a new id is issued.
pub async fn sign_in(
    db: &Db,
    username: &str,
    password: String,
    address: &str,
    previous: Option<String>,
) -> Result<(StaffUser, String), AppError> {
    let key = username.trim().to_ascii_lowercase();
    let now = now();
    let since = now - THROTTLE_WINDOW_SECS;
    let (by_account, by_address) = db::recent_failures(db, &key, address, since).await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        return Err(AppError::Throttled((THROTTLE_WINDOW_SECS / 60) as u32));
    }
    let account = db::account_for_sign_in(db, &key).await?;
    let hash = account.as_ref().map(|a| a.password_hash.clone());
    let verified = verify_password(password, hash).await;
    let user = match account {
        Some(account) if verified && !account.disabled => account.user,
        _ => {
            db::record_failure(db, &key, address, now).await?;
            return Err(AppError::BadCredentials);
        }
    };
    if let Some(previous) = previous {
        db::end_session(db, &token_hash(&previous)).await?;
    }
    let token = new_token();
    db::start_session(db, &token_hash(&token), user.id, now).await?;
    Ok((user, token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), Some(hash.clone())).await);
        assert!(!verify_password("correct horse battery!".into(), Some(hash)).await);
    }

    #[test]
    fn the_stand_in_hash_is_a_real_one_so_unknown_users_cost_as_much() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        assert!(!verify_password(String::new(), None).await);
        assert!(!verify_password("anything".into(), None).await);
    }

    #[test]
    fn the_session_cookie_is_http_only_lax_and_secure_only_over_https() {
        let mut headers = HeaderMap::new();
        let plain = session_cookie("ab", &headers);
        let plain = plain.to_str().unwrap();
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(
            session_cookie("ab", &headers)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
    }

    #[test]
    fn the_session_id_is_read_among_other_cookies() {
        let token = "a".repeat(64);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("qh_lang=en; {SESSION_COOKIE}={token}")).unwrap(),
        );
        assert_eq!(session_token(&headers), Some(token));
    }
}
