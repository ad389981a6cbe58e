//! A team leader's activities: they wait in the moderation queue, and residents see them only
//! once a moderator whose area holds the team approves them.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use crate::scopes::community;
use app::domain::staff::{Role, Scope};
use serde_json::{Value, json};

on_both_engines!(
    a_team_leaders_activity_is_public_only_once_the_areas_moderator_approves_it,
    a_repeating_activity_is_published_whole_and_a_late_or_rejected_one_never,
);

/// A team leader of `team`, signed in.
async fn leader(app: &TestApp, username: &str, team: i64) -> Browser {
    crate::team_leaders::sign_in_leader(app, username, team)
        .await
        .0
}

/// An activity of `team` starting `days` from now, at a whole minute.
fn activity(team: i64, title: &str, days: i64, repeat: &str) -> Value {
    let now = app::storage::unix_now();
    let start = now - now % 60 + days * 86_400;
    json!({ "team_id": team, "title": title, "description": "清理楼道堆放杂物，带好手套",
            "place": "社区党群服务中心门口", "starts_at": start, "ends_at": start + 7200,
            "capacity": 8, "repeat": repeat })
}

async fn propose(leader: &Browser, body: &Value) -> String {
    let (status, filed) = leader
        .post_json("/api/v1/staff/activities/proposals", body)
        .await;
    assert_eq!(status, 201, "{filed}");
    filed["reference"].as_str().unwrap().to_owned()
}

/// The titles of the public activities of `team` in the coming two months.
async fn public_titles(app: &TestApp, team: i64) -> Vec<String> {
    let now = app::storage::unix_now();
    let path = format!(
        "/api/v1/activities?team={team}&from={now}&to={}",
        now + 60 * 86_400
    );
    let (status, listed) = app.get_json(&path).await;
    assert_eq!(status, 200, "{listed}");
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect()
}

/// Changes what a proposal holds, as if the rules or the clock had moved while it waited.
async fn change_payload(app: &TestApp, reference: &str, change: impl FnOnce(&mut Value)) {
    let stored: String = sqlx::query_scalar("SELECT payload FROM submissions WHERE reference = $1")
        .bind(reference)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let mut payload: Value = serde_json::from_str(&stored).unwrap();
    change(&mut payload);
    sqlx::query(
        "UPDATE submission_versions SET payload = $1
         WHERE submission_id = (SELECT id FROM submissions WHERE reference = $2)",
    )
    .bind(payload.to_string())
    .bind(reference)
    .execute(app.db.pool())
    .await
    .unwrap();
}

fn decide(decision: &str, reason: Option<&str>) -> Value {
    json!({ "decision": decision, "reason": reason })
}

async fn a_team_leaders_activity_is_public_only_once_the_areas_moderator_approves_it(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let home = community(&app, None).await;
    let away = community(&app, Some(home.district_id)).await;
    let lead = leader(&app, "lead.zhao", home.team).await;
    // The staff menu names the team the account keeps.
    let team: String = sqlx::query_scalar("SELECT name_zh FROM teams WHERE id = $1")
        .bind(home.team)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (status, me) = lead.read("staff/whoami", &[]).await;
    assert_eq!((status, &me["area"]["zh"]), (200, &json!(team)));

    let reference = propose(&lead, &activity(home.team, "冬季楼道清扫", 10, "none")).await;
    assert!(
        !public_titles(&app, home.team)
            .await
            .contains(&"冬季楼道清扫".to_owned())
    );

    // The leader follows it in their queue, and reads it as the moderator will.
    let (status, queue) = lead.get_json("/api/v1/staff/queue").await;
    assert_eq!(status, 200, "{queue}");
    let item = &queue["items"][0];
    assert_eq!(
        (&item["reference"], &item["kind"], &item["name"]),
        (
            &json!(reference),
            &json!("activity_proposal"),
            &json!("冬季楼道清扫")
        )
    );
    let path = format!("/api/v1/staff/submissions/{reference}");
    let (status, opened) = lead.get_json(&path).await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["proposal"]["proposed_by"], "lead.zhao");
    let labels: Vec<&str> = opened["versions"][0]["shown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["label"][0].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"开始时间") && labels.contains(&"名额"),
        "{labels:?}"
    );
    assert!(
        opened["versions"][0]["place"]["lat"].is_f64(),
        "its map: {opened}"
    );

    // Not their own team's: no such team. Nor may they decide.
    let (status, refused) = lead
        .post_json(
            "/api/v1/staff/activities/proposals",
            &activity(away.team, "跨队活动", 10, "none"),
        )
        .await;
    assert_eq!(status, 422);
    assert!(refused["fields"]["team_id"].is_string(), "{refused}");
    let decision = format!("{path}/decision");
    assert_eq!(
        lead.post_json(&decision, &decide("approve", None)).await.0,
        403
    );

    // A moderator elsewhere finds nothing; the area's cannot return it, and approves it.
    let elsewhere = app
        .staff_in("he.away", Role::Moderator, Scope::Community(away.id))
        .await;
    assert_eq!(elsewhere.get_json(&path).await.0, 404);
    let approve = decide("approve", None);
    assert_eq!(elsewhere.post_json(&decision, &approve).await.0, 404);
    let area = app
        .staff_in("he.home", Role::Moderator, Scope::Community(home.id))
        .await;
    let (status, figures) = area.get_json("/api/v1/staff/dashboard").await;
    assert_eq!(status, 200);
    assert!(
        figures["pending_by_kind"]
            .as_array()
            .unwrap()
            .contains(&json!(["activity_proposal", 1])),
        "{figures}"
    );
    let (status, body) = area
        .post_json(&decision, &decide("return", Some("改到周六")))
        .await;
    assert_eq!(status, 422);
    assert!(body["fields"]["decision"].is_string(), "{body}");
    let (status, body) = area.post_json(&decision, &approve).await;
    assert_eq!(status, 200, "{body}");

    assert!(
        public_titles(&app, home.team)
            .await
            .contains(&"冬季楼道清扫".to_owned())
    );
    let (_, opened) = lead.get_json(&path).await;
    assert_eq!(opened["status"], "approved");
    let published = opened["proposal"]["activity_id"]
        .as_i64()
        .expect("published");
    let action: String = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE target = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(format!("activity:{published}"))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(action, "activity.create");

    // The page's server function files the same way.
    let (status, filed) = lead
        .post_json(
            "/api/staff/activities/propose",
            &json!({ "activity": activity(home.team, "为独居老人送年货", 12, "none") }),
        )
        .await;
    assert_eq!(status, 200, "{filed}");
    let (_, queue) = area.get_json("/api/v1/staff/queue").await;
    assert_eq!(queue["items"][0]["reference"], filed["reference"]);
}

