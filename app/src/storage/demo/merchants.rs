//! Demo self-governance streets (棉纺东路 and two more), each with its road chief, council and
//! member shops listed in the directory.

use super::services::PlaceIds;
use crate::{
    domain::{
        hours::{WeeklyHours, parse_day},
        licence::{FoodLicence, Uscc},
    },
    storage::StorageError,
};
use serde::Deserialize;
use sqlx::{Any, Transaction};

#[derive(Deserialize)]
pub struct DemoStreet {
    code: String,
    name_zh: String,
    name_en: String,
    community: String,
    lat: f64,
    lng: f64,
    road_chief: String,
    scheme_zh: String,
    scheme_en: String,
    council: Vec<DemoCouncillor>,
    shops: Vec<DemoShop>,
}

#[derive(Deserialize)]
struct DemoCouncillor {
    name: String,
    role_zh: String,
    role_en: String,
}

#[derive(Deserialize)]
struct DemoShop {
    name: String,
    category: String,
    address: String,
    lat: f64,
    lng: f64,
    hours: String,
    uscc: Uscc,
    food_licence: Option<FoodLicence>,
    prepackaged_only: bool,
    health_certificates: Option<i64>,
}

pub fn parse(json: &str) -> Result<Vec<DemoStreet>, StorageError> {
    let streets: Vec<DemoStreet> =
        serde_json::from_str(json).map_err(|e| StorageError::DemoData(e.to_string()))?;
    for shop in streets.iter().flat_map(|s| &s.shops) {
        parse_day(&shop.hours)
            .map_err(|e| StorageError::DemoData(format!("{}: {e}", shop.name)))?;
    }
    Ok(streets)
}

/// Inserts the streets, councils and shops; returns how many shops.
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    places: &PlaceIds,
    streets: &[DemoStreet],
    now: i64,
) -> Result<usize, StorageError> {
    let mut shops = 0;
    for street in streets {
        let community_id = *places
            .communities
            .get(&street.community)
            .ok_or_else(|| StorageError::DemoData(format!("no community {}", street.community)))?;
        let street_id: i64 = sqlx::query_scalar(
            "INSERT INTO governance_streets (code, community_id, name_zh, name_en, road_chief,
                                             scheme_zh, scheme_en, lat, lng)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&street.code)
        .bind(community_id)
        .bind(&street.name_zh)
        .bind(&street.name_en)
        .bind(&street.road_chief)
        .bind(&street.scheme_zh)
        .bind(&street.scheme_en)
        .bind(street.lat)
        .bind(street.lng)
        .fetch_one(&mut **tx)
        .await?;
        for (position, member) in street.council.iter().enumerate() {
            sqlx::query(
                "INSERT INTO council_members (governance_street_id, position, name, role_zh, role_en)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(street_id)
            .bind(position as i64)
            .bind(&member.name)
            .bind(&member.role_zh)
            .bind(&member.role_en)
            .execute(&mut **tx)
            .await?;
        }
        for (n, shop) in street.shops.iter().enumerate() {
            let hours = WeeklyHours::every_day(parse_day(&shop.hours).unwrap_or_default());
            let hours =
                serde_json::to_string(&hours).map_err(|e| StorageError::DemoData(e.to_string()))?;
            let service_id: i64 = sqlx::query_scalar(
                "INSERT INTO services (code, name, category, address, description, lat, lng,
                                       community_id, hours)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(format!("shop-{}-{}", street.code, n + 1))
            .bind(&shop.name)
            .bind(&shop.category)
            .bind(&shop.address)
            .bind(format!("{}成员店铺", street.name_zh))
            .bind(shop.lat)
            .bind(shop.lng)
            .bind(community_id)
            .bind(&hours)
            .fetch_one(&mut **tx)
            .await?;
            sqlx::query(
                "INSERT INTO member_shops (service_id, governance_street_id, uscc, food_licence,
                                           prepackaged_only, health_certificates, joined_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(service_id)
            .bind(street_id)
            .bind(shop.uscc.as_str())
            .bind(shop.food_licence.as_ref().map(FoodLicence::as_str))
            .bind(i64::from(shop.prepackaged_only))
            .bind(shop.health_certificates)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            shops += 1;
        }
    }
    Ok(shops)
}
