//! Services as staff read and write them, listed or closed, with their history.

mod adopt;
mod export;
mod history;
mod lifecycle;
mod place;
mod write;

pub use export::export_rows;
pub use history::history;
pub use lifecycle::{close, confirm, reopen};
pub use place::Places;
pub use write::{apply, create, insert, update};

use super::snapshot::Placed;
use super::{Closed, PER_PAGE, StaffService, StaffServiceList, StaffServiceRow};
use crate::{
    domain::{
        geo::LatLng,
        neighbourhood::Name,
        service::{
            ErrandGuide,
            edit::{CloseReason, Coordinate, HoursInput, RawService, ServiceInput},
        },
        staff::{Scope, StaffUser},
    },
    error::AppError,
    services::db::parse_hours,
    storage::{Db, StorageError, sql::contains_pattern},
};

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    name: String,
    category: String,
    address: String,
    community_zh: String,
    community_en: String,
    listed: i64,
    closed_at: Option<i64>,
    verified_at: Option<i64>,
}

/// A page of services, newest first, whose name or address holds `text`: those listed, or
/// (with `closed`) those closed.
pub async fn list(
    db: &Db,
    scope: Scope,
    text: &str,
    closed: bool,
    page: u32,
) -> Result<StaffServiceList, StorageError> {
    let filter = format!(
        "($1 = '' OR s.name LIKE $2 ESCAPE '\\' OR s.address LIKE $2 ESCAPE '\\')
         AND ((s.closed_at IS NOT NULL) = ($3 = 1)) AND {}",
        crate::staff::scope::in_area("s.community_id", 4)
    );
    let pattern = contains_pattern(text);
    let (level, area) = crate::staff::scope::binds(scope);
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM services s WHERE {filter}"))
        .bind(text)
        .bind(&pattern)
        .bind(i64::from(closed))
        .bind(level)
        .bind(area)
        .fetch_one(db.pool())
        .await?;
    let rows: Vec<ListRow> = sqlx::query_as(&format!(
        "SELECT s.id, s.name, s.category, s.address, c.name_zh AS community_zh,
                c.name_en AS community_en, s.listed, s.closed_at, s.verified_at
         FROM services s JOIN communities c ON c.id = s.community_id
         WHERE {filter} ORDER BY s.id DESC LIMIT $6 OFFSET $7"
    ))
    .bind(text)
    .bind(&pattern)
    .bind(i64::from(closed))
    .bind(level)
    .bind(area)
    .bind(PER_PAGE)
    .bind(i64::from(page) * PER_PAGE)
    .fetch_all(db.pool())
    .await?;
    Ok(StaffServiceList {
        items: rows
            .into_iter()
            .map(|r| StaffServiceRow {
                id: r.id,
                name: r.name,
                category: r.category,
                address: r.address,
                community: Name {
                    zh: r.community_zh,
                    en: r.community_en,
                },
                closed: r.closed_at.is_some() || r.listed == 0,
                verified_at: r.verified_at,
            })
            .collect(),
        total,
    })
}

#[derive(sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub category: String,
    pub address: String,
    pub description: String,
    pub phone: Option<String>,
    pub lat: f64,
    pub lng: f64,
    pub community_id: i64,
    pub grid_id: Option<i64>,
    pub hours: String,
    pub guide: Option<String>,
    pub verified_at: Option<i64>,
    pub closed_reason: Option<String>,
    pub closed_note: Option<String>,
    pub closed_at: Option<i64>,
    pub listed: i64,
    pub community_zh: String,
    pub community_en: String,
    pub grid: Option<String>,
}

impl ServiceRow {
    pub fn raw(&self) -> RawService {
        RawService {
            name: self.name.clone(),
            category: self.category.clone(),
            address: self.address.clone(),
            description: self.description.clone(),
            phone: self.phone.clone(),
            lat: Coordinate::Number(self.lat),
            lng: Coordinate::Number(self.lng),
            hours: HoursInput::Week(parse_hours(&self.hours)),
            hours_note: None,
            guide: self
                .guide
                .as_deref()
                .and_then(|g| serde_json::from_str::<ErrandGuide>(g).ok()),
            community_id: Some(self.community_id),
            grid_id: self.grid_id,
        }
    }

    /// The service as a checked input would hold it, read as stored and not checked again:
    /// an entry from before a rule was tightened still compares and exports. `None` only for
    /// a place out of range, which the table's checks rule out.
    pub fn input(&self) -> Option<ServiceInput> {
        let raw = self.raw();
        Some(ServiceInput {
            name: raw.name,
            category: raw.category,
            address: raw.address,
            description: raw.description,
            phone: raw.phone,
            place: LatLng::new(self.lat, self.lng).ok()?,
            community_id: Some(self.community_id),
            grid_id: self.grid_id,
            hours: parse_hours(&self.hours),
            guide: raw.guide,
        })
    }

