//! Demo volunteer teams, one per grid as on the seeds' streets, each with a speciality, its
//! grid leader as team leader, the monthly service day on the 15th, and a month of activities.

use crate::{
    domain::{time::SHANGHAI_OFFSET_S, volunteer::Speciality},
    storage::StorageError,
};
use sqlx::{Any, Transaction};

#[derive(sqlx::FromRow)]
struct Grid {
    id: i64,
    /// The grid's number within its community, counted here.
    #[sqlx(default)]
    number: i64,
    community_id: i64,
    community_zh: String,
    community_en: String,
    name_zh: String,
    leader: String,
    lat: f64,
    lng: f64,
    centre: Option<String>,
    phone: Option<String>,
}

/// What a team of each speciality does, and two of its usual activities.
/// An activity a team usually runs: title, description, start (minutes after midnight),
/// length in minutes, places.
type Plan = (&'static str, &'static str, i64, i64, i64);

fn profile(s: Speciality) -> (&'static str, [Plan; 2]) {
    match s {
        Speciality::ElderlyHelp => (
            "为网格内独居、高龄老人上门探访，代买代办、陪同就医，每周二、周四上午入户。",
            [
                (
                    "独居老人入户探访",
                    "两人一组走访独居、高龄老人，了解需求，登记代办事项。",
                    570,
                    120,
                    8,
                ),
                (
                    "长者食堂助餐服务",
                    "在社区长者食堂协助分餐、送餐上门。",
                    660,
                    90,
                    6,
                ),
            ],
        ),
        Speciality::Medical => (
            "联合社区卫生服务站，开展测血压血糖、健康讲座和义诊，协助慢病老人规范用药。",
            [
                (
                    "社区义诊：测血压血糖",
                    "协助卫生服务站医生测量血压血糖、登记健康档案。",
                    540,
                    150,
                    10,
                ),
                (
                    "健康讲座：冬季心脑血管病预防",
                    "布置会场、引导老人入座、分发资料。",
                    900,
                    90,
                    6,
                ),
            ],
        ),
        Speciality::Education => (
            "组织“四点半课堂”，为双职工家庭的孩子辅导作业，节假日开展安全和阅读活动。",
            [
                (
                    "四点半课堂作业辅导",
                    "为放学后无人看护的孩子辅导作业、组织阅读。",
                    990,
                    90,
                    6,
                ),
                (
                    "儿童安全知识小课堂",
                    "防火、防电、防溺水知识讲解和游戏。",
                    570,
                    120,
                    8,
                ),
            ],
        ),
        Speciality::Patrol => (
            "夜间治安巡逻，排查消防通道占用和电动车违规充电，配合网格员处置突发情况。",
            [
                (
                    "夜间治安巡逻",
                    "沿网格主要道路和楼院巡逻，记录并上报隐患。",
                    1170,
                    120,
                    8,
                ),
                (
                    "消防通道与电动车充电排查",
                    "逐楼检查消防通道、楼道堆物和飞线充电。",
                    570,
                    120,
                    6,
                ),
            ],
        ),
        Speciality::Civility => (
            "文明劝导、垃圾分类指导和楼院环境整治，组织邻里节和新时代文明实践活动。",
            [
                (
                    "垃圾分类桶前值守",
                    "在分类投放点指导居民正确分类投放。",
                    450,
                    120,
                    6,
                ),
                (
                    "楼院环境清洁日",
                    "清理楼道小广告、楼院杂物，整理绿化带。",
                    540,
                    120,
                    12,
                ),
            ],
        ),
    }
}

