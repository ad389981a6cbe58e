//! The cache as a visitor meets it: what is rendered, when, and what is served meanwhile.

use super::entry::{find_all, fresh_nonce, nonce_in};
use super::*;

#[test]
fn only_the_public_directory_pages_are_kept() {
    for kept in [
        "/",
        "/services",
        "/services/12",
        "/volunteers/teams/3",
        "/merchants",
    ] {
        assert!(is_directory_page(kept), "{kept}");
    }
    for fresh in [
        "/near",
        "/staff",
        "/staff/queue",
        "/volunteers/apply",
        "/merchants/register",
        "/services/12/edit",
        "/services/",
        "/api/v1/services",
    ] {
        assert!(!is_directory_page(fresh), "{fresh}");
    }
}

#[test]
fn the_nonce_is_read_from_the_policy() {
    let policy =
        "default-src 'self'; script-src 'self' 'nonce-AbCdEfGhIjKlMnOpQrSt' 'wasm-unsafe-eval'";
    assert_eq!(nonce_in(policy), Some("AbCdEfGhIjKlMnOpQrSt"));
    assert_eq!(nonce_in("default-src 'none'"), None);
}

/// A site whose one page says how many times it was rendered. Renders can be held (to be
/// in flight while other requests arrive) or made to fail.
struct Site {
    cache: PageCache,
    changes: Changes,
    router: axum::Router,
    renders: Arc<std::sync::atomic::AtomicUsize>,
    open: tokio::sync::watch::Sender<bool>,
    failing: Arc<AtomicBool>,
}

impl Site {
    fn new(ttl: Duration) -> Site {
        use std::sync::atomic::AtomicUsize;
        let changes = Changes::default();
        let cache = PageCache::new(ttl, changes.clone());
        let renders = Arc::new(AtomicUsize::new(0));
        let (open, gate) = tokio::sync::watch::channel(true);
        let failing = Arc::new(AtomicBool::new(false));
        let render = {
            let (renders, failing) = (renders.clone(), failing.clone());
            move || {
                let (renders, failing, mut gate) = (renders.clone(), failing.clone(), gate.clone());
                async move {
                    let n = renders.fetch_add(1, Ordering::SeqCst) + 1;
                    let _ = gate.wait_for(|open| *open).await;
                    if failing.load(Ordering::SeqCst) {
                        return StatusCode::SERVICE_UNAVAILABLE.into_response();
                    }
                    let nonce = fresh_nonce();
                    let policy = format!("script-src 'nonce-{nonce}'");
                    let headers = [
                        (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
                        (header::CONTENT_SECURITY_POLICY, policy),
                    ];
                    let body = format!("render {n} <script nonce=\"{nonce}\"></script>");
                    (headers, body).into_response()
                }
            }
        };
        let router = axum::Router::new()
            .route("/services", axum::routing::get(render))
            .layer(axum::middleware::from_fn_with_state(cache.clone(), serve));
        Site {
            cache,
            changes,
            router,
            renders,
            open,
            failing,
        }
    }

    /// What the visitor reads: "render N", or the status when it is not a page.
    fn get(&self) -> impl Future<Output = String> + Send + 'static {
        use tower::ServiceExt;
        let request = Request::get("/services").body(Body::empty()).unwrap();
        let response = self.router.clone().oneshot(request);
        async move {
            let Ok(response) = tokio::time::timeout(Duration::from_secs(2), response).await else {
                return "no answer".to_owned();
            };
            let response = response.unwrap();
            if response.status() != StatusCode::OK {
                return response.status().to_string();
            }
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            let text = String::from_utf8(body.to_vec()).unwrap();
            text.split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        }
    }

    /// A site that rendered its page once, a while ago.
    async fn with_a_page_past_its_time() -> Site {
        let site = Site::new(MOMENT);
        assert_eq!(site.get().await, "render 1");
        tokio::time::sleep(MOMENT * 2).await;
        site
    }

    fn renders(&self) -> usize {
        self.renders.load(Ordering::SeqCst)
    }

