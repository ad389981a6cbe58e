//! A page rendered with no cache, in-process (no sockets): what every visitor costs when nothing
//! is kept. The shell alone (an unknown address) and a page with one small form are the floor
//! the services page is measured against. `cargo bench -p server --bench render`; PostgreSQL
//! too when TEST_POSTGRES_URL names a server whose database `qh_bench_render` may be replaced.

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode},
};
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::{Application, config::Settings};
use std::{hint::black_box, net::SocketAddr, time::Duration};
use tower::ServiceExt;

mod support;

// As the server's own binary: allocation is much of a render's cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PAGES: [(&str, &str); 5] = [
    ("shell_404", "/no-such-page"),
    ("status", "/status"),
    ("services", "/services"),
    ("service", "/services/1"),
    ("activities", "/volunteers/activities"),
];

async fn router(database_url: &str) -> Router {
    let settings = Settings {
        database_url: database_url.to_owned(),
        demo_data: true,
        json_logs: false,
        rate_limit_per_minute: 0,
        trust_proxy: false,
        page_cache: Duration::ZERO,
        map_tiles: None,
        leptos: LeptosOptions::builder()
            .output_name("quarterhour")
            .site_addr(SocketAddr::from(([127, 0, 0, 1], 0)))
            .build(),
    };
    Application::build(settings)
        .await
        .expect("server starts")
        .into_router()
}

async fn get(router: &Router, path: &str) -> usize {
    let mut request = Request::get(path).body(Body::empty()).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(
        status == StatusCode::OK || (path == PAGES[0].1 && status == StatusCode::NOT_FOUND),
        "{path}: {status}"
    );
    body.len()
}

fn bench_engine(c: &mut Criterion, engine: &str, url: &str) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let router = runtime.block_on(router(url));
    let mut group = c.benchmark_group(format!("uncached/{engine}"));
    for (name, path) in PAGES {
        group.bench_function(name, |b| {
            b.to_async(&runtime)
                .iter(|| async { black_box(get(&router, path).await) })
        });
    }
    group.finish();
}

/// `QH_RENDER_COUNT=services:500` renders one page that many times and stops, without
/// criterion: for counting instructions (valgrind, perf stat), which varies far less than time.
fn count(spec: &str) {
    let (name, times) = spec.split_once(':').expect("page:times");
    let path = PAGES
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a page's name")
        .1;
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let router = router(&format!("sqlite://{}/render.db", dir.path().display())).await;
        for _ in 0..times.parse::<u32>().unwrap() {
            black_box(get(&router, path).await);
        }
    });
}

fn pages(c: &mut Criterion) {
    if let Ok(spec) = std::env::var("QH_RENDER_COUNT") {
        return count(&spec);
    }
    let dir = tempfile::tempdir().unwrap();
    bench_engine(
        c,
        "sqlite",
        &format!("sqlite://{}/render.db", dir.path().display()),
    );
    if let Ok(base) = std::env::var("TEST_POSTGRES_URL") {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let url = runtime.block_on(support::fresh_postgres(&base, "qh_bench_render"));
        bench_engine(c, "postgres", &url);
    }
}

criterion_group!(benches, pages);
criterion_main!(benches);
