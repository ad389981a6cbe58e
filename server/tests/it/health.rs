use crate::common::{TestApp, TestDb, on_both_engines};
use serde_json::Value;

on_both_engines!(
    health_answers_200_and_names_the_engine,
    health_answers_503_when_the_database_cannot_be_reached,
    the_server_finishes_cleanly_when_asked_to_stop,
);

async fn health_answers_200_and_names_the_engine(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    let expected = match db.engine {
        crate::common::Engine::Sqlite => "sqlite",
        crate::common::Engine::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);
}

async fn health_answers_503_when_the_database_cannot_be_reached(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    app.db.close().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 503);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
    let text = body.to_string();
    assert!(!text.contains("pool"), "no internals in the answer: {text}");
}

async fn the_server_finishes_cleanly_when_asked_to_stop(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let url = app.url("/healthz");
    assert_eq!(app.get("/healthz").await.status(), 200);
    app.stop().await;
    assert!(
        reqwest::get(url).await.is_err(),
        "nothing listens after shutdown"
    );
}
