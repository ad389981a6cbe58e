//! Security headers on every kind of response, and bodies too large or malformed.

use crate::common::{TestApp, TestDb};
use serde_json::json;

async fn app() -> (TestApp, TestDb) {
    let db = TestDb::new(crate::common::Engine::Sqlite).await.unwrap();
    (TestApp::spawn(&db).await, db)
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (app, _db) = app().await;
    for path in [
        "/",
        "/services",
        "/api/v1/categories",
        "/favicon.svg",
        "/no-such-page",
        "/healthz",
    ] {
        let response = app.get(path).await;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "same-origin", "{path}");
        assert!(
            header("content-security-policy").contains("frame-ancestors 'none'"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_page_allows_only_its_own_scripts_and_those_with_its_nonce() {
    let (app, _db) = app().await;
    let page = app.get("/volunteers").await;
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let html = page.text().await.unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(nonce.len() >= 16);
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the inline scripts carry it"
    );
    assert!(!policy.contains("unsafe-inline"));
    let again = app.get("/volunteers").await;
    assert!(
        !again.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains(nonce),
        "a new nonce for every response"
    );
}

#[tokio::test]
async fn a_body_over_64_kb_is_refused_with_413_and_malformed_json_with_400() {
    let (app, _db) = app().await;
    let big = json!({ "name": "王秀兰", "note": "很".repeat(30_000) });
    let (status, answer) = app.post_json("/api/v1/volunteer-applications", &big).await;
    assert_eq!(status, 413, "{answer}");
    assert!(answer["error"].as_str().unwrap().contains("64 KB"));
    let response = app
        .http
        .post(app.url("/api/v1/volunteer-applications"))
        .header("content-type", "application/json")
        .body("{\"name\": \"王秀兰\",")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let answer: serde_json::Value = response.json().await.unwrap();
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("json")
    );
}
