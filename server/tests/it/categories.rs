//! Admins keep the categories of daily life: a new one is offered, searched, counted in gaps
//! and coverage at once; a renamed one reads so everywhere; one in use is not retired.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use serde_json::{Value, json};

on_both_engines!(
    a_new_category_is_offered_searched_and_counted_at_once,
    a_rename_shows_at_once_and_taken_ids_and_names_are_refused,
    a_category_in_use_is_kept_and_an_unused_one_retired_and_restored,
    only_admins_change_categories,
    a_closed_service_of_a_retired_category_waits_for_it_to_be_restored,
);

fn key_cutting() -> Value {
    json!({
        "id": "key_cutting",
        "name_zh": "配钥匙",
        "icon": "🔑",
        "circle_minutes": 10,
        "shop": true,
        "words": "门禁卡、钥匙",
    })
}

/// A service of `category` on Jingsan Road, beside the demo's Jinshui communities.
fn service(category: &str) -> Value {
    json!({
        "name": "老王配钥匙（经三路）",
        "category": category,
        "address": "金水区经三路与纬五路交叉口西南角",
        "description": "配钥匙、门禁卡复制、开锁。",
        "lat": 34.7705,
        "lng": 113.6815,
        "hours": "每天 08:00-20:00",
    })
}

async fn public_ids(app: &TestApp) -> Vec<String> {
    let (status, list) = app.get_json("/api/v1/categories").await;
    assert_eq!(status, 200, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn actions(admin: &Browser, id: &str) -> Vec<String> {
    let (_, log) = admin
        .get_json(&format!("/api/v1/staff/audit?target=category:{id}"))
        .await;
    log.as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_new_category_is_offered_searched_and_counted_at_once(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let ids = public_ids(&app).await;
    for seeded in ["housekeeping", "photo_print", "supermarket", "recycling"] {
        assert!(ids.contains(&seeded.to_owned()), "MOFCOM's {seeded}");
    }
    let admin = app.staff("admin.zhao", Role::Admin).await;
    let (status, made) = admin
        .post_json("/api/v1/staff/categories", &key_cutting())
        .await;
    assert_eq!(
        (status, &made["id"]),
        (201, &json!("key_cutting")),
        "{made}"
    );
    assert!(public_ids(&app).await.contains(&"key_cutting".to_owned()));
    let (_, list) = app.get_json("/api/v1/categories").await;
    let made = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "key_cutting")
        .unwrap();
    assert_eq!(
        made["name_en"], "配钥匙",
        "English left empty takes the Chinese"
    );
    assert_eq!(made["circle_minutes"], 10);

    // Nothing of it anywhere yet: a gap around a home, a column of gaps in coverage.
    let home = [("lat", "34.7705"), ("lng", "113.6815")];
    let (status, near) = app.call("services/nearby", &home).await;
    assert_eq!(status, 200, "{near}");
    assert!(
        near["gaps"]
            .as_array()
            .unwrap()
            .contains(&json!("key_cutting"))
    );
    let (status, coverage) = admin.read("services/coverage", &[]).await;
    assert_eq!(status, 200, "{coverage}");
    let column = coverage["categories"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["id"] == "key_cutting")
        .expect("a column for it");
    assert!(
        coverage["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["covered"][column] == false)
    );

    // A service of it: found by its words, by the filter, and no longer a gap there.
    let staff = app.staff("li.na", Role::Moderator).await;
    let (status, saved) = staff
        .post_json("/api/v1/staff/services", &service("key_cutting"))
        .await;
    assert_eq!(status, 201, "{saved}");
    let (_, found) = app
        .get_json("/api/v1/services?q=%E9%97%A8%E7%A6%81%E5%8D%A1")
        .await;
    assert_eq!(found["total"], 1, "门禁卡 names the category: {found}");
    let (_, filtered) = app.get_json("/api/v1/services?category=key_cutting").await;
    assert_eq!(filtered["items"][0]["id"], saved["id"]);
    let (_, near) = app.call("services/nearby", &home).await;
    assert!(
        !near["gaps"]
            .as_array()
            .unwrap()
            .contains(&json!("key_cutting"))
    );
    assert_eq!(actions(&admin, "key_cutting").await, ["category.create"]);
}

async fn a_rename_shows_at_once_and_taken_ids_and_names_are_refused(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let admin = app.staff("admin.zhao", Role::Admin).await;
    let (status, before) = admin.get_json("/api/v1/staff/categories/pharmacy").await;
    assert_eq!(status, 200, "{before}");
    assert!(
        before["listed"].as_u64().unwrap() > 0,
        "demo pharmacies: {before}"
    );
    let mut renamed = before["category"].clone();
    renamed["name_zh"] = json!("药店药房");
    renamed["name_en"] = json!("Chemist");
    let (status, body) = admin
        .put_json("/api/v1/staff/categories/pharmacy", &renamed)
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, list) = app.get_json("/api/v1/categories").await;
    let pharmacy = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "pharmacy")
        .unwrap();
    assert_eq!(
        (&pharmacy["name_zh"], &pharmacy["name_en"]),
        (&json!("药店药房"), &json!("Chemist"))
    );
    assert!(
        app.get("/services")
            .await
            .text()
            .await
            .unwrap()
            .contains("药店药房")
    );
    assert_eq!(actions(&admin, "pharmacy").await, ["category.edit"]);

    renamed["name_zh"] = json!("便利店");
    let (status, body) = admin
        .put_json("/api/v1/staff/categories/pharmacy", &renamed)
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["name_zh"].is_string(), "{body}");
    let taken =
        json!({ "id": "pharmacy", "name_zh": "新药店", "icon": "💊", "circle_minutes": 10 });
    let (status, body) = admin.post_json("/api/v1/staff/categories", &taken).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["id"].is_string(), "{body}");
    let (status, _) = admin
        .put_json("/api/v1/staff/categories/casino", &renamed)
        .await;
    assert_eq!(status, 404);
}

