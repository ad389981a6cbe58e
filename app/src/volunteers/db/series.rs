//! Regular activities (the 15th of every month, say): their occurrences made ahead.

use crate::{
    domain::schedule::Repeat,
    storage::{Db, StorageError},
};
use sqlx::AnyConnection;

/// A series as stored: what each occurrence copies.
#[derive(sqlx::FromRow)]
pub struct Series {
    pub id: i64,
    pub team_id: i64,
    pub title: String,
    pub description: String,
    pub place: String,
    pub lat: f64,
    pub lng: f64,
    pub repeat_rule: String,
    pub start_minute: i64,
    pub minutes: i64,
    pub capacity: i64,
}

pub const SERIES_COLUMNS: &str = "id, team_id, title, description, place, lat, lng, repeat_rule,
    start_minute, minutes, capacity";

/// Makes each running series' occurrences in `[from, to)` that are not there yet. Safe to
/// run on every instance at once: an occurrence already made (or cancelled) is left as it is.
pub async fn schedule_series(db: &Db, from: i64, to: i64) -> Result<usize, StorageError> {
    let series: Vec<Series> = sqlx::query_as(&format!(
        "SELECT {SERIES_COLUMNS} FROM activity_series WHERE ended_at IS NULL"
    ))
    .fetch_all(db.pool())
    .await?;
    let mut made = 0;
    let mut tx = db.begin_write().await?;
    for s in series {
        made += make_occurrences(&mut tx, &s, from, to).await?;
    }
    db.commit(tx).await?;
    Ok(made)
}

/// Makes one series' occurrences in `[from, to)` that are not there yet.
pub async fn make_occurrences(
    conn: &mut AnyConnection,
    s: &Series,
    from: i64,
    to: i64,
) -> Result<usize, StorageError> {
    let Some(rule) = Repeat::parse(&s.repeat_rule) else {
        tracing::warn!(series = s.id, rule = %s.repeat_rule, "unreadable repeat rule");
        return Ok(0);
    };
    let mut made = 0;
    for starts_at in rule.occurrences(s.start_minute as u32, from, to) {
        made += sqlx::query(
            "INSERT INTO activities (team_id, series_id, title, description, place, lat, lng,
                                     starts_at, ends_at, capacity)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (series_id, starts_at) DO NOTHING",
        )
        .bind(s.team_id)
        .bind(s.id)
        .bind(&s.title)
        .bind(&s.description)
        .bind(&s.place)
        .bind(s.lat)
        .bind(s.lng)
        .bind(starts_at)
        .bind(starts_at + s.minutes * 60)
        .bind(s.capacity)
        .execute(&mut *conn)
        .await?
        .rows_affected() as usize;
    }
    Ok(made)
}
