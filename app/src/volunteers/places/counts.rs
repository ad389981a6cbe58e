//! Counting places, under the activity's lock: how many are held, the waitlist moved up when
//! one frees, and the counts the lists read kept on the activity's and the team's rows.

use crate::{domain::submission::Status, storage::StorageError};
use sqlx::AnyConnection;

/// Statuses that hold one of an activity's places, as a fixed SQL list: the test below keeps it
/// to `Status::holds_place`.
pub const HOLDING: &str = "('pending', 'approved')";

#[cfg(test)]
#[test]
fn holding_lists_the_statuses_that_hold_a_place() {
    use crate::domain::submission::Status;
    let codes: Vec<String> = Status::ALL
        .into_iter()
        .filter(|s| s.holds_place())
        .map(|s| format!("'{}'", s.code()))
        .collect();
    assert_eq!(HOLDING, format!("({})", codes.join(", ")));
}

/// An activity as its places are counted, under its lock.
#[derive(sqlx::FromRow)]
pub(crate) struct Places {
    pub team_id: i64,
    pub series_id: Option<i64>,
    pub capacity: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub cancelled_at: Option<i64>,
    pub held: i64,
}

/// Writes the activity's row (taking its lock), then reads its team, series, capacity, times,
/// whether it is called off, and the places held as the row keeps them. Every change to the
/// places stores the count before it commits, so under the lock the kept count is the count:
/// reading it costs the same with ten applications or ten thousand on the waitlist.
pub(crate) async fn lock_activity(
    conn: &mut AnyConnection,
    activity_id: i64,
) -> Result<Option<Places>, StorageError> {
    Ok(sqlx::query_as(
        "UPDATE activities SET capacity = capacity WHERE id = $1
         RETURNING team_id, series_id, capacity, starts_at, ends_at, cancelled_at, held",
    )
    .bind(activity_id)
    .fetch_optional(&mut *conn)
    .await?)
}

async fn held(conn: &mut AnyConnection, activity_id: i64) -> Result<i64, StorageError> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM volunteer_applications v JOIN submissions s ON s.id = v.submission_id
         WHERE v.activity_id = $1 AND s.status IN {}",
        HOLDING
    ))
    .bind(activity_id)
    .fetch_one(conn)
    .await?)
}

/// Gives the activity's free places, if any, to the longest-waiting applications, in the order
/// they applied. Call after a place may have been given up, in the same transaction.
pub async fn fill_places(
    conn: &mut AnyConnection,
    activity_id: i64,
    now: i64,
) -> Result<(), StorageError> {
    let Some(Places {
        capacity,
        starts_at,
        cancelled_at,
        ..
    }) = lock_activity(conn, activity_id).await?
    else {
        return Ok(());
    };
    // A status has just changed, and the kept count not yet with it: count afresh.
    let held = held(conn, activity_id).await?;
    if starts_at <= now || held >= capacity || cancelled_at.is_some() {
        return store_held(conn, activity_id, held).await;
    }
    let waiting: Vec<i64> = sqlx::query_scalar(
        "SELECT s.id FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         WHERE v.activity_id = $1 AND s.status = $2
         ORDER BY s.created_at, s.id LIMIT $3",
    )
    .bind(activity_id)
    .bind(Status::Waitlisted.code())
    .bind(capacity - held)
    .fetch_all(&mut *conn)
    .await?;
    let promoted = i64::try_from(waiting.len()).unwrap_or(i64::MAX);
    for id in waiting {
        // Promoted applications join the staff queue now, so their wait counts from here.
        sqlx::query("UPDATE submissions SET status = $1, queued_at = $2 WHERE id = $3")
            .bind(Status::Pending.code())
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    store_held(conn, activity_id, held + promoted).await
}

/// Keeps the count of places held on the activity's row, for the lists to read without
/// counting: the changes to places all pass here, counted under the activity's lock.
pub(crate) async fn store_held(
    conn: &mut AnyConnection,
    activity_id: i64,
    held: i64,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE activities SET held = $1 WHERE id = $2")
        .bind(held)
        .bind(activity_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// After staff decided an application: a rejection frees its place for the waitlist.
pub async fn after_decision(
    conn: &mut AnyConnection,
    submission_id: i64,
    now: i64,
) -> Result<(), StorageError> {
    #[derive(sqlx::FromRow)]
    struct Applied {
        team_id: i64,
        activity_id: Option<i64>,
    }
    let applied: Option<Applied> = sqlx::query_as(
        "SELECT team_id, activity_id FROM volunteer_applications WHERE submission_id = $1",
    )
    .bind(submission_id)
    .fetch_optional(&mut *conn)
    .await?;
    match applied {
        Some(Applied {
            activity_id: Some(activity_id),
            ..
        }) => fill_places(conn, activity_id, now).await,
        Some(Applied { team_id, .. }) => store_members(conn, team_id).await,
        None => Ok(()),
    }
}

/// Keeps the count of a team's approved members on its row, for the lists to read without
/// counting. The row is locked by a first statement, so on PostgreSQL the count, a statement
/// of its own, sees every decision committed before it.
pub async fn store_members(conn: &mut AnyConnection, team_id: i64) -> Result<(), StorageError> {
    sqlx::query("UPDATE teams SET members = members WHERE id = $1")
        .bind(team_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE teams SET members = (
           SELECT COUNT(*) FROM volunteer_applications a JOIN submissions s ON s.id = a.submission_id
           WHERE a.team_id = $1 AND a.activity_id IS NULL AND s.status = $2)
         WHERE id = $1",
    )
    .bind(team_id)
    .bind(Status::Approved.code())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
