//! Staff areas: what an account of the city, a district, a street or a community sees and may
//! do, route by route, through the API and through the pages' server functions. Outside the
//! area is a 404, as if nothing were there.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use app::domain::staff::{Role, Scope};
use serde_json::{Value, json};

on_both_engines!(
    each_area_sees_and_decides_only_what_lies_in_it,
    admins_move_an_account_to_another_area_and_the_move_is_audited,
    a_community_worker_cannot_place_a_team_or_service_outside_the_community,
);

const PHONE: &str = "13812345678";

/// A community with services and a team with activities, and its street and district.
#[derive(sqlx::FromRow)]
pub(crate) struct Community {
    pub id: i64,
    pub street_id: i64,
    pub district_id: i64,
    pub service: i64,
    pub service_name: String,
    pub team: i64,
    pub activity: i64,
}

/// The first such community, in another district than `not_in` when given.
pub(crate) async fn community(app: &TestApp, not_in: Option<i64>) -> Community {
    sqlx::query_as(
        "SELECT c.id, c.street_id, st.district_id,
                (SELECT MIN(s.id) FROM services s WHERE s.community_id = c.id) AS service,
                (SELECT s.name FROM services s WHERE s.id =
                    (SELECT MIN(s2.id) FROM services s2 WHERE s2.community_id = c.id))
                    AS service_name,
                (SELECT MIN(t.id) FROM teams t WHERE t.community_id = c.id
                   AND EXISTS (SELECT 1 FROM activities a WHERE a.team_id = t.id)) AS team,
                (SELECT MIN(a.id) FROM activities a JOIN teams t ON t.id = a.team_id
                   WHERE t.community_id = c.id) AS activity
         FROM communities c JOIN streets st ON st.id = c.street_id
         WHERE EXISTS (SELECT 1 FROM services s WHERE s.community_id = c.id)
           AND EXISTS (SELECT 1 FROM activities a JOIN teams t ON t.id = a.team_id
                       WHERE t.community_id = c.id)
           AND st.district_id <> $1
         ORDER BY c.id LIMIT 1",
    )
    .bind(not_in.unwrap_or(0))
    .fetch_one(app.db.pool())
    .await
    .expect("the demo data has such a community")
}

async fn suggest(app: &TestApp, body: Value) -> String {
    let (status, receipt) = app.post_json("/api/v1/service-suggestions", &body).await;
    assert_eq!(status, 201, "{receipt}");
    receipt["reference"].as_str().unwrap().to_owned()
}

async fn about(app: &TestApp, service: i64) -> String {
    let body = json!({ "kind": "wrong_hours", "service_id": service,
                       "details": "周日其实不开门", "phone": PHONE });
    suggest(app, body).await
}

async fn queued(staff: &Browser) -> Vec<String> {
    let (status, queue) = staff.get_json("/api/v1/staff/queue?status=all").await;
    assert_eq!(status, 200, "{queue}");
    let (status, page) = staff.read("staff/queue", &[("status", "all")]).await;
    assert_eq!(status, 200, "{page}");
    let references = |queue: &Value| -> Vec<String> {
        queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["reference"].as_str().unwrap().to_owned())
            .collect()
    };
    // The same list (the waits may have grown by a second between the two).
    assert_eq!(
        references(&page),
        references(&queue),
        "the page lists what the API does"
    );
    references(&queue)
}

