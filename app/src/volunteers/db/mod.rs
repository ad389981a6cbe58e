//! Reading teams and activities. Members and places left are counted from the applications
//! themselves, so they can never drift from what staff decided.

use super::{ActivitySummary, TeamDetail, TeamSummary};
use crate::{
    domain::{geo::LatLng, listing::TeamQuery},
    storage::{
        Db, StorageError,
        sql::{Value, Where},
    },
};

pub use super::DEFAULT_WINDOW_SECS;

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
        t.base_members + (SELECT COUNT(*) FROM volunteer_applications a
                          JOIN submissions s ON s.id = a.submission_id
                          WHERE a.team_id = t.id AND a.activity_id IS NULL
                            AND s.status = 'approved') AS members
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

/// Teams by community and speciality; nearest first from `home`, else by community and name.
pub async fn teams(db: &Db, query: &TeamQuery) -> Result<Vec<TeamSummary>, StorageError> {
    let TeamQuery {
        community,
        speciality,
        home,
    } = *query;
    let mut w = Where::default();
    if let Some(community) = community {
        w.and("t.community_id = {}", [Value::Int(community)]);
    }
    if let Some(speciality) = speciality {
        w.and(
            "t.speciality = {}",
            [Value::Text(speciality.code().to_owned())],
        );
    }
    let sql = format!("{TEAM_SELECT}{} ORDER BY t.community_id, t.id", w.clause());
    let rows: Vec<TeamRow> = sqlx::query_as_with(&sql, w.arguments())
        .fetch_all(db.pool())
        .await?;
    let mut teams: Vec<TeamSummary> = rows.iter().map(|r| r.summary(home)).collect();
    if home.is_some() {
        teams.sort_by_key(|t| t.distance_m);
    }
    Ok(teams)
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
    let filter = super::ActivityFilter {
        team: Some(id),
        ..super::ActivityFilter::coming(now)
    };
    let activities = activities(db, &filter).await?;
    Ok(Some(TeamDetail {
        team: row.summary(None),
        description: row.description,
        contact: row.contact,
        activities,
    }))
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    team_id: i64,
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
}

impl From<ActivityRow> for ActivitySummary {
    fn from(r: ActivityRow) -> Self {
        ActivitySummary {
            id: r.id,
            team_id: r.team_id,
            team_zh: r.team_zh,
            title: r.title,
            description: r.description,
            place: r.place,
            lat: r.lat,
            lng: r.lng,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            capacity: r.capacity,
            places_left: (r.capacity - r.held).max(0),
            repeat: r.repeat_rule,
            distance_m: None,
        }
    }
}

fn activity_select() -> String {
    format!(
        "SELECT a.id, a.team_id, t.name_zh AS team_zh, a.title, a.description, a.place, a.lat,
                a.lng, a.starts_at, a.ends_at, a.capacity, r.repeat_rule,
                (SELECT COUNT(*) FROM volunteer_applications v
                 JOIN submissions s ON s.id = v.submission_id
                 WHERE v.activity_id = a.id AND s.status IN {HOLDING}) AS held
         FROM activities a JOIN teams t ON t.id = a.team_id
         LEFT JOIN activity_series r ON r.id = a.series_id"
    )
}

/// What a filter asks of the activities table, soonest first.
fn activity_where(filter: &super::ActivityFilter) -> Where {
    let mut w = Where::default();
    w.and(
        "a.starts_at >= {} AND a.starts_at < {}",
        [Value::Int(filter.from), Value::Int(filter.to)],
    );
    if let Some(team) = filter.team {
        w.and("a.team_id = {}", [Value::Int(team)]);
    }
    if let Some(community) = filter.community {
        w.and("t.community_id = {}", [Value::Int(community)]);
    }
    if let Some(speciality) = filter.speciality {
        w.and(
            "t.speciality = {}",
            [Value::Text(speciality.code().to_owned())],
        );
    }
    w
}

/// Activities starting in `[from, to)`, soonest first, or nearest first from a home; only a
/// team's, a community's or a speciality's when the filter names one.
pub async fn activities(
    db: &Db,
    filter: &super::ActivityFilter,
) -> Result<Vec<ActivitySummary>, StorageError> {
    let w = activity_where(filter);
    let sql = format!(
        "{}{} ORDER BY a.starts_at, a.id LIMIT 500",
        activity_select(),
        w.clause()
    );
    let rows: Vec<ActivityRow> = sqlx::query_as_with(&sql, w.arguments())
        .fetch_all(db.pool())
        .await?;
    let mut list: Vec<ActivitySummary> = rows.into_iter().map(Into::into).collect();
    if let Some(home) = filter.home {
        for a in &mut list {
            a.distance_m = LatLng::new(a.lat, a.lng)
                .ok()
                .map(|p| home.distance_m(p).round() as u32);
        }
        // Stable: equally near ones stay soonest first.
        list.sort_by_key(|a| a.distance_m);
    }
    Ok(list)
}

/// One page of what `activities` lists, and how many there are in all. Soonest first, the
/// page is cut in SQL, so a month of activities costs one page's rows and a count; nearest
/// first needs every distance, so the list is read whole and cut here.
pub async fn activity_page(
    db: &Db,
    filter: &super::ActivityFilter,
    skip: u32,
    take: u32,
) -> Result<(Vec<ActivitySummary>, u32), StorageError> {
    if filter.home.is_some() {
        let all = activities(db, filter).await?;
        let total = all.len() as u32;
        let page = all.into_iter().skip(skip as usize).take(take as usize);
        return Ok((page.collect(), total));
    }
    let w = activity_where(filter);
    let count = format!(
        "SELECT COUNT(*) FROM activities a JOIN teams t ON t.id = a.team_id{}",
        w.clause()
    );
    let total: i64 = sqlx::query_scalar_with(&count, w.arguments())
        .fetch_one(db.pool())
        .await?;
    let n = w.next_placeholder();
    let sql = format!(
        "{}{} ORDER BY a.starts_at, a.id LIMIT ${n} OFFSET ${}",
        activity_select(),
        w.clause(),
        n + 1
    );
    let rows: Vec<ActivityRow> = sqlx::query_as_with(&sql, w.arguments())
        .bind(i64::from(take))
        .bind(i64::from(skip))
        .fetch_all(db.pool())
        .await?;
    // The whole list stops at 500, and so does the count.
    Ok((
        rows.into_iter().map(Into::into).collect(),
        total.min(500) as u32,
    ))
}

pub async fn activity(db: &Db, id: i64) -> Result<Option<ActivitySummary>, StorageError> {
    let row: Option<ActivityRow> =
        sqlx::query_as(&format!("{} WHERE a.id = $1", activity_select()))
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(Into::into))
}

mod series;
pub use series::schedule_series;
