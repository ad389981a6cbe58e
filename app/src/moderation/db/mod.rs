//! The queue, a submission's full record, decisions and the dashboard's figures.

use super::{DecisionRecord, Queue, QueueFilter, QueueItem, SubmissionDetail};
use crate::{
    domain::{
        form::FieldError,
        neighbourhood::Name,
        staff::{Scope, StaffUser},
    },
    error::AppError,
    storage::{Db, StorageError},
};

pub use crate::submissions::db::now;

use super::{Kind, Status, Verdict};

/// A queue filter whose values are known: a kind and a status, or any.
pub struct ParsedFilter {
    kind: Option<Kind>,
    community: i64,
    status: Option<Status>,
    page: u32,
}

impl ParsedFilter {
    pub fn parse(filter: &QueueFilter) -> Result<ParsedFilter, AppError> {
        let mut errors = Vec::new();
        let kinds = Kind::ALL.map(Kind::code);
        let kind = match filter.kind.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(given) => known(given, Kind::parse, &mut errors, || {
                FieldError::new(
                    "kind",
                    &format!("类型应为 {} 之一", kinds.join("、")),
                    &format!("kind must be one of {}", kinds.join(", ")),
                )
            }),
        };
        let statuses = Status::ALL.map(Status::code);
        let status = match filter.status.as_deref().map(str::trim) {
            None | Some("") => Some(Status::Pending),
            Some("all") => None,
            Some(given) => known(given, Status::parse, &mut errors, || {
                FieldError::new(
                    "status",
                    &format!("状态应为 all、{} 之一", statuses.join("、")),
                    &format!("status must be all or one of {}", statuses.join(", ")),
                )
            }),
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(ParsedFilter {
            kind,
            community: filter.community.unwrap_or(0),
            status,
            page: filter.page.unwrap_or(0),
        })
    }
}

/// What `parse` finds in a code, or the error `unknown` names.
fn known<T>(
    given: &str,
    parse: impl Fn(&str) -> Option<T>,
    errors: &mut Vec<FieldError>,
    unknown: impl FnOnce() -> FieldError,
) -> Option<T> {
    let found = parse(given);
    if found.is_none() {
        errors.push(unknown());
    }
    found
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    reference: String,
    #[sqlx(try_from = "String")]
    kind: Kind,
    #[sqlx(try_from = "String")]
    status: Status,
    community_zh: Option<String>,
    community_en: Option<String>,
    created_at: i64,
    queued_at: i64,
    /// The latest version's payload, for the name the row shows.
    payload: Option<String>,
}

/// Oldest first: whoever has waited longest is seen first.
/// Only what lies in `scope`.
pub async fn queue(
    db: &Db,
    scope: Scope,
    filter: &ParsedFilter,
    now: i64,
) -> Result<Queue, StorageError> {
    let where_ = format!(
        "WHERE ($1 = '' OR s.kind = $1) AND ($2 = 0 OR s.community_id = $2)
           AND ($3 = '' OR s.status = $3) AND {}",
        crate::staff::scope::submissions_in_area(4)
    );
    let (level, area) = crate::staff::scope::binds(scope);
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM submissions s {where_}"))
        .bind(filter.kind.map_or("", Kind::code))
        .bind(filter.community)
        .bind(filter.status.map_or("", Status::code))
        .bind(level)
        .bind(area)
        .fetch_one(db.pool())
        .await?;
    let rows: Vec<QueueRow> = sqlx::query_as(&format!(
        "SELECT s.reference, s.kind, s.status, c.name_zh AS community_zh,
                c.name_en AS community_en, s.created_at,
                COALESCE(s.queued_at, s.created_at) AS queued_at,
                (SELECT v.payload FROM submission_versions v WHERE v.submission_id = s.id
                 ORDER BY v.version DESC LIMIT 1) AS payload
         FROM submissions s LEFT JOIN communities c ON c.id = s.community_id
         {where_}
         ORDER BY COALESCE(s.queued_at, s.created_at), s.id
         LIMIT $6 OFFSET $7"
    ))
    .bind(filter.kind.map_or("", Kind::code))
    .bind(filter.community)
    .bind(filter.status.map_or("", Status::code))
    .bind(level)
    .bind(area)
    .bind(super::PER_PAGE)
    .bind(i64::from(filter.page) * super::PER_PAGE)
    .fetch_all(db.pool())
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(QueueItem {
            name: super::review_db::queue_name(db, row.payload.as_deref()).await?,
            community: name(row.community_zh, row.community_en),
            waited_secs: now - row.queued_at,
            reference: row.reference,
            kind: row.kind,
            status: row.status,
            created_at: row.created_at,
            queued_at: row.queued_at,
        });
    }
    Ok(Queue {
        items,
        total,
        page: filter.page,
    })
}

