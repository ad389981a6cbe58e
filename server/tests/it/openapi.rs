//! The OpenAPI document at /api/v1/openapi.json is generated from the handlers, so it should list
//! every route under /api/v1, and every operation it lists should be served. The document does
//! not depend on the database, so these run on SQLite only.

use crate::common::{Engine, TestApp, TestDb};
use reqwest::Method;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Every operation of the API today: a contract, so none may go missing.
const OPERATIONS: [(&str, &str); 20] = [
    ("/api/v1/categories", "get"),
    ("/api/v1/services", "get"),
    ("/api/v1/services/{id}", "get"),
    ("/api/v1/service-suggestions", "post"),
    ("/api/v1/submissions/lookup", "post"),
    ("/api/v1/submissions/erase", "post"),
    ("/api/v1/staff/session", "post"),
    ("/api/v1/staff/session", "delete"),
    ("/api/v1/staff/queue", "get"),
    ("/api/v1/staff/dashboard", "get"),
    ("/api/v1/staff/audit", "get"),
    ("/api/v1/staff/submissions/{reference}", "get"),
    ("/api/v1/staff/submissions/{reference}/decision", "post"),
    ("/api/v1/teams", "get"),
    ("/api/v1/teams/{id}", "get"),
    ("/api/v1/activities", "get"),
    ("/api/v1/volunteer-applications", "post"),
    ("/api/v1/streets", "get"),
    ("/api/v1/streets/{id}", "get"),
    ("/api/v1/merchant-registrations", "post"),
];

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

async fn document(app: &TestApp) -> Value {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    response.json().await.expect("the document is JSON")
}

/// Each (path, method) the document lists.
fn operations(doc: &Value) -> Vec<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .into_iter()
                .filter(|method| item[*method].is_object())
                .map(|method| (path.clone(), method.to_owned()))
        })
        .collect()
}

#[tokio::test]
async fn the_document_is_openapi_3_and_lists_every_operation() {
    let db = TestDb::new(Engine::Sqlite).await.unwrap();
    let app = TestApp::spawn(&db).await;
    let doc = document(&app).await;
    let version = doc["openapi"].as_str().expect("an openapi version");
    assert!(version.starts_with("3."), "OpenAPI 3.x, not {version}");
    assert_eq!(doc["info"]["title"], "一刻钟 Quarter Hour open API");
    assert_eq!(doc["info"]["version"], "1.0.0");
    assert_eq!(doc["servers"][0]["url"], "/");
    let listed = operations(&doc);
    for (path, method) in OPERATIONS {
        assert!(
            listed.contains(&(path.to_owned(), method.to_owned())),
            "{method} {path} is documented"
        );
    }
    for (path, method) in &listed {
        let operation = &doc["paths"][path][method];
        assert!(
            operation["operationId"].is_string(),
            "{method} {path} has an operationId"
        );
        assert!(
            operation["responses"]
                .as_object()
                .is_some_and(|r| !r.is_empty()),
            "{method} {path} documents its answers"
        );
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["staffSession"]["name"],
        "__Host-qh_staff"
    );
}

/// Every documented operation reaches a route of its own: its method is not refused (405), and
/// a method it does not document is (405), which the catch-all JSON 404 never answers. Path
/// parameters are filled with a placeholder: an unknown id is the handler's 404, not the
/// catch-all's, and the 405 tells the two apart.
#[tokio::test]
async fn every_documented_operation_is_served() {
    let db = TestDb::new(Engine::Sqlite).await.unwrap();
    let app = TestApp::spawn(&db).await;
    let doc = document(&app).await;
    let (status, body) = app.get_json("/api/v1/no-such-route").await;
    assert_eq!((status, body["error"].as_str()), (404, Some("not found")));
    let put = app.http.put(app.url("/api/v1/no-such-route")).send().await;
    assert_eq!(
        put.expect("request").status(),
        404,
        "the catch-all takes any method"
    );

    let listed = operations(&doc);
    for (path, method) in &listed {
        let url = app.url(&filled(path));
        let request = |method: &str| {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
            let request = app.http.request(method.clone(), &url);
            if method == Method::GET || method == Method::DELETE {
                request
            } else {
                request.json(&serde_json::json!({}))
            }
        };
        let answer = request(method).send().await.expect("request");
        assert_ne!(answer.status(), 405, "{method} {path} is routed");
        let other = METHODS
            .into_iter()
            .find(|m| !listed.contains(&(path.clone(), (*m).to_owned())))
            .expect("a method the path does not take");
        let refused = request(other).send().await.expect("request");
        assert_eq!(
            refused.status(),
            405,
            "{path} has a route of its own ({other} is refused, not the catch-all's 404)"
        );
    }
}

/// A path with each `{parameter}` replaced by a placeholder.
fn filled(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').expect("a closing brace") + start;
        out.push_str(&rest[..start]);
        out.push('1');
        rest = &rest[end + 1..];
    }
    out + rest
}

/// Routes under /api/v1 are registered with `utoipa_axum::routes!`, which documents them as it
/// routes them; a `.route("/api/v1/…")` of its own would be served but never documented. Only
/// the document's own route and the JSON 404 for everything else are routed directly.
#[test]
fn no_route_under_api_v1_is_registered_outside_the_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for dir in ["app/src", "server/src"] {
        for file in rust_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).expect("a readable source file");
            for path in routed_paths(&text) {
                if path.starts_with("/api/v1") {
                    let name = file.strip_prefix(&root).unwrap_or(&file).to_owned();
                    found.push((name.display().to_string(), path));
                }
            }
        }
    }
    found.sort();
    let expected = [
        ("app/src/api/mod.rs", "/api/v1/openapi.json"),
        ("app/src/api/mod.rs", "/api/v1/{*rest}"),
    ]
    .map(|(file, path)| (file.to_owned(), path.to_owned()));
    assert_eq!(
        found, expected,
        "routes under /api/v1 outside `routes!` (and so outside the OpenAPI document)"
    );
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The string literal each `.route(`, `.route_service(`, `.nest(` or `.nest_service(` starts
/// with, wherever rustfmt put it.
fn routed_paths(text: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for call in [".route(", ".route_service(", ".nest(", ".nest_service("] {
        for (at, _) in text.match_indices(call) {
            let rest = text[at + call.len()..].trim_start();
            if let Some(literal) = rest.strip_prefix('"') {
                let end = literal.find('"').unwrap_or(literal.len());
                paths.push(literal[..end].to_owned());
            }
        }
    }
    paths
}
