//! Two servers on one PostgreSQL database: what one knows, the other knows.

use crate::common::{Engine, STAFF_PASSWORD, TestApp, TestDb, answer, session_cookie};
use app::domain::staff::Role;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_staff_sessions_and_the_queue() {
    let Some(db) = TestDb::new(Engine::Postgres).await else {
        eprintln!("TEST_POSTGRES_URL is not set: two-instance test skipped");
        return;
    };
    crate::common::within_limit(async {
        let first = TestApp::spawn(&db).await;
        let second = TestApp::spawn(&db).await;
        assert_ne!(first.url("/"), second.url("/"), "two ports");

        // Signed in on the first; the same session cookie works on the second.
        first.create_staff("yan.qing", Role::Moderator).await;
        let code = first.code("yan.qing").await;
        let credentials =
            json!({ "username": "yan.qing", "password": STAFF_PASSWORD, "code": code });
        let signed_in = first
            .http
            .post(first.url("/api/v1/staff/session"))
            .json(&credentials)
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), 200);
        let cookie = session_cookie(&signed_in)
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let with_cookie = |app: &TestApp, path: &str| {
            first
                .http
                .get(app.url(path))
                .header("cookie", cookie.clone())
                .send()
        };
        let queue_status = |response: reqwest::Response| response.status().as_u16();
        assert_eq!(
            queue_status(with_cookie(&second, "/api/v1/staff/queue").await.unwrap()),
            200,
            "the session is in the database, not in one process"
        );

        // Filed on the first; in the queue of the second.
        let body =
            json!({ "kind": "closed", "service_id": 1, "details": "这家店上个月已经关门了" });
        let (status, receipt) = first.post_json("/api/v1/service-suggestions", &body).await;
        assert_eq!(status, 201);
        let (_, queue) = answer(with_cookie(&second, "/api/v1/staff/queue").await.unwrap()).await;
        assert!(
            queue["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|item| item["reference"] == receipt["reference"]),
            "{queue}"
        );

        // Signing out on the second ends the session on the first too.
        let signed_out = first
            .http
            .delete(second.url("/api/v1/staff/session"))
            .header("cookie", cookie.clone())
            .send()
            .await
            .unwrap();
        assert!(signed_out.status().is_success());
        assert_eq!(
            queue_status(with_cookie(&first, "/api/v1/staff/queue").await.unwrap()),
            401
        );
    })
    .await;
}
