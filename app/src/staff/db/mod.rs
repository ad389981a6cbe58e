//! Staff accounts; their sessions and failed sign-ins are in `sessions`.

mod second_factor;
mod sessions;
pub use second_factor::*;
pub use sessions::*;

use super::AccountRow;
use crate::{
    domain::staff::{Level, Role, Scope, StaffUser},
    storage::{Db, StorageError},
};
use sqlx::AnyConnection;

pub struct SignInAccount {
    pub user: StaffUser,
    pub password_hash: String,
    pub disabled: bool,
    /// Base32, once the second factor is set up.
    pub totp_secret: Option<String>,
}

fn role_of(code: &str) -> Role {
    // The column's CHECK constraint allows only the two codes.
    Role::parse(code).unwrap_or(Role::Moderator)
}

/// The stored area. The columns' CHECK allows only the four levels; a level without its id
/// (which no write makes) reads as the narrowest area there is, a community that never exists,
/// so that a damaged row opens nothing rather than the whole city.
fn scope_of(level: &str, id: Option<i64>) -> Scope {
    Level::parse(level)
        .and_then(|level| Scope::from_parts(level, id))
        .unwrap_or(Scope::Community(0))
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
    must_change_password: i64,
    totp_secret: Option<String>,
    scope_level: String,
    scope_id: Option<i64>,
}

const STAFF_COLUMNS: &str = "id, username, role, password_hash, disabled, created_at,
                             must_change_password, totp_secret, scope_level, scope_id";

impl StaffRow {
    fn user(&self) -> StaffUser {
        StaffUser {
            id: self.id,
            username: self.username.clone(),
            role: role_of(&self.role),
            must_change_password: self.must_change_password != 0,
            needs_second_factor: needs_second_factor(&self.role, self.totp_secret.is_some()),
            scope: scope_of(&self.scope_level, self.scope_id),
            area: None,
        }
    }
}

fn needs_second_factor(role: &str, enrolled: bool) -> bool {
    !enrolled && role_of(role).needs_second_factor()
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
        totp_secret: row.totp_secret,
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
    (role, scope): (Role, Scope),
    password_hash: &str,
    (now, must_change_password): (i64, bool),
) -> Result<Option<i64>, StorageError> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO staff (username, password_hash, role, created_at, must_change_password,
                            scope_level, scope_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(username)
    .bind(password_hash)
    .bind(role.code())
    .bind(now)
    .bind(i64::from(must_change_password))
    .bind(scope.level().code())
    .bind((!scope.is_city()).then_some(scope.area_id()))
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
            scope: scope_of(&row.scope_level, row.scope_id),
            role: role_of(&row.role),
            disabled: row.disabled != 0,
            second_factor: row.totp_secret.is_some(),
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

pub async fn set_scope(
    conn: &mut AnyConnection,
    id: i64,
    scope: Scope,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE staff SET scope_level = $1, scope_id = $2 WHERE id = $3")
        .bind(scope.level().code())
        .bind((!scope.is_city()).then_some(scope.area_id()))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_password_hash(
    conn: &mut AnyConnection,
    id: i64,
    hash: &str,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE staff SET password_hash = $1, must_change_password = 0 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Every volunteer team with its community, in community order.
pub async fn team_choices(db: &Db) -> Result<Vec<super::TeamChoice>, StorageError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        name_zh: String,
        name_en: String,
        community_zh: String,
        community_en: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.id, t.name_zh, t.name_en, c.name_zh AS community_zh,
                c.name_en AS community_en
         FROM teams t JOIN communities c ON c.id = t.community_id
         ORDER BY t.community_id, t.id",
    )
    .fetch_all(db.pool())
    .await?;
    let name = |zh, en| crate::domain::neighbourhood::Name { zh, en };
    Ok(rows
        .into_iter()
        .map(|r| super::TeamChoice {
            id: r.id,
            name: name(r.name_zh, r.name_en),
            community: name(r.community_zh, r.community_en),
        })
        .collect())
}
