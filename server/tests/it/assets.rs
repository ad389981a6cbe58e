//! The client's files: compressed once at the best quality, and never reused without a check.

use crate::common::{Engine, TestApp, TestDb};
use reqwest::{StatusCode, header};
use std::time::Duration;

/// A stand-in for the main wasm: big enough that compression shows.
fn wasm_bytes() -> Vec<u8> {
    (0..60_000u32)
        .flat_map(|i| (i % 251).to_le_bytes())
        .collect()
}

async fn app_serving(site: &std::path::Path) -> (TestDb, TestApp) {
    let db = TestDb::new(Engine::Sqlite).await.unwrap();
    let root = site.to_str().unwrap().to_owned();
    let app = TestApp::spawn_with(&db, |settings| settings.leptos.site_root = root.into()).await;
    (db, app)
}

/// The file as a brotli-accepting browser gets it, once the server has compressed it.
async fn brotli_response(app: &TestApp, path: &str) -> reqwest::Response {
    for _ in 0..100 {
        let response = app
            .client
            .get(app.url(path))
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
            .send()
            .await
            .unwrap();
        if response.headers().get(header::ETAG).is_some() {
            return response;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{path} was not precompressed within 5 s");
}

#[tokio::test]
async fn the_wasm_is_served_precompressed_and_revalidated_with_its_etag() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    let wasm = wasm_bytes();
    std::fs::write(site.path().join("pkg/quarterhour.wasm"), &wasm).unwrap();
    let (_db, app) = app_serving(site.path()).await;

    let response = brotli_response(&app, "/pkg/quarterhour.wasm").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    let etag = response.headers()[header::ETAG].clone();
    let packed = response.bytes().await.unwrap();
    assert!(packed.len() < wasm.len() / 4, "{} bytes", packed.len());
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut &packed[..], &mut unpacked).unwrap();
    assert_eq!(unpacked, wasm);

    let again = app
        .client
        .get(app.url("/pkg/quarterhour.wasm"))
        .header(header::ACCEPT_ENCODING, "br")
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_browser_without_brotli_gets_the_file_as_it_is() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    std::fs::write(
        site.path().join("pkg/quarterhour.js"),
        "export default 1;\n",
    )
    .unwrap();
    let (_db, app) = app_serving(site.path()).await;
    brotli_response(&app, "/pkg/quarterhour.js").await;

    let response = app.get("/pkg/quarterhour.js").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    assert_eq!(response.text().await.unwrap(), "export default 1;\n");
}
