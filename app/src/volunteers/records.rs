//! Service records: staff record attendance and hours after an activity; a volunteer reads
//! their confirmed activities, total hours and certificate; old personal data is deleted.

use super::{
    Certificate, ServiceEntry, VolunteerRecord,
    attendance::{AttendanceRow, AttendanceSheet, RawAttendance, StaffActivity},
    places::{erase_personal_data, parse_payload, withdrawable},
};
use crate::{
    domain::{
        form::FieldError, phone::Mobile, schedule::parse_served, staff::StaffUser,
        time::beijing_datetime, volunteer::RETENTION_SECS,
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError},
};

/// A confirmed activity of a volunteer.
#[derive(sqlx::FromRow)]
struct Served {
    title: String,
    team_zh: String,
    starts_at: i64,
    team_id: i64,
    attended: Option<i64>,
    minutes: Option<i64>,
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

/// Status, payload, team name, team id, team contact, activity title and start.
type Found = (
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
    Option<i64>,
);

/// The application with this reference and phone, and every confirmed activity of that phone.
pub async fn record(
    db: &Db,
    reference: &str,
    phone: &str,
    now: i64,
) -> Result<Option<VolunteerRecord>, StorageError> {
    let Ok(phone) = Mobile::parse(phone) else {
        return Ok(None);
    };
    let reference = reference.trim().to_ascii_uppercase();
    let found: Option<Found> = sqlx::query_as(
        "SELECT s.status, s.payload, t.name_zh, t.id, t.contact, a.title, a.starts_at
         FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         JOIN teams t ON t.id = v.team_id LEFT JOIN activities a ON a.id = v.activity_id
         WHERE s.reference = $1 AND s.phone = $2 AND s.kind = 'volunteer_application'",
    )
    .bind(&reference)
    .bind(phone.as_str())
    .fetch_optional(db.pool())
    .await?;
    let Some((status, payload, team, team_id, contact, title, starts_at)) = found else {
        return Ok(None);
    };
    let name = parse_payload(&payload).map(|a| a.name).unwrap_or_default();
    let rows: Vec<Served> = sqlx::query_as(
        "SELECT a.title, t.name_zh AS team_zh, a.starts_at, t.id AS team_id, v.attended, v.minutes
         FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         JOIN activities a ON a.id = v.activity_id JOIN teams t ON t.id = v.team_id
         WHERE s.phone = $1 AND s.status = 'approved'
         ORDER BY a.starts_at",
    )
    .bind(phone.as_str())
    .fetch_all(db.pool())
    .await?;
    let entry = |r: &Served| ServiceEntry {
        title: r.title.clone(),
        team_zh: r.team_zh.clone(),
        starts_at: r.starts_at,
        minutes: r
            .attended
            .map(|a| if a == 1 { r.minutes.unwrap_or(0) } else { 0 }),
    };
    let services: Vec<ServiceEntry> = rows.iter().map(entry).collect();
    let total_minutes = services.iter().filter_map(|s| s.minutes).sum();
    // Each team certifies the service done with it (the organisation that recorded it).
    let served: Vec<ServiceEntry> = rows
        .iter()
        .filter(|r| r.team_id == team_id && r.attended == Some(1))
        .map(entry)
        .collect();
    let certificate = (!served.is_empty() && !name.is_empty()).then(|| Certificate {
        number: certificate_number(&reference, now),
        name: name.clone(),
        organisation: team.clone(),
        contact,
        total_minutes: served.iter().filter_map(|s| s.minutes).sum(),
        services: served,
        issued_on: beijing_datetime(now)[..10].to_owned(),
    });
    Ok(Some(VolunteerRecord {
        can_withdraw: withdrawable(&status, starts_at, now),
        reference,
        status,
        name,
        phone_masked: phone.masked(),
        applied_for: title.unwrap_or(team),
        services,
        total_minutes,
        certificate,
    }))
}

/// ZYJL-2026-7K3M9P2X: the year of issue and the application's reference, so a certificate
/// can be traced back to the record it was printed from.
fn certificate_number(reference: &str, now: i64) -> String {
    let year = &beijing_datetime(now)[..4];
    format!(
        "ZYJL-{year}-{}",
        reference.trim_start_matches("QH-").to_owned()
    )
}

/// Activities from two weeks ago to two weeks ahead, for staff to record attendance.
pub async fn staff_activities(db: &Db, now: i64) -> Result<Vec<StaffActivity>, StorageError> {
    let rows: Vec<(i64, String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT a.id, a.title, t.name_zh, a.starts_at, a.capacity,
                (SELECT COUNT(*) FROM volunteer_applications v JOIN submissions s
                   ON s.id = v.submission_id WHERE v.activity_id = a.id AND s.status = 'approved'),
                (SELECT COUNT(*) FROM volunteer_applications v
                   WHERE v.activity_id = a.id AND v.attended IS NOT NULL)
         FROM activities a JOIN teams t ON t.id = a.team_id
         WHERE a.starts_at >= $1 AND a.starts_at < $2
           AND EXISTS (SELECT 1 FROM volunteer_applications v WHERE v.activity_id = a.id)
         ORDER BY a.starts_at DESC LIMIT 200",
    )
    .bind(now - 14 * 86_400)
    .bind(now + 14 * 86_400)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, title, team_zh, starts_at, capacity, approved, recorded)| StaffActivity {
                id,
                title,
                team_zh,
                starts_at,
                capacity,
                approved,
                recorded,
            },
        )
        .collect())
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
    let mut tx = db.pool().begin().await.map_err(StorageError::from)?;
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
    tx.commit().await.map_err(StorageError::from)?;
    Ok(())
}

/// Deletes the personal data of every volunteer whose last activity or application is older
/// than the retention period the privacy statement promises.
pub async fn purge_expired(db: &Db, now: i64) -> Result<usize, StorageError> {
    let expired: Vec<i64> = sqlx::query_scalar(
        "SELECT s.id FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         WHERE v.erased_at IS NULL AND s.phone IN (
             SELECT s2.phone FROM submissions s2
             JOIN volunteer_applications v2 ON v2.submission_id = s2.id
             LEFT JOIN activities a ON a.id = v2.activity_id
             GROUP BY s2.phone
             HAVING MAX(COALESCE(a.ends_at, s2.created_at)) < $1
                AND SUM(CASE WHEN s2.status IN ('pending', 'waitlisted') THEN 1 ELSE 0 END) = 0)",
    )
    .bind(now - RETENTION_SECS)
    .fetch_all(db.pool())
    .await?;
    for &id in &expired {
        let mut tx = db.pool().begin().await?;
        erase_personal_data(&mut tx, id, now).await?;
        tx.commit().await?;
    }
    Ok(expired.len())
}
