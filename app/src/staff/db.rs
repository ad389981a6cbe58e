//! Staff accounts, sessions and failed sign-ins.

use super::AccountRow;
use crate::{
    domain::staff::{Role, StaffUser},
    storage::{Db, StorageError},
};
use sqlx::AnyConnection;

pub struct SignInAccount {
    pub user: StaffUser,
    pub password_hash: String,
    pub disabled: bool,
}

fn role_of(code: &str) -> Role {
    // The column's CHECK constraint allows only the two codes.
    Role::parse(code).unwrap_or(Role::Moderator)
}

/// A row of the staff table, as the account queries read it.
#[derive(sqlx::FromRow)]
struct StaffRow {
    id: i64,
    username: String,
    role: String,
    password_hash: String,
    disabled: i64,
    created_at: i64,
}

const STAFF_COLUMNS: &str = "id, username, role, password_hash, disabled, created_at";

impl StaffRow {
    fn user(&self) -> StaffUser {
        StaffUser {
            id: self.id,
            username: self.username.clone(),
            role: role_of(&self.role),
        }
    }
}

pub async fn account_for_sign_in(
    db: &Db,
    username: &str,
) -> Result<Option<SignInAccount>, StorageError> {
    let row: Option<StaffRow> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|row| SignInAccount {
        user: row.user(),
        disabled: row.disabled != 0,
        password_hash: row.password_hash,
    }))
}

pub async fn password_hash(db: &Db, id: i64) -> Result<Option<String>, StorageError> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM staff WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?,
    )
}

pub async fn count_staff(db: &Db) -> Result<i64, StorageError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(db.pool())
        .await?)
}

/// Inserts an account; `None` when the username is taken.
pub async fn insert_account(
    conn: &mut AnyConnection,
    username: &str,
    role: Role,
    password_hash: &str,
    now: i64,
) -> Result<Option<i64>, StorageError> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO staff (username, password_hash, role, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(username)
    .bind(password_hash)
    .bind(role.code())
    .bind(now)
    .fetch_one(conn)
    .await;
    match inserted {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub async fn accounts(db: &Db) -> Result<Vec<AccountRow>, StorageError> {
    let rows: Vec<StaffRow> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff ORDER BY username"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| AccountRow {
            role: role_of(&row.role),
            disabled: row.disabled != 0,
            id: row.id,
            username: row.username,
            created_at: row.created_at,
        })
        .collect())
}

pub async fn account(db: &Db, id: i64) -> Result<Option<AccountRow>, StorageError> {
    Ok(accounts(db).await?.into_iter().find(|a| a.id == id))
}

pub async fn set_disabled(
    conn: &mut AnyConnection,
    id: i64,
    disabled: bool,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE staff SET disabled = $1 WHERE id = $2")
        .bind(i64::from(disabled))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if disabled {
        end_sessions_of(conn, id, None).await?;
    }
    Ok(())
}

pub async fn set_password_hash(
    conn: &mut AnyConnection,
    id: i64,
    hash: &str,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn start_session(
    db: &Db,
    token_hash: &str,
    staff_id: i64,
    now: i64,
) -> Result<(), StorageError> {
    // Sessions idle past their time are of no use to anyone: cleared as new ones start.
    sqlx::query("DELETE FROM staff_sessions WHERE last_seen_at < $1")
        .bind(now - crate::domain::staff::SESSION_IDLE_SECS)
        .execute(db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at)
         VALUES ($1, $2, $3, $3)",
    )
    .bind(token_hash)
    .bind(staff_id)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The live session's user, keeping the session alive. The last-seen time is written at most
/// once a minute, so that reading pages does not turn into a write per request.
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
        last_seen_at: i64,
    }
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT s.id, s.username, s.role, x.last_seen_at
         FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
         WHERE x.token_hash = $1 AND s.disabled = 0 AND x.last_seen_at >= $2",
    )
    .bind(token_hash)
    .bind(now - crate::domain::staff::SESSION_IDLE_SECS)
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
    }))
}

pub async fn end_session(db: &Db, token_hash: &str) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.pool())
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

/// Failed sign-ins since `since`: for this username, and from this address.
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

pub async fn record_failure(
    db: &Db,
    username: &str,
    address: &str,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
        .bind(now - crate::domain::staff::THROTTLE_WINDOW_SECS)
        .execute(db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO sign_in_failures (scope, key, at) VALUES ('account', $1, $3), ('address', $2, $3)",
    )
    .bind(username)
    .bind(address)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}
