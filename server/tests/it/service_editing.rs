//! Staff add, change, close, reopen and confirm service points; residents see each change at
//! once, and every change is a version in the entry's history and in the audit log.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use serde_json::{Value, json};

on_both_engines!(
    a_service_staff_add_is_found_nearby_with_its_history,
    an_edit_is_a_new_version_and_a_stale_save_is_refused,
    a_closed_service_leaves_every_public_page_until_reopened,
    bad_fields_are_named_and_unknown_ids_are_404,
    confirming_an_entry_moves_the_date_residents_read,
    a_correction_is_adopted_by_the_edit_it_asked_for,
    a_suggested_new_service_is_adopted_by_adding_it,
);

/// A pharmacy on Jingsan Road, beside the demo's Jinshui communities.
fn pharmacy() -> Value {
    json!({
        "name": "益丰大药房（经三路店）",
        "category": "pharmacy",
        "address": "金水区经三路与纬五路交叉口东北角",
        "description": "24 小时售药，可医保刷卡。",
        "phone": "0371-65881234",
        "lat": 34.7705,
        "lng": 113.6815,
        "hours": "每天 24小时",
    })
}

async fn create(staff: &Browser, body: &Value) -> i64 {
    let (status, saved) = staff.post_json("/api/v1/staff/services", body).await;
    assert_eq!(status, 201, "{saved}");
    assert_eq!(saved["version"], 1);
    saved["id"].as_i64().unwrap()
}

async fn history(staff: &Browser, id: i64) -> Vec<Value> {
    let (status, entries) = staff
        .get_json(&format!("/api/v1/staff/services/{id}/history"))
        .await;
    assert_eq!(status, 200, "{entries}");
    entries.as_array().unwrap().clone()
}

async fn audit_actions(admin: &Browser, id: i64) -> Vec<String> {
    let (status, log) = admin
        .get_json(&format!("/api/v1/staff/audit?target=service:{id}"))
        .await;
    assert_eq!(status, 200, "{log}");
    log.as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

async fn a_service_staff_add_is_found_nearby_with_its_history(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("li.na", Role::Moderator).await;
    let id = create(&staff, &pharmacy()).await;

    let (status, detail) = app.get_json(&format!("/api/v1/services/{id}")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["name"], "益丰大药房（经三路店）");
    assert_eq!(detail["open_now"], true, "open round the clock");
    assert!(
        detail["community"]["zh"]
            .as_str()
            .unwrap()
            .ends_with("社区")
    );
    assert!(detail["verified_at"].as_i64().is_some());

    let (status, nearby) = app
        .get_json("/api/v1/services?lat=34.7700&lng=113.6810&minutes=5&category=pharmacy")
        .await;
    assert_eq!(status, 200);
    assert!(ids(&nearby).contains(&id), "{nearby}");
    let page = app
        .get(&format!("/services/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("信息核实于"),
        "the public page says when it was confirmed"
    );

    let entries = history(&staff, id).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["action"], "create");
    assert_eq!(entries[0]["staff_username"], "li.na");
    let fields: Vec<&str> = entries[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"hours") && fields.contains(&"phone"),
        "{fields:?}"
    );
    let admin = app.staff("wang.admin", Role::Admin).await;
    assert_eq!(audit_actions(&admin, id).await, ["service.create"]);
}

