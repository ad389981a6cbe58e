//! Service records: staff record attendance and hours after an activity; a volunteer reads
//! their confirmed activities, total hours and certificate; old personal data is deleted.

use super::{
    Certificate, ServiceEntry, VolunteerRecord,
    places::{erase_personal_data, parse_payload, withdrawable},
    sheet::{AttendanceRow, AttendanceSheet, RawAttendance, StaffActivity},
};
use crate::{
    domain::{
        form::FieldError,
        phone::Mobile,
        reference::code,
        schedule::parse_served,
        staff::{Scope, StaffUser},
        submission::Status,
        time::beijing_datetime,
        volunteer::RETENTION_SECS,
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError},
    submissions::db::retrying_clash,
};

/// The application a reference and phone find, with its activity and the hours recorded.
#[derive(sqlx::FromRow)]
struct Found {
    id: i64,
    #[sqlx(try_from = "String")]
    status: Status,
    payload: String,
    team_zh: String,
    contact: String,
    title: Option<String>,
    starts_at: Option<i64>,
    attended: Option<i64>,
    minutes: Option<i64>,
    certificate_number: Option<String>,
}

/// An approved volunteer of an activity, as the attendance sheet lists them.
#[derive(sqlx::FromRow)]
struct SheetRow {
    reference: String,
    payload: String,
    phone: Option<String>,
    attended: Option<i64>,
    minutes: Option<i64>,
}

/// The application with this reference and phone, and the service done under it. Nothing
/// filed under another reference is shown, whatever its phone: a mobile number is no secret,
/// so it proves nobody's identity until it can be confirmed by SMS.
pub async fn record(
    db: &Db,
    reference: &str,
    phone: &str,
    now: i64,
) -> Result<Option<VolunteerRecord>, StorageError> {
    let Ok(phone) = Mobile::parse(phone) else {
        return Ok(None);
    };
    let reference = crate::domain::reference::normalize_reference(reference);
    let found: Option<Found> = sqlx::query_as(
        "SELECT s.id, s.status, s.payload, t.name_zh AS team_zh, t.contact, a.title, a.starts_at,
                v.attended, v.minutes, v.certificate_number
         FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         JOIN teams t ON t.id = v.team_id LEFT JOIN activities a ON a.id = v.activity_id
         WHERE s.reference = $1 AND s.phone = $2 AND s.kind = 'volunteer_application'",
    )
    .bind(&reference)
    .bind(phone.as_str())
    .fetch_optional(db.pool())
    .await?;
    let Some(found) = found else {
        return Ok(None);
    };
    let name = parse_payload(&found.payload)
        .map(|a| a.name)
        .unwrap_or_default();
    let service = match (&found.title, found.starts_at) {
        (Some(title), Some(starts_at)) if found.status == Status::Approved => Some(ServiceEntry {
            title: title.clone(),
            team_zh: found.team_zh.clone(),
            starts_at,
            minutes: found.attended.map(|a| {
                if a == 1 {
                    found.minutes.unwrap_or(0)
                } else {
                    0
                }
            }),
        }),
        _ => None,
    };
    let total_minutes = service.as_ref().and_then(|s| s.minutes).unwrap_or(0);
    // The team that recorded the service certifies it.
    let certificate = match &service {
        Some(served) if found.attended == Some(1) && !name.is_empty() => Some(Certificate {
            number: certificate_number(db, found.id, found.certificate_number.clone(), now).await?,
            name: name.clone(),
            organisation: found.team_zh.clone(),
            contact: found.contact.clone(),
            total_minutes,
            services: vec![served.clone()],
            issued_on: beijing_datetime(now)[..10].to_owned(),
        }),
        _ => None,
    };
    Ok(Some(VolunteerRecord {
        can_withdraw: withdrawable(found.status, found.starts_at, now),
        reference,
        status: found.status,
        name,
        phone_masked: phone.masked(),
        applied_for: found.title.unwrap_or(found.team_zh),
        services: service.into_iter().collect(),
        total_minutes,
        certificate,
    }))
}

