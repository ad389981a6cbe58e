//! The second factor's rows: the secret, the last step used, the recovery codes' hashes.

use crate::{
    domain::staff::SecondFactorState,
    storage::{Db, StorageError},
};
use sqlx::AnyConnection;

/// Records `step` as used, if it is later than the last one used: false for a replay.
pub async fn use_totp_step(db: &Db, staff_id: i64, step: i64) -> Result<bool, StorageError> {
    let done =
        sqlx::query("UPDATE staff SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1")
            .bind(step)
            .bind(staff_id)
            .execute(db.pool())
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Uses up a recovery code by its hash: false when it is not one of the account's, or used.
pub async fn use_recovery_code(
    db: &Db,
    staff_id: i64,
    code_hash: &str,
    now: i64,
) -> Result<bool, StorageError> {
    let done = sqlx::query(
        "UPDATE staff_recovery_codes SET used_at = $1
         WHERE staff_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(staff_id)
    .bind(code_hash)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps a new secret aside for enrolment: false for an account already enrolled.
pub async fn set_pending_secret(
    db: &Db,
    staff_id: i64,
    secret: &str,
) -> Result<bool, StorageError> {
    let done =
        sqlx::query("UPDATE staff SET totp_pending = $1 WHERE id = $2 AND totp_secret IS NULL")
            .bind(secret)
            .bind(staff_id)
            .execute(db.pool())
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn pending_secret(db: &Db, staff_id: i64) -> Result<Option<String>, StorageError> {
    Ok(
        sqlx::query_scalar("SELECT totp_pending FROM staff WHERE id = $1 AND totp_secret IS NULL")
            .bind(staff_id)
            .fetch_optional(db.pool())
            .await?
            .flatten(),
    )
}

/// Turns the second factor on with `secret`, `step` used, and these recovery codes' hashes.
pub async fn enrol(
    conn: &mut AnyConnection,
    staff_id: i64,
    secret: &str,
    step: i64,
    recovery_hashes: &[String],
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE staff SET totp_secret = $1, totp_pending = NULL, totp_last_step = $2 WHERE id = $3",
    )
    .bind(secret)
    .bind(step)
    .bind(staff_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1")
        .bind(staff_id)
        .execute(&mut *conn)
        .await?;
    for hash in recovery_hashes {
        sqlx::query("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)")
            .bind(staff_id)
            .bind(hash)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn clear_second_factor(
    conn: &mut AnyConnection,
    staff_id: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE staff SET totp_secret = NULL, totp_pending = NULL, totp_last_step = 0 WHERE id = $1",
    )
    .bind(staff_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1")
        .bind(staff_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn second_factor_status(
    db: &Db,
    staff_id: i64,
) -> Result<SecondFactorState, StorageError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        enrolled: i64,
        left: i64,
    }
    let row: Row = sqlx::query_as(
        "SELECT CASE WHEN s.totp_secret IS NULL THEN 0 ELSE 1 END AS enrolled,
                (SELECT COUNT(*) FROM staff_recovery_codes r
                 WHERE r.staff_id = s.id AND r.used_at IS NULL) AS \"left\"
         FROM staff s WHERE s.id = $1",
    )
    .bind(staff_id)
    .fetch_one(db.pool())
    .await?;
    Ok(SecondFactorState {
        enrolled: row.enrolled != 0,
        recovery_codes_left: row.left as u32,
    })
}