async fn an_edit_is_a_new_version_and_a_stale_save_is_refused(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let first = app.staff("zhao.lei", Role::Moderator).await;
    let second = app.staff("qian.yu", Role::Moderator).await;
    let id = create(&first, &pharmacy()).await;
    let path = format!("/api/v1/staff/services/{id}");

    // Both read version 1; the first saves new Saturday hours, the second a new phone.
    let mut saturday = pharmacy();
    saturday["hours"] = json!("周一至周五 08:00-22:00；周六 09:00-12:00；周日休息");
    saturday["version"] = json!(1);
    let (status, saved) = first.put_json(&path, &saturday).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["version"], 2);
    let mut phone = pharmacy();
    phone["phone"] = json!("0371-65889999");
    phone["version"] = json!(1);
    let (status, refused) = second.put_json(&path, &phone).await;
    assert_eq!(status, 409, "{refused}");

    let (_, detail) = app.get_json(&format!("/api/v1/services/{id}")).await;
    assert_eq!(
        detail["phone"], "0371-65881234",
        "the stale save changed nothing"
    );
    assert_eq!(detail["hours"]["days"][5][0]["open"], 540);
    assert_eq!(detail["hours"]["days"][6], json!([]));

    // Saved again from the version now stored, it goes through.
    phone["hours"] = saturday["hours"].clone();
    phone["version"] = json!(2);
    let (status, saved) = second.put_json(&path, &phone).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["version"], 3);

    let entries = history(&first, id).await;
    let versions: Vec<i64> = entries
        .iter()
        .map(|e| e["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [3, 2, 1]);
    assert_eq!(entries[0]["staff_username"], "qian.yu");
    assert_eq!(
        entries[0]["changes"],
        json!([{ "field": "phone", "before": "0371-65881234", "after": "0371-65889999" }])
    );
    let hours = &entries[1]["changes"][0];
    assert_eq!(hours["field"], "hours");
    assert_eq!(hours["before"], "每天 00:00-24:00");
    assert_eq!(
        hours["after"],
        "周一至周五 08:00-22:00；周六 09:00-12:00；周日 休息"
    );
    let admin = app.staff("wang.admin", Role::Admin).await;
    assert_eq!(
        audit_actions(&admin, id).await,
        ["service.edit", "service.edit", "service.create"]
    );
}

async fn a_closed_service_leaves_every_public_page_until_reopened(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("sun.li", Role::Moderator).await;
    let id = create(&staff, &pharmacy()).await;
    let close = format!("/api/v1/staff/services/{id}/close");

    let (status, refused) = staff.post_json(&close, &json!({ "reason": "" })).await;
    assert_eq!(status, 422);
    assert!(refused["fields"]["reason"].is_string(), "{refused}");
    let (status, closed) = staff
        .post_json(
            &close,
            &json!({ "reason": "moved", "note": "搬到经三路 88 号" }),
        )
        .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["version"], 2);

    assert_eq!(app.get_json(&format!("/api/v1/services/{id}")).await.0, 404);
    assert_eq!(app.get(&format!("/services/{id}")).await.status(), 404);
    let (_, found) = app.get_json("/api/v1/services?q=益丰大药房").await;
    assert!(!ids(&found).contains(&id), "{found}");
    let (_, nearby) = app
        .get_json("/api/v1/services?lat=34.7700&lng=113.6810&minutes=5")
        .await;
    assert!(!ids(&nearby).contains(&id));
    let (status, _) = staff.post_json(&close, &json!({ "reason": "moved" })).await;
    assert_eq!(status, 409, "already closed");

    let (_, staff_view) = staff
        .get_json(&format!("/api/v1/staff/services/{id}"))
        .await;
    assert_eq!(staff_view["closed"]["reason"], "moved");
    assert_eq!(staff_view["closed"]["note"], "搬到经三路 88 号");

    let reopen = format!("/api/v1/staff/services/{id}/reopen");
    let (status, reopened) = staff.post_json(&reopen, &json!({})).await;
    assert_eq!(status, 200, "{reopened}");
    assert_eq!(app.get_json(&format!("/api/v1/services/{id}")).await.0, 200);
    let actions: Vec<Value> = history(&staff, id)
        .await
        .iter()
        .map(|e| e["action"].clone())
        .collect();
    assert_eq!(actions, ["reopen", "close", "create"]);
}

async fn bad_fields_are_named_and_unknown_ids_are_404(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, _) = app.post_json("/api/v1/staff/services", &pharmacy()).await;
    assert_eq!(status, 401, "anonymous callers are refused");
    let staff = app.staff("zhou.jie", Role::Moderator).await;
    let bad = json!({
        "name": "药", "category": "spaceport", "address": "经三路",
        "lat": "north", "lng": 113.68, "hours": "周一至周五 9点到5点",
    });
    let (status, refused) = staff.post_json("/api/v1/staff/services", &bad).await;
    assert_eq!(status, 422, "{refused}");
    for field in ["name", "category", "address", "lat", "hours"] {
        assert!(refused["fields"][field].is_string(), "{field}: {refused}");
    }
    assert!(
        refused["fields"]["hours"]
            .as_str()
            .unwrap()
            .contains("周一至周五 9点到5点"),
        "the hours' message names what it could not read: {refused}"
    );
    let mut beijing = pharmacy();
    beijing["lat"] = json!(39.9042);
    beijing["lng"] = json!(116.4074);
    let (status, refused) = staff.post_json("/api/v1/staff/services", &beijing).await;
    assert_eq!(status, 422, "outside every covered community: {refused}");

    let mut change = pharmacy();
    change["version"] = json!(1);
    let (status, _) = staff
        .put_json("/api/v1/staff/services/999999", &change)
        .await;
    assert_eq!(status, 404);
    let (status, _) = staff.put_json("/api/v1/staff/services/abc", &change).await;
    assert_eq!(status, 404);
    let (status, missing) = staff
        .put_json("/api/v1/staff/services/1", &pharmacy())
        .await;
    assert_eq!(status, 422, "a change names the version it was made from");
    assert!(missing["fields"]["version"].is_string(), "{missing}");
    let (status, _) = staff
        .get_json("/api/v1/staff/services/999999/history")
        .await;
    assert_eq!(status, 404);
}

