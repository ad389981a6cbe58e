//! Erasure on request and after two years, for shop registrations and suggestions as for
//! volunteers: the phone, everything typed and staff notes on it go; counts stay.

use crate::common::{TestApp, TestDb, on_both_engines};
use crate::merchants::{PHONE, code, register, shop};
use app::domain::staff::Role;
use serde_json::json;

on_both_engines!(
    a_merchant_erases_a_pending_registration_and_its_code_is_free_again,
    an_approved_shop_stays_listed_when_its_registration_is_erased,
    a_suggester_erases_and_the_staff_note_goes_with_it,
    decided_suggestions_and_registrations_are_erased_after_two_years,
    an_old_waiting_application_does_not_keep_a_phones_data_forever,
    erased_data_is_not_left_in_the_sqlite_file,
);

/// Phone, payload and every version of what was typed, of the submission with this reference.
async fn stored(app: &TestApp, reference: &str) -> (String, Option<String>, String, Vec<String>) {
    let (status, phone, payload): (String, Option<String>, String) =
        sqlx::query_as("SELECT status, phone, payload FROM submissions WHERE reference = $1")
            .bind(reference)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let versions = sqlx::query_scalar(
        "SELECT v.payload FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
         WHERE s.reference = $1",
    )
    .bind(reference)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    (status, phone, payload, versions)
}

async fn erase_api(app: &TestApp, reference: &str, phone: &str) -> u16 {
    let body = json!({ "reference": reference, "phone": phone });
    let response = app
        .http
        .post(app.url("/api/v1/submissions/erase"))
        .json(&body)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

async fn a_merchant_erases_a_pending_registration_and_its_code_is_free_again(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let uscc = code("92410103MA45K6LX2");
    let (status, receipt) = register(&app, &shop(&uscc)).await;
    assert_eq!(status, 201, "{receipt}");
    let reference = receipt["reference"].as_str().unwrap();
    assert_eq!(
        erase_api(&app, reference, "13900000000").await,
        404,
        "another phone"
    );
    assert_eq!(erase_api(&app, reference, PHONE).await, 204);
    let (status, phone, payload, versions) = stored(&app, reference).await;
    assert_eq!(
        (status.as_str(), phone, payload.as_str()),
        ("withdrawn", None, "{}")
    );
    assert_eq!(
        versions,
        ["{}"],
        "no copy of the representative's name is kept"
    );
    let lookup = json!({ "reference": reference, "phone": PHONE });
    let (status, _) = app.post_json("/api/v1/submissions/lookup", &lookup).await;
    assert_eq!(status, 404, "the reference no longer finds it");
    assert_eq!(erase_api(&app, reference, PHONE).await, 404);
    let (status, again) = register(&app, &shop(&uscc)).await;
    assert_eq!(status, 201, "the code is free to register again: {again}");
}

async fn an_approved_shop_stays_listed_when_its_registration_is_erased(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("zhou.min", Role::Moderator).await;
    let mut body = shop(&code("92410103MA45K6LX2"));
    body["legal_representative"] = json!("司马登记人");
    let (_, receipt) = register(&app, &body).await;
    let reference = receipt["reference"].as_str().unwrap();
    let path = format!("/api/v1/staff/submissions/{reference}/decision");
    let (status, _) = staff
        .post_json(&path, &json!({ "decision": "approve" }))
        .await;
    assert_eq!(status, 200);
    // From the status page, as the merchant would.
    let (status, body) = app
        .call(
            "submissions/erase",
            &[("reference", reference), ("phone", PHONE)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, phone, payload, _) = stored(&app, reference).await;
    assert_eq!(
        (status.as_str(), phone, payload.as_str()),
        ("approved", None, "{}")
    );
    let street = app.get("/api/v1/streets/1").await.text().await.unwrap();
    assert!(
        street.contains("棉纺路老街坊胡辣汤"),
        "the shop is still a member"
    );
    let stored = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM submission_versions WHERE payload LIKE '%司马登记人%'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(stored, 0, "the representative's name is gone");
}

async fn a_suggester_erases_and_the_staff_note_goes_with_it(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("wu.jing", Role::Moderator).await;
    let (status, receipt) = app
        .post_json(
            "/api/v1/service-suggestions",
            &json!({ "kind": "closed", "service_id": 1, "details": "这家店关门了，我是隔壁的王秀兰",
                     "phone": "13812345678" }),
        )
        .await;
    assert_eq!(status, 201, "{receipt}");
    let reference = receipt["reference"].as_str().unwrap();
    let note = "请王秀兰（13812345678）补充关门日期";
    let path = format!("/api/v1/staff/submissions/{reference}/decision");
    let (status, _) = staff
        .post_json(&path, &json!({ "decision": "return", "reason": note }))
        .await;
    assert_eq!(status, 200);
    assert_eq!(erase_api(&app, reference, "13812345678").await, 204);
    let (status, phone, payload, _) = stored(&app, reference).await;
    assert_eq!(
        (status.as_str(), phone, payload.as_str()),
        ("withdrawn", None, "{}")
    );
    let notes: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT note FROM decisions WHERE submission_id = (SELECT id FROM submissions WHERE reference = $1)
         UNION ALL SELECT decision_note FROM submissions WHERE reference = $1",
    )
    .bind(reference)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(notes, [None, None]);
    let audit: Vec<Option<String>> = sqlx::query_scalar("SELECT after_state FROM audit_log")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(!audit.is_empty());
    assert!(
        audit.iter().flatten().all(|a| !a.contains("王秀兰")),
        "{audit:?}"
    );
}

async fn set(app: &TestApp, sql: &str, reference: &str) {
    sqlx::query(sql)
        .bind(reference)
        .bind(app::storage::unix_now() - 3 * 365 * 86_400)
        .execute(app.db.pool())
        .await
        .unwrap();
}

async fn decided_suggestions_and_registrations_are_erased_after_two_years(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let suggest = |details: &'static str| {
        let app = &app;
        async move {
            let body = json!({ "kind": "closed", "service_id": 1, "details": details, "phone": "13812345678" });
            let (_, receipt) = app.post_json("/api/v1/service-suggestions", &body).await;
            receipt["reference"].as_str().unwrap().to_owned()
        }
    };
    let (old, recent, waiting) = (
        suggest("三年前的建议，早已处理").await,
        suggest("去年的建议，已处理").await,
        suggest("三年前的建议，一直没人处理").await,
    );
    let (_, receipt) = register(&app, &shop(&code("92410103MA45K6LX2"))).await;
    let shop_ref = receipt["reference"].as_str().unwrap().to_owned();
    let decided = "UPDATE submissions SET status = 'rejected', decision_note = '重复', created_at = $2, decided_at = $2 WHERE reference = $1";
    set(&app, decided, &old).await;
    sqlx::query("UPDATE submissions SET status = 'approved', decided_at = $1 WHERE reference = $2")
        .bind(app::storage::unix_now() - 365 * 86_400)
        .bind(&recent)
        .execute(app.db.pool())
        .await
        .unwrap();
    set(
        &app,
        "UPDATE submissions SET created_at = $2 WHERE reference = $1",
        &waiting,
    )
    .await;
    // Returned for correction three years ago and never corrected.
    set(&app, "UPDATE submissions SET status = 'returned', created_at = $2, decided_at = $2 WHERE reference = $1", &shop_ref).await;
    app::volunteers::housekeeping(&app.db).await;
    assert_eq!(stored(&app, &old).await.1, None);
    assert_eq!(stored(&app, &old).await.0, "rejected", "the decision stays");
    assert!(
        stored(&app, &recent).await.1.is_some(),
        "decided a year ago: kept"
    );
    assert!(
        stored(&app, &waiting).await.1.is_some(),
        "still waiting for staff: kept"
    );
    let (status, phone, payload, _) = stored(&app, &shop_ref).await;
    assert_eq!(
        (status.as_str(), phone, payload.as_str()),
        ("withdrawn", None, "{}")
    );
    let (status, _) = register(&app, &shop(&code("92410103MA45K6LX2"))).await;
    assert_eq!(status, 201, "the abandoned registration's code is free");
}

