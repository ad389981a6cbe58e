//! Reading teams and activities. Members and places held are read from the teams' and the
//! activities' rows, where every change to them stores them under the row's lock
//! (`places::counts`), so a list costs the same however many have applied.

use super::ActivitySummary;
use crate::domain::geo::LatLng;
use crate::storage::{
    Db, StorageError,
    sql::{Value, Where},
};

pub use super::DEFAULT_WINDOW_SECS;

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    team_id: i64,
    team_zh: String,
    title: String,
    description: String,
    place: String,
    lat: f64,
    lng: f64,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    held: i64,
    repeat_rule: Option<String>,
}

impl From<ActivityRow> for ActivitySummary {
    fn from(r: ActivityRow) -> Self {
        ActivitySummary {
            id: r.id,
            team_id: r.team_id,
            team_zh: r.team_zh,
            title: r.title,
            description: r.description,
            place: r.place,
            lat: r.lat,
            lng: r.lng,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            capacity: r.capacity,
            places_left: (r.capacity - r.held).max(0),
            repeat: r.repeat_rule,
            distance_m: None,
        }
    }
}

/// `held` is kept on the row by every change to the places (`places::store_held`).
const ACTIVITY_COLUMNS: &str = "a.id, a.team_id, t.name_zh AS team_zh, a.title,
        a.description, a.place, a.lat, a.lng, a.starts_at, a.ends_at, a.capacity,
        r.repeat_rule, a.held";
const ACTIVITY_FROM: &str = " FROM activities a JOIN teams t ON t.id = a.team_id
    LEFT JOIN activity_series r ON r.id = a.series_id";

/// What a filter asks of the activities table, soonest first.
fn activity_where(filter: &super::ActivityFilter) -> Where {
    let mut w = Where::default();
    w.and("a.cancelled_at IS NULL", []);
    w.and(
        "a.starts_at >= {} AND a.starts_at < {}",
        [Value::Int(filter.from), Value::Int(filter.to)],
    );
    if let Some(team) = filter.team {
        w.and("a.team_id = {}", [Value::Int(team)]);
    }
    if let Some(community) = filter.community {
        w.and("t.community_id = {}", [Value::Int(community)]);
    }
    if let Some(speciality) = filter.speciality {
        w.and(
            "t.speciality = {}",
            [Value::Text(speciality.code().to_owned())],
        );
    }
    w
}

/// Whether `activity_where` has conditions on the team (`t`).
fn filters_on_team(filter: &super::ActivityFilter) -> bool {
    filter.community.is_some() || filter.speciality.is_some()
}

/// Activities starting in `[from, to)`, soonest first, or nearest first from a home; only a
/// team's, a community's or a speciality's when the filter names one.
pub async fn activities(
    db: &Db,
    filter: &super::ActivityFilter,
) -> Result<Vec<ActivitySummary>, StorageError> {
    let w = activity_where(filter);
    let sql = format!(
        "SELECT {ACTIVITY_COLUMNS}{ACTIVITY_FROM}{} ORDER BY a.starts_at, a.id LIMIT 500",
        w.clause()
    );
    let rows: Vec<ActivityRow> = sqlx::query_as_with(&sql, w.arguments())
        .fetch_all(db.pool())
        .await?;
    let mut list: Vec<ActivitySummary> = rows.into_iter().map(Into::into).collect();
    if let Some(home) = filter.home {
        for a in &mut list {
            a.distance_m = LatLng::new(a.lat, a.lng)
                .ok()
                .map(|p| home.distance_m(p).round() as u32);
        }
        // Stable: equally near ones stay soonest first.
        list.sort_by_key(|a| a.distance_m);
    }
    Ok(list)
}

/// One page of what `activities` lists, and how many there are in all. Soonest first, the
/// page is cut in SQL and the count read by the same statement (an uncorrelated subquery,
/// run once); nearest first needs every distance, so the list is read whole and cut here.
pub async fn activity_page(
    db: &Db,
    filter: &super::ActivityFilter,
    skip: u32,
    take: u32,
) -> Result<(Vec<ActivitySummary>, u32), StorageError> {
    if filter.home.is_some() {
        return Ok(page_of(activities(db, filter).await?, skip, take));
    }
    #[derive(sqlx::FromRow)]
    struct PagedRow {
        #[sqlx(flatten)]
        row: ActivityRow,
        total: i64,
    }
    let w = activity_where(filter);
    let clause = w.clause();
    // Every activity has its team: the count joins it only to filter on it, which on
    // PostgreSQL saves planning and running a join on every page.
    let counted = if filters_on_team(filter) {
        "activities a JOIN teams t ON t.id = a.team_id"
    } else {
        "activities a"
    };
    let count = format!("SELECT COUNT(*) FROM {counted}{clause}");
    let n = w.next_placeholder();
    let sql = format!(
        "SELECT {ACTIVITY_COLUMNS}, ({count}) AS total{ACTIVITY_FROM}{clause}
         ORDER BY a.starts_at, a.id LIMIT ${n} OFFSET ${}",
        n + 1
    );
    let mut conn = db.pool().acquire().await?;
    let rows: Vec<PagedRow> = sqlx::query_as_with(&sql, w.arguments())
        .bind(i64::from(take))
        .bind(i64::from(skip))
        .fetch_all(&mut *conn)
        .await?;
    let total = match rows.first() {
        Some(row) => row.total,
        // Past the last page no row carries the count.
        None => {
            sqlx::query_scalar_with(&count, w.arguments())
                .fetch_one(&mut *conn)
                .await?
        }
    };
    // The whole list stops at 500, and so does the count.
    Ok((
        rows.into_iter().map(|r| r.row.into()).collect(),
        total.min(500) as u32,
    ))
}

pub async fn activity(db: &Db, id: i64) -> Result<Option<ActivitySummary>, StorageError> {
    let row: Option<ActivityRow> = sqlx::query_as(&format!(
        "SELECT {ACTIVITY_COLUMNS}{ACTIVITY_FROM} WHERE a.id = $1 AND a.cancelled_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(Into::into))
}

/// One page of a list ordered in Rust (nearest first), and the count of all of it.
fn page_of<T>(all: Vec<T>, skip: u32, take: u32) -> (Vec<T>, u32) {
    let total = u32::try_from(all.len()).unwrap_or(u32::MAX);
    let page = all.into_iter().skip(skip as usize).take(take as usize);
    (page.collect(), total)
}

pub mod exports;
pub mod series;
mod teams;
pub use series::{SERIES_COLUMNS, Series, make_occurrences, schedule_series};
pub use teams::{team, team_exists, team_page, teams};
