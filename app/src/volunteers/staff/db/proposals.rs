//! A team leader's activity: it waits in the moderation queue, and is written to `activities`
//! only when a moderator whose area holds the team approves it.

use super::super::Proposed;
use super::activities::{audited, described, insert, invalid, repeats_ahead, team_place};
use crate::{
    domain::{
        activity::{Proposal, RawActivity},
        staff::StaffUser,
        submission::{Kind, Status},
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError},
    submissions::db::{NewSubmission, retrying_reference_clash},
};
use sqlx::AnyConnection;

/// Files an activity for the queue, in the community of its team; answers its reference.
pub async fn propose(
    db: &Db,
    by: &StaffUser,
    raw: &RawActivity,
    now: i64,
) -> Result<Proposed, AppError> {
    let input = raw.parse().map_err(AppError::Invalid)?;
    repeats_ahead(&input, now)?;
    // A wrong team is the caller's to fix; only a clash of references is tried again.
    retrying_reference_clash(|reference| {
        let input = &input;
        async move {
            let mut tx = db.begin_write().await?;
            let (at, community) = match team_place(&mut tx, by, input).await {
                Ok(found) => found,
                Err(refused) => return Ok::<_, StorageError>(Err(refused)),
            };
            let proposal = Proposal::new(input, at);
            let submission = NewSubmission {
                kind: Kind::ActivityProposal,
                status: Status::Pending,
                community_id: Some(community),
                phone: None,
                payload: serde_json::to_string(&proposal)
                    .map_err(|e| StorageError::Sqlx(sqlx::Error::Encode(Box::new(e))))?,
                idempotency_key: None,
            };
            let id = crate::submissions::db::insert(&mut tx, &submission, &reference, now).await?;
            sqlx::query(
                "INSERT INTO activity_proposals (submission_id, team_id, proposed_by)
                 VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(input.team_id)
            .bind(by.id)
            .execute(&mut *tx)
            .await?;
            let entry = audit::Record {
                by: Some(by),
                action: "activity.propose",
                target: &reference,
                before: None,
                after: Some(described(input, at)),
            };
            audit::record(&mut tx, entry, now).await?;
            db.commit(tx).await?;
            Ok(Ok(Proposed { reference }))
        }
    })
    .await?
}

/// Publishes the approved proposal `submission`, inside the decision's transaction: checked
/// again, whole, and still for a team in the deciding moderator's area. Answers the (first)
/// occurrence's id.
pub async fn publish(
    conn: &mut AnyConnection,
    by: &StaffUser,
    (submission, reference): (i64, &str),
    now: i64,
) -> Result<i64, AppError> {
    let payload: String = sqlx::query_scalar(
        "SELECT payload FROM submission_versions WHERE submission_id = $1
         ORDER BY version DESC LIMIT 1",
    )
    .bind(submission)
    .fetch_one(&mut *conn)
    .await
    .map_err(StorageError::from)?;
    let proposal: Proposal = serde_json::from_str(&payload).map_err(|e| {
        tracing::error!(%e, submission, "an unreadable activity proposal");
        AppError::Unavailable
    })?;
    // The decision form shows only its own fields: a rule the proposal no longer meets is
    // named there.
    let input = proposal.to_raw().parse().map_err(|errors| {
        let (zh, en) = errors
            .first()
            .map_or(("", ""), |e| (e.zh.as_str(), e.en.as_str()));
        invalid(
            "decision",
            &format!("这个活动已不符合发布要求（{zh}）：请选“不通过”并说明"),
            &format!(
                "This activity no longer meets the rules to publish ({en}): reject it with a note"
            ),
        )
    })?;
    if input.starts_at <= now {
        return Err(invalid(
            "decision",
            "这个活动的开始时间已过，不能再发布：请选“不通过”并说明，队长可以改期后重新提交",
            "This activity's start has passed, so it cannot be published: reject it with a note, and the team leader can submit it again with a new date",
        ));
    }
    let (at, _) = match team_place(conn, by, &input).await {
        Err(AppError::Invalid(_)) => Err(invalid(
            "decision",
            "这支志愿队已不在您负责的范围内，不能由您发布",
            "This team is no longer in your area, so you cannot publish for it",
        )),
        found => found,
    }?;
    let id = insert(conn, &input, at, now).await?;
    sqlx::query("UPDATE activity_proposals SET activity_id = $1 WHERE submission_id = $2")
        .bind(id)
        .bind(submission)
        .execute(&mut *conn)
        .await
        .map_err(StorageError::from)?;
    let mut after = described(&input, at);
    after["proposal"] = reference.into();
    audited(conn, by, ("activity.create", id), after, now).await?;
    Ok(id)
}