/// The record's certificate number, made at its first issue and the same at every print
/// after. Random, so a certificate handed to a school or employer reveals no reference.
async fn certificate_number(
    db: &Db,
    submission_id: i64,
    issued: Option<String>,
    now: i64,
) -> Result<String, StorageError> {
    if let Some(number) = issued {
        return Ok(number);
    }
    let year = &beijing_datetime(now)[..4];
    let written = retrying_clash(
        |random| format_certificate_number(year, random),
        |number| async move {
            sqlx::query(
                "UPDATE volunteer_applications SET certificate_number = $1
                 WHERE submission_id = $2 AND certificate_number IS NULL",
            )
            .bind(&number)
            .bind(submission_id)
            .execute(db.pool())
            .await?;
            Ok::<_, StorageError>(number)
        },
    )
    .await?;
    // Issued at the same moment by another request: the number written first stands.
    let stored: Option<String> = sqlx::query_scalar(
        "SELECT certificate_number FROM volunteer_applications WHERE submission_id = $1",
    )
    .bind(submission_id)
    .fetch_one(db.pool())
    .await?;
    Ok(stored.unwrap_or(written))
}

/// ZYJL-2026-7K3M9P2XQ4: the year of first issue and ten random characters (50 bits) of the
/// references' alphabet.
fn format_certificate_number(year: &str, random: u64) -> String {
    format!("ZYJL-{year}-{}", code(random, 10))
}

/// Activities from two weeks ago to two weeks ahead, for staff to record attendance.
pub async fn staff_activities(
    db: &Db,
    scope: Scope,
    now: i64,
) -> Result<Vec<StaffActivity>, StorageError> {
    let (level, area) = crate::staff::scope::binds(scope);
    sqlx::query_as(&format!(
        "SELECT a.id, a.title, t.name_zh AS team_zh, a.starts_at, a.capacity,
                (SELECT COUNT(*) FROM volunteer_applications v JOIN submissions s
                   ON s.id = v.submission_id WHERE v.activity_id = a.id AND s.status = 'approved')
                   AS approved,
                (SELECT COUNT(*) FROM volunteer_applications v
                   WHERE v.activity_id = a.id AND v.attended IS NOT NULL) AS recorded
         FROM activities a JOIN teams t ON t.id = a.team_id
         WHERE a.starts_at >= $1 AND a.starts_at < $2
           AND EXISTS (SELECT 1 FROM volunteer_applications v WHERE v.activity_id = a.id)
           AND {}
         ORDER BY a.starts_at DESC LIMIT 200",
        crate::staff::scope::in_area_or_team("t.community_id", "t.id", 3)
    ))
    .bind(now - 14 * 86_400)
    .bind(now + 14 * 86_400)
    .bind(level)
    .bind(area)
    .fetch_all(db.pool())
    .await
    .map_err(Into::into)
}

/// An activity's sheet as `by` opens it, `None` outside their area: it lists volunteers'
/// mobile numbers in full, so the opening is in the audit log.
pub async fn open_sheet(
    db: &Db,
    by: &StaffUser,
    activity_id: i64,
) -> Result<Option<AttendanceSheet>, StorageError> {
    let place = crate::staff::scope::Place::Activity(activity_id);
    if !crate::staff::scope::holds(db, by.scope, place).await? {
        return Ok(None);
    }
    let sheet = sheet(db, activity_id).await?;
    if let Some(sheet) = sheet.as_ref().filter(|s| !s.rows.is_empty()) {
        let target = format!("activity:{activity_id}");
        let after = serde_json::json!({ "volunteers": sheet.rows.len() });
        crate::staff::audit::record_view(db, by, "activity.attendance_view", &target, Some(after))
            .await?;
    }
    Ok(sheet)
}

