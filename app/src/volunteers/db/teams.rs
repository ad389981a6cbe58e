//! Reading teams. Members are the team's own count and the approved applications, which every
//! decision and departure keeps on the team's row (`places::store_members`).

use super::activities;
use crate::{
    domain::{geo::LatLng, listing::TeamQuery},
    storage::{
        Db, StorageError,
        sql::{Value, Where},
    },
    volunteers::{TeamDetail, TeamSummary},
};

#[derive(sqlx::FromRow)]
struct TeamRow {
    id: i64,
    name_zh: String,
    name_en: String,
    community_id: i64,
    community_zh: String,
    community_en: String,
    speciality: String,
    leader: String,
    meeting_place: String,
    lat: f64,
    lng: f64,
    members: i64,
    description: String,
    contact: String,
}

const TEAM_SELECT: &str = "SELECT t.id, t.name_zh, t.name_en, t.community_id,
        c.name_zh AS community_zh, c.name_en AS community_en, t.speciality, t.leader,
        t.meeting_place, t.lat, t.lng, t.description, t.contact,
        t.base_members + t.members AS members
    FROM teams t JOIN communities c ON c.id = t.community_id";

impl TeamRow {
    fn summary(&self, home: Option<LatLng>) -> TeamSummary {
        let distance = home.and_then(|h| {
            LatLng::new(self.lat, self.lng)
                .ok()
                .map(|p| h.distance_m(p).round() as u32)
        });
        TeamSummary {
            id: self.id,
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            community_id: self.community_id,
            community_zh: self.community_zh.clone(),
            community_en: self.community_en.clone(),
            speciality: self.speciality.clone(),
            leader: self.leader.clone(),
            meeting_place: self.meeting_place.clone(),
            lat: self.lat,
            lng: self.lng,
            members: self.members,
            distance_m: distance,
        }
    }
}

fn team_where(query: &TeamQuery) -> Where {
    let mut w = Where::default();
    if let Some(community) = query.community {
        w.and("t.community_id = {}", [Value::Int(community)]);
    }
    if let Some(speciality) = query.speciality {
        w.and(
            "t.speciality = {}",
            [Value::Text(speciality.code().to_owned())],
        );
    }
    w
}

/// Teams by community and speciality; nearest first from `home`, else by community and name.
pub async fn teams(db: &Db, query: &TeamQuery) -> Result<Vec<TeamSummary>, StorageError> {
    let w = team_where(query);
    let sql = format!("{TEAM_SELECT}{} ORDER BY t.community_id, t.id", w.clause());
    let rows: Vec<TeamRow> = sqlx::query_as_with(&sql, w.arguments())
        .fetch_all(db.pool())
        .await?;
    let mut teams: Vec<TeamSummary> = rows.iter().map(|r| r.summary(query.home)).collect();
    if query.home.is_some() {
        teams.sort_by_key(|t| t.distance_m);
    }
    Ok(teams)
}

/// A page of `teams`, and how many there are in all. Without a home the page is cut in SQL:
/// on SQLite every row read crosses to the connection's thread and back.
pub async fn team_page(
    db: &Db,
    query: &TeamQuery,
    skip: u32,
    take: u32,
) -> Result<(Vec<TeamSummary>, u32), StorageError> {
    if query.home.is_some() {
        return Ok(super::page_of(teams(db, query).await?, skip, take));
    }
    let w = team_where(query);
    let count = format!("SELECT COUNT(*) FROM teams t{}", w.clause());
    let total: i64 = sqlx::query_scalar_with(&count, w.arguments())
        .fetch_one(db.pool())
        .await?;
    let n = w.next_placeholder();
    let sql = format!(
        "{TEAM_SELECT}{} ORDER BY t.community_id, t.id LIMIT ${n} OFFSET ${}",
        w.clause(),
        n + 1
    );
    let rows: Vec<TeamRow> = sqlx::query_as_with(&sql, w.arguments())
        .bind(i64::from(take))
        .bind(i64::from(skip))
        .fetch_all(db.pool())
        .await?;
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    Ok((rows.iter().map(|r| r.summary(None)).collect(), total))
}

pub async fn team_exists(db: &Db, id: i64) -> Result<bool, StorageError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM teams WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(found.is_some())
}

/// A team with its activities of the coming month.
pub async fn team(db: &Db, id: i64, now: i64) -> Result<Option<TeamDetail>, StorageError> {
    let row: Option<TeamRow> = sqlx::query_as(&format!("{TEAM_SELECT} WHERE t.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let Some(row) = row else { return Ok(None) };
    let filter = crate::volunteers::ActivityFilter {
        team: Some(id),
        ..crate::volunteers::ActivityFilter::coming(now)
    };
    let activities = activities(db, &filter).await?;
    Ok(Some(TeamDetail {
        team: row.summary(None),
        description: row.description,
        contact: row.contact,
        activities,
    }))
}
