use super::{Receipt, SubmissionStatus, format_reference};
use crate::domain::phone::Mobile;
use crate::storage::{Db, StorageError};

/// A new submission, pending.
pub struct NewSubmission<'a> {
    pub kind: &'a str,
    pub community_id: Option<i64>,
    pub phone: Option<&'a str>,
    pub payload: String,
}

/// Files a submission and returns its reference. A clash of random references (about one in
/// a trillion) is retried with a new one.
pub async fn file(db: &Db, submission: NewSubmission<'_>) -> Result<Receipt, StorageError> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let mut attempts = 0;
    loop {
        let reference = format_reference(rand::random());
        let inserted = sqlx::query(
            "INSERT INTO submissions (reference, kind, community_id, phone, payload, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&reference)
        .bind(submission.kind)
        .bind(submission.community_id)
        .bind(submission.phone)
        .bind(&submission.payload)
        .bind(now)
        .execute(db.pool())
        .await;
        match inserted {
            Ok(_) => {
                return Ok(Receipt {
                    reference,
                    status: "pending".into(),
                });
            }
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempts < 3 => {
                attempts += 1
            }
            Err(e) => return Err(e.into()),
        }
    }
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
    let reference = reference.trim().to_ascii_uppercase();
    let row: Option<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT reference, kind, status, decision_note FROM submissions
         WHERE reference = $1 AND phone = $2",
    )
    .bind(&reference)
    .bind(phone.as_str())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(reference, kind, status, note)| SubmissionStatus {
        reference,
        kind,
        status,
        note,
    }))
}
