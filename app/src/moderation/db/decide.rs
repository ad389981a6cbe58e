//! A decision on a pending submission, recorded with its history and in the audit log.

use super::{Kind, Status, Verdict, now};
use crate::{
    domain::{form::FieldError, staff::Decision, staff::StaffUser},
    error::AppError,
    staff::audit,
    storage::{Db, StorageError},
};
use serde_json::json;

/// Decides a pending submission. The status changes only from pending, so two members of
/// staff deciding at once cannot both win: the second gets `Conflict`.
pub async fn decide(
    db: &Db,
    by: &StaffUser,
    reference: &str,
    decision: &Decision,
) -> Result<(), AppError> {
    let reference = crate::domain::reference::normalize_reference(reference);
    crate::staff::scope::require(db, by, crate::staff::scope::Place::Submission(&reference))
        .await?;
    let now = now();
    let mut tx = db.begin_write().await?;
    #[derive(sqlx::FromRow)]
    struct Found {
        id: i64,
        queued_at: i64,
        #[sqlx(try_from = "String")]
        kind: Kind,
        #[sqlx(try_from = "String")]
        status: Status,
    }
    // The write lock is already held (the write pool begins IMMEDIATE), so what is read here
    // cannot change before the update below.
    let found: Option<Found> = sqlx::query_as(
        "SELECT id, COALESCE(queued_at, created_at) AS queued_at, kind, status
         FROM submissions WHERE reference = $1",
    )
    .bind(&reference)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(Found {
        id,
        queued_at,
        kind,
        status,
    }) = found
    else {
        return Err(AppError::NotFound);
    };
    if status != Status::Pending {
        return Err(AppError::Conflict);
    }
    if decision.verdict() == Verdict::Return && !kind.can_be_returned() {
        return Err(AppError::Invalid(vec![not_returnable(kind)]));
    }
    let updated = sqlx::query(
        "UPDATE submissions SET status = $1, decision_note = $2, decided_at = $3, decided_by = $4
         WHERE id = $5 AND status = $6",
    )
    .bind(decision.status().code())
    .bind(decision.note())
    .bind(now)
    .bind(by.id)
    .bind(id)
    .bind(Status::Pending.code())
    .execute(&mut *tx)
    .await?;
    // Only on PostgreSQL can another decision have come between the read and the update.
    if updated.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    match kind {
        // A rejection frees a place for the activity's waitlist.
        Kind::VolunteerApplication => {
            crate::volunteers::places::after_decision(&mut tx, id, now).await?
        }
        // Approval lists the shop; rejection frees its code.
        Kind::MerchantRegistration => {
            crate::merchants::db::after_decision(&mut tx, id, decision).await?
        }
        // Approval publishes it; nothing of it was public before.
        Kind::ActivityProposal if decision.verdict() == Verdict::Approve => {
            crate::volunteers::staff::db::publish(&mut tx, by, (id, &reference), now).await?;
        }
        Kind::ActivityProposal | Kind::ServiceSuggestion => {}
    }
    let decided = Decided {
        id,
        reference: &reference,
        queued_at,
        adopted: None,
    };
    record(&mut tx, by, &decided, decision, now).await?;
    db.commit(tx).await.map_err(StorageError::from)?;
    Ok(())
}

/// Why this kind is decided yes or no, on the decision's field.
fn not_returnable(kind: Kind) -> FieldError {
    let (zh, en) = match kind {
        Kind::ActivityProposal => (
            "活动发布不能退回修改：请通过或不通过，并在说明中写明原因（队长可修改后重新提交）",
            "An activity to publish cannot be returned: approve or reject it, with the reason in the note (the team leader can submit it again)",
        ),
        Kind::VolunteerApplication | Kind::ServiceSuggestion | Kind::MerchantRegistration => (
            "志愿者报名不能退回修改：请通过或不通过（报名人可撤回后重新报名）",
            "A volunteer application cannot be returned: approve or reject it (the volunteer can withdraw and apply again)",
        ),
    };
    FieldError::new("decision", zh, en)
}

/// A decision taken, for [`record`]: which submission, and the service a change adopted it in.
pub(crate) struct Decided<'a> {
    pub id: i64,
    pub reference: &'a str,
    pub queued_at: i64,
    /// `service:<id>` when staff adopted the suggestion by changing the directory.
    pub adopted: Option<&'a str>,
}

/// Records a decision already applied to the submission's row: in its history (the
/// dashboard's figures) and in the audit log.
pub(crate) async fn record(
    conn: &mut sqlx::AnyConnection,
    by: &StaffUser,
    decided: &Decided<'_>,
    decision: &Decision,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO decisions (submission_id, staff_id, decision, note, queued_at, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(decided.id)
    .bind(by.id)
    .bind(decision.verdict().code())
    .bind(decision.note())
    .bind(decided.queued_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // The note stays with the decision, which erasure can clear; the audit log cannot be
    // changed, so it never holds what may quote a resident.
    let mut after = json!({ "status": decision.status(), "noted": decision.note().is_some() });
    if let Some(service) = decided.adopted {
        after["adopted_in"] = json!(service);
    }
    audit::record(
        conn,
        audit::Record {
            by: Some(by),
            action: &format!("submission.{}", decision.verdict().code()),
            target: decided.reference,
            before: Some(json!({ "status": "pending" })),
            after: Some(after),
        },
        now,
    )
    .await
}
