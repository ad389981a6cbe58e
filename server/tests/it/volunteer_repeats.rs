//! An application sent twice (a second tap, a retry on a weak signal) is filed once: the same
//! form (its idempotency key) gets the first receipt, anyone else a 409 and no reference.

use crate::common::{TestApp, TestDb, answer, on_both_engines};
use crate::volunteers::{PHONE, activity, applied, places_left, withdraw};
use serde_json::{Value, json};

on_both_engines!(
    the_same_application_sent_twice_is_filed_once_with_one_reference_and_one_place,
    the_same_application_sent_twice_at_once_is_filed_once,
    the_same_application_to_a_team_sent_twice_at_once_is_filed_once,
    a_repeat_without_the_forms_key_gets_409_and_no_reference,
    a_repeat_from_the_page_with_its_key_gets_the_first_receipt,
    a_bad_key_is_named,
    two_people_sharing_a_phone_each_get_a_place,
    a_volunteer_who_withdrew_can_apply_again,
);

const KEY: &str = "3f2b8c1e-9d4a-4e7b-8f00-1a2b3c4d5e6f";

fn application(activity: i64, name: &str) -> Value {
    json!({ "name": name, "phone": PHONE, "activity_id": activity, "skills": ["elderly_care"],
            "availability": [], "note": "", "consent": true })
}

/// Applies through the API with this `Idempotency-Key` (none when `None`).
async fn post(app: &TestApp, body: &Value, key: Option<&str>) -> (u16, Value) {
    let mut request = app
        .http
        .post(app.url("/api/v1/volunteer-applications"))
        .json(body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    answer(request.send().await.unwrap()).await
}

/// The reference a sign-up to this activity from `PHONE`, with the form's key, is answered with.
async fn send(app: &TestApp, activity: i64, name: &str) -> String {
    let (status, receipt) = post(app, &application(activity, name), Some(KEY)).await;
    assert_eq!(status, 201, "{receipt}");
    receipt["reference"].as_str().unwrap().to_owned()
}

async fn the_same_application_sent_twice_is_filed_once_with_one_reference_and_one_place(
    db: TestDb,
) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let first = send(&app, id, "王秀英").await;
    let again = send(&app, id, "王秀英").await;
    assert_eq!(first, again, "the receipt of the first");
    assert_eq!(places_left(&app, id).await, 2);
}

async fn the_same_application_sent_twice_at_once_is_filed_once(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let (first, second) = tokio::join!(send(&app, id, "王秀英"), send(&app, id, "王秀英"));
    assert_eq!(first, second);
    assert_eq!(places_left(&app, id).await, 2);
}

async fn a_repeat_without_the_forms_key_gets_409_and_no_reference(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let first = send(&app, id, "王秀英").await;
    // Someone who knows her name and mobile sends the same application, with or without a
    // key of their own.
    for key in [None, Some("an-attackers-own-key-0001")] {
        let (status, body) = post(&app, &application(id, "王秀英"), key).await;
        assert_eq!(status, 409, "{body}");
        assert!(
            body["error"].as_str().unwrap().contains("status page"),
            "{body}"
        );
        assert!(
            !body.to_string().contains(&first),
            "no reference handed out"
        );
        assert!(body.get("reference").is_none());
    }
    assert_eq!(places_left(&app, id).await, 2, "nothing filed twice");
}

async fn a_repeat_from_the_page_with_its_key_gets_the_first_receipt(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let id_text = id.to_string();
    let form = |key: &'static str| {
        [
            ("application[name]", "王秀英"),
            ("application[phone]", PHONE),
            ("application[activity_id]", id_text.as_str()),
            ("application[skills][0]", "elderly_care"),
            ("application[consent]", "true"),
            ("idempotency_key", key),
        ]
    };
    let (status, first) = app.call("volunteers/apply", &form(KEY)).await;
    assert_eq!(status, 200, "{first}");
    let (status, again) = app.call("volunteers/apply", &form(KEY)).await;
    assert_eq!((status, &again["reference"]), (200, &first["reference"]));
    let (status, other) = app
        .call("volunteers/apply", &form("another-form-load-key-0002"))
        .await;
    assert_eq!(status, 409, "{other}");
    assert!(
        !other
            .to_string()
            .contains(first["reference"].as_str().unwrap())
    );
    assert_eq!(places_left(&app, id).await, 2);
}

async fn a_bad_key_is_named(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let (status, body) = post(&app, &application(id, "王秀英"), Some("short")).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["idempotency_key"].is_string(), "{body}");
    assert_eq!(places_left(&app, id).await, 3);
}

async fn the_same_application_to_a_team_sent_twice_at_once_is_filed_once(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let body = json!({ "name": "王秀英", "phone": PHONE, "team_id": 1, "skills": ["elderly_care"],
                       "availability": [], "availability_other": "周二下午", "note": "", "consent": true });
    let send = || post(&app, &body, Some(KEY));
    let ((first_status, first), (second_status, second)) = tokio::join!(send(), send());
    assert_eq!(
        (first_status, second_status),
        (201, 201),
        "{first} {second}"
    );
    assert_eq!(first["reference"], second["reference"]);
    let filed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM volunteer_applications WHERE team_id = 1 AND activity_id IS NULL",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(filed, 1);
}

async fn two_people_sharing_a_phone_each_get_a_place(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let grandmother = applied(&app, id, "王秀英").await.0;
    let grandfather = applied(&app, id, "李建国").await.0;
    assert_ne!(grandmother, grandfather);
    assert_eq!(places_left(&app, id).await, 1);
}

async fn a_volunteer_who_withdrew_can_apply_again(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let first = applied(&app, id, "王秀英").await.0;
    assert_eq!(withdraw(&app, &first).await, 200);
    let again = applied(&app, id, "王秀英").await.0;
    assert_ne!(first, again, "a new application");
    assert_eq!(places_left(&app, id).await, 2);
}
