//! Streets, their councils and member shops, as the directory shows them.

use super::{CouncilMember, MemberShop, StreetDetail, StreetSummary};
use crate::{
    domain::{
        hours::{LocalTime, format_day},
        merchant::{PLEDGE_EN, PLEDGE_ZH},
    },
    services::db::{SUMMARY_COLUMNS, SummaryRow, parse_hours},
    storage::{Db, StorageError},
};
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct StreetRow {
    id: i64,
    name_zh: String,
    name_en: String,
    community_zh: String,
    community_en: String,
    road_chief: String,
    lat: f64,
    lng: f64,
    members: i64,
    scheme_zh: String,
    scheme_en: String,
    road_zh: String,
    road_en: String,
    path: String,
    /// None until staff write the street's own: the scheme's standard text.
    pledge_zh: Option<String>,
    pledge_en: Option<String>,
}

const STREET_SELECT: &str = "SELECT g.id, g.name_zh, g.name_en, c.name_zh AS community_zh,
        c.name_en AS community_en, g.road_chief, g.lat, g.lng, g.scheme_zh, g.scheme_en,
        g.road_zh, g.road_en, g.path, g.pledge_zh, g.pledge_en,
        (SELECT COUNT(*) FROM member_shops m JOIN services s ON s.id = m.service_id
           WHERE m.governance_street_id = g.id AND m.active = 1 AND s.listed = 1) AS members
    FROM governance_streets g JOIN communities c ON c.id = g.community_id";

impl StreetRow {
    fn summary(&self) -> StreetSummary {
        StreetSummary {
            id: self.id,
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            community_zh: self.community_zh.clone(),
            community_en: self.community_en.clone(),
            road_chief: self.road_chief.clone(),
            lat: self.lat,
            lng: self.lng,
            members: self.members,
            road_zh: self.road_zh.clone(),
            road_en: self.road_en.clone(),
            // A line that does not read is drawn as no line; the street still shows.
            path: crate::domain::map::parse_path(&self.path).unwrap_or_default(),
        }
    }
}

pub async fn streets(db: &Db) -> Result<Vec<StreetSummary>, StorageError> {
    let rows: Vec<StreetRow> = sqlx::query_as(&format!("{STREET_SELECT} ORDER BY g.id"))
        .fetch_all(db.pool())
        .await?;
    Ok(rows.iter().map(StreetRow::summary).collect())
}

/// One street as the list shows it.
pub async fn street_summary(db: &Db, id: i64) -> Result<Option<StreetSummary>, StorageError> {
    let row: Option<StreetRow> = sqlx::query_as(&format!("{STREET_SELECT} WHERE g.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.as_ref().map(StreetRow::summary))
}

pub async fn street_exists(conn: &mut AnyConnection, id: i64) -> Result<bool, StorageError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM governance_streets WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

#[derive(sqlx::FromRow)]
struct ShopRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    uscc: String,
    food_licence: Option<String>,
}

/// A street with its council and its listed member shops.
pub async fn street(
    db: &Db,
    id: i64,
    now: LocalTime,
) -> Result<Option<StreetDetail>, StorageError> {
    let row: Option<StreetRow> = sqlx::query_as(&format!("{STREET_SELECT} WHERE g.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let Some(row) = row else { return Ok(None) };
    let council: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT name, role_zh, role_en FROM council_members
         WHERE governance_street_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let shops: Vec<ShopRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS}, m.uscc, m.food_licence
         FROM services JOIN member_shops m ON m.service_id = services.id
         WHERE m.governance_street_id = $1 AND m.active = 1 AND services.listed = 1
         ORDER BY services.name"
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(StreetDetail {
        street: row.summary(),
        scheme_zh: row.scheme_zh,
        scheme_en: row.scheme_en,
        council: council
            .into_iter()
            .map(|(name, role_zh, role_en)| CouncilMember {
                name,
                role_zh,
                role_en,
            })
            .collect(),
        pledge_zh: row.pledge_zh.unwrap_or_else(|| PLEDGE_ZH.to_owned()),
        pledge_en: row.pledge_en.unwrap_or_else(|| PLEDGE_EN.to_owned()),
        shops: shops
            .into_iter()
            .map(|shop| MemberShop {
                hours: format_day(&parse_hours(&shop.summary.hours).days[0]),
                service: shop.summary.into_summary(now, None),
                uscc: shop.uscc,
                food_licence: shop.food_licence,
            })
            .collect(),
    }))
}

pub(super) mod members;
pub use members::{NewMember, add_member_shop, after_decision, set_active, staff_shops};