fn name(zh: Option<String>, en: Option<String>) -> Option<Name> {
    Some(Name { zh: zh?, en: en? })
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    reference: String,
    #[sqlx(try_from = "String")]
    kind: Kind,
    #[sqlx(try_from = "String")]
    status: Status,
    community_zh: Option<String>,
    community_en: Option<String>,
    phone: Option<String>,
    created_at: i64,
    queued_at: i64,
    decision_note: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    #[sqlx(try_from = "String")]
    decision: Verdict,
    note: Option<String>,
    staff_username: String,
    decided_at: i64,
}

/// A submission as `by` opens it, `None` outside their area: its page shows the mobile number
/// in full, so the opening is in the audit log.
pub async fn open(
    db: &Db,
    by: &StaffUser,
    reference: &str,
) -> Result<Option<SubmissionDetail>, StorageError> {
    let place = crate::staff::scope::Place::Submission(reference);
    if !crate::staff::scope::holds(db, by.scope, place).await? {
        return Ok(None);
    }
    let detail = detail(db, reference).await?;
    if let Some(detail) = detail.as_ref().filter(|d| d.phone.is_some()) {
        let target = detail.reference.as_str();
        crate::staff::audit::record_view(db, by, "submission.view", target, None).await?;
    }
    Ok(detail)
}

pub async fn detail(db: &Db, reference: &str) -> Result<Option<SubmissionDetail>, StorageError> {
    let row: Option<DetailRow> = sqlx::query_as(
        "SELECT s.id, s.reference, s.kind, s.status, c.name_zh AS community_zh,
                c.name_en AS community_en, s.phone, s.created_at,
                COALESCE(s.queued_at, s.created_at) AS queued_at, s.decision_note
         FROM submissions s LEFT JOIN communities c ON c.id = s.community_id
         WHERE s.reference = $1",
    )
    .bind(crate::domain::reference::normalize_reference(reference))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let versions: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT version, created_at, payload FROM submission_versions
         WHERE submission_id = $1 ORDER BY version DESC",
    )
    .bind(row.id)
    .fetch_all(db.pool())
    .await?;
    let decisions: Vec<DecisionRow> = sqlx::query_as(
        "SELECT d.decision, d.note, s.username AS staff_username, d.decided_at
         FROM decisions d JOIN staff s ON s.id = d.staff_id
         WHERE d.submission_id = $1 ORDER BY d.id",
    )
    .bind(row.id)
    .fetch_all(db.pool())
    .await?;
    let proposal: Option<super::ProposalFacts> = sqlx::query_as(
        "SELECT s.username AS proposed_by, p.activity_id
         FROM activity_proposals p JOIN staff s ON s.id = p.proposed_by WHERE p.submission_id = $1",
    )
    .bind(row.id)
    .fetch_optional(db.pool())
    .await?;
    Ok(Some(SubmissionDetail {
        proposal,
        community: name(row.community_zh, row.community_en),
        reference: row.reference,
        kind: row.kind,
        status: row.status,
        phone: row.phone,
        created_at: row.created_at,
        queued_at: row.queued_at,
        note: row.decision_note,
        versions: super::review_db::review_versions(db, row.kind, versions).await?,
        decisions: decisions
            .into_iter()
            .map(|d| DecisionRecord {
                decision: d.decision,
                note: d.note,
                staff_username: d.staff_username,
                decided_at: d.decided_at,
            })
            .collect(),
    }))
}

mod dashboard;
mod decide;
pub use dashboard::dashboard;
pub use decide::decide;
pub(crate) use decide::{Decided, record as record_decision};
