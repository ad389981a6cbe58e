//! Leaving an activity or a team: a withdrawal, or the erasure of one's data, gives any place
//! held to the first on the waitlist, under the activity's lock.

use super::{fill_places, store_members};
use crate::{
    domain::{phone::Mobile, submission::Status},
    error::AppError,
    storage::{Db, StorageError, unix_now},
};
use sqlx::AnyConnection;

/// The application filed with a reference and phone, and its activity's start.
#[derive(sqlx::FromRow)]
struct Application {
    id: i64,
    #[sqlx(try_from = "String")]
    status: Status,
    team_id: i64,
    activity_id: Option<i64>,
    starts_at: Option<i64>,
}

impl Application {
    /// After it left: its place, or its membership, goes.
    async fn gone(&self, conn: &mut AnyConnection, now: i64) -> Result<(), StorageError> {
        match self.activity_id {
            Some(activity_id) => fill_places(conn, activity_id, now).await,
            None => store_members(conn, self.team_id).await,
        }
    }
}

/// The application filed with this reference and phone. The activity's row is written first,
/// so the caller holds its lock.
async fn find_locked(
    conn: &mut AnyConnection,
    reference: &str,
    phone: &Mobile,
) -> Result<Option<Application>, StorageError> {
    let reference = crate::domain::reference::normalize_reference(reference);
    sqlx::query(
        "UPDATE activities SET capacity = capacity WHERE id =
           (SELECT v.activity_id FROM volunteer_applications v
            JOIN submissions s ON s.id = v.submission_id
            WHERE s.reference = $1 AND s.phone = $2)",
    )
    .bind(&reference)
    .bind(phone.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query_as(
        "SELECT s.id, s.status, v.team_id, v.activity_id, a.starts_at
         FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         LEFT JOIN activities a ON a.id = v.activity_id
         WHERE s.reference = $1 AND s.phone = $2",
    )
    .bind(&reference)
    .bind(phone.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

/// Whether an application in this status can still be withdrawn: it has not been decided
/// against, and its activity (if any) has not started.
pub fn withdrawable(status: Status, starts_at: Option<i64>, now: i64) -> bool {
    status.withdrawable() && starts_at.is_none_or(|s| s > now)
}

pub async fn withdraw(db: &Db, reference: &str, phone: &str) -> Result<(), AppError> {
    let phone = Mobile::parse(phone).map_err(|_| AppError::NotFound)?;
    let now = unix_now();
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    let found = find_locked(&mut tx, reference, &phone)
        .await?
        .ok_or(AppError::NotFound)?;
    if !withdrawable(found.status, found.starts_at, now) {
        return Err(AppError::Conflict);
    }
    set_withdrawn(&mut tx, found.id, now).await?;
    found.gone(&mut tx, now).await?;
    db.commit(tx).await.map_err(StorageError::from)?;
    Ok(())
}

async fn set_withdrawn(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), StorageError> {
    sqlx::query("UPDATE submissions SET status = $1, decided_at = $2 WHERE id = $3")
        .bind(Status::Withdrawn.code())
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes the personal data of one application (withdrawing it first when it still can be):
/// name, phone and everything typed go; the row, its status and any hours stay, unnamed.
pub async fn erase(db: &Db, reference: &str, phone: &str) -> Result<(), AppError> {
    let phone = Mobile::parse(phone).map_err(|_| AppError::NotFound)?;
    let now = unix_now();
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    let found = find_locked(&mut tx, reference, &phone)
        .await?
        .ok_or(AppError::NotFound)?;
    if withdrawable(found.status, found.starts_at, now) {
        set_withdrawn(&mut tx, found.id, now).await?;
    }
    erase_personal_data(&mut tx, found.id, now).await?;
    found.gone(&mut tx, now).await?;
    db.commit(tx).await.map_err(StorageError::from)?;
    Ok(())
}

pub async fn erase_personal_data(
    conn: &mut AnyConnection,
    id: i64,
    now: i64,
) -> Result<(), StorageError> {
    crate::submissions::personal::erase_personal_data(conn, id, now).await?;
    sqlx::query("UPDATE volunteer_applications SET erased_at = $1 WHERE submission_id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
