//! Teams written by staff, each change in the audit log; activities in `activities` and
//! `cancel`.

mod activities;
mod cancel;
mod change;
mod proposals;

pub use activities::{create_activity, editable};
pub use cancel::cancel;
pub use change::update_activity;
pub use proposals::{propose, publish};

/// The activity `by` is about to change, locked: 404 when there is none in their area, 409
/// when it was called off.
async fn lock_open(
    conn: &mut AnyConnection,
    by: &StaffUser,
    id: i64,
) -> Result<crate::volunteers::places::Places, AppError> {
    let current = crate::volunteers::places::lock_activity(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let community: i64 = sqlx::query_scalar("SELECT community_id FROM teams WHERE id = $1")
        .bind(current.team_id)
        .fetch_one(&mut *conn)
        .await?;
    if !crate::staff::scope::holds_community(conn, by.scope, community).await? {
        return Err(AppError::NotFound);
    }
    if current.cancelled_at.is_some() {
        return Err(AppError::Conflict);
    }
    Ok(current)
}

use super::{Created, StaffTeam, TeamActivity};
use crate::{
    domain::{
        form::FieldError,
        service::edit::Coordinate,
        staff::{Scope, StaffUser},
        team::{RawTeam, TeamInput},
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError, unix_now},
};
use serde_json::json;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct TeamRow {
    name_zh: String,
    name_en: String,
    community_id: i64,
    grid_id: Option<i64>,
    speciality: String,
    description: String,
    leader: String,
    meeting_place: String,
    lat: f64,
    lng: f64,
    contact: String,
}

impl TeamRow {
    fn raw(self) -> RawTeam {
        RawTeam {
            name_zh: self.name_zh,
            name_en: self.name_en,
            community_id: Some(self.community_id),
            grid_id: self.grid_id,
            speciality: self.speciality,
            description: self.description,
            leader: self.leader,
            meeting_place: self.meeting_place,
            lat: Coordinate::Number(self.lat),
            lng: Coordinate::Number(self.lng),
            contact: self.contact,
        }
    }
}

async fn team_row(conn: &mut AnyConnection, id: i64) -> Result<Option<TeamRow>, StorageError> {
    Ok(sqlx::query_as(
        "SELECT name_zh, name_en, community_id, grid_id, speciality, description, leader,
                meeting_place, lat, lng, contact FROM teams WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// A team in `scope` as its form shows it, with its activities from a week ago to two months
/// ahead.
pub async fn team(
    db: &Db,
    scope: Scope,
    id: i64,
    now: i64,
) -> Result<Option<StaffTeam>, StorageError> {
    if !crate::staff::scope::holds(db, scope, crate::staff::scope::Place::Team(id)).await? {
        return Ok(None);
    }
    let mut conn = db.pool().acquire().await?;
    let Some(row) = team_row(&mut conn, id).await? else {
        return Ok(None);
    };
    #[derive(sqlx::FromRow)]
    struct Listed {
        id: i64,
        title: String,
        starts_at: i64,
        capacity: i64,
        held: i64,
        repeat_rule: Option<String>,
        cancelled_at: Option<i64>,
    }
    let listed: Vec<Listed> = sqlx::query_as(
        "SELECT a.id, a.title, a.starts_at, a.capacity, a.held, r.repeat_rule, a.cancelled_at
         FROM activities a LEFT JOIN activity_series r ON r.id = a.series_id
         WHERE a.team_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
         ORDER BY a.starts_at, a.id LIMIT 100",
    )
    .bind(id)
    .bind(now - 7 * 86_400)
    .bind(now + 62 * 86_400)
    .fetch_all(&mut *conn)
    .await?;
    let activities = listed
        .into_iter()
        .map(|a| TeamActivity {
            id: a.id,
            title: a.title,
            starts_at: a.starts_at,
            capacity: a.capacity,
            held: a.held,
            repeat: a.repeat_rule,
            cancelled: a.cancelled_at.is_some(),
        })
        .collect();
    Ok(Some(StaffTeam {
        id,
        team: row.raw(),
        activities,
    }))
}

/// The community must exist and the grid, if any, lie in it: each named when not.
async fn check_places(
    conn: &mut AnyConnection,
    by: &StaffUser,
    input: &TeamInput,
) -> Result<(), AppError> {
    let community: Option<i64> = sqlx::query_scalar("SELECT id FROM communities WHERE id = $1")
        .bind(input.community_id)
        .fetch_optional(&mut *conn)
        .await?;
    if community.is_some() {
        crate::staff::scope::require_community(conn, by, "community_id", input.community_id)
            .await?;
    } else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "community_id",
            "没有这个社区，请从列表中选择",
            "No such community: choose one from the list",
        )]));
    }
    let Some(grid) = input.grid_id else {
        return Ok(());
    };
    let in_community: Option<i64> =
        sqlx::query_scalar("SELECT id FROM grids WHERE id = $1 AND community_id = $2")
            .bind(grid)
            .bind(input.community_id)
            .fetch_optional(&mut *conn)
            .await?;
    match in_community {
        Some(_) => Ok(()),
        None => Err(AppError::Invalid(vec![FieldError::new(
            "grid_id",
            "这个网格不在所选社区内",
            "That grid is not in the chosen community",
        )])),
    }
}

