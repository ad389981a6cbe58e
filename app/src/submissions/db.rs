use super::{Receipt, format_reference};
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
