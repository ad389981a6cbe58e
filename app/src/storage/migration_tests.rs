//! SQLite's migrations that copy a table under a new CHECK must keep every row that refers to
//! it: run on a database already holding a decided volunteer application.

use super::*;
use sqlx::migrate::Migrator;

/// 20261208000001 copies `submissions` under a CHECK that allows `cancelled`.
const COPIES_SUBMISSIONS: i64 = 20261208000001;

#[tokio::test]
async fn copying_submissions_keeps_what_refers_to_them() {
    let (db, dir) = scratch_sqlite("migrate").await;
    let earlier = Migrator {
        migrations: SQLITE_MIGRATIONS
            .iter()
            .filter(|m| m.version < COPIES_SUBMISSIONS)
            .cloned()
            .collect(),
        ..Migrator::DEFAULT
    };
    earlier.run(&db.writer).await.unwrap();
    for statement in [
        "INSERT INTO staff (id, username, password_hash, role, created_at)
         VALUES (1, 'mod', 'x', 'moderator', 0)",
        "INSERT INTO submissions (id, reference, kind, status, payload, created_at)
         VALUES (1, 'QH-TEST', 'volunteer_application', 'approved', '{}', 0)",
        "INSERT INTO decisions (submission_id, staff_id, decision, queued_at, decided_at)
         VALUES (1, 1, 'approve', 0, 1)",
        "INSERT INTO submission_versions (submission_id, version, payload, created_at)
         VALUES (1, 2, '{}', 0)",
    ] {
        sqlx::query(statement).execute(&db.writer).await.unwrap();
    }
    db.migrate().await.unwrap();
    let count = |table: &'static str| {
        let pool = db.writer.clone();
        async move {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap();
            n
        }
    };
    assert_eq!(count("decisions").await, 1, "the decision is kept");
    assert_eq!(count("submission_versions").await, 1, "the version is kept");
    sqlx::query("UPDATE submissions SET status = 'cancelled' WHERE id = 1")
        .execute(&db.writer)
        .await
        .unwrap();
    // Foreign keys are on again: a decision about no submission is refused.
    let orphan = sqlx::query(
        "INSERT INTO decisions (submission_id, staff_id, decision, queued_at, decided_at)
         VALUES (99, 1, 'approve', 0, 1)",
    )
    .execute(&db.writer)
    .await;
    assert!(orphan.is_err());
    db.close().await;
    std::fs::remove_dir_all(dir).unwrap();
}
