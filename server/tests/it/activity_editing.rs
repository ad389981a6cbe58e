//! Staff create and change teams, and publish, change and call off activities: one-off and
//! repeating, with the waitlist moved up by a larger capacity and applicants told of a
//! cancellation on their status page.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use crate::volunteers::{PHONE, applied, places_left};
use app::domain::{staff::Role, time::beijing_datetime};
use serde_json::{Value, json};

on_both_engines!(
    a_team_added_by_staff_is_listed_and_its_edit_audited,
    a_teams_fields_are_named_and_its_community_checked,
    a_one_off_published_takes_sign_ups_and_raising_its_capacity_moves_the_waitlist_up,
    lowering_capacity_below_the_places_held_is_refused_with_the_count,
    a_cancelled_activity_tells_its_applicants_why_and_leaves_the_lists,
    a_weekly_series_is_scheduled_and_a_change_reaches_only_the_coming_occurrences,
    a_series_is_ended_by_cancelling_with_series,
);

/// A date a week or more ahead, in Beijing time, on the same weekday as today + `days`.
fn ahead(days: i64, time: &str) -> String {
    let day = beijing_datetime(app::storage::unix_now() + days * 86_400);
    format!("{} {time}", &day[..10])
}

fn team() -> Value {
    json!({
        "name_zh": "经八路社区助老服务队",
        "community_id": 1,
        "speciality": "elderly_help",
        "description": "每周为独居老人上门探访、代购药品。",
        "leader": "王书记",
        "meeting_place": "经八路社区党群服务中心",
        "lat": 34.7712,
        "lng": 113.6601,
        "contact": "0371-65990123",
    })
}

fn blood_pressure(team: i64, capacity: i64) -> Value {
    json!({
        "team_id": team,
        "title": "为老测血压",
        "description": "社区医生为 60 岁以上老人免费测血压，志愿者负责登记和引导。",
        "place": "经八路社区卫生服务站门口",
        "starts_at": ahead(7, "09:00"),
        "ends_at": ahead(7, "11:00"),
        "capacity": capacity,
        "repeat": "none",
    })
}

async fn publish(staff: &Browser, body: &Value) -> i64 {
    let (status, created) = staff.post_json("/api/v1/staff/activities", body).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().unwrap()
}

/// Team 1's activities of the coming three months, as residents' list shows them.
async fn coming(app: &TestApp) -> Vec<Value> {
    let to = app::storage::unix_now() + 90 * 86_400;
    let (status, listed) = app
        .get_json(&format!("/api/v1/activities?team=1&to={to}"))
        .await;
    assert_eq!(status, 200, "{listed}");
    listed.as_array().unwrap().clone()
}

async fn listed(app: &TestApp, id: i64) -> Option<Value> {
    coming(app).await.into_iter().find(|a| a["id"] == id)
}

async fn lookup(app: &TestApp, reference: &str) -> Value {
    let body = json!({ "reference": reference, "phone": PHONE });
    let (status, found) = app.post_json("/api/v1/submissions/lookup", &body).await;
    assert_eq!(status, 200, "{found}");
    found
}

async fn a_team_added_by_staff_is_listed_and_its_edit_audited(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let (status, created) = staff.post_json("/api/v1/staff/teams", &team()).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (_, listed) = app.get_json(&format!("/api/v1/teams/{id}")).await;
    assert_eq!(listed["name_zh"], "经八路社区助老服务队");
    assert_eq!(
        listed["name_en"], "经八路社区助老服务队",
        "the Chinese name stands in"
    );
    assert_eq!(listed["leader"], "王书记");
    let mut changed = team();
    changed["leader"] = json!("李阿姨");
    changed["name_en"] = json!("Jingba Road Elderly Help Team");
    let (status, body) = staff
        .put_json(&format!("/api/v1/staff/teams/{id}"), &changed)
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, listed) = app.get_json(&format!("/api/v1/teams/{id}")).await;
    assert_eq!(listed["leader"], "李阿姨");
    let (_, edited) = staff.get_json(&format!("/api/v1/staff/teams/{id}")).await;
    assert_eq!(edited["team"]["contact"], "0371-65990123");
    let admin = app.staff("auditor", Role::Admin).await;
    let (_, log) = admin
        .get_json(&format!("/api/v1/staff/audit?target=team:{id}"))
        .await;
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["team.edit", "team.create"]);
    assert!(log[0]["before"].to_string().contains("王书记"), "{log}");
    assert_eq!(
        staff
            .put_json("/api/v1/staff/teams/99999", &changed)
            .await
            .0,
        404
    );
    assert_eq!(app.post_json("/api/v1/staff/teams", &team()).await.0, 401);
}