/// Inserts a team per grid and their activities, starting from the day `now` falls in.
pub async fn insert(tx: &mut Transaction<'static, Any>, now: i64) -> Result<usize, StorageError> {
    let rows: Vec<Grid> = sqlx::query_as(
        "SELECT g.id, g.community_id, c.name_zh AS community_zh, c.name_en AS community_en,
                g.name_zh, g.leader_name AS leader, g.lat, g.lng,
                (SELECT s.name FROM services s WHERE s.community_id = c.id
                   AND s.category = 'service_centre' ORDER BY s.id LIMIT 1) AS centre,
                (SELECT s.phone FROM services s WHERE s.community_id = c.id
                   AND s.category = 'service_centre' ORDER BY s.id LIMIT 1) AS phone
         FROM grids g JOIN communities c ON c.id = g.community_id ORDER BY g.id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut numbers = std::collections::HashMap::<i64, i64>::new();
    let grids = rows.into_iter().map(|mut grid| {
        let number = numbers.entry(grid.community_id).or_default();
        *number += 1;
        grid.number = *number;
        grid
    });
    let today = now - (now + SHANGHAI_OFFSET_S).rem_euclid(86_400);
    let mut count = 0;
    for (i, grid) in grids.enumerate() {
        let speciality = Speciality::ALL[(i + grid.community_id as usize) % Speciality::ALL.len()];
        let (zh, en) = speciality.label();
        let (description, activities) = profile(speciality);
        let meeting_place = grid
            .centre
            .clone()
            .unwrap_or_else(|| format!("{}党群服务中心", grid.community_zh));
        let team_id: i64 = sqlx::query_scalar(
            "INSERT INTO teams (code, community_id, grid_id, name_zh, name_en, speciality,
                                description, leader, meeting_place, lat, lng, contact, base_members)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(format!("team-g{}", grid.id))
        .bind(grid.community_id)
        .bind(grid.id)
        .bind(format!(
            "{}{}{}志愿服务队",
            grid.community_zh,
            grid.name_zh,
            zh.trim_end_matches("服务")
        ))
        .bind(english_name(&grid.community_en, grid.number, en))
        .bind(speciality.code())
        .bind(description)
        .bind(&grid.leader)
        .bind(&meeting_place)
        .bind(grid.lat)
        .bind(grid.lng)
        .bind(grid.phone.as_deref().unwrap_or("12345"))
        .bind(6 + (grid.id * 7) % 12)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO activity_series (team_id, title, description, place, lat, lng, repeat_rule,
                                          start_minute, minutes, capacity)
             VALUES ($1, '每月15日集中服务日', $2, $3, $4, $5, 'monthly:15', 540, 150, 20)",
        )
        .bind(team_id)
        .bind(format!("全队集中服务：{description}"))
        .bind(&meeting_place)
        .bind(grid.lat)
        .bind(grid.lng)
        .execute(&mut **tx)
        .await?;
        for (n, (title, about, minute, minutes, capacity)) in activities.into_iter().enumerate() {
            // Spread over the coming month.
            let day = 1 + (i as i64 * 3 + n as i64 * 13) % 29;
            let starts_at = today + day * 86_400 + minute * 60;
            sqlx::query(
                "INSERT INTO activities (team_id, title, description, place, lat, lng, starts_at,
                                         ends_at, capacity)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(team_id)
            .bind(title)
            .bind(about)
            .bind(&meeting_place)
            .bind(grid.lat)
            .bind(grid.lng)
            .bind(starts_at)
            .bind(starts_at + minutes * 60)
            .bind(capacity)
            .execute(&mut **tx)
            .await?;
        }
        count += 1;
    }
    Ok(count)
}

/// A team's English name within the form's 60 characters, so every demo team can be saved
/// as it is: "Kangqiao Huacheng Community Grid 1 Elderly help Volunteers" drops "Community"
/// when it would be longer.
fn english_name(community: &str, grid: i64, speciality: &str) -> String {
    let full = format!("{community} Grid {grid} {speciality} Volunteers");
    if full.chars().count() <= crate::domain::team::NAME_EN_MAX {
        return full;
    }
    let short = community.trim_end_matches(" Community");
    format!("{short} Grid {grid} {speciality} Volunteers")
        .chars()
        .take(crate::domain::team::NAME_EN_MAX)
        .collect()
}