fn described(input: &TeamInput) -> serde_json::Value {
    json!({
        "name_zh": input.name_zh, "name_en": input.name_en, "community_id": input.community_id,
        "grid_id": input.grid_id, "speciality": input.speciality.code(),
        "description": input.description, "leader": input.leader,
        "meeting_place": input.meeting_place, "lat": input.at.lat(), "lng": input.at.lng(),
        "contact": input.contact,
    })
}

pub async fn create_team(db: &Db, by: &StaffUser, raw: &RawTeam) -> Result<Created, AppError> {
    let input = raw.parse().map_err(AppError::Invalid)?;
    let mut tx = db.begin_write().await?;
    check_places(&mut tx, by, &input).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO teams (community_id, grid_id, name_zh, name_en, speciality, description,
                            leader, meeting_place, lat, lng, contact)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(input.community_id)
    .bind(input.grid_id)
    .bind(&input.name_zh)
    .bind(&input.name_en)
    .bind(input.speciality.code())
    .bind(&input.description)
    .bind(&input.leader)
    .bind(&input.meeting_place)
    .bind(input.at.lat())
    .bind(input.at.lng())
    .bind(&input.contact)
    .fetch_one(&mut *tx)
    .await?;
    let entry = audit::Record {
        by: Some(by),
        action: "team.create",
        target: &format!("team:{id}"),
        before: None,
        after: Some(described(&input)),
    };
    audit::record(&mut tx, entry, unix_now()).await?;
    db.commit(tx).await?;
    Ok(Created { id })
}

pub async fn update_team(
    db: &Db,
    by: &StaffUser,
    id: i64,
    raw: &RawTeam,
) -> Result<Created, AppError> {
    let input = raw.parse().map_err(AppError::Invalid)?;
    let mut tx = db.begin_write().await?;
    let before = team_row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !crate::staff::scope::holds_community(&mut tx, by.scope, before.community_id).await? {
        return Err(AppError::NotFound);
    }
    check_places(&mut tx, by, &input).await?;
    sqlx::query(
        "UPDATE teams SET community_id = $1, grid_id = $2, name_zh = $3, name_en = $4,
                speciality = $5, description = $6, leader = $7, meeting_place = $8, lat = $9,
                lng = $10, contact = $11
         WHERE id = $12",
    )
    .bind(input.community_id)
    .bind(input.grid_id)
    .bind(&input.name_zh)
    .bind(&input.name_en)
    .bind(input.speciality.code())
    .bind(&input.description)
    .bind(&input.leader)
    .bind(&input.meeting_place)
    .bind(input.at.lat())
    .bind(input.at.lng())
    .bind(&input.contact)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let before = before.raw().parse().ok().map(|b| described(&b));
    let entry = audit::Record {
        by: Some(by),
        action: "team.edit",
        target: &format!("team:{id}"),
        before,
        after: Some(described(&input)),
    };
    audit::record(&mut tx, entry, unix_now()).await?;
    db.commit(tx).await?;
    Ok(Created { id })
}
