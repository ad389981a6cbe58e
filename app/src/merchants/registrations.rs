//! Filing a registration and resubmitting a returned one. A code may stand in one registration
//! at a time (the unique `active_uscc`), and never beside a member shop's.

use crate::{
    domain::{
        merchant::{RawRegistration, Registration},
        phone::Mobile,
    },
    error::AppError,
    storage::{Db, StorageError, unix_now},
    submissions::{
        Kind, Receipt, Status,
        db::{NewSubmission, ResubmitError, insert, resubmit_in, retrying_reference_clash},
    },
};
use sqlx::AnyConnection;

const KIND: Kind = Kind::MerchantRegistration;

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Checks, then files for moderation: 409 for a code already registered and not rejected.
pub async fn register(db: &Db, raw: &RawRegistration) -> Result<Receipt, AppError> {
    let categories = crate::categories::db::all(db).await?;
    let registration = raw.parse(&categories).map_err(AppError::Invalid)?;
    let payload = encode(&registration)?;
    retrying_reference_clash(|reference| file_once(db, &registration, payload.clone(), reference))
        .await?
}

fn encode(registration: &Registration) -> Result<String, AppError> {
    serde_json::to_string(registration).map_err(|error| {
        tracing::error!(%error, "cannot encode a registration");
        AppError::Unavailable
    })
}

/// The street must exist and the code must be free: the applicant's errors, not storage's.
async fn check(
    conn: &mut AnyConnection,
    registration: &Registration,
    except: Option<i64>,
) -> Result<Option<AppError>, StorageError> {
    if !super::db::street_exists(&mut *conn, registration.street_id).await? {
        return Ok(Some(AppError::Invalid(vec![
            crate::domain::form::FieldError::new(
                "street_id",
                "没有这个自治街区，请从列表中选择",
                "There is no such self-governance street; choose one from the list",
            ),
        ])));
    }
    // COUNT is a 64-bit integer on both engines, as the Any driver wants.
    let taken: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM member_shops WHERE uscc = $1)
              + (SELECT COUNT(*) FROM merchant_registrations
                 WHERE active_uscc = $1 AND submission_id <> $2)",
    )
    .bind(registration.uscc.as_str())
    .bind(except.unwrap_or(0))
    .fetch_one(conn)
    .await?;
    Ok((taken > 0).then_some(AppError::AlreadyRegistered))
}

async fn file_once(
    db: &Db,
    registration: &Registration,
    payload: String,
    reference: String,
) -> Result<Result<Receipt, AppError>, StorageError> {
    let mut tx = db.begin_write().await?;
    let submission = NewSubmission {
        kind: KIND,
        status: Status::Pending,
        community_id: None,
        phone: Some(registration.phone.as_str()),
        payload,
        idempotency_key: None,
    };
    // The write comes first, so SQLite takes its write lock before the checks read.
    let id = insert(&mut tx, &submission, &reference, unix_now()).await?;
    if let Some(refused) = check(&mut tx, registration, Some(id)).await? {
        return Ok(Err(refused));
    }
    let community: i64 =
        sqlx::query_scalar("SELECT community_id FROM governance_streets WHERE id = $1")
            .bind(registration.street_id)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query("UPDATE submissions SET community_id = $1 WHERE id = $2")
        .bind(community)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let held = sqlx::query(
        "INSERT INTO merchant_registrations (submission_id, governance_street_id, active_uscc)
         VALUES ($1, $2, $3)",
    )
    .bind(id)
    .bind(registration.street_id)
    .bind(registration.uscc.as_str())
    .execute(&mut *tx)
    .await;
    match held {
        // Someone registered the same code a moment ago.
        Err(e) if is_unique_violation(&e) => return Ok(Err(AppError::AlreadyRegistered)),
        other => {
            other?;
        }
    }
    db.commit(tx).await?;
    Ok(Ok(Receipt {
        reference,
        status: Status::Pending,
    }))
}

/// A returned registration, corrected: a new version, back in the queue as pending, with the
/// code it now gives held for it.
pub async fn resubmit(
    db: &Db,
    reference: &str,
    phone: &str,
    raw: RawRegistration,
) -> Result<Receipt, AppError> {
    let mobile = Mobile::parse(phone).map_err(|_| AppError::NotFound)?;
    let categories = crate::categories::db::all(db).await?;
    let registration = RawRegistration {
        phone: mobile.as_str().to_owned(),
        ..raw
    }
    .parse(&categories)
    .map_err(AppError::Invalid)?;
    let payload = encode(&registration)?;
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    let (id, receipt) = resubmit_in(&mut tx, reference, &mobile, KIND, payload)
        .await
        .map_err(|error| match error {
            ResubmitError::NotFound => AppError::NotFound,
            ResubmitError::NotReturned => AppError::Conflict,
            ResubmitError::Storage(e) => e.into(),
        })?;
    if let Some(refused) = check(&mut tx, &registration, Some(id)).await? {
        return Err(refused);
    }
    let held = sqlx::query(
        "UPDATE merchant_registrations SET active_uscc = $1, governance_street_id = $2
         WHERE submission_id = $3",
    )
    .bind(registration.uscc.as_str())
    .bind(registration.street_id)
    .bind(id)
    .execute(&mut *tx)
    .await;
    match held {
        Err(e) if is_unique_violation(&e) => return Err(AppError::AlreadyRegistered),
        other => {
            other.map_err(StorageError::from)?;
        }
    }
    db.commit(tx).await.map_err(StorageError::from)?;
    Ok(receipt)
}