async fn an_old_waiting_application_does_not_keep_a_phones_data_forever(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let old = crate::volunteers::activity(&app, 3).await;
    let (served, _) = crate::volunteers::applied(&app, old, "王秀兰").await;
    let (status, receipt) = app
        .post_json(
            "/api/v1/volunteer-applications",
            &json!({ "name": "王秀兰", "phone": crate::volunteers::PHONE, "team_id": 1,
                     "availability": ["weekend"], "consent": true }),
        )
        .await;
    assert_eq!(status, 201);
    let waiting = receipt["reference"].as_str().unwrap().to_owned();
    let long_ago = app::storage::unix_now() - 3 * 365 * 86_400;
    sqlx::query("UPDATE activities SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(long_ago)
        .bind(long_ago + 7200)
        .bind(old)
        .execute(app.db.pool())
        .await
        .unwrap();
    set(
        &app,
        "UPDATE submissions SET status = 'approved', created_at = $2 WHERE reference = $1",
        &served,
    )
    .await;
    // The team never decided this one: pending for three years.
    set(
        &app,
        "UPDATE submissions SET created_at = $2 WHERE reference = $1",
        &waiting,
    )
    .await;
    app::volunteers::housekeeping(&app.db).await;
    assert_eq!(stored(&app, &served).await.1, None);
    let (status, phone, _, _) = stored(&app, &waiting).await;
    assert_eq!((status.as_str(), phone), ("withdrawn", None));
}

async fn erased_data_is_not_left_in_the_sqlite_file(db: TestDb) {
    if db.engine != crate::common::Engine::Sqlite {
        return; // PostgreSQL's storage is its own; this is about SQLite's free pages.
    }
    let app = TestApp::spawn(&db).await;
    let secure: i64 = sqlx::query_scalar("PRAGMA secure_delete")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(secure, 1);
    let name = "擦除测试专用姓名甲乙丙";
    let mut body = shop(&code("92410103MA45K6LX2"));
    body["legal_representative"] = json!(name);
    let (_, receipt) = register(&app, &body).await;
    let reference = receipt["reference"].as_str().unwrap();
    assert_eq!(erase_api(&app, reference, PHONE).await, 204);
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(app.db.pool())
        .await
        .unwrap();
    let file = db.url.trim_start_matches("sqlite://");
    let bytes = std::fs::read(file).unwrap();
    let needle = name.as_bytes();
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "the erased name is still in the file"
    );
}
