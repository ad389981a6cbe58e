//! Service points in the database. Searches filter in SQL where they can (category, text, a
//! bounding box around home) and let the exact distance and the opening hours decide in Rust.

use crate::{
    domain::{
        circle::walk_minutes,
        geo::LatLng,
        hours::{LocalTime, WeeklyHours},
        open_now::open_at,
        service::{ServicePage, ServiceQuery, ServiceSummary},
    },
    storage::{
        Db, Engine, StorageError,
        sql::{Value, Where, contains_pattern},
    },
};

#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    id: i64,
    name: String,
    category: String,
    address: String,
    lat: f64,
    lng: f64,
    pub(crate) hours: String,
    member: i64,
}

/// A summary with the count of the whole result beside it.
#[derive(sqlx::FromRow)]
struct PagedRow {
    #[sqlx(flatten)]
    row: SummaryRow,
    total: i64,
}

pub(crate) const SUMMARY_COLUMNS: &str = "id, name, category, address, lat, lng, hours,
    CAST(CASE WHEN EXISTS (SELECT 1 FROM member_shops m WHERE m.service_id = services.id)
         THEN 1 ELSE 0 END AS BIGINT) AS member";

impl SummaryRow {
    pub(crate) fn into_summary(self, now: LocalTime, home: Option<LatLng>) -> ServiceSummary {
        let open_now = open_now(&self.hours, now);
        let distance = home.and_then(|h| {
            LatLng::new(self.lat, self.lng)
                .ok()
                .map(|p| h.distance_m(p).round())
        });
        ServiceSummary {
            id: self.id,
            name: self.name,
            category: self.category,
            address: self.address,
            lat: self.lat,
            lng: self.lng,
            open_now,
            // From the metres shown, so the minutes and the ring agree with them.
            distance_m: distance.map(|d| d as u32),
            walk_minutes: distance.map(walk_minutes),
            member: self.member == 1,
        }
    }
}

/// Whether stored hours are open at `now`; hours that cannot be read count as closed, as below.
pub(crate) fn open_now(json: &str, now: LocalTime) -> bool {
    let mut hours = serde_json::Deserializer::from_str(json);
    open_at(&mut hours, now)
        .and_then(|open| hours.end().map(|()| open))
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "unreadable opening hours");
            false
        })
}

/// Hours are written by this program; one that cannot be read counts as closed, not as an error.
pub(crate) fn parse_hours(json: &str) -> WeeklyHours {
    serde_json::from_str(json).unwrap_or_else(|error| {
        tracing::warn!(%error, "unreadable opening hours");
        WeeklyHours::default()
    })
}

fn filters(query: &ServiceQuery) -> Where {
    let mut w = Where::default();
    w.and("listed = 1", []);
    if let Some(category) = &query.category {
        w.and("category = {}", [Value::Text(category.clone())]);
    }
    if let Some(text) = &query.text {
        let pattern = contains_pattern(text);
        let named = &query.named;
        let categories = if named.is_empty() {
            String::new()
        } else {
            format!(" OR category IN ({})", vec!["{}"; named.len()].join(", "))
        };
        w.and(
            &format!(
                "(name LIKE {{}} ESCAPE '\\' OR address LIKE {{}} ESCAPE '\\' OR description LIKE {{}} ESCAPE '\\'{categories})"
            ),
            [Value::Text(pattern.clone()), Value::Text(pattern.clone()), Value::Text(pattern)]
                .into_iter()
                .chain(named.iter().map(|id| Value::Text(id.clone()))),
        );
    }
    if let Some((home, circle)) = query.near {
        let b = home.bounding_box(circle.radius_m());
        if let Some(cells) = b.cells() {
            let placeholders = vec!["{}"; cells.len()].join(", ");
            w.and(
                &format!("cell IN ({placeholders})"),
                cells.into_iter().map(Value::Int),
            );
        }
        w.and(
            "lat BETWEEN {} AND {} AND lng BETWEEN {} AND {}",
            [b.min_lat, b.max_lat, b.min_lng, b.max_lng].map(Value::Real),
        );
    }
    w
}

/// One page of the services a search finds: nearest first around a home, else in a stable order.
pub async fn search(
    db: &Db,
    query: &ServiceQuery,
    now: LocalTime,
) -> Result<ServicePage, StorageError> {
    let w = filters(query);
    if query.near.is_none() && !query.open_now {
        return listed_page(db, &w, query, now).await;
    }
    if let (Some((home, circle)), false) = (query.near, query.open_now) {
        return nearest_page(db, &w, home, circle.radius_m(), query, now).await;
    }
    // Open-now searches need every candidate's hours: full rows, filtered here.
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM services{} ORDER BY id",
        w.clause()
    );
    let rows: Vec<SummaryRow> = sqlx::query_as_with(&sql, w.arguments())
        .fetch_all(db.pool())
        .await?;
    let home = query.near.map(|(home, _)| home);
    let radius = query.near.map(|(_, circle)| circle.radius_m());
    let mut items: Vec<ServiceSummary> = rows
        .into_iter()
        .filter(|row| match (home, radius) {
            (Some(home), Some(radius)) => {
                LatLng::new(row.lat, row.lng).is_ok_and(|p| home.distance_m(p) <= radius)
            }
            _ => true,
        })
        .map(|row| row.into_summary(now, home))
        .filter(|s| !query.open_now || s.open_now)
        .collect();
    if home.is_some() {
        // Stable: equal distances keep id order.
        items.sort_by_key(|s| s.distance_m);
    }
    let total = items.len() as u64;
    let items = items
        .into_iter()
        .skip(query.offset as usize)
        .take(query.limit as usize)
        .collect();
    Ok(ServicePage { items, total })
}

