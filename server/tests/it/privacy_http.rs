//! The HTTP edge of residents' data: bodies too large answered in the portal's own words, answers
//! that carry personal data never cached, IPv6 clients limited by their /64.

use crate::common::{TestApp, TestDb, on_both_engines};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

on_both_engines!(
    a_megabyte_chunked_to_a_server_function_gets_413_in_the_portals_words,
    a_body_declared_too_large_is_refused_unread_on_every_route,
    answers_with_personal_data_are_never_stored,
    ipv6_clients_are_limited_by_their_64,
);

/// POSTs `total` bytes of form data to `path` in 16 KB chunks (no Content-Length), while
/// reading the answer as it comes; the status and the body.
async fn chunked(app: &TestApp, path: &str, total: usize) -> (u16, String) {
    let host = app.url("").trim_start_matches("http://").to_owned();
    let stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n"
    );
    // The sending half is handed back, not dropped: a client that shuts its side is taken by
    // the server as gone, with no answer.
    let sender = tokio::spawn(async move {
        let chunk = format!("{:x}\r\nnote={}\r\n", 16 * 1024, "x".repeat(16 * 1024 - 5));
        let mut sent = write.write_all(head.as_bytes()).await;
        for _ in 0..total / (16 * 1024) {
            sent = sent.and(write.write_all(chunk.as_bytes()).await);
        }
        let _ = sent.and(write.write_all(b"0\r\n\r\n").await);
        write
    });
    let mut answer = Vec::new();
    let mut buffer = [0u8; 8192];
    // The answer comes before the body is all sent; the connection may then be reset.
    while let Ok(n) = read.read(&mut buffer).await {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buffer[..n]);
    }
    drop(sender.await);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

async fn submissions(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn a_megabyte_chunked_to_a_server_function_gets_413_in_the_portals_words(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let before = submissions(&app).await;
    let (status, body) = chunked(&app, "/api/services/suggest", 1024 * 1024).await;
    assert_eq!(status, 413, "{body}");
    assert!(
        !body.contains("Transport") && !body.contains("length limit"),
        "{body}"
    );
    // The page's own error, which it shows in the visitor's language.
    let error: app::error::AppError = serde_json::from_str(body.trim())
        .or_else(|_| serde_json::from_str(chunk_payload(&body)))
        .unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(error, app::error::AppError::TooLarge);
    assert!(error.message(app::domain::lang::Lang::Zh).contains("太大"));
    let (status, body) = chunked(&app, "/api/v1/service-suggestions", 1024 * 1024).await;
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("too large"), "{body}");
    assert_eq!(submissions(&app).await, before, "nothing stored");
    // A small chunked body still goes through.
    let (status, body) = chunked(&app, "/api/services/suggest", 0).await;
    assert_ne!(status, 413, "{body}");
}

/// The body of a chunked answer, when the server chose to chunk it.
fn chunk_payload(body: &str) -> &str {
    body.split("\r\n").nth(1).unwrap_or(body)
}

async fn a_body_declared_too_large_is_refused_unread_on_every_route(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let big = "x".repeat(70 * 1024);
    for (path, words) in [
        ("/api/volunteers/apply", "TooLarge"),
        ("/api/v1/volunteer-applications", "too large"),
        ("/status", "太大"),
    ] {
        let response = app
            .http
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(big.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 413, "{path}");
        let text = response.text().await.unwrap();
        assert!(text.contains(words), "{path}: {text}");
    }
    let english = app
        .http
        .post(app.url("/status"))
        .header("cookie", "qh_lang=en")
        .body(big)
        .send()
        .await
        .unwrap();
    assert!(english.text().await.unwrap().contains("too large"));
}

fn cache_control(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn answers_with_personal_data_are_never_stored(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let activity = crate::volunteers::activity(&app, 3).await;
    let (reference, _) = crate::volunteers::applied(&app, activity, "王秀兰").await;
    let phone = crate::volunteers::PHONE;
    let form = [("reference", reference.as_str()), ("phone", phone)];
    for endpoint in ["submissions/lookup", "volunteers/record"] {
        let response = app
            .http
            .post(app.url(&format!("/api/{endpoint}")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{endpoint}");
        assert_eq!(cache_control(&response), "no-store", "{endpoint}");
    }
    let response = app
        .http
        .post(app.url("/api/v1/submissions/lookup"))
        .json(&json!({ "reference": reference, "phone": phone }))
        .send()
        .await
        .unwrap();
    assert_eq!(cache_control(&response), "no-store");
    let staff = app
        .staff("he.li", app::domain::staff::Role::Moderator)
        .await;
    for path in [
        "/staff/queue",
        &format!("/api/v1/staff/submissions/{reference}"),
        "/status",
    ] {
        let response = staff.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(cache_control(&response), "no-store", "{path}");
    }
    let public = app.get("/api/v1/categories").await;
    assert_ne!(
        cache_control(&public),
        "no-store",
        "the directory may be kept"
    );
}

async fn ipv6_clients_are_limited_by_their_64(db: TestDb) {
    let app = TestApp::spawn_with(&db, |s| {
        s.rate_limit_per_minute = 2;
        s.trust_proxy = true;
    })
    .await;
    let lookup = json!({ "reference": "QH-00000000", "phone": "13812345678" });
    let from = |address: &'static str| {
        let app = &app;
        let lookup = &lookup;
        async move {
            let response = app
                .http
                .post(app.url("/api/v1/submissions/lookup"))
                .header("x-forwarded-for", address)
                .json(lookup)
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            let _: Value = response.json().await.unwrap_or(Value::Null);
            status
        }
    };
    assert_eq!(from("2001:db8:1:2::1").await, 404);
    assert_eq!(from("2001:db8:1:2:aaaa:bbbb:cccc:dddd").await, 404);
    assert_eq!(from("2001:db8:1:2::ffff").await, 429, "the same /64");
    assert_eq!(
        from("2001:db8:1:3::1").await,
        404,
        "the next /64 is someone else"
    );
}
