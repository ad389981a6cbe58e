//! Activities published and changed. A one-off is one row; a repeating one is a series whose
//! occurrences are made two months ahead, and a change to it reaches the series and every
//! occurrence still to come, never one that has begun.

use super::super::{Cancellation, Created, EditableActivity};
use crate::{
    domain::{
        activity::{ActivityInput, Moment, RawActivity, Whole},
        form::FieldError,
        geo::LatLng,
        repeat::{at_minute, minute_of_day},
        service::edit::Coordinate,
        staff::StaffUser,
        submission::Status,
        time::beijing_datetime,
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError},
    volunteers::{
        db::{SERIES_COLUMNS, Series, make_occurrences},
        places::{Places, fill_places, lock_activity},
    },
};
use serde_json::json;
use sqlx::AnyConnection;

/// How far ahead a series' occurrences are made (as the housekeeping does).
const AHEAD_SECS: i64 = 62 * 86_400;

fn invalid(field: &str, zh: &str, en: &str) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, zh, en)])
}

/// The team's meeting place: where an activity is unless it says otherwise.
async fn team_place(conn: &mut AnyConnection, input: &ActivityInput) -> Result<LatLng, AppError> {
    #[derive(sqlx::FromRow)]
    struct Place {
        lat: f64,
        lng: f64,
    }
    let place: Option<Place> = sqlx::query_as("SELECT lat, lng FROM teams WHERE id = $1")
        .bind(input.team_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(place) = place else {
        return Err(invalid(
            "team_id",
            "没有这个志愿队，请从列表中选择",
            "No such team: choose one from the list",
        ));
    };
    let team = LatLng::new(place.lat, place.lng).map_err(|_| AppError::Unavailable)?;
    Ok(input.at.unwrap_or(team))
}

fn described(input: &ActivityInput, at: LatLng) -> serde_json::Value {
    json!({
        "team_id": input.team_id, "title": input.title, "description": input.description,
        "place": input.place, "lat": at.lat(), "lng": at.lng(),
        "starts_at": beijing_datetime(input.starts_at), "ends_at": beijing_datetime(input.ends_at),
        "capacity": input.capacity, "repeat": input.repeat.map(|r| r.code()),
    })
}

async fn audited(
    conn: &mut AnyConnection,
    by: &StaffUser,
    (action, id): (&str, i64),
    after: serde_json::Value,
    now: i64,
) -> Result<(), StorageError> {
    let entry = audit::Record {
        by: Some(by),
        action,
        target: &format!("activity:{id}"),
        before: None,
        after: Some(after),
    };
    audit::record(conn, entry, now).await
}

/// Publishes a one-off activity, or a series and its occurrences for two months from its
/// first; answers the (first) occurrence's id.
pub async fn create_activity(
    db: &Db,
    by: &StaffUser,
    raw: &RawActivity,
    now: i64,
) -> Result<Created, AppError> {
    let input = raw.parse().map_err(AppError::Invalid)?;
    if input.repeat.is_some() && input.starts_at <= now {
        return Err(invalid(
            "starts_at",
            "重复活动的第一场应在今后",
            "A repeating activity's first occurrence must be in the future",
        ));
    }
    let mut tx = db.begin_write().await?;
    let at = team_place(&mut tx, &input).await?;
    let id = match input.repeat {
        None => {
            sqlx::query_scalar(
                "INSERT INTO activities (team_id, title, description, place, lat, lng,
                                         starts_at, ends_at, capacity)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(input.team_id)
            .bind(&input.title)
            .bind(&input.description)
            .bind(&input.place)
            .bind(at.lat())
            .bind(at.lng())
            .bind(input.starts_at)
            .bind(input.ends_at)
            .bind(input.capacity)
            .fetch_one(&mut *tx)
            .await?
        }
        Some(rule) => {
            let series: Series = sqlx::query_as(&format!(
                "INSERT INTO activity_series (team_id, title, description, place, lat, lng,
                                              repeat_rule, start_minute, minutes, capacity)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {SERIES_COLUMNS}"
            ))
            .bind(input.team_id)
            .bind(&input.title)
            .bind(&input.description)
            .bind(&input.place)
            .bind(at.lat())
            .bind(at.lng())
            .bind(rule.code())
            .bind(i64::from(minute_of_day(input.starts_at)))
            .bind((input.ends_at - input.starts_at) / 60)
            .bind(input.capacity)
            .fetch_one(&mut *tx)
            .await?;
            let until = (now + AHEAD_SECS).max(input.starts_at + 1);
            make_occurrences(&mut tx, &series, input.starts_at, until).await?;
            sqlx::query_scalar("SELECT id FROM activities WHERE series_id = $1 AND starts_at = $2")
                .bind(series.id)
                .bind(input.starts_at)
                .fetch_one(&mut *tx)
                .await?
        }
    };
    audited(
        &mut tx,
        by,
        ("activity.create", id),
        described(&input, at),
        now,
    )
    .await?;
    db.commit(tx).await?;
    Ok(Created { id })
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    team_id: i64,
    series_id: Option<i64>,
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
    cancelled_at: Option<i64>,
    cancel_reason: Option<String>,
}

