//! A service closed, reopened or confirmed unchanged, each a step of its history.

use super::super::{FieldChange, HistoryAction, Saved};
use super::{
    adopt::{Change, adopt},
    row_for,
    write::{Step, record},
};
use crate::{
    domain::{service::edit::RawClose, staff::StaffUser},
    error::AppError,
    storage::{Db, unix_now},
};

/// Takes a service off every public page, search and map, saying why.
pub async fn close(db: &Db, by: &StaffUser, id: i64, raw: &RawClose) -> Result<Saved, AppError> {
    let closure = raw.parse().map_err(AppError::Invalid)?;
    let now = unix_now();
    let mut tx = db.begin_write().await?;
    let current = row_for(&mut tx, by, id).await?;
    if current.closed_at.is_some() {
        return Err(AppError::Conflict);
    }
    let version = current.version + 1;
    sqlx::query(
        "UPDATE services SET listed = 0, closed_reason = $1, closed_note = $2, closed_at = $3,
                version = $4
         WHERE id = $5",
    )
    .bind(closure.reason.code())
    .bind(&closure.note)
    .bind(now)
    .bind(version)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let why = match &closure.note {
        Some(note) => format!("{}：{note}", closure.reason.label().0),
        None => closure.reason.label().0.to_owned(),
    };
    let changes = [FieldChange {
        field: "closed".into(),
        before: String::new(),
        after: why,
    }];
    let suggestion = raw
        .suggestion
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if let Some(reference) = suggestion {
        adopt(
            &mut tx,
            by,
            reference,
            Change::Correct(id),
            (id, version),
            now,
        )
        .await?;
    }
    let step = Step {
        id,
        version,
        action: HistoryAction::Close,
        changes: &changes,
        suggestion,
    };
    record(&mut tx, by, step, now).await?;
    db.commit(tx).await?;
    Ok(Saved { id, version })
}

/// Lists a closed service again (unless it is a member shop its street has suspended).
pub async fn reopen(db: &Db, by: &StaffUser, id: i64) -> Result<Saved, AppError> {
    let now = unix_now();
    let mut tx = db.begin_write().await?;
    let current = row_for(&mut tx, by, id).await?;
    if current.closed_at.is_none() {
        return Err(AppError::Conflict);
    }
    let categories = crate::categories::db::all(db).await?;
    if let Some(retired) = categories.find(&current.category).filter(|c| c.retired) {
        // A retired category holds no listed service.
        return Err(AppError::CategoryRetired {
            zh: retired.name_zh.clone(),
            en: retired.name_en.clone(),
        });
    }
    let version = current.version + 1;
    sqlx::query(
        "UPDATE services SET closed_reason = NULL, closed_note = NULL, closed_at = NULL,
                version = $1, verified_at = $2,
                listed = CASE WHEN EXISTS (SELECT 1 FROM member_shops m
                                           WHERE m.service_id = services.id AND m.active = 0)
                              THEN 0 ELSE 1 END
         WHERE id = $3",
    )
    .bind(version)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let step = Step {
        id,
        version,
        action: HistoryAction::Reopen,
        changes: &[],
        suggestion: None,
    };
    record(&mut tx, by, step, now).await?;
    db.commit(tx).await?;
    Ok(Saved { id, version })
}

/// Staff checked the entry and found it right: its "confirmed on" date becomes today. The
/// version stays, so an edit begun before is not refused for it.
pub async fn confirm(db: &Db, by: &StaffUser, id: i64) -> Result<Saved, AppError> {
    let now = unix_now();
    let mut tx = db.begin_write().await?;
    let current = row_for(&mut tx, by, id).await?;
    sqlx::query("UPDATE services SET verified_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let step = Step {
        id,
        version: current.version,
        action: HistoryAction::Confirm,
        changes: &[],
        suggestion: None,
    };
    record(&mut tx, by, step, now).await?;
    db.commit(tx).await?;
    Ok(Saved {
        id,
        version: current.version,
    })
}
