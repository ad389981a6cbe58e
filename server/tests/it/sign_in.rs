//! Signing in as an attacker and an operator would try it: a burst of guesses, a session kept
//! busy past its time, the generated first password, weak new passwords, the audit of access.

use crate::common::{STAFF_PASSWORD, TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use serde_json::json;

on_both_engines!(
    fifty_concurrent_wrong_passwords_check_at_most_five,
    a_session_ends_twelve_hours_after_sign_in_however_busy,
    the_first_admin_must_change_the_generated_password_first,
    sign_in_is_rate_limited_per_address,
    sign_ins_failures_and_sign_outs_are_in_the_audit_log_and_can_be_filtered,
);

/// Signs in with the account's next code (a wrong password never gets as far as the code).
async fn audit_count(app: &TestApp, action: &str, target: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND target = $2")
        .bind(action)
        .bind(target)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn fifty_concurrent_wrong_passwords_check_at_most_five(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    app.create_staff("tian.yu", Role::Moderator).await;
    let browser = app.browser();
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..50 {
        let request = browser
            .http
            .post(browser.url("/api/v1/staff/session"))
            .json(&json!({ "username": "tian.yu", "password": format!("guess-{n}") }));
        guesses.spawn(async move { request.send().await.unwrap().status().as_u16() });
    }
    let statuses = guesses.join_all().await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(
        (checked, refused),
        (5, 45),
        "the first five checked, the rest refused unchecked: {statuses:?}"
    );
    // Each checked password is one failed sign-in in the log; the refused ones were not checked.
    let failed = audit_count(&app, "staff.sign_in_failed", "staff:tian.yu").await;
    assert_eq!(failed, 5);
    assert_eq!(
        app.sign_in(&browser, "tian.yu", STAFF_PASSWORD).await.0,
        429
    );
}

async fn a_session_ends_twelve_hours_after_sign_in_however_busy(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("lu.chen", Role::Moderator).await;
    // A request every 25 minutes keeps it from idling out, up to 11 h 40 min after sign-in.
    for _ in 0..28 {
        app.db.clock().advance(25 * 60);
        assert_eq!(staff.get_json("/api/v1/staff/queue").await.0, 200);
    }
    app.db.clock().advance(25 * 60);
    let (status, body) = staff.get_json("/api/v1/staff/queue").await;
    assert_eq!(status, 401, "12 h 5 min after sign-in: {body}");
    // Signing in again opens a new twelve hours.
    assert_eq!(app.sign_in(&staff, "lu.chen", STAFF_PASSWORD).await.0, 200);
    assert_eq!(staff.get_json("/api/v1/staff/queue").await.0, 200);
}

async fn the_first_admin_must_change_the_generated_password_first(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    // The generated password went to the console; the test gives the account one it knows.
    let hash = app::staff::auth::hash_password("控制台上的初始密码-1".into())
        .await
        .unwrap();
    sqlx::query("UPDATE staff SET password_hash = $1 WHERE username = 'admin'")
        .bind(hash)
        .execute(app.db.pool())
        .await
        .unwrap();
    let admin = app.browser();
    let (status, user) = app.sign_in(&admin, "admin", "控制台上的初始密码-1").await;
    assert_eq!(
        (status, user["must_change_password"].as_bool()),
        (200, Some(true))
    );
    let (status, body) = admin.get_json("/api/v1/staff/queue").await;
    assert_eq!(status, 403, "{body}");
    let error = body["error"].as_str().unwrap();
    assert!(error.contains("first password"), "{body}");
    assert_eq!(admin.read("staff/accounts", &[]).await.0, 403);
    let page = admin.get("/staff/queue").await.text().await.unwrap();
    assert!(page.contains("设置新密码"), "the page asks for the change");
    assert_eq!(admin.read("staff/whoami", &[]).await.0, 200);

    let change = |new: &str| json!({ "current": "控制台上的初始密码-1", "new_password": new, "confirm": new });
    let (status, body) = admin
        .post_json("/api/v1/staff/password", &change("qwertyuiop"))
        .await;
    assert_eq!(status, 422, "{body}");
    let message = body["fields"]["new_password"].as_str().unwrap_or_default();
    assert!(message.contains("too common"), "{body}");
    let (status, body) = admin
        .post_json("/api/v1/staff/password", &change("admin-2026-二七区"))
        .await;
    assert_eq!(status, 422, "{body}");
    let message = body["fields"]["new_password"].as_str().unwrap_or_default();
    assert!(message.contains("username"), "{body}");
    let (status, _) = admin
        .post_json("/api/v1/staff/password", &change("金水河畔-晨跑-0715"))
        .await;
    assert_eq!(status, 204);
    // Next, as an admin can read residents' mobile numbers: the second factor.
    let (status, body) = admin.get_json("/api/v1/staff/queue").await;
    assert_eq!(status, 403, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("two-step"),
        "{body}"
    );
    let (_, me) = admin.read("staff/whoami", &[]).await;
    assert_eq!(
        (&me["must_change_password"], &me["needs_second_factor"]),
        (&json!(false), &json!(true))
    );
    crate::second_factor::enrol_through_the_pages(&app, &admin).await;
    assert_eq!(admin.get_json("/api/v1/staff/queue").await.0, 200);
}

async fn sign_in_is_rate_limited_per_address(db: TestDb) {
    let app = TestApp::spawn_with(&db, |s| s.rate_limit_per_minute = 3).await;
    app.create_staff("xu.lan", Role::Moderator).await;
    let browser = app.browser();
    for n in 0..3 {
        let username = format!("guess{n}");
        assert_eq!(app.sign_in(&browser, &username, "guess").await.0, 401);
    }
    let response = browser
        .http
        .post(browser.url("/api/v1/staff/session"))
        .json(&json!({ "username": "xu.lan", "password": STAFF_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "60");
    let (status, _) = browser
        .call(
            "staff/sign-in",
            &[("username", "xu.lan"), ("password", STAFF_PASSWORD)],
        )
        .await;
    assert_eq!(status, 429, "the page's sign-in too");
}

async fn sign_ins_failures_and_sign_outs_are_in_the_audit_log_and_can_be_filtered(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let admin = app.staff("audit.admin", Role::Admin).await;
    let moderator = app.staff("kong.wen", Role::Moderator).await;
    assert_eq!(
        app.sign_in(&app.browser(), "kong.wen", "guess-1").await.0,
        401
    );
    let signed_out = moderator
        .http
        .delete(moderator.url("/api/v1/staff/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 204);

    let (status, entries) = admin.get_json("/api/v1/staff/audit?account=kong.wen").await;
    assert_eq!(status, 200, "{entries}");
    let actions: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "staff.sign_out",
            "staff.sign_in_failed",
            "staff.sign_in",
            "staff.second_factor_enrol",
            "staff.create"
        ],
        "newest first: {entries}"
    );
    assert_eq!(entries[1]["after"], r#"{"address":"127.0.0.1"}"#);
    let (_, failed) = admin
        .get_json("/api/v1/staff/audit?action=staff.sign_in_failed")
        .await;
    assert_eq!(failed.as_array().unwrap().len(), 1, "{failed}");
    let (_, family) = admin.get_json("/api/v1/staff/audit?action=staff.").await;
    assert!(family.as_array().unwrap().len() >= 6, "{family}");
    let today = app::domain::time::beijing_date(app.db.clock().now());
    let (_, dated) = admin
        .get_json(&format!(
            "/api/v1/staff/audit?account=kong.wen&from={today}&to={today}"
        ))
        .await;
    assert_eq!(dated.as_array().unwrap().len(), 5, "{dated}");
    let (_, before) = admin
        .get_json("/api/v1/staff/audit?account=kong.wen&to=2026-01-01")
        .await;
    assert_eq!(before, json!([]));
    let (status, body) = admin.get_json("/api/v1/staff/audit?from=yesterday").await;
    assert_eq!(
        (status, body["fields"]["from"].is_string()),
        (422, true),
        "{body}"
    );
    let page = admin
        .get("/staff/audit?account=kong.wen&action=staff.sign_out")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<code>staff.sign_out</code>"), "{page}");
    assert!(
        !page.contains("<code>staff.sign_in_failed</code>"),
        "{page}"
    );
}
