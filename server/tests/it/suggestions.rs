use crate::common::{TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use serde_json::{Value, json};

on_both_engines!(
    a_correction_is_filed_pending_and_changes_nothing_public,
    a_new_service_suggestion_needs_name_category_and_address,
    a_suggestion_about_an_unknown_service_is_a_404,
    a_body_that_is_not_json_is_a_clear_400,
    the_coverage_table_shows_gaps_per_community,
    the_submitter_finds_their_suggestion_with_reference_and_phone_only,
);

async fn post(app: &TestApp, body: Value) -> (u16, Value) {
    app.post_json("/api/v1/service-suggestions", &body).await
}

async fn a_correction_is_filed_pending_and_changes_nothing_public(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let before = app.get("/api/v1/services/1").await.text().await.unwrap();
    assert!(before.contains("\"id\":1"));
    let (status, receipt) = post(
        &app,
        json!({ "kind": "closed", "service_id": 1, "details": "这家店上个月已经关门了", "phone": "138 1234 5678" }),
    )
    .await;
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["status"], "pending");
    let reference = receipt["reference"].as_str().unwrap();
    assert!(reference.starts_with("QH-") && reference.len() == 11);

    let (kind, stored_status, phone, community): (String, String, Option<String>, Option<i64>) =
        sqlx::query_as(
            "SELECT kind, status, phone, community_id FROM submissions WHERE reference = $1",
        )
        .bind(reference)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        (kind.as_str(), stored_status.as_str()),
        ("service_suggestion", "pending")
    );
    assert_eq!(phone.as_deref(), Some("13812345678"));
    assert!(
        community.is_some(),
        "filed under the service's community for the staff queue"
    );
    let after = app.get("/api/v1/services/1").await.text().await.unwrap();
    let listing = |json: &str| {
        let mut v: Value = serde_json::from_str(json).unwrap();
        v.as_object_mut().unwrap().remove("open_now"); // may turn over between the two reads
        v
    };
    assert_eq!(listing(&before), listing(&after), "nothing public changes");
}

async fn a_new_service_suggestion_needs_name_category_and_address(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, body) = post(
        &app,
        json!({ "kind": "new_service", "details": "小区门口新开了一家社区食堂", "phone": "12345" }),
    )
    .await;
    assert_eq!(status, 422);
    for field in ["name", "category", "address", "phone"] {
        assert!(body["fields"][field].is_string(), "{field}: {body}");
    }
    let (status, _) = post(
        &app,
        json!({
            "kind": "new_service",
            "name": "康桥华城长者食堂",
            "category": "community_canteen",
            "address": "二七区大学南路88号",
            "details": "小区门口新开了一家社区食堂"
        }),
    )
    .await;
    assert_eq!(status, 201);
}

async fn a_suggestion_about_an_unknown_service_is_a_404(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, body) = post(
        &app,
        json!({ "kind": "moved", "service_id": 999999, "details": "已经搬到对面了" }),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["error"], "not found");
}

async fn a_body_that_is_not_json_is_a_clear_400(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app
        .client
        .post(app.url("/api/v1/service-suggestions"))
        .header("content-type", "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("json"),
        "{body}"
    );
}

async fn the_coverage_table_shows_gaps_per_community(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let moderator = app.staff("li.na", Role::Moderator).await;
    let html = moderator.get("/staff/coverage").await.text().await.unwrap();
    assert!(html.contains("康桥华城社区"));
    assert!(html.contains("✗"), "the demo data leaves some gaps");
    assert!(html.contains("✓"));
}

async fn lookup(app: &TestApp, reference: &str, phone: &str) -> (u16, Value) {
    let body = json!({ "reference": reference, "phone": phone });
    app.post_json("/api/v1/submissions/lookup", &body).await
}

async fn the_submitter_finds_their_suggestion_with_reference_and_phone_only(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (_, receipt) = post(
        &app,
        json!({ "kind": "wrong_hours", "service_id": 2, "details": "周日下午也开门", "phone": "13912345678" }),
    )
    .await;
    let reference = receipt["reference"].as_str().unwrap();

    let (status, found) = lookup(&app, &reference.to_lowercase(), "139 1234 5678").await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["status"], "pending");
    assert_eq!(found["kind"], "service_suggestion");
    assert!(found.get("phone").is_none() && found.get("payload").is_none());

    // As people type a reference read off a phone: spaces, no hyphen or prefix, O for 0,
    // I for 1, a Chinese keyboard's full-width characters.
    let code = &reference[3..];
    let full_width: String = code
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    for typed in [
        format!(" qh {} {} ", &code[..4], &code[4..]),
        code.to_lowercase(),
        format!("QH{}", code.replace('0', "O").replace('1', "I")),
        full_width,
    ] {
        let (status, found) = lookup(&app, &typed, "13912345678").await;
        assert_eq!(status, 200, "{typed:?}: {found}");
        assert_eq!(found["reference"], reference, "{typed:?}");
    }

    let (wrong_phone, body_a) = lookup(&app, reference, "13912345670").await;
    let (wrong_reference, body_b) = lookup(&app, "QH-00000000", "13912345678").await;
    assert_eq!((wrong_phone, wrong_reference), (404, 404));
    assert_eq!(body_a, body_b, "no hint which half was wrong");

    let html = app
        .get(&format!("/status?reference={reference}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!(r#"value="{reference}""#)),
        "a receipt's link fills the reference in"
    );
    assert!(
        html.contains(r#"method="post""#),
        "the status form posts: the phone stays out of URLs"
    );
}
