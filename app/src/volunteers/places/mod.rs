//! Places on activities. An application takes a place the moment it is made, or waits on the
//! list once the activity is full; a place given up (rejection, withdrawal, deletion) goes to
//! the longest-waiting application at once.
//!
//! Every change to an activity's places first writes the activity's row, inside the same
//! transaction: PostgreSQL then holds that row's lock until commit and SQLite its write lock,
//! so counting the places held and taking one are a single step however many apply at once.

use crate::{
    domain::{
        idempotency::IdempotencyKey,
        submission::{Kind, Status},
        volunteer::{Application, RawApplication, Target},
    },
    error::AppError,
    staff::auth::token_hash,
    storage::{Db, StorageError, unix_now},
    submissions::{
        Receipt,
        db::{NewSubmission, insert, retrying_reference_clash},
    },
};
use sqlx::AnyConnection;

mod counts;
mod leaving;
pub(crate) use counts::{Places, lock_activity, store_held};
pub use counts::{after_decision, fill_places, store_members};
pub use leaving::{erase, erase_personal_data, withdraw, withdrawable};

/// Files an application: to a team as pending; to an activity as pending while places are
/// left, else waitlisted. `key` is the idempotency key its form made, if it sent one.
pub async fn apply(db: &Db, raw: &RawApplication, key: Option<&str>) -> Result<Receipt, AppError> {
    let key = IdempotencyKey::parse(key.unwrap_or_default());
    let (application, key) = match (raw.parse(), key) {
        // Only a hash of the key is kept: a copy of the table hands out no receipt.
        (Ok(application), Ok(key)) => (application, key.map(|k| token_hash(k.as_str()))),
        (application, key) => {
            let mut errors = application.err().unwrap_or_default();
            errors.extend(key.err());
            return Err(AppError::Invalid(errors));
        }
    };
    let payload = serde_json::to_string(&application).map_err(|error| {
        tracing::error!(%error, "cannot encode an application");
        AppError::Unavailable
    })?;
    let filing = Filing {
        application: &application,
        payload: &payload,
        key: key.as_deref(),
    };
    retrying_reference_clash(|reference| file_once(db, &filing, reference)).await?
}

/// An application parsed and encoded once, filed in one or more attempts.
struct Filing<'a> {
    application: &'a Application,
    payload: &'a str,
    key: Option<&'a str>,
}

/// One attempt with one reference: storage errors outside (a reference clash is retried),
/// the applicant's errors inside.
async fn file_once(
    db: &Db,
    filing: &Filing<'_>,
    reference: String,
) -> Result<Result<Receipt, AppError>, StorageError> {
    let Filing {
        application,
        payload,
        key,
    } = *filing;
    let now = unix_now();
    // The row applied to is written first, taking its lock: SQLite must see a write first in
    // a transaction that writes (a read first may fail to upgrade under concurrent writers),
    // and the same application sent twice at once is then still filed once (below).
    let mut tx = db.begin_write().await?;
    let (team_id, community_id, activity, status) = match application.target {
        Target::Activity(id) => match take_place(&mut tx, id, now).await? {
            Ok((team, status, held)) => {
                let community_id: i64 =
                    sqlx::query_scalar("SELECT community_id FROM teams WHERE id = $1")
                        .bind(team)
                        .fetch_one(&mut *tx)
                        .await?;
                (team, community_id, Some((id, held)), status)
            }
            Err(refused) => return Ok(Err(refused)),
        },
        Target::Team(id) => match lock_team(&mut tx, id).await? {
            Some(community_id) => (id, community_id, None, Status::Pending),
            None => return Ok(Err(AppError::NotFound)),
        },
    };
    let phone = application.phone.as_str();
    // Dropping the transaction undoes the locking write and releases the lock.
    if let Some(first) = already_filed(&mut tx, phone, payload).await? {
        return Ok(match (first.key, key) {
            (Some(first_key), Some(key)) if first_key == key => Ok(Receipt {
                reference: first.reference,
                status: first.status,
            }),
            _ => Err(AppError::AlreadyFiled),
        });
    }
    let submission = NewSubmission {
        kind: Kind::VolunteerApplication,
        status,
        community_id: Some(community_id),
        phone: Some(phone),
        payload: payload.to_owned(),
        idempotency_key: key.map(str::to_owned),
    };
    let id = insert(&mut tx, &submission, &reference, now).await?;
    sqlx::query(
        "INSERT INTO volunteer_applications (submission_id, team_id, activity_id)
         VALUES ($1, $2, $3)",
    )
    .bind(id)
    .bind(team_id)
    .bind(activity.map(|(activity_id, _)| activity_id))
    .execute(&mut *tx)
    .await?;
    if let Some((activity_id, held)) = activity {
        let taken = i64::from(status.holds_place());
        store_held(&mut tx, activity_id, held + taken).await?;
    }
    db.commit(tx).await?;
    Ok(Ok(Receipt { reference, status }))
}

/// Writes the team's row (taking its lock) and reads its community.
async fn lock_team(conn: &mut AnyConnection, team_id: i64) -> Result<Option<i64>, StorageError> {
    Ok(sqlx::query_scalar(
        "UPDATE teams SET community_id = community_id WHERE id = $1 RETURNING community_id",
    )
    .bind(team_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// An earlier filing of an application: its receipt and the hash of its form's key.
#[derive(sqlx::FromRow)]
struct Filed {
    reference: String,
    #[sqlx(try_from = "String")]
    status: Status,
    key: Option<String>,
}

/// The very same application, filed before and still open. Sent twice (a second tap, a retry
/// after an answer lost on a weak signal), it is filed once and takes one place; only the
/// form that filed it (its key) gets the reference back, since a name and a mobile number are
/// no secret. Two people sharing a phone differ in name, so both are filed.
async fn already_filed(
    conn: &mut AnyConnection,
    phone: &str,
    payload: &str,
) -> Result<Option<Filed>, StorageError> {
    Ok(sqlx::query_as(
        "SELECT reference, status, idempotency_key AS key FROM submissions
         WHERE phone = $1 AND kind = 'volunteer_application' AND payload = $2
           AND status IN ('pending', 'returned', 'approved', 'waitlisted')
         ORDER BY id LIMIT 1",
    )
    .bind(phone)
    .bind(payload)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Locks the activity and says whether a place is left: its team, the new status and the
/// places held before it.
async fn take_place(
    conn: &mut AnyConnection,
    activity_id: i64,
    now: i64,
) -> Result<Result<(i64, Status, i64), AppError>, StorageError> {
    let Some(Places {
        team_id,
        capacity,
        starts_at,
        held,
        cancelled_at,
        ..
    }) = lock_activity(conn, activity_id).await?
    else {
        return Ok(Err(AppError::NotFound));
    };
    if cancelled_at.is_some() {
        return Ok(Err(AppError::Invalid(vec![
            crate::domain::form::FieldError::new(
                "activity_id",
                "这项活动已取消，请选择其他活动",
                "This activity has been called off; please choose another",
            ),
        ])));
    }
    if starts_at <= now {
        return Ok(Err(AppError::Invalid(vec![
            crate::domain::form::FieldError::new(
                "activity_id",
                "这项活动已经开始或结束，请选择其他活动",
                "This activity has already started; please choose another",
            ),
        ])));
    }
    let status = if held < capacity {
        Status::Pending
    } else {
        Status::Waitlisted
    };
    Ok(Ok((team_id, status, held)))
}

/// The application as filed, for the record page and the attendance sheet; `None` once its
/// personal data is deleted.
pub fn parse_payload(payload: &str) -> Option<Application> {
    serde_json::from_str(payload).ok()
}