/// An activity as its form shows it, called off or not.
pub async fn editable(
    db: &Db,
    id: i64,
    now: i64,
) -> Result<Option<EditableActivity>, StorageError> {
    let row: Option<ActivityRow> = sqlx::query_as(
        "SELECT a.team_id, a.series_id, t.name_zh AS team_zh, a.title, a.description, a.place,
                a.lat, a.lng, a.starts_at, a.ends_at, a.capacity, a.held, r.repeat_rule,
                a.cancelled_at, a.cancel_reason
         FROM activities a JOIN teams t ON t.id = a.team_id
         LEFT JOIN activity_series r ON r.id = a.series_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let waitlisted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM volunteer_applications v JOIN submissions s ON s.id = v.submission_id
         WHERE v.activity_id = $1 AND s.status = $2",
    )
    .bind(id)
    .bind(Status::Waitlisted.code())
    .fetch_one(db.pool())
    .await?;
    Ok(Some(EditableActivity {
        id,
        series_id: row.series_id,
        team_zh: row.team_zh,
        activity: RawActivity {
            team_id: Some(row.team_id),
            title: row.title,
            description: row.description,
            place: row.place,
            lat: Coordinate::Number(row.lat),
            lng: Coordinate::Number(row.lng),
            starts_at: Moment::Unix(row.starts_at),
            ends_at: Moment::Unix(row.ends_at),
            capacity: Whole::Number(row.capacity),
            repeat: row.repeat_rule.unwrap_or_else(|| "none".into()),
        },
        held: row.held,
        waitlisted,
        started: row.starts_at <= now,
        cancelled: row.cancelled_at.map(|at| Cancellation {
            reason: row.cancel_reason.unwrap_or_default(),
            at,
        }),
    }))
}

