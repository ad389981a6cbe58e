//! Demo self-governance streets (棉纺东路 and two more), each with its road chief, council and
//! member shops listed in the directory.

use super::services::PlaceIds;
use crate::{
    domain::{
        hours::parse_day,
        licence::{FoodLicence, Uscc},
    },
    merchants::db::{NewMember, add_member_shop},
    storage::StorageError,
};
use serde::Deserialize;
use sqlx::{Any, Transaction};

#[derive(Deserialize)]
pub struct DemoStreet {
    code: String,
    name_zh: String,
    name_en: String,
    /// The road's own name, written along the street's line on maps.
    road_zh: String,
    road_en: String,
    /// `lat,lng; lat,lng`: the street from one end to the other.
    path: String,
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
    /// The shop's public phone, where the demo knows one.
    #[serde(default)]
    phone: Option<String>,
}

pub fn parse(json: &str) -> Result<Vec<DemoStreet>, StorageError> {
    let streets: Vec<DemoStreet> =
        serde_json::from_str(json).map_err(|e| StorageError::DemoData(e.to_string()))?;
    for street in &streets {
        crate::domain::map::parse_path(&street.path)
            .map_err(|e| StorageError::DemoData(format!("{}: {e}", street.name_zh)))?;
    }
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
) -> Result<usize, StorageError> {
    let mut shops = 0;
    for street in streets {
        let community_id = *places
            .communities
            .get(&street.community)
            .ok_or_else(|| StorageError::DemoData(format!("no community {}", street.community)))?;
        let street_id: i64 = sqlx::query_scalar(
            "INSERT INTO governance_streets (code, community_id, name_zh, name_en, road_chief,
                                             scheme_zh, scheme_en, lat, lng, road_zh, road_en, path)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
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
        .bind(&street.road_zh)
        .bind(&street.road_en)
        .bind(&street.path)
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
            let code = format!("shop-{}-{}", street.code, n + 1);
            let description = format!("{}成员店铺", street.name_zh);
            let member = NewMember {
                code: Some(&code),
                name: &shop.name,
                category: &shop.category,
                address: &shop.address,
                description: &description,
                phone: shop.phone.as_deref(),
                location: (shop.lat, shop.lng),
                community_id,
                daily_hours: &shop.hours,
                street_id,
                uscc: shop.uscc.as_str(),
                food_licence: shop.food_licence.as_ref().map(FoodLicence::as_str),
                prepackaged_only: shop.prepackaged_only,
                health_certificates: shop.health_certificates,
            };
            add_member_shop(tx, &member).await?;
            shops += 1;
        }
    }
    Ok(shops)
}
