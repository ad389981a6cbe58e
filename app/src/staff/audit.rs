//! The audit log: every decision and every staff edit, with who, when, what, before and after.
//! Rows are only ever added; the database refuses changes (see the migration's triggers).

use super::{AuditEntry, AuditFilter};
use crate::{
    domain::staff::StaffUser,
    storage::{Db, StorageError},
};

/// One entry to add; written in the same transaction as the change it records.
pub struct Record<'a> {
    /// `None` for the system itself (the first admin, the command line).
    pub by: Option<&'a StaffUser>,
    pub action: &'a str,
    pub target: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub async fn record(
    conn: &mut sqlx::AnyConnection,
    entry: Record<'_>,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO audit_log (at, staff_id, staff_username, action, target, before_state, after_state)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now)
    .bind(entry.by.map(|u| u.id))
    .bind(entry.by.map_or("system", |u| u.username.as_str()))
    .bind(entry.action)
    .bind(entry.target)
    .bind(entry.before.map(|v| v.to_string()))
    .bind(entry.after.map(|v| v.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Entries on one page of the log as `filter` asks, newest first, 50 to a page.
pub async fn page(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StorageError> {
    const PER_PAGE: i64 = 50;
    sqlx::query_as(
        "SELECT id, at, staff_username, action, target, before_state AS \"before\",
                after_state AS \"after\"
             FROM audit_log
             WHERE ($1 = '' OR target = $1)
               AND ($2 = '' OR staff_username = $2 OR target = $3)
               AND ($4 = '' OR action = $4 OR (substr($4, length($4), 1) = '.'
                                               AND substr(action, 1, length($4)) = $4))
               AND at >= $5 AND at < $6
             ORDER BY id DESC LIMIT $7 OFFSET $8",
    )
    .bind(&filter.target)
    .bind(&filter.account)
    .bind(format!("staff:{}", filter.account))
    .bind(&filter.action)
    .bind(filter.since)
    .bind(filter.until)
    .bind(PER_PAGE)
    .bind(i64::from(filter.page) * PER_PAGE)
    .fetch_all(db.pool())
    .await
    .map_err(Into::into)
}

/// Records that `by` was shown residents' personal data (a full mobile number): what they
/// opened, never the data itself, since nothing in this log can be erased.
pub async fn record_view(
    db: &Db,
    by: &StaffUser,
    action: &str,
    target: &str,
    after: Option<serde_json::Value>,
) -> Result<(), StorageError> {
    let mut tx = db.begin_write().await?;
    let entry = Record {
        by: Some(by),
        action,
        target,
        before: None,
        after,
    };
    record(&mut tx, entry, db.clock().now()).await?;
    tx.commit().await?;
    Ok(())
}
