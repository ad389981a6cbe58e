//! Staff accounts, sign-in, sessions and the guards around them.

use crate::common::{STAFF_PASSWORD, TestApp, TestDb, answer, on_both_engines, session_cookie};
use app::domain::staff::Role;
use serde_json::json;

on_both_engines!(
    anonymous_visitors_get_401_and_moderators_403_where_admin_is_needed,
    an_unknown_user_and_a_wrong_password_get_the_same_answer,
    the_session_cookie_is_host_only_secure_and_lax_and_rotates_at_sign_in,
    signing_out_ends_the_session,
    a_session_ends_after_half_an_hour_idle,
    five_failed_sign_ins_lock_the_account_for_a_while,
    twenty_failed_sign_ins_from_one_address_lock_the_address,
    a_disabled_account_is_signed_out_and_cannot_sign_in,
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    an_admin_creates_an_account_and_it_is_in_the_audit_log,
    the_first_start_creates_one_admin_and_later_starts_do_not,
    a_cross_site_post_is_refused,
    public_posts_are_rate_limited_per_address_but_staff_work_is_not,
);

/// Every staff page and endpoint, with the role it needs.
const PAGES: [(&str, Role); 7] = [
    ("/staff", Role::Moderator),
    ("/staff/queue", Role::Moderator),
    ("/staff/coverage", Role::Moderator),
    ("/staff/password", Role::Moderator),
    ("/staff/submissions/QH-00000000", Role::Moderator),
    ("/staff/accounts", Role::Admin),
    ("/staff/audit", Role::Admin),
];
const API: [(&str, Role); 5] = [
    ("/api/v1/staff/queue", Role::Moderator),
    ("/api/v1/staff/dashboard", Role::Moderator),
    ("/api/v1/staff/submissions/QH-00000000", Role::Moderator),
    ("/api/v1/staff/audit", Role::Admin),
    ("/api/v1/staff/audit?page=1", Role::Admin),
];

async fn anonymous_visitors_get_401_and_moderators_403_where_admin_is_needed(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let anonymous = app.browser();
    let moderator = app.staff("mod.wang", Role::Moderator).await;
    let admin = app.staff("admin.zhao", Role::Admin).await;
    for (path, needed) in PAGES {
        assert_eq!(anonymous.get(path).await.status(), 401, "anonymous {path}");
        let as_moderator = moderator.get(path).await.status().as_u16();
        let as_admin = admin.get(path).await.status().as_u16();
        // A page for a submission that does not exist is a 404 once signed in.
        let found = if path.contains("QH-") { 404 } else { 200 };
        let expected = if needed == Role::Admin { 403 } else { found };
        assert_eq!(as_moderator, expected, "moderator {path}");
        assert_eq!(as_admin, found, "admin {path}");
    }
    for (path, needed) in API {
        let (status, body) = anonymous.get_json(path).await;
        assert_eq!((status, body["error"].is_string()), (401, true), "{path}");
        let found = if path.contains("QH-") { 404 } else { 200 };
        let expected = if needed == Role::Admin { 403 } else { found };
        assert_eq!(
            moderator.get_json(path).await.0,
            expected,
            "moderator {path}"
        );
        assert_eq!(admin.get_json(path).await.0, found, "admin {path}");
    }
    let decision = "/api/v1/staff/submissions/QH-00000000/decision";
    let approve = json!({ "decision": "approve" });
    assert_eq!(anonymous.post_json(decision, &approve).await.0, 401);
    assert_eq!(moderator.post_json(decision, &approve).await.0, 404);
    for endpoint in ["staff/accounts", "staff/audit"] {
        let form: &[(&str, &str)] = if endpoint == "staff/audit" {
            &[("query[page]", "0")]
        } else {
            &[]
        };
        assert_eq!(anonymous.read(endpoint, form).await.0, 401, "{endpoint}");
        assert_eq!(moderator.read(endpoint, form).await.0, 403, "{endpoint}");
        assert_eq!(admin.read(endpoint, form).await.0, 200, "{endpoint}");
    }
    let (status, queue) = moderator.read("staff/queue", &[]).await;
    assert_eq!(
        status, 200,
        "the queue page's call with no filter at all: {queue}"
    );
    let form = [("id", "1"), ("disabled", "true")];
    assert_eq!(moderator.call("staff/accounts/disable", &form).await.0, 403);
}

/// Signs in with the account's next code (a wrong password never gets as far as the code).
async fn an_unknown_user_and_a_wrong_password_get_the_same_answer(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    app.create_staff("chen.jing", Role::Moderator).await;
    let browser = app.browser();
    let unknown = app.sign_in(&browser, "nobody", STAFF_PASSWORD).await;
    let wrong = app.sign_in(&browser, "chen.jing", "not the password").await;
    assert_eq!(unknown.0, 401);
    assert_eq!(unknown, wrong);
    let (status, user) = app.sign_in(&browser, " Chen.Jing ", STAFF_PASSWORD).await;
    assert_eq!(
        (status, user["username"].as_str()),
        (200, Some("chen.jing"))
    );
    assert_eq!(user["role"], "moderator");
}

