//! What approving a registration and suspending a shop change in the directory.

use crate::{
    domain::{
        hours::WeeklyHours,
        merchant::Registration,
        staff::{Decision, Scope, StaffUser},
        week::parse_week,
    },
    error::AppError,
    merchants::StaffShop,
    staff::audit,
    storage::{Db, StorageError, unix_now},
};
use sqlx::AnyConnection;

/// After staff decided a registration: approval makes the shop a member and a service point
/// of its street's community; rejection frees its code for a new registration.
pub async fn after_decision(
    conn: &mut AnyConnection,
    submission_id: i64,
    decision: &Decision,
) -> Result<(), StorageError> {
    match decision {
        Decision::Approve => approve(conn, submission_id).await,
        Decision::Reject(_) => {
            sqlx::query(
                "UPDATE merchant_registrations SET active_uscc = NULL WHERE submission_id = $1",
            )
            .bind(submission_id)
            .execute(conn)
            .await?;
            Ok(())
        }
        Decision::Return(_) => Ok(()),
    }
}

async fn approve(conn: &mut AnyConnection, submission_id: i64) -> Result<(), StorageError> {
    let payload: String = sqlx::query_scalar("SELECT payload FROM submissions WHERE id = $1")
        .bind(submission_id)
        .fetch_one(&mut *conn)
        .await?;
    let shop: Registration =
        serde_json::from_str(&payload).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let community_id: i64 =
        sqlx::query_scalar("SELECT community_id FROM governance_streets WHERE id = $1")
            .bind(shop.street_id)
            .fetch_one(&mut *conn)
            .await?;
    // The contact's mobile stays with the registration: only the shop's own phone is public.
    let service_id = add_member_shop(
        conn,
        &NewMember {
            code: None,
            name: &shop.shop_name,
            category: &shop.category,
            address: &shop.address,
            description: "商户自治成员店铺",
            phone: shop.shop_phone.as_deref(),
            location: (shop.location.lat(), shop.location.lng()),
            community_id,
            daily_hours: &shop.opening_hours,
            street_id: shop.street_id,
            uscc: shop.uscc.as_str(),
            food_licence: shop.food_licence.as_ref().map(|l| l.as_str()),
            prepackaged_only: shop.prepackaged_only,
            health_certificates: shop.health_certificates.map(i64::from),
        },
    )
    .await?;
    sqlx::query("UPDATE merchant_registrations SET service_id = $1 WHERE submission_id = $2")
        .bind(service_id)
        .bind(submission_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A member shop to list: its service point and what it displays.
pub struct NewMember<'a> {
    pub code: Option<&'a str>,
    pub name: &'a str,
    pub category: &'a str,
    pub address: &'a str,
    pub description: &'a str,
    /// The shop's public phone, never the contact's mobile.
    pub phone: Option<&'a str>,
    pub location: (f64, f64),
    pub community_id: i64,
    /// The same openings every day, as the shop typed them.
    pub daily_hours: &'a str,
    pub street_id: i64,
    pub uscc: &'a str,
    pub food_licence: Option<&'a str>,
    pub prepackaged_only: bool,
    pub health_certificates: Option<i64>,
}

/// Lists a member shop: a service point of its street's community and its member facts. Returns the service point's id.
pub async fn add_member_shop(
    conn: &mut AnyConnection,
    shop: &NewMember<'_>,
) -> Result<i64, StorageError> {
    let hours = WeeklyHours {
        days: parse_week(shop.daily_hours).unwrap_or_default(),
        note: None,
    };
    let hours = serde_json::to_string(&hours).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let service_id: i64 = sqlx::query_scalar(
        "INSERT INTO services (code, name, category, address, description, phone, lat, lng,
                               community_id, hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(shop.code)
    .bind(shop.name)
    .bind(shop.category)
    .bind(shop.address)
    .bind(shop.description)
    .bind(shop.phone)
    .bind(shop.location.0)
    .bind(shop.location.1)
    .bind(shop.community_id)
    .bind(&hours)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO member_shops (service_id, governance_street_id, uscc, food_licence,
                                   prepackaged_only, health_certificates, joined_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(service_id)
    .bind(shop.street_id)
    .bind(shop.uscc)
    .bind(shop.food_licence)
    .bind(i64::from(shop.prepackaged_only))
    .bind(shop.health_certificates)
    .bind(unix_now())
    .execute(conn)
    .await?;
    Ok(service_id)
}

/// The member shops of the scheme's streets in `scope`.
pub async fn staff_shops(db: &Db, scope: Scope) -> Result<Vec<StaffShop>, StorageError> {
    let (level, area) = crate::staff::scope::binds(scope);
    #[derive(sqlx::FromRow)]
    struct ShopRow {
        service_id: i64,
        name: String,
        street_zh: String,
        uscc: String,
        active: i64,
        suspended_reason: Option<String>,
    }
    let rows: Vec<ShopRow> = sqlx::query_as(&format!(
        "SELECT s.id AS service_id, s.name, g.name_zh AS street_zh, m.uscc, m.active,
                m.suspended_reason
         FROM member_shops m JOIN services s ON s.id = m.service_id
         JOIN governance_streets g ON g.id = m.governance_street_id
         WHERE {}
         ORDER BY g.id, s.name",
        crate::staff::scope::in_area("g.community_id", 1)
    ))
    .bind(level)
    .bind(area)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| StaffShop {
            active: row.active == 1,
            service_id: row.service_id,
            name: row.name,
            street_zh: row.street_zh,
            uscc: row.uscc,
            suspended_reason: row.suspended_reason,
        })
        .collect())
}

/// Suspends (with a reason) or reinstates a member shop, with its service point, in one step.
pub async fn set_active(
    db: &Db,
    by: &StaffUser,
    service_id: i64,
    active: bool,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if !active && reason.is_none_or(|r| r.chars().count() < 2) {
        return Err(AppError::Invalid(vec![
            crate::domain::form::FieldError::new(
                "reason",
                "请写明暂停的原因，例如门前三包检查未通过",
                "Give the reason for the suspension, e.g. a failed front-of-shop inspection",
            ),
        ]));
    }
    let place = crate::staff::scope::Place::Service(service_id);
    crate::staff::scope::require(db, by, place).await?;
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    let changed = sqlx::query(
        "UPDATE member_shops SET active = $1, suspended_reason = $2 WHERE service_id = $3",
    )
    .bind(i64::from(active))
    .bind(if active { None } else { reason })
    .bind(service_id)
    .execute(&mut *tx)
    .await
    .map_err(StorageError::from)?;
    if changed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    // A service staff closed stays closed, whatever its membership.
    sqlx::query(
        "UPDATE services SET listed = CASE WHEN closed_at IS NULL THEN $1 ELSE 0 END WHERE id = $2",
    )
    .bind(i64::from(active))
    .bind(service_id)
    .execute(&mut *tx)
    .await
    .map_err(StorageError::from)?;
    audit::record(
        &mut tx,
        audit::Record {
            by: Some(by),
            action: if active {
                "member_shop.reinstate"
            } else {
                "member_shop.suspend"
            },
            target: &format!("service:{service_id}"),
            before: None,
            after: Some(serde_json::json!({ "active": active, "reason": reason })),
        },
        unix_now(),
    )
    .await?;
    db.commit(tx).await.map_err(StorageError::from)?;
    Ok(())
}
