//! Staff sessions, and sign-in attempts for the throttle.

use super::role_of;
use crate::{
    domain::staff::{SESSION_IDLE_SECS, SESSION_MAX_SECS, StaffUser, THROTTLE_WINDOW_SECS},
    storage::{Db, StorageError},
};
use sqlx::AnyConnection;

pub async fn start_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    staff_id: i64,
    now: i64,
) -> Result<(), StorageError> {
    // Sessions past their time are of no use to anyone: cleared as new ones start.
    sqlx::query("DELETE FROM staff_sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(now - SESSION_IDLE_SECS)
        .bind(now - SESSION_MAX_SECS)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at)
         VALUES ($1, $2, $3, $3)",
    )
    .bind(token_hash)
    .bind(staff_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The live session's user, keeping the session alive: idle for less than half an hour, and
/// started less than twelve hours ago. The last-seen time is written at most once a minute,
/// so that reading pages does not turn into a write per request.
pub async fn session_user(
    db: &Db,
    token_hash: &str,
    now: i64,
) -> Result<Option<StaffUser>, StorageError> {
    #[derive(sqlx::FromRow)]
    struct SessionRow {
        id: i64,
        username: String,
        role: String,
        must_change_password: i64,
        totp_secret: Option<String>,
        last_seen_at: i64,
        scope_level: String,
        scope_id: Option<i64>,
    }
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT s.id, s.username, s.role, s.must_change_password, s.totp_secret, x.last_seen_at,
                s.scope_level, s.scope_id
         FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
         WHERE x.token_hash = $1 AND s.disabled = 0 AND x.last_seen_at >= $2
           AND x.created_at >= $3",
    )
    .bind(token_hash)
    .bind(now - SESSION_IDLE_SECS)
    .bind(now - SESSION_MAX_SECS)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    if now - row.last_seen_at >= 60 {
        sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(StaffUser {
        role: role_of(&row.role),
        id: row.id,
        username: row.username,
        must_change_password: row.must_change_password != 0,
        needs_second_factor: super::needs_second_factor(&row.role, row.totp_secret.is_some()),
        scope: super::scope_of(&row.scope_level, row.scope_id),
        area: None,
    }))
}

pub async fn end_session_in(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of one account, except the one given (the caller's own).
pub async fn end_sessions_of(
    conn: &mut AnyConnection,
    staff_id: i64,
    keep: Option<&str>,
) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1 AND token_hash <> $2")
        .bind(staff_id)
        .bind(keep.unwrap_or(""))
        .execute(conn)
        .await?;
    Ok(())
}

/// A sign-in attempt, counted as failed from before its password is checked: concurrent
/// attempts each see the others, so a burst cannot check more passwords than the throttle lets.
pub struct HeldAttempt {
    ids: [i64; 2],
}

/// Holds an attempt for this username and address (and clears those past the window).
pub async fn hold_attempt(
    db: &Db,
    username: &str,
    address: &str,
    now: i64,
) -> Result<HeldAttempt, StorageError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
        .bind(now - THROTTLE_WINDOW_SECS)
        .execute(&mut *tx)
        .await?;
    let mut ids = [0; 2];
    for (id, (scope, key)) in ids
        .iter_mut()
        .zip([("account", username), ("address", address)])
    {
        *id = sqlx::query_scalar(
            "INSERT INTO sign_in_failures (scope, key, at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(scope)
        .bind(key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(HeldAttempt { ids })
}

/// Lets go of an attempt that did not fail: refused unchecked, or signed in.
pub async fn release_attempt(db: &Db, attempt: HeldAttempt) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE id = $1 OR id = $2")
        .bind(attempt.ids[0])
        .bind(attempt.ids[1])
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Failed (and held) sign-ins since `since`: for this username, and from this address.
pub async fn recent_failures(
    db: &Db,
    username: &str,
    address: &str,
    since: i64,
) -> Result<(i64, i64), StorageError> {
    Ok(sqlx::query_as(
        "SELECT
           COALESCE(SUM(CASE WHEN scope = 'account' AND key = $1 THEN 1 ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN scope = 'address' AND key = $2 THEN 1 ELSE 0 END), 0)
         FROM sign_in_failures
         WHERE at >= $3 AND ((scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2))",
    )
    .bind(username)
    .bind(address)
    .bind(since)
    .fetch_one(db.pool())
    .await?)
}
