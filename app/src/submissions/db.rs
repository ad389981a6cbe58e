use super::{Receipt, SubmissionStatus, format_reference};
use crate::domain::phone::Mobile;
use crate::domain::submission::{Kind, Status};
use crate::storage::{Db, StorageError};

/// A new submission: pending, or waitlisted when it waits for a place.
pub struct NewSubmission<'a> {
    pub kind: Kind,
    pub status: Status,
    pub community_id: Option<i64>,
    pub phone: Option<&'a str>,
    pub payload: String,
    /// The SHA-256 of the form's idempotency key, when it sent one.
    pub idempotency_key: Option<String>,
}

pub use crate::storage::unix_now as now;

/// Files a submission, with its first version, and returns its reference.
pub async fn file(db: &Db, submission: NewSubmission<'_>) -> Result<Receipt, StorageError> {
    retrying_reference_clash(|reference| async {
        let mut tx = db.begin_write().await?;
        insert(&mut tx, &submission, &reference, now()).await?;
        db.commit(tx).await?;
        Ok(Receipt {
            reference,
            status: submission.status,
        })
    })
    .await
}

/// Runs `attempt` with a fresh random reference; a clash with an existing one (about one in a
/// trillion) is tried again, whole, with a new reference.
pub async fn retrying_reference_clash<T, E, F, Fut>(attempt: F) -> Result<T, E>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
    E: ReferenceClash,
{
    retrying_clash(format_reference, attempt).await
}

/// Runs `attempt` with a fresh random code made by `make` (a reference, a certificate number);
/// a clash with one already stored is tried again, whole, with a new code.
pub async fn retrying_clash<T, E, F, Fut>(
    make: impl Fn(u64) -> String,
    mut attempt: F,
) -> Result<T, E>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
    E: ReferenceClash,
{
    let mut clashes = 0;
    loop {
        match attempt(make(rand::random())).await {
            Err(e) if e.is_reference_clash() && clashes < 3 => clashes += 1,
            outcome => return outcome,
        }
    }
}

/// Whether an error is the unique violation of a reference that already exists.
pub trait ReferenceClash {
    fn is_reference_clash(&self) -> bool;
}

impl ReferenceClash for StorageError {
    fn is_reference_clash(&self) -> bool {
        matches!(self, StorageError::Sqlx(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

/// Inserts a submission and its first version inside the caller's transaction.
pub async fn insert(
    conn: &mut sqlx::AnyConnection,
    submission: &NewSubmission<'_>,
    reference: &str,
    now: i64,
) -> Result<i64, StorageError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO submissions (reference, kind, status, community_id, phone, payload, created_at,
                                  queued_at, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
    )
    .bind(reference)
    .bind(submission.kind.code())
    .bind(submission.status.code())
    .bind(submission.community_id)
    .bind(submission.phone)
    .bind(&submission.payload)
    .bind(now)
    .bind(submission.idempotency_key.as_deref())
    .fetch_one(&mut *conn)
    .await?;
    add_version(conn, id, 1, &submission.payload, now).await?;
    Ok(id)
}

async fn add_version(
    conn: &mut sqlx::AnyConnection,
    submission_id: i64,
    version: i64,
    payload: &str,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO submission_versions (submission_id, version, payload, created_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(submission_id)
    .bind(version)
    .bind(payload)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The submission with this reference and phone, if both match.
pub async fn lookup(
    db: &Db,
    reference: &str,
    phone: &str,
) -> Result<Option<SubmissionStatus>, StorageError> {
    let Ok(phone) = Mobile::parse(phone) else {
        return Ok(None);
    };
    let reference = crate::domain::reference::normalize_reference(reference);
    #[derive(sqlx::FromRow)]
    struct StatusRow {
        reference: String,
        #[sqlx(try_from = "String")]
        kind: Kind,
        #[sqlx(try_from = "String")]
        status: Status,
        decision_note: Option<String>,
        payload: String,
        adopted_service_id: Option<i64>,
        adopted_version: Option<i64>,
        decided_at: Option<i64>,
    }
    let row: Option<StatusRow> = sqlx::query_as(
        "SELECT reference, kind, status, decision_note, payload, adopted_service_id,
                adopted_version, decided_at FROM submissions
         WHERE reference = $1 AND phone = $2",
    )
    .bind(&reference)
    .bind(phone.as_str())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|row| SubmissionStatus {
        // Only a returned submission comes back to be corrected; otherwise what was sent is
        // not repeated.
        correction: (row.status == Status::Returned)
            .then(|| super::Correction::of(row.kind, &row.payload))
            .flatten(),
        adopted: match (row.adopted_service_id, row.adopted_version, row.decided_at) {
            (Some(service_id), Some(version), Some(at)) => Some(super::Adopted {
                service_id,
                version,
                at,
            }),
            _ => None,
        },
        reference: row.reference,
        kind: row.kind,
        status: row.status,
        note: row.decision_note,
    }))
}

/// Why a resubmission was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ResubmitError {
    #[error("no such submission for this phone")]
    NotFound,
    #[error("the submission is not waiting for a correction")]
    NotReturned,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for ResubmitError {
    fn from(error: sqlx::Error) -> Self {
        ResubmitError::Storage(error.into())
    }
}

/// A corrected submission after a return: a new version, back in the queue as pending.
pub async fn resubmit(
    db: &Db,
    reference: &str,
    phone: &Mobile,
    kind: Kind,
    payload: String,
) -> Result<Receipt, ResubmitError> {
    let mut tx = db.begin_write().await?;
    let (_, receipt) = resubmit_in(&mut tx, reference, phone, kind, payload).await?;
    db.commit(tx).await?;
    Ok(receipt)
}

/// [`resubmit`] inside the caller's transaction, which may change more with it; also returns
/// the submission's id.
pub async fn resubmit_in(
    conn: &mut sqlx::AnyConnection,
    reference: &str,
    phone: &Mobile,
    kind: Kind,
    payload: String,
) -> Result<(i64, Receipt), ResubmitError> {
    let reference = crate::domain::reference::normalize_reference(reference);
    let now = now();
    #[derive(sqlx::FromRow)]
    struct Found {
        id: i64,
        #[sqlx(try_from = "String")]
        status: Status,
    }
    let row: Option<Found> = sqlx::query_as(
        "SELECT id, status FROM submissions WHERE reference = $1 AND phone = $2 AND kind = $3",
    )
    .bind(&reference)
    .bind(phone.as_str())
    .bind(kind.code())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(Found { id, status }) = row else {
        return Err(ResubmitError::NotFound);
    };
    if status != Status::Returned {
        return Err(ResubmitError::NotReturned);
    }
    let updated = sqlx::query(
        "UPDATE submissions SET status = $1, payload = $2, queued_at = $3,
                decision_note = NULL, decided_at = NULL, decided_by = NULL
         WHERE id = $4 AND status = $5",
    )
    .bind(Status::Pending.code())
    .bind(&payload)
    .bind(now)
    .bind(id)
    .bind(Status::Returned.code())
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(ResubmitError::NotReturned);
    }
    let version: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM submission_versions WHERE submission_id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    add_version(conn, id, version, &payload, now).await?;
    Ok((
        id,
        Receipt {
            reference,
            status: Status::Pending,
        },
    ))
}
