//! A street's words read for the form and written back, the council replaced as a whole, each
//! change in the audit log.

use super::StaffStreet;
use crate::{
    domain::{
        merchant::{PLEDGE_EN, PLEDGE_ZH},
        staff::{Scope, StaffUser},
        street::{RawCouncilMember, RawStreet, StreetText},
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError, unix_now},
    volunteers::staff::Created,
};
use serde_json::json;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct StreetRow {
    name_zh: String,
    name_en: String,
    scheme_zh: String,
    scheme_en: String,
    road_chief: String,
    pledge_zh: Option<String>,
    pledge_en: Option<String>,
}

async fn read(conn: &mut AnyConnection, id: i64) -> Result<Option<StaffStreet>, StorageError> {
    let row: Option<StreetRow> = sqlx::query_as(
        "SELECT name_zh, name_en, scheme_zh, scheme_en, road_chief, pledge_zh, pledge_en
         FROM governance_streets WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let council: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT name, role_zh, role_en FROM council_members
         WHERE governance_street_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(StaffStreet {
        id,
        name_zh: row.name_zh,
        name_en: row.name_en,
        street: RawStreet {
            scheme_zh: row.scheme_zh,
            scheme_en: row.scheme_en,
            road_chief: row.road_chief,
            council: council
                .into_iter()
                .map(|(name, role_zh, role_en)| RawCouncilMember {
                    name,
                    role_zh,
                    role_en,
                })
                .collect(),
            pledge_zh: row.pledge_zh.unwrap_or_else(|| PLEDGE_ZH.to_owned()),
            pledge_en: row.pledge_en.unwrap_or_else(|| PLEDGE_EN.to_owned()),
        },
    }))
}

/// A street of the scheme in `scope`, as its form shows it.
pub async fn street(db: &Db, scope: Scope, id: i64) -> Result<Option<StaffStreet>, StorageError> {
    if !crate::staff::scope::holds(db, scope, crate::staff::scope::Place::ShopStreet(id)).await? {
        return Ok(None);
    }
    let mut conn = db.pool().acquire().await?;
    read(&mut conn, id).await
}

fn described(text: &StreetText) -> serde_json::Value {
    json!({
        "scheme_zh": text.scheme_zh, "scheme_en": text.scheme_en, "road_chief": text.road_chief,
        "council": text.council.iter().map(|m| json!([m.name, m.role_zh, m.role_en])).collect::<Vec<_>>(),
        "pledge_zh": text.pledge_zh, "pledge_en": text.pledge_en,
    })
}

pub async fn update(
    db: &Db,
    by: &StaffUser,
    id: i64,
    raw: &RawStreet,
) -> Result<Created, AppError> {
    let text = raw.parse().map_err(AppError::Invalid)?;
    let place = crate::staff::scope::Place::ShopStreet(id);
    crate::staff::scope::require(db, by, place).await?;
    let mut tx = db.begin_write().await?;
    let before = read(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    sqlx::query(
        "UPDATE governance_streets SET scheme_zh = $1, scheme_en = $2, road_chief = $3,
                pledge_zh = $4, pledge_en = $5
         WHERE id = $6",
    )
    .bind(&text.scheme_zh)
    .bind(&text.scheme_en)
    .bind(&text.road_chief)
    .bind(&text.pledge_zh)
    .bind(&text.pledge_en)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM council_members WHERE governance_street_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, member) in (1_i64..).zip(&text.council) {
        sqlx::query(
            "INSERT INTO council_members (governance_street_id, position, name, role_zh, role_en)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position)
        .bind(&member.name)
        .bind(&member.role_zh)
        .bind(&member.role_en)
        .execute(&mut *tx)
        .await?;
    }
    let before = before.street.parse().ok().map(|b| described(&b));
    let entry = audit::Record {
        by: Some(by),
        action: "street.edit",
        target: &format!("street:{id}"),
        before,
        after: Some(described(&text)),
    };
    audit::record(&mut tx, entry, unix_now()).await?;
    db.commit(tx).await?;
    Ok(Created { id })
}