    async fn until_renders(&self, n: usize) {
        while self.renders() < n {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    fn hold_renders(&self, held: bool) {
        self.open.send_replace(!held);
    }
}

const MOMENT: Duration = Duration::from_millis(30);

#[tokio::test]
async fn past_its_time_a_page_is_rendered_by_one_request_while_the_others_get_the_kept_one() {
    let site = Site::with_a_page_past_its_time().await;
    site.hold_renders(true);
    let renderer = tokio::spawn(site.get());
    site.until_renders(2).await;
    for _ in 0..5 {
        assert_eq!(site.get().await, "render 1");
    }
    assert_eq!(site.renders(), 2, "no one else rendered it");
    site.hold_renders(false);
    assert_eq!(renderer.await.unwrap(), "render 2");
    assert_eq!(site.get().await, "render 2");
}

#[tokio::test]
async fn after_a_change_nobody_is_served_the_page_from_before_it() {
    let site = Site::with_a_page_past_its_time().await;
    site.changes.note();
    site.hold_renders(true);
    let first = tokio::spawn(site.get());
    site.until_renders(2).await;
    let second = tokio::spawn(site.get());
    tokio::time::sleep(MOMENT).await;
    site.hold_renders(false);
    assert_eq!(first.await.unwrap(), "render 2");
    assert_eq!(second.await.unwrap(), "render 2");
}

#[tokio::test]
async fn the_first_visitors_to_a_page_wait_for_one_render_of_it() {
    let site = Site::new(MOMENT);
    site.hold_renders(true);
    let visitors: Vec<_> = (0..5).map(|_| tokio::spawn(site.get())).collect();
    site.until_renders(1).await;
    tokio::time::sleep(MOMENT).await;
    site.hold_renders(false);
    for visitor in visitors {
        assert_eq!(visitor.await.unwrap(), "render 1");
    }
    assert_eq!(site.renders(), 1);
}

#[tokio::test]
async fn when_that_render_fails_those_who_waited_render_the_page_for_themselves() {
    let site = Site::new(MOMENT);
    site.failing.store(true, Ordering::SeqCst);
    site.hold_renders(true);
    let first = tokio::spawn(site.get());
    site.until_renders(1).await;
    let waiting: Vec<_> = (0..2).map(|_| tokio::spawn(site.get())).collect();
    tokio::time::sleep(MOMENT).await;
    assert_eq!(site.renders(), 1, "they wait");
    site.hold_renders(false);
    assert_eq!(first.await.unwrap(), "503 Service Unavailable");
    for visitor in waiting {
        assert_eq!(visitor.await.unwrap(), "503 Service Unavailable");
    }
    assert_eq!(site.renders(), 3);
}

#[tokio::test]
async fn when_the_render_fails_the_next_request_renders_the_page_again() {
    let site = Site::with_a_page_past_its_time().await;
    site.failing.store(true, Ordering::SeqCst);
    assert_eq!(site.get().await, "503 Service Unavailable");
    site.failing.store(false, Ordering::SeqCst);
    assert_eq!(site.get().await, "render 3");
}

#[tokio::test]
async fn when_the_rendering_visitor_leaves_the_next_request_renders_the_page_again() {
    let site = Site::with_a_page_past_its_time().await;
    site.hold_renders(true);
    let leaving = tokio::spawn(site.get());
    site.until_renders(2).await;
    leaving.abort();
    let _ = leaving.await;
    site.hold_renders(false);
    assert_eq!(site.get().await, "render 3");
}

#[tokio::test]
async fn when_the_first_visitor_leaves_the_one_waiting_renders_the_page() {
    let site = Site::new(MOMENT);
    site.hold_renders(true);
    let leaving = tokio::spawn(site.get());
    site.until_renders(1).await;
    let waiting = tokio::spawn(site.get());
    tokio::time::sleep(MOMENT).await;
    leaving.abort();
    let _ = leaving.await;
    site.hold_renders(false);
    assert_eq!(waiting.await.unwrap(), "render 2");
}

#[tokio::test]
async fn a_page_long_past_its_time_is_not_served_even_while_it_renders() {
    let site = Site::new(MOMENT);
    assert_eq!(site.get().await, "render 1");
    let entries = &site.cache.inner.entries;
    let (key, kept) = entries.iter().next().unwrap();
    let old = Entry {
        stored: kept.stored - (MOMENT + STALE_FOR),
        generation: kept.generation,
        headers: kept.headers.clone(),
        pieces: kept.pieces.clone(),
        nonce: kept.nonce.clone(),
        refreshing: AtomicBool::new(true),
    };
    entries.insert(Key::clone(&key), Arc::new(old)).await;
    assert_eq!(site.get().await, "render 2");
}

#[test]
fn every_copy_of_the_nonce_is_found() {
    let body = b"<script nonce=\"NONCE\">a</script><script nonce=\"NONCE\">b</script>";
    assert_eq!(find_all(body, b"NONCE").collect::<Vec<_>>(), vec![15, 47]);
}