async fn a_category_in_use_is_kept_and_an_unused_one_retired_and_restored(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let admin = app.staff("admin.zhao", Role::Admin).await;
    let (status, body) = admin
        .post_json("/api/v1/staff/categories/pharmacy/retire", &json!({}))
        .await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("listed services"),
        "{body}"
    );
    assert!(public_ids(&app).await.contains(&"pharmacy".to_owned()));

    let (status, body) = admin
        .post_json("/api/v1/staff/categories/middle_school/retire", &json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(!public_ids(&app).await.contains(&"middle_school".to_owned()));
    let (_, staff_list) = admin.get_json("/api/v1/staff/categories").await;
    let retired = staff_list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"]["id"] == "middle_school")
        .unwrap();
    assert_eq!(retired["retired"], true);
    // Not offered for new entries, by staff or by residents.
    let (status, body) = admin
        .post_json("/api/v1/staff/services", &service("middle_school"))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["category"].is_string(), "{body}");
    let suggestion = json!({
        "kind": "new_service", "name": "郑州市第八中学", "category": "middle_school",
        "address": "金水区经三路 39 号", "details": "学校门口有家长接送点",
    });
    let (status, body) = app
        .post_json("/api/v1/service-suggestions", &suggestion)
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["category"].is_string(), "{body}");
    let (status, _) = app
        .get_json("/api/v1/services?category=middle_school")
        .await;
    assert_eq!(status, 422, "a retired category is not a filter");

    let (status, body) = admin
        .post_json("/api/v1/staff/categories/middle_school/restore", &json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(public_ids(&app).await.contains(&"middle_school".to_owned()));
    let (status, body) = app
        .post_json("/api/v1/service-suggestions", &suggestion)
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        actions(&admin, "middle_school").await,
        ["category.restore", "category.retire"]
    );
}

async fn only_admins_change_categories(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let moderator = app.staff("li.na", Role::Moderator).await;
    for (status, _) in [
        moderator
            .post_json("/api/v1/staff/categories", &key_cutting())
            .await,
        moderator.get_json("/api/v1/staff/categories").await,
        moderator
            .post_json("/api/v1/staff/categories/middle_school/retire", &json!({}))
            .await,
    ] {
        assert_eq!(status, 403);
    }
    let (status, _) = app
        .post_json("/api/v1/staff/categories", &key_cutting())
        .await;
    assert_eq!(status, 401);
    assert!(!public_ids(&app).await.contains(&"key_cutting".to_owned()));
}

async fn a_closed_service_of_a_retired_category_waits_for_it_to_be_restored(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let admin = app.staff("admin.zhao", Role::Admin).await;
    assert_eq!(
        admin
            .post_json("/api/v1/staff/categories", &key_cutting())
            .await
            .0,
        201
    );
    let (_, saved) = admin
        .post_json("/api/v1/staff/services", &service("key_cutting"))
        .await;
    let id = saved["id"].as_i64().unwrap();
    let close = json!({ "reason": "shut_down" });
    let (status, body) = admin
        .post_json(&format!("/api/v1/staff/services/{id}/close"), &close)
        .await;
    assert_eq!(status, 200, "{body}");
    // Closed, it is not listed: the category can go.
    let retire = "/api/v1/staff/categories/key_cutting/retire";
    assert_eq!(admin.post_json(retire, &json!({})).await.0, 200);
    let reopen = format!("/api/v1/staff/services/{id}/reopen");
    let (status, body) = admin.post_json(&reopen, &json!({})).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("retired"),
        "{body}"
    );
    let restore = "/api/v1/staff/categories/key_cutting/restore";
    assert_eq!(admin.post_json(restore, &json!({})).await.0, 200);
    assert_eq!(admin.post_json(&reopen, &json!({})).await.0, 200);
    let (status, _) = app.get_json(&format!("/api/v1/services/{id}")).await;
    assert_eq!(status, 200);
}
