//! A resident's suggestion adopted by the change staff make from it: approved in the same
//! transaction as the change, with the version it produced, for the suggester to read.

use crate::{
    domain::{
        form::FieldError,
        staff::{Decision, StaffUser},
        submission::{Kind, Status},
        suggestion::{Suggestion, SuggestionKind},
    },
    error::AppError,
    moderation::db::{Decided, record_decision},
};

/// What the change does, so the suggestion can be checked to be about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new service, from a suggestion of one.
    Create,
    /// A change to this service, from a correction to it.
    Correct(i64),
}

fn not_this(zh: &str, en: &str) -> AppError {
    AppError::Invalid(vec![FieldError::new("suggestion", zh, en)])
}

/// Approves the pending suggestion `reference` as adopted in version `version` of service
/// `service_id`. Call inside the transaction that wrote that version.
pub async fn adopt(
    conn: &mut sqlx::AnyConnection,
    by: &StaffUser,
    reference: &str,
    change: Change,
    (service_id, version): (i64, i64),
    now: i64,
) -> Result<(), AppError> {
    let reference = crate::domain::reference::normalize_reference(reference);
    #[derive(sqlx::FromRow)]
    struct Found {
        id: i64,
        queued_at: i64,
        #[sqlx(try_from = "String")]
        kind: Kind,
        #[sqlx(try_from = "String")]
        status: Status,
        payload: String,
        community_id: Option<i64>,
    }
    let found: Option<Found> = sqlx::query_as(
        "SELECT id, COALESCE(queued_at, created_at) AS queued_at, kind, status, payload,
                community_id
         FROM submissions WHERE reference = $1",
    )
    .bind(&reference)
    .fetch_optional(&mut *conn)
    .await?;
    // One outside the account's area reads as no suggestion at all.
    let in_area = match found.as_ref().map(|f| f.community_id) {
        Some(Some(community)) => {
            crate::staff::scope::holds_community(conn, by.scope, community).await?
        }
        Some(None) => by.scope.is_city(),
        None => false,
    };
    let found = found
        .filter(|f| f.kind == Kind::ServiceSuggestion && in_area)
        .ok_or_else(|| {
            not_this(
                "没有这条居民建议，请核对受理编号",
                "There is no such suggestion; check the reference",
            )
        })?;
    if found.status != Status::Pending {
        return Err(AppError::Conflict);
    }
    let suggestion: Suggestion = serde_json::from_str(&found.payload).map_err(|error| {
        tracing::error!(%error, reference, "unreadable suggestion payload");
        AppError::Unavailable
    })?;
    let fits = match change {
        Change::Create => suggestion.kind == SuggestionKind::NewService,
        Change::Correct(id) => suggestion.service_id == Some(id),
    };
    if !fits {
        return Err(not_this(
            "这条建议不是关于这个服务点的",
            "This suggestion is not about this service",
        ));
    }
    let updated = sqlx::query(
        "UPDATE submissions SET status = $1, decided_at = $2, decided_by = $3,
                adopted_service_id = $4, adopted_version = $5
         WHERE id = $6 AND status = $7",
    )
    .bind(Status::Approved.code())
    .bind(now)
    .bind(by.id)
    .bind(service_id)
    .bind(version)
    .bind(found.id)
    .bind(Status::Pending.code())
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    let target = format!("service:{service_id}");
    let decided = Decided {
        id: found.id,
        reference: &reference,
        queued_at: found.queued_at,
        adopted: Some(&target),
    };
    record_decision(conn, by, &decided, &Decision::Approve, now).await?;
    Ok(())
}
