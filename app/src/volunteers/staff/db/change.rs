//! A change to an activity: to the one, or to a series and its occurrences still to come.
//! Fewer places than are held is refused, naming them; more go to the waitlist at once.

use super::super::Created;
use super::activities::{audited, described, invalid, team_place};
use crate::{
    domain::{
        activity::{ActivityInput, RawActivity},
        geo::LatLng,
        repeat::{at_minute, minute_of_day},
        staff::StaffUser,
        time::beijing_datetime,
    },
    error::AppError,
    storage::Db,
    volunteers::places::{Places, fill_places},
};
use serde_json::json;
use sqlx::AnyConnection;

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
    let current = super::lock_open(&mut tx, by, id).await?;
    if input.team_id != current.team_id {
        return Err(invalid(
            "team_id",
            "活动所属的志愿队不能更改；请在另一队重新发布",
            "An activity stays with its team; publish it again for the other team",
        ));
    }
    let (at, _) = team_place(&mut tx, by, &input).await?;
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
    rewrite(conn, id, input, at, input.starts_at, now).await?;
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
        rewrite(conn, occurrence.id, input, at, starts_at, now).await?;
    }
    Ok(coming.len())
}

/// One occurrence as the change says, starting at `starts_at` and lasting as long as the
/// change's times; a place it frees goes to the waitlist.
async fn rewrite(
    conn: &mut AnyConnection,
    id: i64,
    input: &ActivityInput,
    at: LatLng,
    starts_at: i64,
    now: i64,
) -> Result<(), AppError> {
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
    .bind(starts_at + (input.ends_at - input.starts_at))
    .bind(input.capacity)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    fill_places(conn, id, now).await?;
    Ok(())
}
