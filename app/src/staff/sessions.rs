//! Signing in and out: throttled per username and per address even under a burst of
//! concurrent attempts, the same answer for an unknown user and a wrong password, and every
//! sign-in, failure and sign-out in the audit log.

use super::{audit, auth, db, second_factor};
use crate::{
    domain::staff::{
        MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, SecondFactor, StaffUser,
        THROTTLE_WINDOW_SECS,
    },
    error::AppError,
    storage::{Db, StorageError},
};
use serde_json::json;
use std::{
    collections::HashMap,
    sync::{Arc, LazyLock, Mutex},
};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

/// On this instance, one sign-in at a time per username: each attempt sees those before it
/// fail, so a burst checks exactly as many passwords as the throttle allows. (Across instances
/// the attempt held in the database before the check bounds it too.)
struct Turn {
    key: String,
    lock: Arc<AsyncMutex<()>>,
    guard: Option<OwnedMutexGuard<()>>,
}

type Turns = Mutex<HashMap<String, Arc<AsyncMutex<()>>>>;
static TURNS: LazyLock<Turns> = LazyLock::new(Default::default);

impl Turn {
    async fn take(key: &str) -> Turn {
        let lock = {
            let mut turns = TURNS.lock().unwrap_or_else(|e| e.into_inner());
            turns.entry(key.to_owned()).or_default().clone()
        };
        let guard = lock.clone().lock_owned().await;
        Turn {
            key: key.to_owned(),
            lock,
            guard: Some(guard),
        }
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.guard.take();
        // Forget the username once nobody else holds or waits for its turn: the map holds one
        // reference and this turn the other.
        let mut turns = TURNS.lock().unwrap_or_else(|e| e.into_inner());
        if Arc::strong_count(&self.lock) == 2 {
            turns.remove(&self.key);
        }
    }
}

/// What a sign-in form or request carries, and where it came from.
pub struct Attempt<'a> {
    pub username: &'a str,
    pub password: String,
    /// The second factor as typed: a code from the app, a recovery code, or nothing.
    pub code: Option<String>,
    pub address: &'a str,
    /// The session id the request already carried: it ends, and a new one is issued.
    pub previous: Option<String>,
}

/// Signs in: the new session's user and id.
pub async fn sign_in(db: &Db, attempt: Attempt<'_>) -> Result<(StaffUser, String), AppError> {
    // As typed, lower-cased, and bounded: it is a key of the throttle and a line of the log.
    let key: String = attempt
        .username
        .trim()
        .to_lowercase()
        .chars()
        .take(64)
        .collect();
    let _turn = Turn::take(&key).await;
    let now = db.clock().now();
    let held = db::hold_attempt(db, &key, attempt.address, now).await?;
    let (by_account, by_address) =
        db::recent_failures(db, &key, attempt.address, now - THROTTLE_WINDOW_SECS).await?;
    // The held attempt is among those counted: the sixth in a window is refused unchecked.
    if by_account > MAX_FAILURES_PER_ACCOUNT || by_address > MAX_FAILURES_PER_ADDRESS {
        db::release_attempt(db, held).await?;
        return Err(AppError::Throttled((THROTTLE_WINDOW_SECS / 60) as u32));
    }
    let account = db::account_for_sign_in(db, &key).await?;
    let hash = account.as_ref().map(|a| a.password_hash.clone());
    let verified = match auth::verify_password(attempt.password, hash).await {
        Ok(verified) => verified,
        Err(busy) => {
            // Not checked (503): it does not count against the account.
            db::release_attempt(db, held).await?;
            return Err(busy.into());
        }
    };
    let user = match account {
        Some(account) if verified && !account.disabled => {
            // Only behind a right password is a code looked at, so a wrong password never
            // uses one up; a code that is not a code at all is simply a wrong one.
            let typed = attempt.code.as_deref().unwrap_or("");
            let code = SecondFactor::parse("code", typed).ok().flatten();
            match second_factor::accept(db, &account, code, now).await? {
                true => Some(account.user),
                false => None,
            }
        }
        _ => None,
    };
    let Some(user) = user else {
        // The held attempt stays, counted as a failure.
        let mut tx = db.begin_write().await.map_err(StorageError::from)?;
        let entry = audit::Record {
            by: None,
            action: "staff.sign_in_failed",
            target: &format!("staff:{key}"),
            before: None,
            after: Some(json!({ "address": attempt.address })),
        };
        audit::record(&mut tx, entry, now).await?;
        tx.commit().await.map_err(StorageError::from)?;
        return Err(AppError::BadCredentials);
    };
    db::release_attempt(db, held).await?;
    let token = auth::new_token();
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    if let Some(previous) = attempt.previous {
        db::end_session_in(&mut tx, &auth::token_hash(&previous)).await?;
    }
    db::start_session(&mut tx, &auth::token_hash(&token), user.id, now).await?;
    let entry = audit::Record {
        by: Some(&user),
        action: "staff.sign_in",
        target: &format!("staff:{}", user.username),
        before: None,
        after: Some(json!({ "address": attempt.address })),
    };
    audit::record(&mut tx, entry, now).await?;
    tx.commit().await.map_err(StorageError::from)?;
    Ok((user, token))
}

/// Ends the session the request carries, if it is live, and logs who signed out.
pub async fn sign_out(db: &Db, token: Option<String>) -> Result<(), StorageError> {
    let Some(token) = token else {
        return Ok(());
    };
    let hash = auth::token_hash(&token);
    let now = db.clock().now();
    let user = db::session_user(db, &hash, now).await?;
    let mut tx = db.begin_write().await?;
    db::end_session_in(&mut tx, &hash).await?;
    if let Some(user) = &user {
        let entry = audit::Record {
            by: Some(user),
            action: "staff.sign_out",
            target: &format!("staff:{}", user.username),
            before: None,
            after: None,
        };
        audit::record(&mut tx, entry, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