async fn a_teams_fields_are_named_and_its_community_checked(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let mut bad = team();
    bad["leader"] = json!("王书记 13812345678");
    bad["contact"] = json!("");
    bad["speciality"] = json!("cooking");
    let (status, body) = staff.post_json("/api/v1/staff/teams", &bad).await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&String> = body["fields"].as_object().unwrap().keys().collect();
    assert_eq!(fields, ["contact", "leader", "speciality"], "{body}");
    let mut elsewhere = team();
    elsewhere["community_id"] = json!(99999);
    let (status, body) = staff.post_json("/api/v1/staff/teams", &elsewhere).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["community_id"].is_string(), "{body}");
}

async fn a_one_off_published_takes_sign_ups_and_raising_its_capacity_moves_the_waitlist_up(
    db: TestDb,
) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let id = publish(&staff, &blood_pressure(1, 1)).await;
    let shown = listed(&app, id).await.expect("listed at once");
    assert_eq!(shown["title"], "为老测血压");
    assert_eq!(shown["capacity"], 1);
    // Without coordinates, the activity is at its team's meeting place.
    let (_, team) = app.get_json("/api/v1/teams/1").await;
    assert_eq!(
        (shown["lat"].clone(), shown["lng"].clone()),
        (team["lat"].clone(), team["lng"].clone())
    );
    let (_, first) = applied(&app, id, "王秀英").await;
    let (second, s2) = applied(&app, id, "李建国").await;
    let (third, s3) = applied(&app, id, "张桂兰").await;
    assert_eq!(
        (first.as_str(), s2.as_str(), s3.as_str()),
        ("pending", "waitlisted", "waitlisted")
    );
    let mut more = blood_pressure(1, 2);
    more["title"] = json!("为老测血压（加场）");
    let (status, body) = staff
        .put_json(&format!("/api/v1/staff/activities/{id}"), &more)
        .await;
    assert_eq!(status, 200, "{body}");
    // One more place: the first on the waitlist takes it, the later one still waits.
    assert_eq!(lookup(&app, &second).await["status"], "pending");
    assert_eq!(lookup(&app, &third).await["status"], "waitlisted");
    assert_eq!(places_left(&app, id).await, 0);
    let shown = listed(&app, id).await.unwrap();
    assert_eq!(shown["title"], "为老测血压（加场）");
}

async fn lowering_capacity_below_the_places_held_is_refused_with_the_count(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let id = publish(&staff, &blood_pressure(1, 5)).await;
    applied(&app, id, "王秀英").await;
    applied(&app, id, "李建国").await;
    applied(&app, id, "张桂兰").await;
    let (status, body) = staff
        .put_json(
            &format!("/api/v1/staff/activities/{id}"),
            &blood_pressure(1, 2),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let message = body["fields"]["capacity"].as_str().unwrap();
    assert!(message.starts_with("3 places are already taken"), "{body}");
    assert_eq!(places_left(&app, id).await, 2, "nothing changed");
    let (status, _) = staff
        .put_json(
            &format!("/api/v1/staff/activities/{id}"),
            &blood_pressure(1, 3),
        )
        .await;
    assert_eq!(status, 200, "down to exactly the places held");
}

async fn a_cancelled_activity_tells_its_applicants_why_and_leaves_the_lists(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let id = publish(&staff, &blood_pressure(1, 1)).await;
    let (held, _) = applied(&app, id, "王秀英").await;
    let (waiting, _) = applied(&app, id, "李建国").await;
    let path = format!("/api/v1/staff/activities/{id}/cancel");
    let (status, body) = staff.post_json(&path, &json!({ "reason": "" })).await;
    assert_eq!(status, 422);
    assert!(body["fields"]["reason"].is_string(), "{body}");
    let reason = "暴雨橙色预警，活动取消，改期另行通知";
    let (status, outcome) = staff.post_json(&path, &json!({ "reason": reason })).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome, json!({ "activities": 1, "applications": 2 }));
    for reference in [&held, &waiting] {
        let found = lookup(&app, reference).await;
        assert_eq!(found["status"], "cancelled", "{found}");
        assert_eq!(found["note"], reason);
    }
    assert_eq!(listed(&app, id).await, None);
    // Nobody signs up to it any more, and it cannot be called off or changed again.
    let body = json!({ "name": "赵敏", "phone": PHONE, "activity_id": id, "skills": [],
                       "availability": [], "note": "", "consent": true });
    let (status, refused) = app.post_json("/api/v1/volunteer-applications", &body).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(
        staff.post_json(&path, &json!({ "reason": reason })).await.0,
        409
    );
    let (status, _) = staff
        .put_json(
            &format!("/api/v1/staff/activities/{id}"),
            &blood_pressure(1, 1),
        )
        .await;
    assert_eq!(status, 409);
    let (_, edited) = staff
        .get_json(&format!("/api/v1/staff/activities/{id}"))
        .await;
    assert_eq!(edited["cancelled"]["reason"], reason);
}