async fn confirming_an_entry_moves_the_date_residents_read(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("wu.fang", Role::Moderator).await;
    sqlx::query("UPDATE services SET verified_at = 1764547200 WHERE id = 1")
        .execute(app.db.pool())
        .await
        .unwrap();
    app.db.changed();
    let page = app.get("/services/1").await.text().await.unwrap();
    assert!(page.contains("2025-12-01"), "the old date shows");
    let (status, confirmed) = staff
        .post_json("/api/v1/staff/services/1/confirm", &json!({}))
        .await;
    assert_eq!(status, 200, "{confirmed}");
    let (_, detail) = app.get_json("/api/v1/services/1").await;
    let today = app::domain::time::beijing_date(app::storage::unix_now());
    assert_eq!(
        app::domain::time::beijing_date(detail["verified_at"].as_i64().unwrap()),
        today
    );
    let page = app.get("/services/1").await.text().await.unwrap();
    assert!(
        page.contains(&today) && !page.contains("2025-12-01"),
        "{today}"
    );
    let entries = history(&staff, 1).await;
    assert_eq!(entries[0]["action"], "confirm");
}

const PHONE: &str = "13812345678";

async fn suggest(app: &TestApp, body: Value) -> String {
    let (status, receipt) = app.post_json("/api/v1/service-suggestions", &body).await;
    assert_eq!(status, 201, "{receipt}");
    receipt["reference"].as_str().unwrap().to_owned()
}

async fn lookup(app: &TestApp, reference: &str) -> Value {
    let body = json!({ "reference": reference, "phone": PHONE });
    let (status, found) = app.post_json("/api/v1/submissions/lookup", &body).await;
    assert_eq!(status, 200, "{found}");
    found
}

async fn a_correction_is_adopted_by_the_edit_it_asked_for(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("he.ping", Role::Moderator).await;
    let id = create(&staff, &pharmacy()).await;
    let reference = suggest(
        &app,
        json!({ "kind": "wrong_hours", "service_id": id, "phone": PHONE,
                "details": "周日不开门了，平时晚上十点关门" }),
    )
    .await;
    let elsewhere = suggest(
        &app,
        json!({ "kind": "moved", "service_id": 1, "phone": PHONE, "details": "搬到隔壁楼了" }),
    )
    .await;
    let path = format!("/api/v1/staff/services/{id}");
    let mut change = pharmacy();
    change["hours"] = json!("周一至周六 08:00-22:00；周日休息");
    change["version"] = json!(1);

    change["suggestion"] = json!(elsewhere);
    let (status, refused) = staff.put_json(&path, &change).await;
    assert_eq!(status, 422, "a suggestion about another place: {refused}");
    assert!(refused["fields"]["suggestion"].is_string());
    assert_eq!(lookup(&app, &elsewhere).await["status"], "pending");

    change["suggestion"] = json!(reference);
    let (status, saved) = staff.put_json(&path, &change).await;
    assert_eq!(status, 200, "{saved}");
    let found = lookup(&app, &reference).await;
    assert_eq!(found["status"], "approved");
    assert_eq!(found["adopted"]["service_id"], id);
    assert_eq!(found["adopted"]["version"], 2);
    assert_eq!(history(&staff, id).await[0]["suggestion"], json!(reference));

    // Adopted once: the same suggestion cannot be adopted again.
    change["version"] = json!(2);
    change["hours"] = json!("每天 08:00-22:00");
    let (status, _) = staff.put_json(&path, &change).await;
    assert_eq!(status, 409);
    let (_, detail) = app.get_json(&format!("/api/v1/services/{id}")).await;
    assert_eq!(
        detail["hours"]["days"][6],
        json!([]),
        "nothing of the refused save stays"
    );
}

async fn a_suggested_new_service_is_adopted_by_adding_it(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("ma.li", Role::Moderator).await;
    let reference = suggest(
        &app,
        json!({ "kind": "new_service", "name": "经三路社区长者食堂", "category": "community_canteen",
                "address": "金水区经三路32号院内", "details": "新开的长者食堂，午餐12元", "phone": PHONE }),
    )
    .await;
    let mut canteen = pharmacy();
    canteen["name"] = json!("经三路社区长者食堂");
    canteen["category"] = json!("community_canteen");
    canteen["hours"] = json!("每天 10:30-13:00, 16:30-18:30");
    canteen["suggestion"] = json!(reference);
    let id = create(&staff, &canteen).await;
    let found = lookup(&app, &reference).await;
    assert_eq!(found["status"], "approved");
    assert_eq!(found["adopted"]["service_id"], id);
    let (status, _) = app.get_json(&format!("/api/v1/services/{id}")).await;
    assert_eq!(status, 200, "the adopted place is listed");
}
