//! The moderation queue: every kind of submission, decisions, the audit log, corrections.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use serde_json::{Value, json};

on_both_engines!(
    the_queue_shows_the_longest_waiting_first_and_filters,
    approval_is_recorded_in_the_audit_log_and_the_submitter_sees_it,
    a_rejection_needs_a_reason_which_the_submitter_reads,
    a_submission_is_decided_once_and_the_second_decision_is_a_conflict,
    a_returned_suggestion_is_corrected_and_comes_back_as_a_new_version,
    the_audit_log_cannot_be_changed_even_from_inside,
    the_dashboard_counts_pending_decided_and_the_disposal_rate,
    the_queue_comes_fifty_to_a_page,
    opening_a_submission_with_a_mobile_number_is_audited_without_the_number,
);

const PHONE: &str = "13912345678";

/// Files a correction to service 1 and returns its reference.
async fn file(app: &TestApp, details: &str) -> String {
    let body =
        json!({ "kind": "wrong_hours", "service_id": 1, "details": details, "phone": PHONE });
    let (status, receipt) = app.post_json("/api/v1/service-suggestions", &body).await;
    assert_eq!(status, 201, "{receipt}");
    receipt["reference"].as_str().unwrap().to_owned()
}

async fn decide(
    staff: &Browser,
    reference: &str,
    decision: &str,
    reason: Option<&str>,
) -> (u16, Value) {
    let path = format!("/api/v1/staff/submissions/{reference}/decision");
    staff
        .post_json(&path, &json!({ "decision": decision, "reason": reason }))
        .await
}

async fn lookup(app: &TestApp, reference: &str) -> Value {
    let body = json!({ "reference": reference, "phone": PHONE });
    let (status, found) = app.post_json("/api/v1/submissions/lookup", &body).await;
    assert_eq!(status, 200, "{found}");
    found
}

fn references(queue: &Value) -> Vec<&str> {
    queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reference"].as_str().unwrap())
        .collect()
}

async fn the_queue_shows_the_longest_waiting_first_and_filters(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("dong.mei", Role::Moderator).await;
    let older = file(&app, "周日上午也开门，到十二点").await;
    let newer = file(&app, "午休时间是十二点到两点").await;
    // The older one has waited two days.
    sqlx::query("UPDATE submissions SET queued_at = queued_at - 172800 WHERE reference = $1")
        .bind(&older)
        .execute(app.db.pool())
        .await
        .unwrap();
    let (status, queue) = staff.get_json("/api/v1/staff/queue").await;
    assert_eq!(status, 200);
    assert_eq!(references(&queue), [older.as_str(), newer.as_str()]);
    assert!(queue["items"][0]["waited_secs"].as_i64().unwrap() >= 172800);
    assert_eq!(queue["items"][0]["kind"], "service_suggestion");
    assert!(queue["items"][0]["community"]["zh"].is_string());

    let (_, none) = staff
        .get_json("/api/v1/staff/queue?kind=merchant_registration")
        .await;
    assert_eq!(none["total"], 0);
    decide(&staff, &newer, "approve", None).await;
    let (_, pending) = staff.get_json("/api/v1/staff/queue").await;
    assert_eq!(references(&pending), [older.as_str()]);
    let (_, approved) = staff.get_json("/api/v1/staff/queue?status=approved").await;
    assert_eq!(references(&approved), [newer.as_str()]);
    let community = queue["items"][0]["community_id"].as_i64();
    assert!(
        community.is_none(),
        "ids stay internal; the name is what staff read"
    );
    let (status, body) = staff.get_json("/api/v1/staff/queue?status=lost").await;
    assert_eq!(status, 422);
    assert!(body["fields"]["status"].is_string(), "{body}");
    // The page lists it too, with how long it has waited.
    let html = staff.get("/staff/queue").await.text().await.unwrap();
    assert!(
        html.contains(&older) && html.contains("2 天"),
        "waited two days"
    );
}

async fn approval_is_recorded_in_the_audit_log_and_the_submitter_sees_it(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let moderator = app.staff("gao.yu", Role::Moderator).await;
    let admin = app.staff("admin.luo", Role::Admin).await;
    let reference = file(&app, "电话号码已经换了，新号码是65551234").await;
    let (status, body) = decide(&moderator, &reference, "approve", None).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("approved")));
    assert_eq!(lookup(&app, &reference).await["status"], "approved");

    let (_, log) = admin
        .get_json(&format!("/api/v1/staff/audit?target={reference}"))
        .await;
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry["action"], "submission.approve");
    assert_eq!(entry["staff_username"], "gao.yu");
    let before: Value = serde_json::from_str(entry["before"].as_str().unwrap()).unwrap();
    let after: Value = serde_json::from_str(entry["after"].as_str().unwrap()).unwrap();
    assert_eq!(
        (before["status"].as_str(), after["status"].as_str()),
        (Some("pending"), Some("approved"))
    );
    assert!(entry["at"].as_i64().unwrap() > 1_700_000_000);

    let (_, detail) = moderator
        .get_json(&format!("/api/v1/staff/submissions/{reference}"))
        .await;
    assert_eq!(detail["phone"], PHONE, "staff see the full number");
    assert_eq!(detail["decisions"][0]["staff_username"], "gao.yu");
}

