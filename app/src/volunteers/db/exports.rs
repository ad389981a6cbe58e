//! Teams and the hours their volunteers served, as rows for a street office's spreadsheet.

use crate::{
    domain::{staff::Scope, volunteer::Speciality},
    storage::{Db, StorageError},
};

#[derive(sqlx::FromRow)]
struct TeamRow {
    id: i64,
    name_zh: String,
    community: String,
    grid: Option<String>,
    speciality: String,
    leader: String,
    meeting_place: String,
    contact: String,
    members: i64,
}

/// Every team with its members (those from before the portal and those approved since).
pub async fn teams(db: &Db, scope: Scope) -> Result<Vec<Vec<String>>, StorageError> {
    let (level, area) = crate::staff::scope::binds(scope);
    let rows: Vec<TeamRow> = sqlx::query_as(&format!(
        "SELECT t.id, t.name_zh, c.name_zh AS community, g.name_zh AS grid, t.speciality,
                t.leader, t.meeting_place, t.contact, t.base_members + t.members AS members
         FROM teams t JOIN communities c ON c.id = t.community_id
         LEFT JOIN grids g ON g.id = t.grid_id
         WHERE {}
         ORDER BY t.id",
        crate::staff::scope::in_area("t.community_id", 1)
    ))
    .bind(level)
    .bind(area)
    .fetch_all(db.pool())
    .await?;
    let header = [
        "编号",
        "队伍",
        "社区",
        "网格",
        "服务类型",
        "队长",
        "集合地点",
        "联系电话",
        "成员数",
    ];
    let mut out = vec![header.map(str::to_owned).to_vec()];
    out.extend(rows.into_iter().map(|r| {
        let speciality = Speciality::parse(&r.speciality)
            .map_or(r.speciality.clone(), |s| s.label().0.to_owned());
        vec![
            r.id.to_string(),
            r.name_zh,
            r.community,
            r.grid.unwrap_or_default(),
            speciality,
            r.leader,
            r.meeting_place,
            r.contact,
            r.members.to_string(),
        ]
    }));
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct HoursRow {
    id: i64,
    name_zh: String,
    community: String,
    activities: i64,
    attendances: i64,
    minutes: i64,
}

/// Per team, the activities that began in [from, to), the times volunteers came and the hours
/// they served there, as staff recorded them.
pub async fn hours(
    db: &Db,
    scope: Scope,
    (from, to): (i64, i64),
) -> Result<Vec<Vec<String>>, StorageError> {
    let (level, area) = crate::staff::scope::binds(scope);
    let rows: Vec<HoursRow> = sqlx::query_as(&format!(
        "SELECT t.id, t.name_zh, c.name_zh AS community,
                CAST(COUNT(DISTINCT a.id) AS BIGINT) AS activities,
                CAST(COALESCE(SUM(CASE WHEN v.attended = 1 THEN 1 ELSE 0 END), 0) AS BIGINT)
                    AS attendances,
                CAST(COALESCE(SUM(CASE WHEN v.attended = 1 THEN v.minutes ELSE 0 END), 0) AS BIGINT)
                    AS minutes
         FROM teams t JOIN communities c ON c.id = t.community_id
         LEFT JOIN activities a ON a.team_id = t.id AND a.starts_at >= $1 AND a.starts_at < $2
         LEFT JOIN volunteer_applications v ON v.activity_id = a.id
         WHERE {}
         GROUP BY t.id, t.name_zh, c.name_zh
         ORDER BY t.id",
        crate::staff::scope::in_area("t.community_id", 3)
    ))
    .bind(from)
    .bind(to)
    .bind(level)
    .bind(area)
    .fetch_all(db.pool())
    .await?;
    let header = [
        "编号",
        "队伍",
        "社区",
        "活动场次",
        "参加人次",
        "服务时长（小时）",
    ];
    let mut out = vec![header.map(str::to_owned).to_vec()];
    out.extend(rows.into_iter().map(|r| {
        vec![
            r.id.to_string(),
            r.name_zh,
            r.community,
            r.activities.to_string(),
            r.attendances.to_string(),
            format!("{:.1}", r.minutes as f64 / 60.0),
        ]
    }));
    Ok(out)
}
