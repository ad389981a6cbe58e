//! Public pages are served from memory for a moment; nobody should be able to tell, except by
//! the speed.

use crate::common::{TestApp, TestDb, on_both_engines};
use reqwest::header::{CONTENT_SECURITY_POLICY, COOKIE};
use serde_json::json;

on_both_engines!(
    a_page_served_again_carries_a_fresh_nonce_in_its_scripts_and_its_policy,
    a_visitor_in_large_text_is_not_served_the_page_kept_for_another,
    a_sign_up_shows_in_the_places_left_at_once,
    browsing_leaves_the_kept_page_warm_and_a_change_still_shows_at_once,
);

/// The page's nonce, from its policy, and its body.
async fn page(app: &TestApp, path: &str, cookie: &str) -> (String, String) {
    let response = app
        .client
        .get(app.url(path))
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let policy = response.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the policy has a nonce")
        .to_owned();
    (nonce, response.text().await.unwrap())
}

/// A resident signs up for the activity through the API, as a change made through the portal.
async fn sign_up(app: &TestApp, activity: i64) {
    let (status, receipt) = app
        .post_json(
            "/api/v1/volunteer-applications",
            &json!({ "name": "王秀英", "phone": "13812345678", "activity_id": activity,
                     "skills": ["elderly_care"], "availability": [], "note": "", "consent": true }),
        )
        .await;
    assert_eq!(status, 201, "{receipt}");
}

async fn a_page_served_again_carries_a_fresh_nonce_in_its_scripts_and_its_policy(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (first, first_page) = page(&app, "/services", "").await;
    let (second, second_page) = page(&app, "/services", "").await;
    assert_ne!(first, second, "each response has its own nonce");
    assert!(second_page.contains(&format!(r#"nonce="{second}""#)));
    assert!(!second_page.contains(&first));
    assert_eq!(
        first_page.replace(&first, "N"),
        second_page.replace(&second, "N"),
        "apart from the nonce, the same page"
    );
}

async fn a_visitor_in_large_text_is_not_served_the_page_kept_for_another(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (_, plain) = page(&app, "/", "").await;
    let (_, large) = page(&app, "/", "qh_large=1").await;
    let (_, english) = page(&app, "/", "qh_lang=en").await;
    assert!(!plain.contains("large-text"));
    assert!(large.contains(r#"class="large-text""#));
    assert!(english.contains(r#"<html lang="en""#));
}

async fn a_sign_up_shows_in_the_places_left_at_once(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let start = app::storage::unix_now() + 7 * 86_400;
    let activity: i64 = sqlx::query_scalar(
        "INSERT INTO activities (team_id, title, description, place, lat, lng, starts_at, ends_at, capacity)
         VALUES (1, '测试活动：读报', '读报', '幸福路社区党群服务中心', 34.73, 113.64, $1, $2, 7)
         RETURNING id",
    )
    .bind(start)
    .bind(start + 3600)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let (_, before) = page(&app, "/volunteers/teams/1", "").await;
    assert!(before.contains("剩余 7 / 7 个名额"));
    sign_up(&app, activity).await;
    let (_, after) = page(&app, "/volunteers/teams/1", "").await;
    assert!(
        after.contains("剩余 6 / 7 个名额"),
        "the kept page was dropped"
    );
}

async fn browsing_leaves_the_kept_page_warm_and_a_change_still_shows_at_once(db: TestDb) {
    let app = TestApp::spawn_with(&db, |s| s.page_cache = std::time::Duration::from_secs(60)).await;
    let (_, before) = page(&app, "/volunteers/teams/1", "").await;
    assert!(before.contains("幸福路"), "the team's page");
    // Changed behind the portal's back: only a page rendered again would show it.
    sqlx::query("UPDATE teams SET name_zh = '测试改名志愿服务队' WHERE id = 1")
        .execute(app.db.pool())
        .await
        .unwrap();
    // What a browsing page's script calls: reads, as server-function POSTs (those that may
    // carry a home) and GETs, and API GETs.
    for (endpoint, form) in [
        (
            "services/nearby",
            vec![("lat", "34.7302"), ("lng", "113.6168")],
        ),
        ("volunteers/teams", vec![]),
    ] {
        let (status, answer) = app.call(endpoint, &form).await;
        assert_eq!(status, 200, "{endpoint}: {answer}");
    }
    for (endpoint, query) in [
        ("neighbourhoods", vec![]),
        ("services/search", vec![("query[text]", "超市")]),
    ] {
        let (status, answer) = app.read(endpoint, &query).await;
        assert_eq!(status, 200, "{endpoint}: {answer}");
    }
    assert_eq!(app.get("/api/v1/services").await.status(), 200);
    let (_, browsed) = page(&app, "/volunteers/teams/1", "").await;
    assert!(
        !browsed.contains("测试改名志愿服务队"),
        "reads left the kept page in place"
    );

    // A change through the portal empties it at once: a sign-up to one of the team's activities.
    let activity: i64 = sqlx::query_scalar(
        "SELECT id FROM activities WHERE team_id = 1 AND starts_at > $1 ORDER BY starts_at LIMIT 1",
    )
    .bind(app::storage::unix_now())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    sign_up(&app, activity).await;
    let (_, after) = page(&app, "/volunteers/teams/1", "").await;
    assert!(
        after.contains("测试改名志愿服务队"),
        "the kept page was dropped"
    );
}