async fn a_repeating_activity_is_published_whole_and_a_late_or_rejected_one_never(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let home = community(&app, None).await;
    let lead = leader(&app, "lead.sun", home.team).await;
    let area = app
        .staff_in("he.street", Role::Moderator, Scope::Street(home.street_id))
        .await;
    let decision = |reference: &str| format!("/api/v1/staff/submissions/{reference}/decision");

    // Weekly, from a week ahead: about nine occurrences in the two months made ahead.
    let weekly = propose(&lead, &activity(home.team, "每周健康义诊", 7, "weekly")).await;
    let (status, body) = area
        .post_json(&decision(&weekly), &decide("approve", None))
        .await;
    assert_eq!(status, 200, "{body}");
    let made = public_titles(&app, home.team)
        .await
        .iter()
        .filter(|t| *t == "每周健康义诊")
        .count();
    assert!((8..=10).contains(&made), "{made} occurrences");

    // One whose start passes while it waits cannot be approved, and stays in the queue.
    let late = propose(&lead, &activity(home.team, "迟到的活动", 1, "none")).await;
    let started = app::storage::unix_now() / 60 * 60 - 600;
    change_payload(&app, &late, |p| {
        p["starts_at"] = json!(started);
        p["ends_at"] = json!(started + 7200);
    })
    .await;
    let (status, body) = area
        .post_json(&decision(&late), &decide("approve", None))
        .await;
    assert_eq!(status, 422);
    assert!(body["fields"]["decision"].is_string(), "{body}");
    let (_, opened) = lead
        .get_json(&format!("/api/v1/staff/submissions/{late}"))
        .await;
    assert_eq!(opened["status"], "pending");
    // Nor one that no longer meets the form's rules: the decision's field says which.
    let big = propose(&lead, &activity(home.team, "大型义诊", 6, "none")).await;
    change_payload(&app, &big, |p| p["capacity"] = json!(9999)).await;
    let (status, body) = area
        .post_json(&decision(&big), &decide("approve", None))
        .await;
    assert_eq!(status, 422);
    let said = body["fields"]["decision"].as_str().unwrap_or_default();
    assert!(said.contains("Places must be"), "{body}");

    // Rejected: the leader reads why, and nothing is published.
    let rejected = propose(&lead, &activity(home.team, "夜间巡逻", 5, "none")).await;
    let (status, _) = area
        .post_json(
            &decision(&rejected),
            &decide("reject", Some("夜间活动请与社区民警一同组织")),
        )
        .await;
    assert_eq!(status, 200);
    let (_, opened) = lead
        .get_json(&format!("/api/v1/staff/submissions/{rejected}"))
        .await;
    assert_eq!(
        (&opened["status"], &opened["note"]),
        (&json!("rejected"), &json!("夜间活动请与社区民警一同组织"))
    );
    assert!(
        !public_titles(&app, home.team)
            .await
            .contains(&"夜间巡逻".to_owned())
    );
}
