//! The second factor as its users meet it: a code at sign-in, taken once; setting it up from a
//! QR code; recovery codes; an admin's reset.

use crate::common::{Browser, STAFF_PASSWORD, TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use app::staff::second_factor::{code_at, step_of};
use serde_json::json;

on_both_engines!(
    a_code_is_needed_taken_once_and_refused_when_wrong_or_replayed,
    a_new_account_sets_up_its_second_factor_and_a_recovery_code_signs_in_once,
    an_admin_resets_a_second_factor_and_its_sessions_end,
);

async fn sign_in(browser: &Browser, username: &str, code: &str) -> (u16, serde_json::Value) {
    let credentials = json!({ "username": username, "password": STAFF_PASSWORD, "code": code });
    browser
        .post_json("/api/v1/staff/session", &credentials)
        .await
}

/// Sets up the second factor of the account signed in on `browser` as its owner would on the
/// page: a wrong code first, then the app's. Returns the recovery codes.
pub async fn enrol_through_the_pages(app: &TestApp, browser: &Browser) -> Vec<String> {
    let (status, enrolment) = browser.call("staff/second-factor/start", &[]).await;
    assert_eq!(status, 200, "{enrolment}");
    let secret = enrolment["secret"].as_str().unwrap();
    let uri = enrolment["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/") && uri.contains(secret),
        "{uri}"
    );
    assert!(enrolment["qr_svg"].as_str().unwrap().contains("<svg"));
    let step = step_of(app.db.clock().now());
    let far = code_at(secret, step + 5).unwrap();
    let (status, body) = browser
        .call("staff/second-factor/confirm", &[("code", &far)])
        .await;
    assert_eq!(status, 422, "a code of another time: {body}");
    let right = code_at(secret, step).unwrap();
    let (status, codes) = browser
        .call("staff/second-factor/confirm", &[("code", &right)])
        .await;
    assert_eq!(status, 200, "{codes}");
    let codes: Vec<String> = serde_json::from_value(codes).unwrap();
    assert_eq!(codes.len(), 10);
    assert!(
        codes.iter().all(|c| c.len() == 11 && &c[5..6] == "-"),
        "{codes:?}"
    );
    codes
}

async fn a_code_is_needed_taken_once_and_refused_when_wrong_or_replayed(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    app.create_staff("qin.yue", Role::Moderator).await;
    let unknown = sign_in(&app.browser(), "no.one", "123456").await;
    assert_eq!(unknown.0, 401);
    let without = sign_in(&app.browser(), "qin.yue", "").await;
    assert_eq!(
        without, unknown,
        "no code: the same answer as an unknown user"
    );
    let step = step_of(app.db.clock().now());
    let wrong = code_at(crate::common::STAFF_TOTP_SECRET, step + 5).unwrap();
    assert_eq!(sign_in(&app.browser(), "qin.yue", &wrong).await, unknown);
    assert_eq!(
        sign_in(&app.browser(), "qin.yue", "not-a-code").await,
        unknown
    );
    let right = app.code("qin.yue").await;
    assert_eq!(sign_in(&app.browser(), "qin.yue", &right).await.0, 200);
    let replayed = sign_in(&app.browser(), "qin.yue", &right).await;
    assert_eq!(replayed, unknown, "a code is taken once");
    // Four failures so far: the fifth attempt is still checked, and a new code signs in.
    let next = app.code("qin.yue").await;
    assert_eq!(sign_in(&app.browser(), "qin.yue", &next).await.0, 200);
    let failed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.sign_in_failed' AND target = $1",
    )
    .bind("staff:qin.yue")
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(failed, 4);
}

async fn a_new_account_sets_up_its_second_factor_and_a_recovery_code_signs_in_once(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    app.create_staff_without_second_factor("fang.ning", Role::Moderator)
        .await;
    let owner = app.browser();
    let (status, me) = sign_in(&owner, "fang.ning", "").await;
    assert_eq!((status, &me["needs_second_factor"]), (200, &json!(true)));
    let (status, body) = owner.get_json("/api/v1/staff/queue").await;
    assert_eq!(status, 403, "{body}");
    let page = owner.get("/staff/queue").await.text().await.unwrap();
    assert!(page.contains("设置两步验证"), "the page asks for the setup");

    let codes = enrol_through_the_pages(&app, &owner).await;
    assert_eq!(owner.get_json("/api/v1/staff/queue").await.0, 200);
    let (status, _) = owner.call("staff/second-factor/start", &[]).await;
    assert_eq!(status, 409, "set up already: an admin resets it first");
    let (_, state) = owner.read("staff/second-factor", &[]).await;
    assert_eq!(
        state,
        json!({ "enrolled": true, "recovery_codes_left": 10 })
    );

    // Without the phone: a recovery code, typed in lower case and without its dash, once.
    let typed = codes[3].replace('-', "").to_lowercase();
    let phone_lost = app.browser();
    assert_eq!(sign_in(&phone_lost, "fang.ning", &typed).await.0, 200);
    let (_, state) = phone_lost.read("staff/second-factor", &[]).await;
    assert_eq!(state["recovery_codes_left"], 9);
    assert_eq!(sign_in(&app.browser(), "fang.ning", &codes[3]).await.0, 401);
    assert_eq!(sign_in(&app.browser(), "fang.ning", "").await.0, 401);
    let enrolled: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.second_factor_enrol' AND staff_username = 'fang.ning'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(enrolled, 1);
}

async fn an_admin_resets_a_second_factor_and_its_sessions_end(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let moderator = app.staff("he.xin", Role::Moderator).await;
    let admin = app.staff("admin.du", Role::Admin).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE username = 'he.xin'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let form = [("id", id.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reset = "staff/accounts/reset-second-factor";
    assert_eq!(moderator.call(reset, &form).await.0, 403, "admins only");
    assert_eq!(admin.call(reset, &[("id", "999999")]).await.0, 404);
    assert_eq!(admin.call(reset, &form).await.0, 200);
    assert_eq!(moderator.get_json("/api/v1/staff/queue").await.0, 401);
    let (_, accounts) = admin.read("staff/accounts", &[]).await;
    let row = accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "he.xin")
        .unwrap()
        .clone();
    assert_eq!(row["second_factor"], false);
    // The password alone signs in again, straight to setting the second factor up anew.
    let (status, me) = sign_in(&app.browser(), "he.xin", "").await;
    assert_eq!((status, &me["needs_second_factor"]), (200, &json!(true)));
    let (_, log) = admin
        .get_json("/api/v1/staff/audit?action=staff.second_factor_reset")
        .await;
    assert_eq!(log[0]["target"], "staff:he.xin");
    assert_eq!(log[0]["staff_username"], "admin.du");
    assert_eq!(log[0]["before"], r#"{"second_factor":true}"#);
}
