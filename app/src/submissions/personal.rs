//! What erasing and withdrawing do to any submission, inside the caller's transaction. The
//! kinds' own erasures (a volunteer's place, say) build on these.

use crate::storage::StorageError;
use sqlx::AnyConnection;

/// A submission still waiting (for staff, a correction or a place) is withdrawn, and a shop
/// registration's code is free to be registered again.
pub async fn withdraw_if_waiting(
    conn: &mut AnyConnection,
    id: i64,
    now: i64,
) -> Result<(), StorageError> {
    let withdrawn = sqlx::query(
        "UPDATE submissions SET status = 'withdrawn', decided_at = $1
         WHERE id = $2 AND status IN ('pending', 'returned', 'waitlisted')",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if withdrawn.rows_affected() > 0 {
        sqlx::query(
            "UPDATE merchant_registrations SET active_uscc = NULL WHERE submission_id = $1",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Deletes a submission's personal data inside the caller's transaction: the phone, every
/// version of what was typed, and staff notes on it, which may quote it. (The audit log keeps
/// decisions without their notes for this reason.)
pub async fn erase_personal_data(
    conn: &mut AnyConnection,
    id: i64,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE submissions SET phone = NULL, payload = '{}', decision_note = NULL,
                idempotency_key = NULL, erased_at = COALESCE(erased_at, $1)
         WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE submission_versions SET payload = '{}' WHERE submission_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE decisions SET note = NULL WHERE submission_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
