//! One service point in full, and where the services and communities are.

use super::parse_hours;
use crate::{
    domain::{
        geo::LatLng,
        hours::LocalTime,
        map::PlaceName,
        neighbourhood::Name,
        service::{ErrandGuide, MemberFacts, ServiceDetail},
    },
    storage::{Db, StorageError},
};

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    name: String,
    category: String,
    address: String,
    description: String,
    phone: Option<String>,
    lat: f64,
    lng: f64,
    community_zh: String,
    community_en: String,
    grid: Option<String>,
    hours: String,
    guide: Option<String>,
    verified_at: Option<i64>,
}

/// One listed service, or `None`.
pub async fn get(db: &Db, id: i64, now: LocalTime) -> Result<Option<ServiceDetail>, StorageError> {
    let row: Option<DetailRow> = sqlx::query_as(
        "SELECT s.id, s.name, s.category, s.address, s.description, s.phone, s.lat, s.lng,
                c.name_zh AS community_zh, c.name_en AS community_en, g.name_zh AS grid,
                s.hours, s.guide, s.verified_at
         FROM services s
         JOIN communities c ON c.id = s.community_id
         LEFT JOIN grids g ON g.id = s.grid_id
         WHERE s.id = $1 AND s.listed = 1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let member_shop = match row {
        Some(_) => member_facts(db, id).await?,
        None => None,
    };
    Ok(row.map(|row| {
        let hours = parse_hours(&row.hours);
        ServiceDetail {
            id: row.id,
            open_now: hours.is_open_at(now),
            today: now.weekday,
            name: row.name,
            category: row.category,
            address: row.address,
            description: row.description,
            phone: row.phone,
            lat: row.lat,
            lng: row.lng,
            community: Name {
                zh: row.community_zh,
                en: row.community_en,
            },
            grid: row.grid,
            hours,
            guide: row
                .guide
                .and_then(|g| serde_json::from_str::<ErrandGuide>(&g).ok()),
            member_shop,
            verified_at: row.verified_at,
        }
    }))
}

async fn member_facts(db: &Db, id: i64) -> Result<Option<MemberFacts>, StorageError> {
    #[derive(sqlx::FromRow)]
    struct MemberRow {
        street_id: i64,
        street_zh: String,
        street_en: String,
        uscc: String,
        food_licence: Option<String>,
        prepackaged_only: i64,
        health_certificates: Option<i64>,
    }
    let row: Option<MemberRow> = sqlx::query_as(
        "SELECT g.id AS street_id, g.name_zh AS street_zh, g.name_en AS street_en, m.uscc,
                m.food_licence, m.prepackaged_only, m.health_certificates
         FROM member_shops m JOIN governance_streets g ON g.id = m.governance_street_id
         WHERE m.service_id = $1 AND m.active = 1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| MemberFacts {
        street_id: r.street_id,
        street_zh: r.street_zh,
        street_en: r.street_en,
        uscc: r.uscc,
        food_licence: r.food_licence,
        prepackaged_only: r.prepackaged_only == 1,
        health_certificates: r.health_certificates,
    }))
}

/// (category, position) of every listed service: for coverage and gap reports.
pub async fn positions(db: &Db) -> Result<Vec<(String, LatLng)>, StorageError> {
    let rows: Vec<(String, f64, f64)> =
        sqlx::query_as("SELECT category, lat, lng FROM services WHERE listed = 1")
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, lat, lng)| LatLng::new(lat, lng).ok().map(|p| (c, p)))
        .collect())
}

/// The community of a listed service, or `None` when there is no such service.
pub async fn community_of(db: &Db, id: i64) -> Result<Option<i64>, StorageError> {
    Ok(
        sqlx::query_scalar("SELECT community_id FROM services WHERE id = $1 AND listed = 1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The communities whose centres lie within `reach` metres of `home`, nearest first.
pub async fn communities_near(
    db: &Db,
    home: LatLng,
    reach: f64,
) -> Result<Vec<PlaceName>, StorageError> {
    #[derive(sqlx::FromRow)]
    struct CommunityRow {
        name_zh: String,
        name_en: String,
        lat: f64,
        lng: f64,
    }
    let rows: Vec<CommunityRow> =
        sqlx::query_as("SELECT name_zh, name_en, lat, lng FROM communities")
            .fetch_all(db.pool())
            .await?;
    let mut near: Vec<(f64, PlaceName)> = rows
        .into_iter()
        .filter_map(|row| {
            let at = LatLng::new(row.lat, row.lng).ok()?;
            let d = home.distance_m(at);
            let name = Name {
                zh: row.name_zh,
                en: row.name_en,
            };
            (d <= reach).then_some((d, PlaceName { name, at }))
        })
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(near.into_iter().map(|(_, place)| place).collect())
}
