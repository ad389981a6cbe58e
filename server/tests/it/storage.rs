use crate::common::{Engine, TestDb, on_both_engines};

on_both_engines!(
    migrating_twice_changes_nothing,
    a_street_cannot_belong_to_a_district_that_does_not_exist,
    a_place_off_the_globe_is_refused_by_the_schema,
);

async fn migrating_twice_changes_nothing(db: TestDb) {
    let first = db.open().await;
    first.close().await;
    let second = db.open().await;
    second.ping().await.unwrap();
}

async fn a_street_cannot_belong_to_a_district_that_does_not_exist(db: TestDb) {
    let db = db.open().await;
    let orphan = sqlx::query(
        "INSERT INTO streets (district_id, code, name_zh, name_en, lat, lng)
         VALUES (9999, 'x', '无', 'None', 34.7, 113.6)",
    )
    .execute(db.pool())
    .await;
    assert!(orphan.is_err(), "foreign keys are enforced");
}

async fn a_place_off_the_globe_is_refused_by_the_schema(db: TestDb) {
    let db = db.open().await;
    let bad = sqlx::query(
        "INSERT INTO districts (code, name_zh, name_en, lat, lng)
         VALUES ('x', '无', 'None', 134.7, 113.6)",
    )
    .execute(db.pool())
    .await;
    assert!(bad.is_err());
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
    let test_db = TestDb::new(Engine::Sqlite).await.unwrap();
    let db = test_db.open().await;
    let mut conn = db.pool().acquire().await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(fk, 1);
    let (timeout,): (i64,) = sqlx::query_as("PRAGMA busy_timeout")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert!(timeout >= 1000, "busy_timeout is {timeout} ms");
}
