//! Regular activities (the 15th of every month, say): their occurrences made ahead.

use crate::storage::{Db, StorageError};

/// Makes each regular activity's occurrences in `[from, to)` that are not there yet. Safe to
/// run on every instance at once: an occurrence already made is left as it is.
pub async fn schedule_series(db: &Db, from: i64, to: i64) -> Result<usize, StorageError> {
    use crate::domain::schedule::Repeat;
    #[derive(sqlx::FromRow)]
    struct Series {
        id: i64,
        team_id: i64,
        title: String,
        description: String,
        place: String,
        lat: f64,
        lng: f64,
        repeat_rule: String,
        start_minute: i64,
        minutes: i64,
        capacity: i64,
    }
    let series: Vec<Series> = sqlx::query_as(
        "SELECT id, team_id, title, description, place, lat, lng, repeat_rule, start_minute,
                minutes, capacity FROM activity_series",
    )
    .fetch_all(db.pool())
    .await?;
    let mut made = 0;
    for s in series {
        let Some(rule) = Repeat::parse(&s.repeat_rule) else {
            tracing::warn!(series = s.id, rule = %s.repeat_rule, "unreadable repeat rule");
            continue;
        };
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
            .execute(db.pool())
            .await?
            .rows_affected() as usize;
        }
    }
    Ok(made)
}
