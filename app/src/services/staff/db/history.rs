//! A service's history, as staff read it beside the form.

use super::super::{FieldChange, HistoryAction, HistoryEntry};
use crate::{
    domain::staff::Scope,
    storage::{Db, StorageError},
};

#[derive(sqlx::FromRow)]
struct HistoryRow {
    version: i64,
    at: i64,
    staff_username: String,
    #[sqlx(try_from = "String")]
    action: HistoryAction,
    changes: String,
    suggestion: Option<String>,
}

/// A service's history, newest first; `None` when there is no such service in `scope`.
pub async fn history(
    db: &Db,
    scope: Scope,
    id: i64,
) -> Result<Option<Vec<HistoryEntry>>, StorageError> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM services WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let place = crate::staff::scope::Place::Service(id);
    if exists.is_none() || !crate::staff::scope::holds(db, scope, place).await? {
        return Ok(None);
    }
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT version, at, staff_username, action, changes, suggestion
         FROM service_history WHERE service_id = $1 ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(
        rows.into_iter()
            .map(|r| HistoryEntry {
                version: r.version,
                at: r.at,
                staff_username: r.staff_username,
                action: r.action,
                changes: serde_json::from_str::<Vec<FieldChange>>(&r.changes).unwrap_or_default(),
                suggestion: r.suggestion,
            })
            .collect(),
    ))
}
