//! Demo data: real Zhengzhou districts, streets and communities, so a first start reads as a
//! real neighbourhood portal. Loaded only into an empty database, in one transaction.

mod merchants;
mod services;
mod volunteers;

use super::{Db, StorageError};
use crate::domain::geo::LatLng;
use serde::Deserialize;
use sqlx::{Any, Transaction};

const NEIGHBOURHOODS: &str = include_str!("../../../demo/neighbourhoods.json");
const SERVICES: &str = include_str!("../../../demo/services.json");
const MERCHANTS: &str = include_str!("../../../demo/merchants.json");

#[derive(Debug, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded {
        districts: usize,
        grids: usize,
        services: usize,
        teams: usize,
        shops: usize,
    },
    SkippedNotEmpty,
}

#[derive(Deserialize)]
struct Place<C> {
    code: String,
    name_zh: String,
    name_en: String,
    #[serde(flatten)]
    location: LatLng,
    #[serde(flatten)]
    children: C,
}

#[derive(Deserialize)]
struct Streets {
    streets: Vec<Place<Communities>>,
}

#[derive(Deserialize)]
struct Communities {
    communities: Vec<Place<Grids>>,
}

#[derive(Deserialize)]
struct Grids {
    grids: Vec<GridSeed>,
}

#[derive(Deserialize)]
struct GridSeed {
    leader: String,
    #[serde(flatten)]
    location: LatLng,
}

/// Loads the demo data unless the database already holds places: never over real data.
pub async fn load_if_empty(db: &Db) -> Result<DemoOutcome, StorageError> {
    if has_places(db).await? {
        return Ok(DemoOutcome::SkippedNotEmpty);
    }
    let districts: Vec<Place<Streets>> =
        serde_json::from_str(NEIGHBOURHOODS).map_err(|e| StorageError::DemoData(e.to_string()))?;
    let services = services::parse(SERVICES)?;
    let streets = merchants::parse(MERCHANTS)?;
    let mut tx = db.begin_write().await?;
    let mut places = services::PlaceIds::default();
    for district in &districts {
        let district_id = insert_place(&mut tx, "districts", None, district).await?;
        for street in &district.children.streets {
            let street_id = insert_place(
                &mut tx,
                "streets",
                Some(("district_id", district_id)),
                street,
            )
            .await?;
            for community in &street.children.communities {
                let community_id = insert_place(
                    &mut tx,
                    "communities",
                    Some(("street_id", street_id)),
                    community,
                )
                .await?;
                places
                    .communities
                    .insert(community.code.clone(), community_id);
                for (n, grid) in community.children.grids.iter().enumerate() {
                    let grid_id =
                        insert_grid(&mut tx, community_id, &community.code, n + 1, grid).await?;
                    places
                        .grids
                        .insert((community.code.clone(), n + 1), grid_id);
                }
            }
        }
    }
    for service in &services {
        services::insert(&mut tx, &places, service).await?;
    }
    let teams = volunteers::insert(&mut tx, super::unix_now()).await?;
    let shops = merchants::insert(&mut tx, &places, &streets).await?;
    match tx.commit().await {
        Ok(()) => Ok(DemoOutcome::Loaded {
            districts: districts.len(),
            grids: places.grids.len(),
            services: services.len(),
            teams,
            shops,
        }),
        // Another instance starting at the same moment may have loaded it first.
        Err(_) if has_places(db).await? => Ok(DemoOutcome::SkippedNotEmpty),
        Err(e) => Err(e.into()),
    }
}

async fn has_places(db: &Db) -> Result<bool, StorageError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM districts")
        .fetch_one(db.pool())
        .await?;
    Ok(count > 0)
}

/// Inserts a district, street or community; the table and parent column are fixed names from
/// this file, never user input.
async fn insert_place<C>(
    tx: &mut Transaction<'static, Any>,
    table: &str,
    parent: Option<(&str, i64)>,
    place: &Place<C>,
) -> Result<i64, StorageError> {
    let (parent_column, parent_id) = parent.unzip();
    let columns = parent_column.map_or(String::new(), |c| format!("{c}, "));
    let values = parent_id.map_or("", |_| "$6, ");
    let sql = format!(
        "INSERT INTO {table} ({columns}code, name_zh, name_en, lat, lng) \
         VALUES ({values}$1, $2, $3, $4, $5) RETURNING id"
    );
    let mut query = sqlx::query_as::<_, (i64,)>(&sql)
        .bind(&place.code)
        .bind(&place.name_zh)
        .bind(&place.name_en)
        .bind(place.location.lat())
        .bind(place.location.lng());
    if let Some(id) = parent_id {
        query = query.bind(id);
    }
    Ok(query.fetch_one(&mut **tx).await?.0)
}

async fn insert_grid(
    tx: &mut Transaction<'static, Any>,
    community_id: i64,
    community_code: &str,
    number: usize,
    grid: &GridSeed,
) -> Result<i64, StorageError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO grids (community_id, code, name_zh, name_en, leader_name, lat, lng) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(community_id)
    .bind(format!("{community_code}-g{number}"))
    .bind(format!("第{}网格", chinese_ordinal(number)))
    .bind(format!("Grid {number}"))
    .bind(&grid.leader)
    .bind(grid.location.lat())
    .bind(grid.location.lng())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// 1 → 一, 12 → 十二: grids are numbered the way residents say them.
fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_are_numbered_as_residents_say_them() {
        assert_eq!(chinese_ordinal(1), "一");
        assert_eq!(chinese_ordinal(10), "十");
        assert_eq!(chinese_ordinal(12), "十二");
        assert_eq!(chinese_ordinal(30), "三十");
        assert_eq!(chinese_ordinal(47), "四十七");
    }

    #[test]
    fn the_demo_data_parses_and_every_place_is_in_zhengzhou() {
        let districts: Vec<Place<Streets>> = serde_json::from_str(NEIGHBOURHOODS).unwrap();
        assert!(districts.len() >= 4);
        let communities: Vec<_> = districts
            .iter()
            .flat_map(|d| &d.children.streets)
            .flat_map(|s| &s.children.communities)
            .collect();
        assert!(communities.len() >= 12);
        for c in communities {
            // Zhengzhou's urban districts lie within roughly 34.6–34.9 N, 113.2–113.8 E.
            assert!((34.6..34.9).contains(&c.location.lat()), "{}", c.code);
            assert!((113.2..113.8).contains(&c.location.lng()), "{}", c.code);
            assert!(!c.children.grids.is_empty(), "{} has no grids", c.code);
        }
    }
}
