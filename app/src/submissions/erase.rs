//! A submitter's right to erasure, and the retention the privacy statements promise: personal
//! data (phone, everything typed, staff notes on it) goes; the row, its kind and status stay
//! for anonymous counts.

use crate::{
    domain::{phone::Mobile, submission::Kind},
    error::AppError,
    storage::{Db, StorageError},
};

/// How long the personal data of a decided submission is kept: two years, as promised.
pub use crate::domain::volunteer::RETENTION_SECS;

/// Erases what this reference and phone filed, withdrawing it first while it still waits for
/// staff. A wrong pair is not found, whichever half was wrong.
pub async fn erase(db: &Db, reference: &str, phone: &str, now: i64) -> Result<(), AppError> {
    let phone = Mobile::parse(phone).map_err(|_| AppError::NotFound)?;
    let reference = crate::domain::reference::normalize_reference(reference);
    let kind: Option<String> = sqlx::query_scalar(
        "SELECT kind FROM submissions WHERE reference = $1 AND phone = $2 AND erased_at IS NULL",
    )
    .bind(&reference)
    .bind(phone.as_str())
    .fetch_optional(db.pool())
    .await
    .map_err(StorageError::from)?;
    let kind = kind.map(Kind::try_from).transpose().map_err(|e| {
        tracing::error!(%e, "a submission of an unknown kind");
        AppError::Unavailable
    })?;
    match kind {
        // Staff file activities without a phone, so no pair ever finds one.
        None | Some(Kind::ActivityProposal) => Err(AppError::NotFound),
        // Places on activities move up the waitlist, under the activity's lock.
        Some(Kind::VolunteerApplication) => {
            crate::volunteers::places::erase(db, &reference, phone.as_str()).await
        }
        Some(Kind::ServiceSuggestion | Kind::MerchantRegistration) => {
            let mut tx = db.begin_write().await.map_err(StorageError::from)?;
            // The write comes first, so SQLite takes its write lock at once.
            let id: Option<i64> = sqlx::query_scalar(
                "UPDATE submissions SET erased_at = $1
                 WHERE reference = $2 AND phone = $3 AND erased_at IS NULL RETURNING id",
            )
            .bind(now)
            .bind(&reference)
            .bind(phone.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(StorageError::from)?;
            let id = id.ok_or(AppError::NotFound)?;
            super::personal::withdraw_if_waiting(&mut tx, id, now).await?;
            super::personal::erase_personal_data(&mut tx, id, now).await?;
            db.commit(tx).await.map_err(StorageError::from)?;
            Ok(())
        }
    }
}

/// Erases the personal data of suggestions and shop registrations decided (or withdrawn, or
/// left uncorrected) more than two years ago. Pending ones wait for staff; volunteers' data
/// follows its own rule (`volunteers::records::purge_expired`).
pub async fn purge_expired(db: &Db, now: i64) -> Result<usize, StorageError> {
    let expired: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM submissions
         WHERE kind IN ('service_suggestion', 'merchant_registration') AND erased_at IS NULL
           AND status <> 'pending' AND COALESCE(decided_at, created_at) < $1",
    )
    .bind(now - RETENTION_SECS)
    .fetch_all(db.pool())
    .await?;
    for &id in &expired {
        let mut tx = db.begin_write().await?;
        super::personal::withdraw_if_waiting(&mut tx, id, now).await?;
        super::personal::erase_personal_data(&mut tx, id, now).await?;
        db.commit(tx).await?;
    }
    Ok(expired.len())
}