    pub fn placed(&self) -> Placed {
        Placed {
            community_id: self.community_id,
            grid_id: self.grid_id,
        }
    }

    fn closed(&self) -> Option<Closed> {
        let at = self.closed_at?;
        let reason = CloseReason::ALL
            .into_iter()
            .find(|r| Some(r.code()) == self.closed_reason.as_deref())
            .unwrap_or(CloseReason::Other);
        Some(Closed {
            reason,
            note: self.closed_note.clone(),
            at,
        })
    }
}

pub async fn row(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<ServiceRow>, StorageError> {
    Ok(sqlx::query_as(
        "SELECT s.id, s.version, s.name, s.category, s.address, s.description, s.phone, s.lat,
                s.lng, s.community_id, s.grid_id, s.hours, s.guide, s.verified_at,
                s.closed_reason, s.closed_note, s.closed_at, s.listed, c.name_zh AS community_zh,
                c.name_en AS community_en, g.name_zh AS grid
         FROM services s
         JOIN communities c ON c.id = s.community_id
         LEFT JOIN grids g ON g.id = s.grid_id
         WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// The service `by` is about to change: 404 when there is none in their area.
pub async fn row_for(
    conn: &mut sqlx::AnyConnection,
    by: &StaffUser,
    id: i64,
) -> Result<ServiceRow, AppError> {
    let current = row(conn, id).await?.ok_or(AppError::NotFound)?;
    if !crate::staff::scope::holds_community(conn, by.scope, current.community_id).await? {
        return Err(AppError::NotFound);
    }
    Ok(current)
}

/// A service, listed or closed, as staff edit it; `None` outside their area.
pub async fn get(db: &Db, by: &StaffUser, id: i64) -> Result<Option<StaffService>, AppError> {
    let mut conn = db.pool().acquire().await.map_err(StorageError::from)?;
    let r = match row_for(&mut conn, by, id).await {
        Ok(found) => found,
        Err(AppError::NotFound) => return Ok(None),
        Err(other) => return Err(other),
    };
    Ok(Some(StaffService {
        id: r.id,
        version: r.version,
        service: r.raw(),
        community: Name {
            zh: r.community_zh.clone(),
            en: r.community_en.clone(),
        },
        grid: r.grid.clone(),
        verified_at: r.verified_at,
        closed: r.closed(),
    }))
}

/// A resident's suggestion about the directory, to adopt in a change; `None` when there is no
/// such suggestion.
pub async fn suggestion(
    db: &Db,
    reference: &str,
) -> Result<Option<super::SuggestionView>, StorageError> {
    use crate::domain::{
        submission::{Kind, Status},
        suggestion::Suggestion,
    };
    #[derive(sqlx::FromRow)]
    struct Row {
        reference: String,
        #[sqlx(try_from = "String")]
        kind: Kind,
        #[sqlx(try_from = "String")]
        status: Status,
        payload: String,
    }
    let reference = crate::domain::reference::normalize_reference(reference);
    let row: Option<Row> = sqlx::query_as(
        "SELECT reference, kind, status, payload FROM submissions WHERE reference = $1",
    )
    .bind(&reference)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row.filter(|r| r.kind == Kind::ServiceSuggestion) else {
        return Ok(None);
    };
    let Ok(suggestion) = serde_json::from_str::<Suggestion>(&row.payload) else {
        tracing::error!(reference, "unreadable suggestion payload");
        return Ok(None);
    };
    let new = suggestion.new_service.clone();
    Ok(Some(super::SuggestionView {
        reference: row.reference,
        kind: suggestion.kind,
        service_id: suggestion.service_id,
        name: new.as_ref().map(|n| n.name.clone()).unwrap_or_default(),
        category: new.as_ref().map(|n| n.category.clone()).unwrap_or_default(),
        address: new.map(|n| n.address).unwrap_or_default(),
        details: suggestion.details,
        pending: row.status == Status::Pending,
    }))
}

/// Every grid, in order, for the form's grid choice.
pub async fn grids(db: &Db) -> Result<Vec<super::GridChoice>, StorageError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        community_id: i64,
        name_zh: String,
        name_en: String,
    }
    let rows: Vec<Row> =
        sqlx::query_as("SELECT id, community_id, name_zh, name_en FROM grids ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| super::GridChoice {
            id: r.id,
            community_id: r.community_id,
            name: Name {
                zh: r.name_zh,
                en: r.name_en,
            },
        })
        .collect())
}
