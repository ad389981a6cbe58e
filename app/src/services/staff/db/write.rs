//! A service added or changed: written with its version in its history and in the audit log,
//! in one transaction, and counted as a change to what the public pages show.

use super::super::{
    FieldChange, HistoryAction, Saved,
    snapshot::{self, Placed},
};
use super::{
    ServiceRow,
    adopt::{Change, adopt},
    place, row_for,
};
use crate::{
    domain::{
        form::FieldError,
        service::edit::{RawService, ServiceInput},
        staff::StaffUser,
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError, unix_now},
};
use serde_json::json;
use sqlx::AnyConnection;

/// One step of a service's history, with its audit entry.
pub(super) struct Step<'a> {
    pub id: i64,
    pub version: i64,
    pub action: HistoryAction,
    pub changes: &'a [FieldChange],
    pub suggestion: Option<&'a str>,
}

pub(super) async fn record(
    conn: &mut AnyConnection,
    by: &StaffUser,
    step: Step<'_>,
    now: i64,
) -> Result<(), StorageError> {
    let changes = serde_json::to_string(step.changes).map_err(|e| sqlx::Error::Encode(e.into()))?;
    sqlx::query(
        "INSERT INTO service_history
             (service_id, version, at, staff_id, staff_username, action, changes, suggestion)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(step.id)
    .bind(step.version)
    .bind(now)
    .bind(by.id)
    .bind(&by.username)
    .bind(step.action.code())
    .bind(&changes)
    .bind(step.suggestion)
    .execute(&mut *conn)
    .await?;
    let before: serde_json::Map<_, _> = step
        .changes
        .iter()
        .map(|c| (c.field.clone(), json!(c.before)))
        .collect();
    let after: serde_json::Map<_, _> = step
        .changes
        .iter()
        .map(|c| (c.field.clone(), json!(c.after)))
        .collect();
    audit::record(
        conn,
        audit::Record {
            by: Some(by),
            action: &format!("service.{}", step.action.code()),
            target: &format!("service:{}", step.id),
            before: (!before.is_empty()).then_some(before.into()),
            after: Some(json!({ "version": step.version, "fields": after })),
        },
        now,
    )
    .await
}

fn encode(input: &ServiceInput) -> Result<(String, Option<String>), StorageError> {
    let hours = serde_json::to_string(&input.hours).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let guide = input
        .guide
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| sqlx::Error::Encode(e.into()))?;
    Ok((hours, guide))
}

/// Adds a service, listed at once and confirmed today; with `suggestion`, adopts the
/// resident's suggestion of it.
pub async fn create(
    db: &Db,
    by: &StaffUser,
    raw: &RawService,
    suggestion: Option<&str>,
) -> Result<Saved, AppError> {
    let categories = crate::categories::db::all(db).await?;
    let input = raw.parse(&categories).map_err(AppError::Invalid)?;
    let now = unix_now();
    let mut tx = db.begin_write().await?;
    let placed = place::resolve(&mut tx, input.place, input.community_id, input.grid_id).await?;
    let id = insert(&mut tx, by, &input, placed, now, suggestion).await?;
    db.commit(tx).await?;
    Ok(Saved { id, version: 1 })
}

/// Writes a new service as version 1, with its history and audit entry, inside a write.
pub async fn insert(
    conn: &mut AnyConnection,
    by: &StaffUser,
    input: &ServiceInput,
    placed: Placed,
    now: i64,
    suggestion: Option<&str>,
) -> Result<i64, AppError> {
    crate::staff::scope::require_community(conn, by, "community_id", placed.community_id).await?;
    let (hours, guide) = encode(input)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO services (name, category, address, description, phone, lat, lng,
                               community_id, grid_id, hours, guide, verified_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1) RETURNING id",
    )
    .bind(&input.name)
    .bind(&input.category)
    .bind(&input.address)
    .bind(&input.description)
    .bind(&input.phone)
    .bind(input.place.lat())
    .bind(input.place.lng())
    .bind(placed.community_id)
    .bind(placed.grid_id)
    .bind(&hours)
    .bind(&guide)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let changes = snapshot::changes(&[], &snapshot::fields(input, placed));
    if let Some(reference) = suggestion {
        adopt(conn, by, reference, Change::Create, (id, 1), now).await?;
    }
    let step = Step {
        id,
        version: 1,
        action: HistoryAction::Create,
        changes: &changes,
        suggestion,
    };
    record(conn, by, step, now).await?;
    Ok(id)
}

