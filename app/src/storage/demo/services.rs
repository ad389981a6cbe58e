//! Demo service points: parsed and checked with the same domain types the app uses, so a typo
//! in the data fails the tests rather than showing on a page.

use super::super::StorageError;
use crate::domain::{
    category,
    geo::LatLng,
    hours::{WeeklyHours, parse_day},
    service::ErrandGuide,
};
use serde::Deserialize;
use sqlx::{Any, Transaction};
use std::collections::HashMap;

#[derive(Deserialize)]
struct Seed {
    code: String,
    name: String,
    category: String,
    community: String,
    grid: usize,
    address: String,
    description: String,
    phone: String,
    #[serde(flatten)]
    location: LatLng,
    hours: HoursSeed,
    guide: Option<ErrandGuide>,
}

#[derive(Deserialize)]
struct HoursSeed {
    days: [String; 7],
    note: Option<String>,
}

/// A service ready to insert.
pub struct DemoService {
    seed: Seed,
    hours: WeeklyHours,
}

/// Database ids of the demo places, by their codes.
#[derive(Default)]
pub struct PlaceIds {
    pub communities: HashMap<String, i64>,
    pub grids: HashMap<(String, usize), i64>,
}

pub fn parse(json: &str) -> Result<Vec<DemoService>, StorageError> {
    let bad = |e: String| StorageError::DemoData(e);
    let seeds: Vec<Seed> = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
    // Demo data goes only into a new database, which holds the standard list.
    let categories = category::standard();
    seeds
        .into_iter()
        .map(|seed| {
            if categories.find(&seed.category).is_none() {
                return Err(bad(format!(
                    "{}: unknown category {}",
                    seed.code, seed.category
                )));
            }
            let mut days: [Vec<_>; 7] = Default::default();
            for (day, text) in days.iter_mut().zip(&seed.hours.days) {
                *day = parse_day(text).map_err(|e| bad(format!("{}: {e}", seed.code)))?;
            }
            let hours = WeeklyHours {
                days,
                note: seed.hours.note.clone(),
            };
            Ok(DemoService { seed, hours })
        })
        .collect()
}

pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    places: &PlaceIds,
    service: &DemoService,
) -> Result<(), StorageError> {
    let seed = &service.seed;
    let community_id = *places.communities.get(&seed.community).ok_or_else(|| {
        StorageError::DemoData(format!("{}: no community {}", seed.code, seed.community))
    })?;
    let grid_id = places
        .grids
        .get(&(seed.community.clone(), seed.grid))
        .copied();
    let hours =
        serde_json::to_string(&service.hours).map_err(|e| StorageError::DemoData(e.to_string()))?;
    let guide = seed
        .guide
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StorageError::DemoData(e.to_string()))?;
    sqlx::query(
        "INSERT INTO services (code, name, category, address, description, phone, lat, lng,
                               community_id, grid_id, hours, guide, verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&seed.code)
    .bind(&seed.name)
    .bind(&seed.category)
    .bind(&seed.address)
    .bind(&seed.description)
    .bind(&seed.phone)
    .bind(seed.location.lat())
    .bind(seed.location.lng())
    .bind(community_id)
    .bind(grid_id)
    .bind(hours)
    .bind(guide)
    .bind(verified_at(&seed.code))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// When staff last confirmed a demo entry: some day in the last two months, the same for a
/// service on every start.
fn verified_at(code: &str) -> i64 {
    let days_ago = code.bytes().map(i64::from).sum::<i64>() % 60;
    crate::storage::unix_now() - days_ago * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_services_are_many_varied_and_all_valid() {
        let services = parse(include_str!("../../../demo/services.json")).unwrap();
        assert!(services.len() >= 300, "{}", services.len());
        let communities: std::collections::HashSet<_> =
            services.iter().map(|s| &s.seed.community).collect();
        assert!(communities.len() >= 12);
        assert!(
            services
                .iter()
                .any(|s| s.seed.guide.as_ref().is_some_and(|g| g.proxy))
        );
        assert!(
            services
                .iter()
                .any(|s| s.seed.name.contains("养老服务驿站"))
        );
    }
}