/// A page decided wholly in SQL, with the count of everything the filters find read by the
/// same query: one statement instead of two. The count is the uncorrelated subquery, which
/// both engines run once; its filters reuse the page's placeholders.
async fn listed_page(
    db: &Db,
    w: &Where,
    query: &ServiceQuery,
    now: LocalTime,
) -> Result<ServicePage, StorageError> {
    let clause = w.clause();
    let n = w.next_placeholder();
    let columns = format!("{SUMMARY_COLUMNS}, (SELECT COUNT(*) FROM services{clause}) AS total");
    let mut conn = db.pool().acquire().await?;
    let rows: Vec<PagedRow> = match query.text.as_deref() {
        // Places whose name holds the words come before those found by category or address.
        Some(text) => {
            let sql = format!(
                "SELECT {columns} FROM services{clause}
                 ORDER BY CASE WHEN name LIKE ${n} ESCAPE '\\' THEN 0 ELSE 1 END, id
                 LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2
            );
            sqlx::query_as_with(&sql, w.arguments())
                .bind(contains_pattern(text))
                .bind(i64::from(query.limit))
                .bind(i64::from(query.offset))
                .fetch_all(&mut *conn)
                .await?
        }
        // In id order SQLite reads only the page, not every row to sort them.
        None => {
            let sql = format!(
                "SELECT {columns} FROM services{clause} ORDER BY id LIMIT ${n} OFFSET ${}",
                n + 1
            );
            sqlx::query_as_with(&sql, w.arguments())
                .bind(i64::from(query.limit))
                .bind(i64::from(query.offset))
                .fetch_all(&mut *conn)
                .await?
        }
    };
    let total = match rows.first() {
        Some(row) => row.total,
        // Past the last page no row carries the count.
        None => {
            sqlx::query_scalar_with(
                &format!("SELECT COUNT(*) FROM services{clause}"),
                w.arguments(),
            )
            .fetch_one(&mut *conn)
            .await?
        }
    };
    Ok(ServicePage {
        items: rows
            .into_iter()
            .map(|r| r.row.into_summary(now, None))
            .collect(),
        total: total.max(0) as u64,
    })
}

/// The common nearby search, in two steps: positions only (on SQLite, straight from the
/// location index) to find and order what is inside the circle, then full rows for just the
/// page shown. Hot path: see the `nearby` benchmark.
async fn nearest_page(
    db: &Db,
    w: &Where,
    home: LatLng,
    radius_m: f64,
    query: &ServiceQuery,
    now: LocalTime,
) -> Result<ServicePage, StorageError> {
    // Both steps on one connection: one pool checkout for the whole search.
    let mut conn = db.pool().acquire().await?;
    // The candidates come back as one text row ("id lat lng;id lat lng;…"), not one row each:
    // decoding and passing rows costs far more than the query itself here.
    let packed = match db.engine() {
        Engine::Sqlite => "group_concat(id || ' ' || lat || ' ' || lng, ';')",
        Engine::Postgres => "string_agg(id || ' ' || lat || ' ' || lng, ';')",
    };
    let sql = format!("SELECT {packed} FROM services{}", w.clause());
    let positions: Option<String> = sqlx::query_scalar_with(&sql, w.arguments())
        .fetch_one(&mut *conn)
        .await?;
    let mut inside: Vec<(f64, i64)> = positions
        .as_deref()
        .unwrap_or_default()
        .split(';')
        .filter_map(|candidate| {
            let mut parts = candidate.split(' ');
            let id = parts.next()?.parse().ok()?;
            let place =
                LatLng::new(parts.next()?.parse().ok()?, parts.next()?.parse().ok()?).ok()?;
            let d = home.distance_m(place);
            (d <= radius_m).then_some((d, id))
        })
        .collect();
    inside.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let total = inside.len() as u64;
    let page: Vec<i64> = inside
        .iter()
        .skip(query.offset as usize)
        .take(query.limit as usize)
        .map(|&(_, id)| id)
        .collect();
    if page.is_empty() {
        return Ok(ServicePage {
            items: Vec::new(),
            total,
        });
    }
    let placeholders: Vec<String> = (1..=page.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM services WHERE id IN ({})",
        placeholders.join(", ")
    );
    let mut rows = sqlx::query_as::<_, SummaryRow>(&sql);
    for id in &page {
        rows = rows.bind(*id);
    }
    let mut by_id: std::collections::HashMap<i64, SummaryRow> = rows
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let items = page
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(|row| row.into_summary(now, Some(home)))
        .collect();
    Ok(ServicePage { items, total })
}

mod places;
pub use places::{communities_near, community_of, get, positions};