/// The approved volunteers of an activity, with phone numbers in full (staff only).
pub async fn sheet(db: &Db, activity_id: i64) -> Result<Option<AttendanceSheet>, StorageError> {
    let Some(activity) = super::db::activity(db, activity_id).await? else {
        return Ok(None);
    };
    let rows: Vec<SheetRow> = sqlx::query_as(
        "SELECT s.reference, s.payload, s.phone, v.attended, v.minutes
         FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         WHERE v.activity_id = $1 AND s.status = 'approved' ORDER BY s.created_at, s.id",
    )
    .bind(activity_id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(AttendanceSheet {
        rows: rows
            .into_iter()
            .map(|r| AttendanceRow {
                name: parse_payload(&r.payload)
                    .map(|a| a.name)
                    .unwrap_or_default(),
                reference: r.reference,
                phone: r.phone.unwrap_or_default(),
                attended: r.attended.map(|a| a == 1),
                minutes: r.minutes,
            })
            .collect(),
        activity,
    }))
}

/// Records attendance and hours for an activity that has started; each row is checked against
/// the activity's length, and every bad row is named.
pub async fn record_attendance(
    db: &Db,
    by: &StaffUser,
    activity_id: i64,
    entries: &[RawAttendance],
    now: i64,
) -> Result<(), AppError> {
    let place = crate::staff::scope::Place::Activity(activity_id);
    crate::staff::scope::require(db, by, place).await?;
    let activity = super::db::activity(db, activity_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if activity.starts_at > now {
        return Err(AppError::Invalid(vec![FieldError::new(
            "activity",
            "活动开始后才能登记出勤",
            "Attendance can be recorded once the activity has started",
        )]));
    }
    let length = (activity.ends_at - activity.starts_at) / 60;
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for entry in entries {
        let minutes = if entry.attended {
            match parse_served(&format!("hours-{}", entry.reference), &entry.hours, length) {
                Ok(minutes) => minutes,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            }
        } else {
            0
        };
        parsed.push((entry.reference.as_str(), entry.attended, minutes));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    for (reference, attended, minutes) in &parsed {
        sqlx::query(
            "UPDATE volunteer_applications SET attended = $1, minutes = $2, recorded_by = $3,
                    recorded_at = $4
             WHERE activity_id = $5 AND submission_id =
               (SELECT id FROM submissions WHERE reference = $6 AND status = 'approved')",
        )
        .bind(i64::from(*attended))
        .bind(*minutes)
        .bind(by.id)
        .bind(now)
        .bind(activity_id)
        .bind(*reference)
        .execute(&mut *tx)
        .await
        .map_err(StorageError::from)?;
    }
    let after: Vec<_> = parsed
        .iter()
        .map(|(r, a, m)| serde_json::json!({ "reference": r, "attended": a, "minutes": m }))
        .collect();
    audit::record(
        &mut tx,
        audit::Record {
            by: Some(by),
            action: "volunteer.attendance",
            target: &format!("activity:{activity_id}"),
            before: None,
            after: Some(serde_json::Value::Array(after)),
        },
        now,
    )
    .await?;
    db.commit(tx).await.map_err(StorageError::from)?;
    Ok(())
}

/// Deletes the personal data of every volunteer whose last activity or application is older
/// than the retention period the privacy statement promises. An application left pending or
/// waitlisted counts from when it was made (or its activity ended), so an old one never keeps
/// the rest alive; it is withdrawn as it is erased.
pub async fn purge_expired(db: &Db, now: i64) -> Result<usize, StorageError> {
    let expired: Vec<i64> = sqlx::query_scalar(
        "SELECT s.id FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         WHERE s.erased_at IS NULL AND s.phone IN (
             SELECT s2.phone FROM submissions s2
             JOIN volunteer_applications v2 ON v2.submission_id = s2.id
             LEFT JOIN activities a ON a.id = v2.activity_id
             WHERE s2.phone IS NOT NULL
             GROUP BY s2.phone
             HAVING MAX(CASE WHEN a.id IS NULL THEN COALESCE(s2.decided_at, s2.created_at)
                             ELSE a.ends_at END) < $1)",
    )
    .bind(now - RETENTION_SECS)
    .fetch_all(db.pool())
    .await?;
    for &id in &expired {
        let mut tx = db.begin_write().await?;
        crate::submissions::personal::withdraw_if_waiting(&mut tx, id, now).await?;
        erase_personal_data(&mut tx, id, now).await?;
        db.commit(tx).await?;
    }
    Ok(expired.len())
}
