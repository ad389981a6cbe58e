//! An activity called off: every application on it is cancelled with the reason, which the
//! applicant reads on their status page; with `series`, every later occurrence goes too and
//! the series makes no more.

use super::super::CancelOutcome;
use crate::{
    domain::{activity::RawCancel, form::FieldError, staff::StaffUser, submission::Status},
    error::AppError,
    staff::audit,
    storage::Db,
    volunteers::places::{lock_activity, store_held},
};
use serde_json::json;
use sqlx::AnyConnection;

/// Statuses an application can still be cancelled from, as a fixed SQL list: the test below
/// keeps it to the statuses that are not yet final.
const OPEN: &str = "('pending', 'returned', 'approved', 'waitlisted')";

pub async fn cancel(
    db: &Db,
    by: &StaffUser,
    id: i64,
    raw: &RawCancel,
    now: i64,
) -> Result<CancelOutcome, AppError> {
    let reason = raw.parse().map_err(AppError::Invalid)?;
    let mut tx = db.begin_write().await?;
    let current = super::lock_open(&mut tx, by, id).await?;
    if current.ends_at <= now {
        return Err(AppError::Invalid(vec![FieldError::new(
            "reason",
            "活动已经结束，不能取消",
            "The activity is over and cannot be called off",
        )]));
    }
    let mut ids = vec![id];
    if let (true, Some(series)) = (raw.series, current.series_id) {
        sqlx::query("UPDATE activity_series SET ended_at = $1 WHERE id = $2")
            .bind(now)
            .bind(series)
            .execute(&mut *tx)
            .await?;
        let later: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM activities
             WHERE series_id = $1 AND starts_at > $2 AND cancelled_at IS NULL AND id <> $3",
        )
        .bind(series)
        .bind(current.starts_at)
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        ids.extend(later);
    }
    let mut applications = 0;
    for &activity in &ids {
        applications += call_off(&mut tx, activity, &reason, now).await?;
    }
    let entry = audit::Record {
        by: Some(by),
        action: "activity.cancel",
        target: &format!("activity:{id}"),
        before: None,
        after: Some(json!({
            "reason": reason, "activities": ids, "applications": applications,
            "series_ended": raw.series && current.series_id.is_some(),
        })),
    };
    audit::record(&mut tx, entry, now).await?;
    db.commit(tx).await?;
    Ok(CancelOutcome {
        activities: ids.len() as i64,
        applications,
    })
}

/// Marks one occurrence called off and cancels its open applications; answers how many.
async fn call_off(
    conn: &mut AnyConnection,
    id: i64,
    reason: &str,
    now: i64,
) -> Result<i64, crate::storage::StorageError> {
    lock_activity(conn, id).await?;
    sqlx::query("UPDATE activities SET cancelled_at = $1, cancel_reason = $2 WHERE id = $3")
        .bind(now)
        .bind(reason)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let cancelled = sqlx::query(&format!(
        "UPDATE submissions SET status = $1, decision_note = $2, decided_at = $3
         WHERE status IN {OPEN} AND id IN
           (SELECT submission_id FROM volunteer_applications WHERE activity_id = $4)"
    ))
    .bind(Status::Cancelled.code())
    .bind(reason)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    store_held(conn, id, 0).await?;
    Ok(cancelled as i64)
}

#[cfg(test)]
#[test]
fn open_lists_the_statuses_an_applicant_can_still_withdraw_from_or_be_decided() {
    let open: Vec<String> = Status::ALL
        .into_iter()
        .filter(|s| s.withdrawable() || *s == Status::Returned)
        .map(|s| format!("'{}'", s.code()))
        .collect();
    let mut listed: Vec<&str> = OPEN.trim_matches(['(', ')']).split(", ").collect();
    listed.sort_unstable();
    let mut open: Vec<&str> = open.iter().map(String::as_str).collect();
    open.sort_unstable();
    assert_eq!(listed, open);
}