/// Saves a change: to this activity, or for a repeating one to its series and every
/// occurrence still to come. A capacity below the places already held is refused, naming
/// them; a higher one gives the new places to the waitlist in the order they applied.
pub async fn update_activity(
    db: &Db,
    by: &StaffUser,
    id: i64,
    raw: &RawActivity,
    now: i64,
) -> Result<Created, AppError> {
    let input = raw.parse().map_err(AppError::Invalid)?;
    let mut tx = db.begin_write().await?;
    let current = lock_activity(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if current.cancelled_at.is_some() {
        return Err(AppError::Conflict);
    }
    if input.team_id != current.team_id {
        return Err(invalid(
            "team_id",
            "活动所属的志愿队不能更改；请在另一队重新发布",
            "An activity stays with its team; publish it again for the other team",
        ));
    }
    let at = team_place(&mut tx, &input).await?;
    let changed = match current.series_id {
        None => update_one(&mut tx, id, &current, &input, at, now).await?,
        Some(series) => update_series(&mut tx, series, &current, &input, at, now).await?,
    };
    let mut after = described(&input, at);
    after["occurrences"] = json!(changed);
    audited(&mut tx, by, ("activity.edit", id), after, now).await?;
    db.commit(tx).await?;
    Ok(Created { id })
}

fn held_too_many(held: i64, when: Option<i64>) -> AppError {
    let (zh, en) = match when {
        None => (
            format!("已有 {held} 人报名占用名额，名额不能少于 {held}"),
            format!("{held} places are already taken; there cannot be fewer than {held}"),
        ),
        Some(at) => {
            let at = beijing_datetime(at);
            (
                format!("{at} 那一场已有 {held} 人报名占用名额，名额不能少于 {held}"),
                format!(
                    "{held} places are already taken on {at}; there cannot be fewer than {held}"
                ),
            )
        }
    };
    invalid("capacity", &zh, &en)
}

async fn update_one(
    conn: &mut AnyConnection,
    id: i64,
    current: &Places,
    input: &ActivityInput,
    at: LatLng,
    now: i64,
) -> Result<usize, AppError> {
    if input.repeat.is_some() {
        return Err(invalid(
            "repeat",
            "单次活动不能改为重复活动；请另行发布一个重复活动",
            "A one-off cannot become a repeating activity; publish a repeating one instead",
        ));
    }
    if input.capacity < current.held {
        return Err(held_too_many(current.held, None));
    }
    sqlx::query(
        "UPDATE activities SET title = $1, description = $2, place = $3, lat = $4, lng = $5,
                starts_at = $6, ends_at = $7, capacity = $8
         WHERE id = $9",
    )
    .bind(&input.title)
    .bind(&input.description)
    .bind(&input.place)
    .bind(at.lat())
    .bind(at.lng())
    .bind(input.starts_at)
    .bind(input.ends_at)
    .bind(input.capacity)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    fill_places(conn, id, now).await?;
    Ok(1)
}

/// The series' template and its occurrences not yet begun take the change; each occurrence
/// keeps its own day, at the new time.
async fn update_series(
    conn: &mut AnyConnection,
    series: i64,
    current: &Places,
    input: &ActivityInput,
    at: LatLng,
    now: i64,
) -> Result<usize, AppError> {
    let rule: String = sqlx::query_scalar("SELECT repeat_rule FROM activity_series WHERE id = $1")
        .bind(series)
        .fetch_one(&mut *conn)
        .await?;
    if input.repeat.map(|r| r.code()) != Some(rule) {
        return Err(invalid(
            "repeat",
            "重复规则不能修改；请取消这个系列后重新发布",
            "The repeat rule cannot change; call off the series and publish it again",
        ));
    }
    if at_minute(input.starts_at, 0) != at_minute(current.starts_at, 0) {
        return Err(invalid(
            "starts_at",
            "重复活动的日期由规则排定，这里只能改时间",
            "A repeating activity's dates follow its rule; only the time can change here",
        ));
    }
    #[derive(sqlx::FromRow)]
    struct Coming {
        id: i64,
        starts_at: i64,
        held: i64,
    }
    // Each is locked by the write that moves it below, inside this transaction.
    let coming: Vec<Coming> = sqlx::query_as(
        "SELECT id, starts_at, held FROM activities
         WHERE series_id = $1 AND starts_at > $2 AND cancelled_at IS NULL ORDER BY starts_at",
    )
    .bind(series)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    if let Some(full) = coming.iter().find(|c| c.held > input.capacity) {
        return Err(held_too_many(full.held, Some(full.starts_at)));
    }
    let minute = minute_of_day(input.starts_at);
    let minutes = (input.ends_at - input.starts_at) / 60;
    sqlx::query(
        "UPDATE activity_series SET title = $1, description = $2, place = $3, lat = $4, lng = $5,
                start_minute = $6, minutes = $7, capacity = $8
         WHERE id = $9",
    )
    .bind(&input.title)
    .bind(&input.description)
    .bind(&input.place)
    .bind(at.lat())
    .bind(at.lng())
    .bind(i64::from(minute))
    .bind(minutes)
    .bind(input.capacity)
    .bind(series)
    .execute(&mut *conn)
    .await?;
    for occurrence in &coming {
        let starts_at = at_minute(occurrence.starts_at, minute);
        sqlx::query(
            "UPDATE activities SET title = $1, description = $2, place = $3, lat = $4, lng = $5,
                    starts_at = $6, ends_at = $7, capacity = $8
             WHERE id = $9",
        )
        .bind(&input.title)
        .bind(&input.description)
        .bind(&input.place)
        .bind(at.lat())
        .bind(at.lng())
        .bind(starts_at)
        .bind(starts_at + minutes * 60)
        .bind(input.capacity)
        .bind(occurrence.id)
        .execute(&mut *conn)
        .await?;
        fill_places(conn, occurrence.id, now).await?;
    }
    Ok(coming.len())
}
