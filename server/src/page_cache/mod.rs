//! A micro-cache for the public directory pages.
//!
//! Rendering a page runs the whole app and its queries; the same list of services is rendered
//! again and again for every visitor. A rendered page is kept for a moment (two seconds by
//! default, `PAGE_CACHE_MS`) and served from memory meanwhile, keyed by the address and the
//! cookies (language, large text) it was rendered with. Every page's inline scripts carry a
//! nonce that must be fresh per response: the cached body is kept cut at its nonce and joined
//! with a new one for each visitor, as is the Content-Security-Policy header.
//!
//! Freshness: a page is kept with the count of changes committed through this instance when
//! it was rendered (`storage::Changes`, moved by the domain's writes after their commit), and
//! is not served once the count has moved: whoever changes something sees it at once, while
//! reads (page GETs, and the server-function calls a browsing page makes) leave the cache
//! warm. Another instance's change shows here within the lifetime of an entry and one render.
//! Staff (who carry a session cookie) always get a fresh render.
//!
//! One render at a time per page. Past its lifetime a page is rendered again by the one
//! request that finds it so; the others are served the kept page meanwhile
//! (stale-while-revalidate). A page with nothing kept (the first visit, or after a change)
//! is rendered by the first request while the others wait for it (moka's per-key compute), and
//! then served what it kept. Without that, every connection arriving in those milliseconds
//! rendered the same page at once, and the requests behind them waited for the cores.

use app::storage::Changes;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use moka::{future::Cache, ops::compute::Op};
use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

/// The bytes of pages kept at most; past it, the least used go first.
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Longer addresses (odd queries) are not worth keeping.
const MAX_KEY_BYTES: usize = 512;
/// A page larger than this is a mistake somewhere; it is served, not kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;
/// How long past its lifetime a page may still be served while another request renders it.
/// A render takes milliseconds; this bounds what a hung one (the database away) can hide.
const STALE_FOR: Duration = Duration::from_secs(10);

/// The pages anyone may see and that show the directory. Not the forms (they may be
/// pre-filled), not the near-me page (its address holds a home location), not staff pages.
fn is_directory_page(path: &str) -> bool {
    matches!(
        path,
        "/" | "/services" | "/volunteers" | "/volunteers/activities" | "/merchants"
    ) || ["/services/", "/volunteers/teams/", "/merchants/streets/"]
        .iter()
        .any(|prefix| path.strip_prefix(prefix).is_some_and(is_id))
}

fn is_id(segment: &str) -> bool {
    !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Clone)]
pub struct PageCache {
    inner: Arc<Inner>,
}

struct Inner {
    ttl: Duration,
    /// Moved by every committed change; entries rendered before it are stale.
    changes: Changes,
    entries: Cache<Key, Arc<Entry>>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    cookies: String,
}

struct Entry {
    stored: Instant,
    generation: u64,
    headers: HeaderMap,
    /// The body, cut where the nonce was.
    pieces: Vec<Bytes>,
    nonce: String,
    /// Set while one request renders this page again.
    refreshing: AtomicBool,
}

/// The right to render a stale page again; given up when dropped, so a render that fails or
/// whose visitor leaves lets the next request try.
struct RefreshClaim(Arc<Entry>);

impl Drop for RefreshClaim {
    fn drop(&mut self) {
        self.0.refreshing.store(false, Ordering::Release);
    }
}

impl PageCache {
    /// A cache keeping pages for `ttl` or until `changes` moves; a zero `ttl` keeps nothing.
    pub fn new(ttl: Duration, changes: Changes) -> PageCache {
        let entries = Cache::builder()
            .max_capacity(MAX_BYTES)
            .weigher(|key: &Key, entry: &Arc<Entry>| {
                let bytes = key.path_and_query.len() + key.cookies.len() + entry.bytes();
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            .time_to_live(ttl + STALE_FOR)
            .build();
        PageCache {
            inner: Arc::new(Inner {
                ttl,
                changes,
                entries,
            }),
        }
    }

    fn key(&self, request: &Request) -> Option<Key> {
        if self.inner.ttl.is_zero() || !is_directory_page(request.uri().path()) {
            return None;
        }
        let path_and_query = request.uri().path_and_query()?.as_str();
        let mut cookies = String::new();
        for value in request.headers().get_all(header::COOKIE) {
            cookies.push_str(value.to_str().ok()?);
            cookies.push(';');
        }
        if cookies.contains(app::staff::auth::SESSION_COOKIE)
            || path_and_query.len() + cookies.len() > MAX_KEY_BYTES
        {
            return None;
        }
        Some(Key {
            path_and_query: path_and_query.to_owned(),
            cookies,
        })
    }

    fn is_servable(&self, entry: &Entry) -> bool {
        entry.generation == self.inner.changes.current()
            && entry.stored.elapsed() < self.inner.ttl + STALE_FOR
    }

    /// Renders the page, and keeps it when it can be kept. The generation is taken before
    /// rendering: a change made while the page renders leaves the page stale.
    async fn render(&self, request: Request, next: Next) -> Rendered {
        let generation = self.inner.changes.current();
        let response = next.run(request).await;
        if response.status() != StatusCode::OK || !is_keepable(response.headers()) {
            return Rendered::Served(response);
        }
        let (parts, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "a page could not be read whole");
                return Rendered::Served(StatusCode::INTERNAL_SERVER_ERROR.into_response());
            }
        };
        match Entry::new(&parts, &body, generation) {
            Some(entry) => Rendered::Kept(Arc::new(entry)),
            None => Rendered::Served(Response::from_parts(parts, Body::from(body))),
        }
    }
}

/// A page as rendered: kept (and served from what was kept), or only served.
enum Rendered {
    Kept(Arc<Entry>),
    Served(Response),
}

/// The middleware: serves kept pages and keeps new ones.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(key) = cache
        .key(&request)
        .filter(|_| request.method() == Method::GET)
    else {
        return next.run(request).await;
    };
    if let Some(entry) = cache.inner.entries.get(&key).await
        && cache.is_servable(&entry)
    {
        if entry.stored.elapsed() < cache.inner.ttl || entry.refreshing.swap(true, Ordering::AcqRel)
        {
            return entry.respond();
        }
        let _claim = RefreshClaim(entry);
        return match cache.render(request, next).await {
            Rendered::Kept(entry) => {
                cache.inner.entries.insert(key, entry.clone()).await;
                entry.respond()
            }
            Rendered::Served(response) => response,
        };
    }
    // Nothing servable is kept. One request at a time per page renders it; those queued behind
    // find what it kept. If it kept nothing (the render failed), the next renders for itself.
    let waiting = Mutex::new(Some((request, next)));
    let served = Mutex::new(None);
    let computed = cache
        .inner
        .entries
        .entry(key)
        .and_compute_with(|kept| async {
            if kept.is_some_and(|kept| cache.is_servable(kept.value())) {
                return Op::Nop;
            }
            let Some((request, next)) = lock(&waiting).take() else {
                return Op::Nop;
            };
            match cache.render(request, next).await {
                Rendered::Kept(entry) => Op::Put(entry),
                Rendered::Served(response) => {
                    *lock(&served) = Some(response);
                    Op::Nop
                }
            }
        })
        .await;
    if let Some(response) = lock(&served).take() {
        return response;
    }
    match computed.into_entry() {
        Some(entry) => entry.value().respond(),
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn lock<T>(slot: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Each slot is written once; a panic elsewhere cannot leave it half-written.
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn is_keepable(headers: &HeaderMap) -> bool {
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    html && !headers.contains_key(header::SET_COOKIE)
}

mod entry;
#[cfg(test)]
mod tests;