async fn the_session_cookie_is_host_only_secure_and_lax_and_rotates_at_sign_in(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    app.create_staff("sun.li", Role::Moderator).await;
    let credentials = async || {
        let code = app.code("sun.li").await;
        json!({ "username": "sun.li", "password": STAFF_PASSWORD, "code": code })
    };
    let first = app
        .client
        .post(app.url("/api/v1/staff/session"))
        .json(&credentials().await)
        .send()
        .await
        .unwrap();
    let cookie = session_cookie(&first);
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute}: {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let token = cookie.split(';').next().unwrap().to_owned();
    // Signing in again with the old cookie gives a new id, and the old one stops working.
    let second = app
        .client
        .post(app.url("/api/v1/staff/session"))
        .header("cookie", &token)
        .json(&credentials().await)
        .send()
        .await
        .unwrap();
    let renewed = session_cookie(&second);
    let new_token = renewed.split(';').next().unwrap().to_owned();
    assert_ne!(token, new_token);
    let with = |token: String| {
        let request = app
            .client
            .get(app.url("/api/v1/staff/queue"))
            .header("cookie", token);
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(with(token).await, 401);
    assert_eq!(with(new_token).await, 200);
}

async fn signing_out_ends_the_session(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("zhou.min", Role::Moderator).await;
    assert_eq!(staff.get_json("/api/v1/staff/queue").await.0, 200);
    let response = staff
        .http
        .delete(staff.url("/api/v1/staff/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(staff.get_json("/api/v1/staff/queue").await.0, 401);
}

async fn a_session_ends_after_half_an_hour_idle(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("wu.fang", Role::Moderator).await;
    sqlx::query("UPDATE staff_sessions SET last_seen_at = last_seen_at - 29 * 60")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        staff.get_json("/api/v1/staff/queue").await.0,
        200,
        "29 minutes: still on"
    );
    sqlx::query("UPDATE staff_sessions SET last_seen_at = last_seen_at - 31 * 60")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        staff.get_json("/api/v1/staff/queue").await.0,
        401,
        "31 minutes idle: off"
    );
}

async fn five_failed_sign_ins_lock_the_account_for_a_while(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    app.create_staff("ma.jun", Role::Moderator).await;
    let browser = app.browser();
    for _ in 0..5 {
        assert_eq!(app.sign_in(&browser, "ma.jun", "guess").await.0, 401);
    }
    let (status, body) = app.sign_in(&browser, "ma.jun", STAFF_PASSWORD).await;
    assert_eq!(status, 429, "even the right password waits: {body}");
    assert!(
        body["error"].as_str().unwrap().contains("15 minutes"),
        "{body}"
    );
    // An unknown name is throttled just the same, so throttling reveals no account.
    for _ in 0..5 {
        app.sign_in(&browser, "no.such.user", "guess").await;
    }
    assert_eq!(app.sign_in(&browser, "no.such.user", "guess").await.0, 429);
    // Once the window has passed, the right password works again.
    sqlx::query("UPDATE sign_in_failures SET at = at - 16 * 60")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(app.sign_in(&browser, "ma.jun", STAFF_PASSWORD).await.0, 200);
}

async fn twenty_failed_sign_ins_from_one_address_lock_the_address(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    app.create_staff("he.ping", Role::Moderator).await;
    let browser = app.browser();
    for i in 0..20 {
        assert_eq!(
            app.sign_in(&browser, &format!("user{i}"), "guess").await.0,
            401
        );
    }
    assert_eq!(
        app.sign_in(&browser, "he.ping", STAFF_PASSWORD).await.0,
        429
    );
}

async fn a_disabled_account_is_signed_out_and_cannot_sign_in(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let moderator = app.staff("guo.yan", Role::Moderator).await;
    let admin = app.staff("admin.qian", Role::Admin).await;
    let disable = async |username: &str| {
        let id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE username = $1")
            .bind(username)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let form = [("id", id.to_string()), ("disabled", "true".to_owned())];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        admin.call("staff/accounts/disable", &form).await.0
    };
    assert_eq!(disable("guo.yan").await, 200);
    assert_eq!(moderator.get_json("/api/v1/staff/queue").await.0, 401);
    assert_eq!(
        app.sign_in(&app.browser(), "guo.yan", STAFF_PASSWORD)
            .await
            .0,
        401
    );
    assert_eq!(
        disable("admin.qian").await,
        409,
        "an admin cannot lock themselves out"
    );
}

async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let here = app.staff("lin.tao", Role::Moderator).await;
    let elsewhere = app.browser();
    assert_eq!(
        app.sign_in(&elsewhere, "lin.tao", STAFF_PASSWORD).await.0,
        200
    );
    let new = "郑州二七-新密码-01";
    let wrong = [("current", "nope"), ("new_password", new), ("confirm", new)];
    let (status, body) = here.call("staff/password", &wrong).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("current"), "{body}");
    let short = [
        ("current", STAFF_PASSWORD),
        ("new_password", "short"),
        ("confirm", "short"),
    ];
    assert_eq!(here.call("staff/password", &short).await.0, 422);
    let right = [
        ("current", STAFF_PASSWORD),
        ("new_password", new),
        ("confirm", new),
    ];
    assert_eq!(here.call("staff/password", &right).await.0, 200);
    assert_eq!(
        here.get_json("/api/v1/staff/queue").await.0,
        200,
        "this session stays"
    );
    assert_eq!(
        elsewhere.get_json("/api/v1/staff/queue").await.0,
        401,
        "others end"
    );
    assert_eq!(app.sign_in(&app.browser(), "lin.tao", new).await.0, 200);
}

