//! An import: every row checked against the database as well (its place, its id), then all
//! written in one transaction, or nothing at all.

use super::super::{
    db::{Places, ServiceRow, apply, insert, row},
    snapshot::Placed,
};
use crate::{
    domain::{
        sheet::{Column, RowError, SheetRow},
        staff::{Scope, StaffUser},
    },
    error::AppError,
    storage::{Db, unix_now},
};
use std::collections::{HashMap, HashSet};

pub use super::super::ImportCounts as Counts;

#[derive(Debug)]
pub enum ImportError {
    /// Rows to fix; nothing was written.
    Rows(Vec<RowError>),
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(error: AppError) -> Self {
        ImportError::App(error)
    }
}

impl From<crate::storage::StorageError> for ImportError {
    fn from(error: crate::storage::StorageError) -> Self {
        ImportError::App(error.into())
    }
}

impl From<sqlx::Error> for ImportError {
    fn from(error: sqlx::Error) -> Self {
        ImportError::App(error.into())
    }
}

/// Checks the rows against the city's places and the services there are; writes them unless
/// `dry_run`, or anything was `found` wrong in the file. A file is all or nothing.
pub async fn import(
    db: &Db,
    by: &StaffUser,
    rows: &[SheetRow],
    found: Vec<RowError>,
    dry_run: bool,
) -> Result<Counts, ImportError> {
    let now = unix_now();
    if dry_run {
        let mut conn = db.pool().acquire().await?;
        let places = Places::load(&mut conn).await?;
        let known = Known::load(&mut conn, by.scope).await?;
        checked(rows, &places, &known, found)?;
        let created = rows.iter().filter(|r| r.id.is_none()).count();
        return Ok(Counts {
            created,
            updated: rows.len() - created,
            unchanged: 0,
        });
    }
    let mut tx = db.begin_write().await?;
    let places = Places::load(&mut tx).await?;
    let known = Known::load(&mut tx, by.scope).await?;
    let placed = checked(rows, &places, &known, found)?;
    let mut counts = Counts::default();
    for (sheet_row, placed) in rows.iter().zip(placed) {
        match sheet_row.id {
            None => {
                insert(&mut tx, by, &sheet_row.service, placed, now, None).await?;
                counts.created += 1;
            }
            Some(id) => {
                let current: ServiceRow = row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
                // Where it has not moved, it keeps the community and grid staff may have chosen.
                let at = sheet_row.service.place;
                let unmoved = same_place((current.lat, current.lng), (at.lat(), at.lng()));
                let placed = if unmoved { current.placed() } else { placed };
                match apply(&mut tx, by, &current, &sheet_row.service, placed, now, None).await? {
                    Some(_) => counts.updated += 1,
                    None => counts.unchanged += 1,
                }
            }
        }
    }
    db.commit(tx).await?;
    Ok(counts)
}

/// Within a few centimetres: a row that leaves a service where it was has not moved it.
fn same_place(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
}

/// What the importer's area holds: its services and where they are (a row naming another is a
/// row naming no service) and, below the city, its communities (a row that places a service
/// outside, new or moved, is refused by its row).
struct Known {
    services: HashMap<i64, (f64, f64)>,
    communities: Option<HashSet<i64>>,
}

impl Known {
    async fn load(conn: &mut sqlx::AnyConnection, scope: Scope) -> Result<Known, sqlx::Error> {
        let (level, area) = crate::staff::scope::binds(scope);
        #[derive(sqlx::FromRow)]
        struct At {
            id: i64,
            lat: f64,
            lng: f64,
        }
        let services: Vec<At> = sqlx::query_as(&format!(
            "SELECT id, lat, lng FROM services s WHERE {}",
            crate::staff::scope::in_area("s.community_id", 1)
        ))
        .bind(level)
        .bind(area)
        .fetch_all(&mut *conn)
        .await?;
        let communities = match scope {
            Scope::City => None,
            _ => {
                let held: Vec<i64> = sqlx::query_scalar(
                    "SELECT community_id FROM area_communities WHERE level = $1 AND area_id = $2",
                )
                .bind(level)
                .bind(area)
                .fetch_all(&mut *conn)
                .await?;
                Some(held.into_iter().collect())
            }
        };
        Ok(Known {
            services: services
                .into_iter()
                .map(|s| (s.id, (s.lat, s.lng)))
                .collect(),
            communities,
        })
    }
}

/// Each row's community and grid, once every row is known to have a place and a real id.
fn checked(
    rows: &[SheetRow],
    places: &Places,
    known: &Known,
    found: Vec<RowError>,
) -> Result<Vec<Placed>, ImportError> {
    let mut errors = found;
    let mut placed = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(id) = r.id
            && !known.services.contains_key(&id)
        {
            errors.push(RowError::new(
                r.row,
                Column::Id.header().0,
                &format!("没有编号为 {id} 的服务点；新增的服务点请把编号留空"),
                &format!("There is no service {id}; leave the id empty for a new service"),
            ));
        }
        // A service already there keeps the community staff chose unless the row moves it.
        let at = (r.service.place.lat(), r.service.place.lng());
        let moves = match r.id.map(|id| known.services.get(&id)) {
            None => true,
            Some(Some(&was)) => !same_place(was, at),
            // No such service: its row already says so.
            Some(None) => false,
        };
        match places.resolve(r.service.place, None, None) {
            Ok(found)
                if moves
                    && known
                        .communities
                        .as_ref()
                        .is_some_and(|held| !held.contains(&found.community_id)) =>
            {
                let outside = crate::staff::scope::outside("lat");
                errors.push(RowError::new(
                    r.row,
                    Column::Lat.header().0,
                    &outside.zh,
                    &outside.en,
                ));
            }
            Ok(found) => placed.push(found),
            Err(e) => errors.push(RowError::new(r.row, Column::Lat.header().0, &e.zh, &e.en)),
        }
    }
    // In the file's order: the sheet's own problems and the database's, row by row.
    errors.sort_by_key(|e| e.row);
    match errors.is_empty() {
        true => Ok(placed),
        false => Err(ImportError::Rows(errors)),
    }
}