async fn a_rejection_needs_a_reason_which_the_submitter_reads(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("pan.xue", Role::Moderator).await;
    let reference = file(&app, "这里的营业时间不对").await;
    let (status, body) = decide(&staff, &reference, "reject", None).await;
    assert_eq!(status, 422);
    assert!(body["fields"]["reason"].is_string(), "{body}");
    let (status, body) = decide(&staff, &reference, "return", Some(" ")).await;
    assert_eq!((status, body["fields"]["reason"].is_string()), (422, true));
    assert_eq!(
        lookup(&app, &reference).await["status"],
        "pending",
        "nothing changed"
    );
    let reason = "经现场核实，开放时间与公示一致";
    assert_eq!(
        decide(&staff, &reference, "reject", Some(reason)).await.0,
        200
    );
    let found = lookup(&app, &reference).await;
    assert_eq!(
        (found["status"].as_str(), found["note"].as_str()),
        (Some("rejected"), Some(reason))
    );
    assert!(
        found.get("correction").is_none(),
        "only a returned one comes back to edit"
    );
}

async fn a_submission_is_decided_once_and_the_second_decision_is_a_conflict(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let first = app.staff("qin.hao", Role::Moderator).await;
    let second = app.staff("shi.lan", Role::Moderator).await;
    let reference = file(&app, "周六全天开放，周日休息").await;
    let (a, b) = tokio::join!(
        decide(&first, &reference, "approve", None),
        decide(&second, &reference, "reject", Some("重复提交")),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
    let decisions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM decisions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(decisions, 1);
    assert_eq!(decide(&first, "QH-ZZZZZZZZ", "approve", None).await.0, 404);
}

async fn a_returned_suggestion_is_corrected_and_comes_back_as_a_new_version(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("yin.rong", Role::Moderator).await;
    let reference = file(&app, "开放时间不对").await;
    let note = "请写明是哪一天、几点到几点";
    assert_eq!(
        decide(&staff, &reference, "return", Some(note)).await.0,
        200
    );
    let found = lookup(&app, &reference).await;
    assert_eq!(
        (found["status"].as_str(), found["note"].as_str()),
        (Some("returned"), Some(note))
    );
    let fields = &found["correction"]["fields"];
    assert_eq!(
        fields["details"], "开放时间不对",
        "what was sent comes back to be fixed"
    );
    assert_eq!(fields["service_id"], 1);

    let resident = app.browser();
    let resubmit = |details: &'static str| {
        let reference = reference.clone();
        let resident = &resident;
        async move {
            let form = [
                ("reference", reference.as_str()),
                ("phone", PHONE),
                ("suggestion[kind]", "wrong_hours"),
                ("suggestion[service_id]", "1"),
                ("suggestion[details]", details),
            ];
            resident.call("services/resubmit", &form).await
        }
    };
    let (status, body) = resubmit("短").await;
    assert_eq!(status, 422, "checked by the same rules: {body}");
    let (status, receipt) = resubmit("周六上午九点到十二点开放，下午休息").await;
    assert_eq!(
        (status, receipt["status"].as_str()),
        (200, Some("pending")),
        "{receipt}"
    );
    assert_eq!(
        resubmit("再改一次，周日也开").await.0,
        409,
        "only while returned"
    );

    let (_, detail) = staff
        .get_json(&format!("/api/v1/staff/submissions/{reference}"))
        .await;
    assert_eq!(detail["status"], "pending");
    let versions = detail["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2, "staff see every version");
    let details = |v: &Value| {
        v["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f[0] == "details")
            .map(|f| f[1].as_str().unwrap().to_owned())
    };
    assert_eq!(
        details(&versions[0]).as_deref(),
        Some("周六上午九点到十二点开放，下午休息")
    );
    assert_eq!(details(&versions[1]).as_deref(), Some("开放时间不对"));
    assert_eq!(detail["decisions"][0]["decision"], "return");
    assert_eq!(decide(&staff, &reference, "approve", None).await.0, 200);
    assert_eq!(lookup(&app, &reference).await["status"], "approved");
}

async fn the_audit_log_cannot_be_changed_even_from_inside(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("kong.wei", Role::Moderator).await;
    let reference = file(&app, "已经搬到对面楼里了").await;
    decide(&staff, &reference, "approve", None).await;
    let update = sqlx::query("UPDATE audit_log SET staff_username = 'someone.else'")
        .execute(app.db.pool())
        .await;
    assert!(update.is_err(), "an update is refused");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(app.db.pool())
        .await;
    assert!(delete.is_err(), "a delete is refused");
    let who: Vec<String> =
        sqlx::query_scalar("SELECT staff_username FROM audit_log WHERE target = $1")
            .bind(&reference)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(who, ["kong.wei"]);
}

async fn the_dashboard_counts_pending_decided_and_the_disposal_rate(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("feng.qi", Role::Moderator).await;
    let mut references = Vec::new();
    for details in [
        "一号反映的情况",
        "二号反映的情况",
        "三号反映的情况",
        "四号反映的情况",
    ] {
        references.push(file(&app, details).await);
    }
    // One has waited over a week.
    sqlx::query("UPDATE submissions SET queued_at = queued_at - 700000 WHERE reference = $1")
        .bind(&references[3])
        .execute(app.db.pool())
        .await
        .unwrap();
    decide(&staff, &references[0], "approve", None).await;
    decide(&staff, &references[1], "reject", Some("信息不实")).await;
    // Neither a waitlisted nor a withdrawn one is staff's to finish: the rate leaves them out.
    for (details, status) in [
        ("五号反映的情况", "waitlisted"),
        ("六号反映的情况", "withdrawn"),
    ] {
        let reference = file(&app, details).await;
        sqlx::query("UPDATE submissions SET status = $1 WHERE reference = $2")
            .bind(status)
            .bind(&reference)
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    let (status, d) = staff.get_json("/api/v1/staff/dashboard").await;
    assert_eq!(status, 200);
    assert_eq!(d["pending_by_kind"], json!([["service_suggestion", 2]]));
    assert_eq!(d["pending_by_age"], json!([1, 0, 0, 1]));
    assert_eq!(d["decided_this_week"], 2);
    assert!(d["median_decision_secs"].as_i64().unwrap() < 60);
    assert_eq!(
        (d["disposed"].as_i64(), d["total"].as_i64()),
        (Some(2), Some(4))
    );
    let html = staff.get("/staff").await.text().await.unwrap();
    assert!(html.contains("50.0%"), "the disposal rate on the dashboard");
}

async fn the_queue_comes_fifty_to_a_page(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("bai.xue", Role::Moderator).await;
    for i in 0..51 {
        let submission = app::submissions::db::NewSubmission {
            kind: app::submissions::Kind::ServiceSuggestion,
            status: app::submissions::Status::Pending,
            community_id: None,
            phone: None,
            payload: format!("{{\"details\":\"第{i}条\"}}"),
            idempotency_key: None,
        };
        app::submissions::db::file(&app.db, submission)
            .await
            .unwrap();
    }
    let (_, first) = staff.get_json("/api/v1/staff/queue").await;
    assert_eq!(
        (
            first["items"].as_array().unwrap().len(),
            first["total"].as_i64()
        ),
        (50, Some(51))
    );
    let (_, second) = staff.get_json("/api/v1/staff/queue?page=1").await;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    let html = staff.get("/staff/queue?page=2").await.text().await.unwrap();
    assert!(
        html.contains("2 / 2") && html.contains("上一页"),
        "the page links back"
    );
}

async fn opening_a_submission_with_a_mobile_number_is_audited_without_the_number(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("wei.lan", Role::Moderator).await;
    let reference = file(&app, "电话打不通，号码可能换了").await;
    let path = format!("/api/v1/staff/submissions/{reference}");
    let (status, detail) = staff.get_json(&path).await;
    assert_eq!((status, detail["phone"].as_str()), (200, Some(PHONE)));
    let (status, _) = staff
        .read("staff/submission", &[("reference", &reference)])
        .await;
    assert_eq!(status, 200, "the page's own call");
    let admin = app.staff("wei.admin", Role::Admin).await;
    let (_, log) = admin
        .get_json("/api/v1/staff/audit?action=submission.view&account=wei.lan")
        .await;
    let views: Vec<(&str, &str)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["staff_username"].as_str().unwrap(),
                e["target"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(views, [("wei.lan", reference.as_str()); 2]);
    assert!(
        !log.to_string().contains(PHONE),
        "the number itself is never logged"
    );
}