async fn an_admin_creates_an_account_and_it_is_in_the_audit_log(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let admin = app.staff("admin.xu", Role::Admin).await;
    let create = [
        ("account[username]", "Tian.Rui"),
        ("account[role]", "moderator"),
        ("account[password]", "金水区-审核-2026"),
    ];
    let (status, account) = admin.call("staff/accounts/create", &create).await;
    assert_eq!(status, 200, "{account}");
    assert_eq!(account["username"], "tian.rui");
    assert_eq!(
        admin.call("staff/accounts/create", &create).await.0,
        422,
        "taken"
    );
    assert_eq!(
        app.sign_in(&app.browser(), "tian.rui", "金水区-审核-2026")
            .await
            .0,
        200
    );
    let (_, log) = admin.get_json("/api/v1/staff/audit").await;
    assert_eq!(log[0]["action"], "staff.sign_in", "tian.rui's");
    let entry = &log[1];
    assert_eq!(entry["action"], "staff.create");
    assert_eq!(entry["staff_username"], "admin.xu");
    assert_eq!(entry["target"], "staff:tian.rui");
    assert!(
        !log.to_string().contains("argon2"),
        "no password hash is logged"
    );
}

async fn the_first_start_creates_one_admin_and_later_starts_do_not(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let roles: Vec<(String, String)> = sqlx::query_as("SELECT username, role FROM staff")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(roles, [("admin".to_owned(), "admin".to_owned())]);
    app.stop().await;
    let again = TestApp::spawn(&db).await;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(again.db.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);
}

async fn public_posts_are_rate_limited_per_address_but_staff_work_is_not(db: TestDb) {
    let app = TestApp::spawn_with(&db, |s| s.rate_limit_per_minute = 3).await;
    let staff = app.staff("jiang.bo", Role::Moderator).await;
    let lookup = json!({ "reference": "QH-00000000", "phone": "13812345678" });
    // The sign-in above was the first of the three a minute.
    for _ in 0..2 {
        assert_eq!(
            app.post_json("/api/v1/submissions/lookup", &lookup).await.0,
            404
        );
    }
    let response = app
        .client
        .post(app.url("/api/v1/submissions/lookup"))
        .json(&lookup)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "60");
    let (_, body) = answer(response).await;
    assert!(body["error"].as_str().unwrap().contains("minute"), "{body}");
    // The page's own form gets the portal's error, which it shows in the visitor's language.
    let (status, error) = app
        .browser()
        .call("submissions/lookup", &[("reference", "x"), ("phone", "y")])
        .await;
    assert_eq!((status, error), (429, json!("RateLimited")));
    let decision = json!({ "decision": "approve" });
    for _ in 0..5 {
        let path = "/api/v1/staff/submissions/QH-00000000/decision";
        assert_eq!(staff.post_json(path, &decision).await.0, 404, "not limited");
    }
    assert_eq!(
        app.get("/api/v1/categories").await.status(),
        200,
        "reading is not limited"
    );
    let browsing = app.browser().call("volunteers/teams", &[]).await.0;
    assert_eq!(
        browsing, 200,
        "nor are the pages' reading calls, POSTs though some are"
    );
}

async fn a_cross_site_post_is_refused(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("yang.lu", Role::Moderator).await;
    let forged = staff
        .http
        .delete(staff.url("/api/v1/staff/session"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    let (status, body) = answer(forged).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        staff.get_json("/api/v1/staff/queue").await.0,
        200,
        "still signed in"
    );
    let own = staff
        .http
        .post(staff.url("/api/v1/service-suggestions"))
        .header("origin", staff.url(""))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        own.status(),
        422,
        "a post from the site itself goes through"
    );
}