/// Saves a change made from `version`. Refused with `Stale` when someone saved since. With
/// `suggestion`, adopts the resident's correction the change makes.
pub async fn update(
    db: &Db,
    by: &StaffUser,
    id: i64,
    version: Option<i64>,
    raw: &RawService,
    suggestion: Option<&str>,
) -> Result<Saved, AppError> {
    let parsed = raw.parse(&*crate::categories::db::all(db).await?);
    let Some(version) = version else {
        let mut errors = parsed.err().unwrap_or_default();
        errors.push(FieldError::new(
            "version",
            "缺少版本号：请重新打开这条信息后再修改",
            "The version you edited is missing: open the entry again and make the change",
        ));
        return Err(AppError::Invalid(errors));
    };
    let input = parsed.map_err(AppError::Invalid)?;
    let now = unix_now();
    let mut tx = db.begin_write().await?;
    let current = row_for(&mut tx, by, id).await?;
    if current.version != version {
        return Err(AppError::Stale(current.version));
    }
    let placed = place::resolve(&mut tx, input.place, input.community_id, input.grid_id).await?;
    let saved = apply(&mut tx, by, &current, &input, placed, now, suggestion).await?;
    let Some(version) = saved else {
        return match suggestion {
            None => Ok(Saved { id, version }),
            Some(_) => Err(AppError::Invalid(vec![FieldError::new(
                "suggestion",
                "没有修改任何内容。若建议不属实，请在审核队列中作“不通过”处理",
                "Nothing was changed. If the suggestion is wrong, reject it in the queue",
            )])),
        };
    };
    db.commit(tx).await?;
    Ok(Saved { id, version })
}

/// Writes `input` over the stored service `current` as its next version, with its history
/// and audit entry, inside a write; `None` when nothing differs, and nothing is written.
pub async fn apply(
    conn: &mut AnyConnection,
    by: &StaffUser,
    current: &ServiceRow,
    input: &ServiceInput,
    placed: Placed,
    now: i64,
    suggestion: Option<&str>,
) -> Result<Option<i64>, AppError> {
    let (id, version) = (current.id, current.version);
    if !crate::staff::scope::holds_community(conn, by.scope, current.community_id).await? {
        return Err(AppError::NotFound);
    }
    crate::staff::scope::require_community(conn, by, "community_id", placed.community_id).await?;
    let before = current.input().ok_or_else(|| {
        tracing::error!(id, "a stored service has no valid place");
        AppError::Unavailable
    })?;
    let changes = snapshot::changes(
        &snapshot::fields(&before, current.placed()),
        &snapshot::fields(input, placed),
    );
    if changes.is_empty() {
        return Ok(None);
    }
    let (hours, guide) = encode(input)?;
    let updated = sqlx::query(
        "UPDATE services SET name = $1, category = $2, address = $3, description = $4,
                phone = $5, lat = $6, lng = $7, community_id = $8, grid_id = $9, hours = $10,
                guide = $11, verified_at = $12, version = version + 1
         WHERE id = $13 AND version = $14",
    )
    .bind(&input.name)
    .bind(&input.category)
    .bind(&input.address)
    .bind(&input.description)
    .bind(&input.phone)
    .bind(input.place.lat())
    .bind(input.place.lng())
    .bind(placed.community_id)
    .bind(placed.grid_id)
    .bind(&hours)
    .bind(&guide)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() == 0 {
        // Another save took the row between the read and this write (PostgreSQL).
        return Err(AppError::Stale(version + 1));
    }
    if let Some(reference) = suggestion {
        let made = (id, version + 1);
        adopt(conn, by, reference, Change::Correct(id), made, now).await?;
    }
    let step = Step {
        id,
        version: version + 1,
        action: HistoryAction::Edit,
        changes: &changes,
        suggestion,
    };
    record(conn, by, step, now).await?;
    Ok(Some(version + 1))
}