/// Weekly from a week ahead: the occurrences' ids and start times, soonest first.
async fn weekly(app: &TestApp, staff: &Browser) -> (i64, Vec<(i64, i64)>) {
    let mut body = blood_pressure(1, 4);
    body["repeat"] = json!("weekly");
    let first = publish(staff, &body).await;
    let occurrences: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, starts_at FROM activities WHERE series_id =
           (SELECT series_id FROM activities WHERE id = $1) ORDER BY starts_at",
    )
    .bind(first)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    (first, occurrences)
}

async fn a_weekly_series_is_scheduled_and_a_change_reaches_only_the_coming_occurrences(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let (first, occurrences) = weekly(&app, &staff).await;
    assert_eq!(occurrences[0].0, first);
    assert!(
        (7..=9).contains(&occurrences.len()),
        "two months of Tuesdays or so: {occurrences:?}"
    );
    assert!(
        occurrences
            .windows(2)
            .all(|w| w[1].1 - w[0].1 == 7 * 86_400)
    );
    let shown = listed(&app, first).await.unwrap();
    assert!(
        shown["repeat"].as_str().unwrap().starts_with("weekly:"),
        "{shown}"
    );
    // The first occurrence has taken place (its time moved into the past).
    let past = occurrences[0].1 - 14 * 86_400;
    sqlx::query("UPDATE activities SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(past)
        .bind(past + 7200)
        .bind(first)
        .execute(app.db.pool())
        .await
        .unwrap();
    let second = occurrences[1].0;
    let (_, edited) = staff
        .get_json(&format!("/api/v1/staff/activities/{second}"))
        .await;
    let mut change = edited["activity"].clone();
    let date = &beijing_datetime(occurrences[1].1)[..10];
    change["starts_at"] = json!(format!("{date} 14:30"));
    change["ends_at"] = json!(format!("{date} 16:00"));
    change["place"] = json!("经八路社区卫生服务站二楼");
    let (status, body) = staff
        .put_json(&format!("/api/v1/staff/activities/{second}"), &change)
        .await;
    assert_eq!(status, 200, "{body}");
    let ours: Vec<Value> = coming(&app)
        .await
        .into_iter()
        .filter(|a| occurrences.iter().any(|(id, _)| a["id"] == *id))
        .collect();
    assert_eq!(
        ours.len(),
        occurrences.len() - 1,
        "the past one is not listed"
    );
    for a in &ours {
        let at = beijing_datetime(a["starts_at"].as_i64().unwrap());
        assert!(at.ends_with("14:30"), "{at}");
        assert_eq!(
            a["ends_at"].as_i64().unwrap() - a["starts_at"].as_i64().unwrap(),
            5400
        );
        assert_eq!(a["place"], "经八路社区卫生服务站二楼");
    }
    let (_, past_one) = staff
        .get_json(&format!("/api/v1/staff/activities/{first}"))
        .await;
    assert_eq!(
        past_one["activity"]["place"], "经八路社区卫生服务站门口",
        "the past stays as it was"
    );
    assert_eq!(past_one["activity"]["starts_at"], past);
    // A series' dates follow its rule: moving one to another day is refused.
    let mut moved = change.clone();
    moved["starts_at"] = json!(format!(
        "{} 14:30",
        &beijing_datetime(occurrences[1].1 + 86_400)[..10]
    ));
    moved["ends_at"] = json!(format!(
        "{} 16:00",
        &beijing_datetime(occurrences[1].1 + 86_400)[..10]
    ));
    let (status, body) = staff
        .put_json(&format!("/api/v1/staff/activities/{second}"), &moved)
        .await;
    assert_eq!(status, 422, "{body}");
}

async fn a_series_is_ended_by_cancelling_with_series(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let (_, occurrences) = weekly(&app, &staff).await;
    let third = occurrences[2].0;
    let (reference, _) = applied(&app, occurrences[4].0, "王秀英").await;
    let path = format!("/api/v1/staff/activities/{third}/cancel");
    let body = json!({ "reason": "服务站装修，暂停到明年", "series": true });
    let (status, outcome) = staff.post_json(&path, &body).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["activities"], occurrences.len() as i64 - 2);
    assert_eq!(outcome["applications"], 1);
    assert_eq!(lookup(&app, &reference).await["status"], "cancelled");
    let left: Vec<i64> = coming(&app)
        .await
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .filter(|id| occurrences.iter().any(|(o, _)| o == id))
        .collect();
    assert_eq!(left, [occurrences[0].0, occurrences[1].0]);
    // The series makes no more occurrences, however far ahead the housekeeping looks.
    let count = || async {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM activities WHERE series_id =
               (SELECT series_id FROM activities WHERE id = $1)",
        )
        .bind(third)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        n
    };
    let before = count().await;
    let now = app::storage::unix_now();
    app::volunteers::db::schedule_series(&app.db, now, now + 200 * 86_400)
        .await
        .unwrap();
    assert_eq!(count().await, before);
}
