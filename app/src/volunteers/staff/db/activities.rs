//! Activities published, and read for their form. A one-off is one row; a repeating one is a
//! series whose occurrences are made two months ahead (changes are in `change`).

use super::super::{Cancellation, Created, EditableActivity};
use crate::{
    domain::{
        activity::{ActivityInput, Moment, RawActivity, Whole},
        form::FieldError,
        geo::LatLng,
        repeat::minute_of_day,
        service::edit::Coordinate,
        staff::{Scope, StaffUser},
        submission::Status,
        time::beijing_datetime,
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError},
    volunteers::db::{SERIES_COLUMNS, Series, make_occurrences},
};
use serde_json::json;
use sqlx::AnyConnection;

/// How far ahead a series' occurrences are made (as the housekeeping does).
const AHEAD_SECS: i64 = 62 * 86_400;

pub(super) fn invalid(field: &str, zh: &str, en: &str) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, zh, en)])
}

/// Where the activity is (where its team meets, unless it names its own place), and the team's
/// community. A team outside `by`'s area (for a team leader, any team but theirs) is answered as
/// no team at all.
pub(super) async fn team_place(
    conn: &mut AnyConnection,
    by: &StaffUser,
    input: &ActivityInput,
) -> Result<(LatLng, i64), AppError> {
    #[derive(sqlx::FromRow)]
    struct Place {
        lat: f64,
        lng: f64,
        community_id: i64,
    }
    let place: Option<Place> =
        sqlx::query_as("SELECT lat, lng, community_id FROM teams WHERE id = $1")
            .bind(input.team_id)
            .fetch_optional(&mut *conn)
            .await?;
    let place = match (place, by.scope) {
        (Some(place), Scope::Team(team)) => (team == input.team_id).then_some(place),
        (Some(place), scope) => {
            crate::staff::scope::holds_community(conn, scope, place.community_id)
                .await?
                .then_some(place)
        }
        (None, _) => None,
    };
    let Some(place) = place else {
        return Err(invalid(
            "team_id",
            "没有这个志愿队，请从列表中选择",
            "No such team: choose one from the list",
        ));
    };
    let team = LatLng::new(place.lat, place.lng).map_err(|_| AppError::Unavailable)?;
    Ok((input.at.unwrap_or(team), place.community_id))
}

pub(super) fn described(input: &ActivityInput, at: LatLng) -> serde_json::Value {
    json!({
        "team_id": input.team_id, "title": input.title, "description": input.description,
        "place": input.place, "lat": at.lat(), "lng": at.lng(),
        "starts_at": beijing_datetime(input.starts_at), "ends_at": beijing_datetime(input.ends_at),
        "capacity": input.capacity, "repeat": input.repeat.map(|r| r.code()),
    })
}

pub(super) async fn audited(
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

/// A repeating activity's first occurrence must be ahead: the rule is read from its date, and
/// occurrences already past would be made for nothing.
pub(super) fn repeats_ahead(input: &ActivityInput, now: i64) -> Result<(), AppError> {
    if input.repeat.is_some() && input.starts_at <= now {
        return Err(invalid(
            "starts_at",
            "重复活动的第一场应在今后",
            "A repeating activity's first occurrence must be in the future",
        ));
    }
    Ok(())
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
    repeats_ahead(&input, now)?;
    let mut tx = db.begin_write().await?;
    let (at, _) = team_place(&mut tx, by, &input).await?;
    let id = insert(&mut tx, &input, at, now).await?;
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

/// Writes a checked activity at `at` inside the caller's transaction: one row, or a series
/// and its occurrences for two months from its first. Answers the (first) occurrence's id.
pub(super) async fn insert(
    conn: &mut AnyConnection,
    input: &ActivityInput,
    at: LatLng,
    now: i64,
) -> Result<i64, StorageError> {
    let Some(rule) = input.repeat else {
        return Ok(sqlx::query_scalar(
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
        .fetch_one(&mut *conn)
        .await?);
    };
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
    .fetch_one(&mut *conn)
    .await?;
    let until = (now + AHEAD_SECS).max(input.starts_at + 1);
    make_occurrences(conn, &series, input.starts_at, until).await?;
    Ok(
        sqlx::query_scalar("SELECT id FROM activities WHERE series_id = $1 AND starts_at = $2")
            .bind(series.id)
            .bind(input.starts_at)
            .fetch_one(&mut *conn)
            .await?,
    )
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
    scope: Scope,
    id: i64,
    now: i64,
) -> Result<Option<EditableActivity>, StorageError> {
    if !crate::staff::scope::holds(db, scope, crate::staff::scope::Place::Activity(id)).await? {
        return Ok(None);
    }
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