async fn pending(staff: &Browser) -> i64 {
    let (status, figures) = staff.get_json("/api/v1/staff/dashboard").await;
    assert_eq!(status, 200, "{figures}");
    figures["pending_by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| pair[1].as_i64().unwrap())
        .sum()
}

async fn each_area_sees_and_decides_only_what_lies_in_it(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let home = community(&app, None).await;
    let away = community(&app, Some(home.district_id)).await;
    let here = about(&app, home.service).await;
    let there = about(&app, away.service).await;
    let unplaced = suggest(
        &app,
        json!({ "kind": "new_service", "name": "康桥华城长者食堂", "category": "community_canteen",
                "address": "二七区大学南路88号", "details": "小区门口新开了一家社区食堂" }),
    )
    .await;
    let city = app.staff("city.mod", Role::Moderator).await;
    let (_, opened) = city
        .get_json(&format!("/api/v1/staff/services/{}", away.service))
        .await;
    // The change the city could save, tried from other areas.
    let mut away_service = opened["service"].clone();
    away_service["version"] = opened["version"].clone();
    away_service["description"] = json!("周日休息");
    let city_pending = pending(&city).await;

    let areas = [
        ("district.mod", Scope::District(home.district_id)),
        ("street.mod", Scope::Street(home.street_id)),
        ("community.mod", Scope::Community(home.id)),
    ];
    for (username, scope) in areas {
        let staff = app.staff_in(username, Role::Moderator, scope).await;
        let listed = queued(&staff).await;
        assert!(
            listed.contains(&here),
            "{username} sees its own: {listed:?}"
        );
        assert!(
            !listed.contains(&there),
            "{username} lists nothing elsewhere"
        );
        assert!(
            !listed.contains(&unplaced),
            "a place not yet placed is the city's"
        );
        assert!(
            pending(&staff).await < city_pending,
            "{username}'s dashboard"
        );

        // Opened by address, what lies elsewhere is not there: API and page alike.
        let not_here = |(status, body): (u16, Value), what: &str| {
            assert_eq!(status, 404, "{username}: {what}: {body}");
        };
        let submission = |r: &str| format!("/api/v1/staff/submissions/{r}");
        let (status, _) = staff.get_json(&submission(&here)).await;
        assert_eq!(status, 200, "{username} opens its own submission");
        not_here(staff.get_json(&submission(&there)).await, "submission");
        not_here(staff.get_json(&submission(&unplaced)).await, "unplaced");
        not_here(
            staff
                .read("staff/submission", &[("reference", &there)])
                .await,
            "page",
        );
        let decision = json!({ "decision": "reject", "reason": "核实后情况不符" });
        not_here(
            staff
                .post_json(&format!("{}/decision", submission(&there)), &decision)
                .await,
            "decision",
        );

        let service = |id: i64| format!("/api/v1/staff/services/{id}");
        let (status, _) = staff.get_json(&service(home.service)).await;
        assert_eq!(status, 200, "{username} opens its own service");
        not_here(staff.get_json(&service(away.service)).await, "service");
        let away_id = away.service.to_string();
        not_here(
            staff.read("staff/service", &[("id", &away_id)]).await,
            "service page",
        );
        not_here(
            staff.put_json(&service(away.service), &away_service).await,
            "edit",
        );
        not_here(
            staff
                .post_json(&format!("{}/confirm", service(away.service)), &json!({}))
                .await,
            "confirm",
        );
        not_here(
            staff
                .get_json(&format!("/api/v1/staff/teams/{}", away.team))
                .await,
            "team",
        );
        let activity = away.activity.to_string();
        not_here(
            staff
                .read("staff/attendance", &[("activity", &activity)])
                .await,
            "sheet",
        );
        let (status, found) = staff
            .get_json(&format!("/api/v1/staff/services?q={}", away.service_name))
            .await;
        assert_eq!((status, found["total"].as_i64()), (200, Some(0)), "{found}");

        let export = staff.get("/api/v1/staff/services/export?format=csv").await;
        assert_eq!(export.status(), 200);
        let export = export.text().await.unwrap();
        assert!(export.contains(&home.service_name), "{username}'s export");
        assert!(!export.contains(&away.service_name), "{username}'s export");
        let (status, coverage) = staff.read("services/coverage", &[]).await;
        assert_eq!(status, 200, "{coverage}");
        let (_, all) = city.read("services/coverage", &[]).await;
        let rows = |c: &Value| c["rows"].as_array().unwrap().len();
        assert!(rows(&coverage) < rows(&all), "{username}'s coverage");
    }

    // What stayed outside was not touched, and the city still decides it; the community decides
    // its own.
    let (status, _) = city
        .post_json(
            &format!("/api/v1/staff/submissions/{there}/decision"),
            &json!({ "decision": "approve" }),
        )
        .await;
    assert_eq!(status, 200, "the city decides what lies elsewhere");
    let listed = queued(&city).await;
    assert!(listed.contains(&unplaced) && listed.contains(&here));
}

async fn admins_move_an_account_to_another_area_and_the_move_is_audited(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let home = community(&app, None).await;
    let admin = app.staff("chen.admin", Role::Admin).await;
    let worker = app.staff("zhao.worker", Role::Moderator).await;
    let (_, accounts) = admin.read("staff/accounts", &[]).await;
    let id = |name: &str| {
        accounts
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["username"] == name)
            .map(|a| a["id"].to_string())
            .unwrap()
    };
    let (worker_id, admin_id) = (id("zhao.worker"), id("chen.admin"));
    let before = queued(&worker).await;

    let area = format!("community:{}", home.id);
    let (status, body) = admin
        .call(
            "staff/accounts/scope",
            &[("id", &worker_id), ("scope", &area)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // The session in use works in the new area from its next request.
    let after = queued(&worker).await;
    assert!(after.len() <= before.len());
    let (status, body) = admin
        .read("staff/audit", &[("action", "staff.scope")])
        .await;
    assert_eq!(status, 200);
    let entry = &body[0];
    assert_eq!(entry["target"], "staff:zhao.worker");
    assert!(
        entry["before"].as_str().unwrap().contains("\"city\""),
        "{entry}"
    );
    assert!(entry["after"].as_str().unwrap().contains(&area), "{entry}");

    // An admin works for the whole city; an area that does not exist is no area.
    let (status, body) = admin
        .call(
            "staff/accounts/scope",
            &[("id", &admin_id), ("scope", "street:1")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = admin
        .call(
            "staff/accounts/scope",
            &[("id", &worker_id), ("scope", "street:999999")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    // Only admins move accounts.
    let (status, _) = worker
        .call(
            "staff/accounts/scope",
            &[("id", &worker_id), ("scope", "city")],
        )
        .await;
    assert_eq!(status, 403);
}

async fn a_community_worker_cannot_place_a_team_or_service_outside_the_community(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let home = community(&app, None).await;
    let away = community(&app, Some(home.district_id)).await;
    let city = app.staff("city.mod", Role::Moderator).await;
    let worker = app
        .staff_in("sun.worker", Role::Moderator, Scope::Community(home.id))
        .await;
    // Its own team, moved to a community elsewhere: refused, and named on the field.
    let team = format!("/api/v1/staff/teams/{}", home.team);
    let (status, opened) = worker.get_json(&team).await;
    assert_eq!(status, 200, "{opened}");
    let mut body = opened["team"].clone();
    body["community_id"] = json!(away.id);
    body["grid_id"] = Value::Null;
    let (status, refused) = worker.put_json(&team, &body).await;
    assert_eq!(status, 422, "{refused}");
    assert!(refused["fields"]["community_id"].is_string(), "{refused}");
    // The city may.
    let (status, saved) = city.put_json(&team, &body).await;
    assert_eq!(status, 200, "{saved}");
    // And now that the team lies elsewhere, the worker no longer finds it.
    let (status, _) = worker.get_json(&team).await;
    assert_eq!(status, 404);
}
