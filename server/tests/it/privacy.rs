//! What a reference and a mobile number open: only what that reference itself covers, since a
//! mobile number is no secret; certificates that reveal no reference.

use crate::common::{TestApp, TestDb, on_both_engines};
use crate::volunteers::{PHONE, activity, applied};
use app::domain::staff::Role;
use serde_json::{Value, json};

on_both_engines!(
    applying_with_another_persons_phone_shows_nothing_of_theirs,
    a_record_shows_only_the_service_done_under_its_reference,
    the_certificate_number_is_its_own_and_stays_the_same,
);

/// Staff approve the application, and after the activity record that it was attended.
async fn served(app: &TestApp, reference: &str, minutes: i64) {
    approve(app, reference).await;
    sqlx::query(
        "UPDATE volunteer_applications SET attended = 1, minutes = $1
         WHERE submission_id = (SELECT id FROM submissions WHERE reference = $2)",
    )
    .bind(minutes)
    .bind(reference)
    .execute(app.db.pool())
    .await
    .unwrap();
}

async fn approve(app: &TestApp, reference: &str) {
    let staff = app
        .staff(&format!("s.{}", reference.to_lowercase()), Role::Moderator)
        .await;
    let (status, body) = staff
        .post_json(
            &format!("/api/v1/staff/submissions/{reference}/decision"),
            &json!({ "decision": "approve" }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn titled(app: &TestApp, id: i64, title: &str) {
    sqlx::query("UPDATE activities SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
}

async fn record(app: &TestApp, reference: &str, phone: &str) -> (u16, Value) {
    app.call(
        "volunteers/record",
        &[("reference", reference), ("phone", phone)],
    )
    .await
}

async fn applying_with_another_persons_phone_shows_nothing_of_theirs(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    // She served at one activity and is confirmed for another, next week.
    let (past, coming, bait) = (
        activity(&app, 5).await,
        activity(&app, 5).await,
        activity(&app, 5).await,
    );
    titled(&app, past, "重阳节敬老院包饺子").await;
    titled(&app, coming, "周六上午陪老人散步").await;
    let (hers, _) = applied(&app, past, "王秀兰").await;
    served(&app, &hers, 120).await;
    let (next, _) = applied(&app, coming, "王秀兰").await;
    approve(&app, &next).await;
    // Someone who knows her mobile applies under another name, and is even approved.
    let (theirs, _) = applied(&app, bait, "冒名者").await;
    served(&app, &theirs, 30).await;
    let (status, seen) = record(&app, &theirs, PHONE).await;
    assert_eq!(status, 200, "{seen}");
    let text = seen.to_string();
    for hers in ["重阳节敬老院包饺子", "周六上午陪老人散步", "王秀兰"] {
        assert!(!text.contains(hers), "{hers} shows in {text}");
    }
    assert_eq!(
        seen["total_minutes"], 30,
        "only the hours under this reference"
    );
    assert_eq!(seen["services"].as_array().unwrap().len(), 1);
    assert_eq!(seen["certificate"]["name"], "冒名者");
    assert_eq!(seen["certificate"]["total_minutes"], 30);
    assert_eq!(seen["certificate"]["services"].as_array().unwrap().len(), 1);
}

async fn a_record_shows_only_the_service_done_under_its_reference(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (first, second) = (activity(&app, 5).await, activity(&app, 5).await);
    titled(&app, first, "社区义诊").await;
    titled(&app, second, "楼道清扫").await;
    let (a, _) = applied(&app, first, "王秀兰").await;
    let (b, _) = applied(&app, second, "王秀兰").await;
    served(&app, &a, 90).await;
    served(&app, &b, 60).await;
    let (_, seen) = record(&app, &a, PHONE).await;
    assert_eq!(seen["applied_for"], "社区义诊");
    assert_eq!(seen["total_minutes"], 90);
    assert!(!seen.to_string().contains("楼道清扫"));
    // A team application has no hours of its own, and shows none of the phone's activities.
    let (status, receipt) = app
        .post_json(
            "/api/v1/volunteer-applications",
            &json!({ "name": "王秀兰", "phone": PHONE, "team_id": 1,
                     "availability": ["weekend"], "consent": true }),
        )
        .await;
    assert_eq!(status, 201, "{receipt}");
    let (_, team) = record(&app, receipt["reference"].as_str().unwrap(), PHONE).await;
    assert_eq!(team["total_minutes"], 0);
    assert_eq!(team["services"], json!([]));
    assert!(team["certificate"].is_null());
}

async fn the_certificate_number_is_its_own_and_stays_the_same(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (first, second) = (activity(&app, 5).await, activity(&app, 5).await);
    let (a, _) = applied(&app, first, "王秀兰").await;
    let (b, _) = applied(&app, second, "王秀兰").await;
    served(&app, &a, 90).await;
    served(&app, &b, 60).await;
    let number = |record: Value| record["certificate"]["number"].as_str().unwrap().to_owned();
    let printed = number(record(&app, &a, PHONE).await.1);
    assert!(printed.starts_with("ZYJL-20"), "{printed}");
    let code = a.trim_start_matches("QH-");
    assert!(!printed.contains(code), "{printed} holds the reference {a}");
    for start in 0..=code.len() - 6 {
        assert!(
            !printed.contains(&code[start..start + 6]),
            "{printed} echoes {a}"
        );
    }
    assert_eq!(
        number(record(&app, &a, PHONE).await.1),
        printed,
        "the same at every print"
    );
    assert_ne!(number(record(&app, &b, PHONE).await.1), printed);
}
