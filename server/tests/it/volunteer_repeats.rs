//! An application sent twice (a second tap, a retry on a weak signal) is filed once.

use crate::common::{TestApp, TestDb, on_both_engines};
use crate::volunteers::{PHONE, activity, applied, places_left, withdraw};
use serde_json::json;

on_both_engines!(
    the_same_application_sent_twice_is_filed_once_with_one_reference_and_one_place,
    the_same_application_sent_twice_at_once_is_filed_once,
    the_same_application_to_a_team_sent_twice_at_once_is_filed_once,
    two_people_sharing_a_phone_each_get_a_place,
    a_volunteer_who_withdrew_can_apply_again,
);

/// The reference a sign-up to this activity from `PHONE` is answered with.
async fn send(app: &TestApp, activity: i64, name: &str) -> String {
    applied(app, activity, name).await.0
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

async fn the_same_application_to_a_team_sent_twice_at_once_is_filed_once(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let body = json!({ "name": "王秀英", "phone": PHONE, "team_id": 1, "skills": ["elderly_care"],
                       "availability": [], "availability_other": "周二下午", "note": "", "consent": true });
    let send = || app.post_json("/api/v1/volunteer-applications", &body);
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
    let grandmother = send(&app, id, "王秀英").await;
    let grandfather = send(&app, id, "李建国").await;
    assert_ne!(grandmother, grandfather);
    assert_eq!(places_left(&app, id).await, 1);
}

async fn a_volunteer_who_withdrew_can_apply_again(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let first = send(&app, id, "王秀英").await;
    assert_eq!(withdraw(&app, &first).await, 200);
    let again = send(&app, id, "王秀英").await;
    assert_ne!(first, again, "a new application");
    assert_eq!(places_left(&app, id).await, 2);
}
