//! The dashboard's figures: what waits, how long it has waited, and how much was decided.

use crate::{
    domain::{staff::Scope, submission::Kind},
    moderation::Dashboard,
    storage::{Db, StorageError},
};

/// The figures of what lies in `scope`.
pub async fn dashboard(db: &Db, scope: Scope, now: i64) -> Result<Dashboard, StorageError> {
    let (level, area) = crate::staff::scope::binds(scope);
    let in_area = crate::staff::scope::submissions_in_area(1);
    #[derive(sqlx::FromRow)]
    struct KindCount {
        #[sqlx(try_from = "String")]
        kind: Kind,
        n: i64,
    }
    let pending_by_kind: Vec<KindCount> = sqlx::query_as(&format!(
        "SELECT s.kind, COUNT(*) AS n FROM submissions s WHERE s.status = 'pending' AND {in_area}
         GROUP BY s.kind ORDER BY s.kind"
    ))
    .bind(level)
    .bind(area)
    .fetch_all(db.pool())
    .await?;
    #[derive(sqlx::FromRow)]
    struct Ages {
        under_a_day: i64,
        one_to_three_days: i64,
        three_to_seven_days: i64,
        over_a_week: i64,
    }
    let ages: Ages = sqlx::query_as(&format!(
        "SELECT
           COALESCE(SUM(CASE WHEN w < 86400 THEN 1 ELSE 0 END), 0) AS under_a_day,
           COALESCE(SUM(CASE WHEN w >= 86400 AND w < 259200 THEN 1 ELSE 0 END), 0)
             AS one_to_three_days,
           COALESCE(SUM(CASE WHEN w >= 259200 AND w < 604800 THEN 1 ELSE 0 END), 0)
             AS three_to_seven_days,
           COALESCE(SUM(CASE WHEN w >= 604800 THEN 1 ELSE 0 END), 0) AS over_a_week
         FROM (SELECT $3 - COALESCE(s.queued_at, s.created_at) AS w
               FROM submissions s WHERE s.status = 'pending' AND {in_area}) waits"
    ))
    .bind(level)
    .bind(area)
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    let decided_this_week: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM decisions d JOIN submissions s ON s.id = d.submission_id
         WHERE d.decided_at >= $3 AND {in_area}"
    ))
    .bind(level)
    .bind(area)
    .bind(crate::domain::time::week_start(now))
    .fetch_one(db.pool())
    .await?;
    let waits: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT d.decided_at - d.queued_at FROM decisions d
         JOIN submissions s ON s.id = d.submission_id
         WHERE d.decided_at >= $3 AND {in_area} ORDER BY 1"
    ))
    .bind(level)
    .bind(area)
    .bind(now - 90 * 86400)
    .fetch_all(db.pool())
    .await?;
    let (disposed, total): (i64, i64) = sqlx::query_as(&format!(
        "SELECT COALESCE(SUM(CASE WHEN s.status = 'pending' THEN 0 ELSE 1 END), 0), COUNT(*)
         FROM submissions s
         WHERE s.status IN ('pending', 'approved', 'rejected', 'returned') AND {in_area}"
    ))
    .bind(level)
    .bind(area)
    .fetch_one(db.pool())
    .await?;
    Ok(Dashboard {
        pending_by_kind: pending_by_kind.into_iter().map(|c| (c.kind, c.n)).collect(),
        pending_by_age: [
            ages.under_a_day,
            ages.one_to_three_days,
            ages.three_to_seven_days,
            ages.over_a_week,
        ],
        decided_this_week,
        median_decision_secs: median(&waits),
        disposed,
        total,
    })
}

/// The middle of sorted values (the lower middle for an even count).
fn median(sorted: &[i64]) -> Option<i64> {
    (!sorted.is_empty()).then(|| sorted[(sorted.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_wait() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5));
        assert_eq!(median(&[1, 2, 9]), Some(2));
        assert_eq!(median(&[1, 2, 3, 9]), Some(2));
    }
}
