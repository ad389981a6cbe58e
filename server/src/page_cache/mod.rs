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
//! is rendered by the first request while the others wait for it. Without that, every
//! connection arriving in those milliseconds rendered the same page at once, and the requests
//! behind them waited for the cores.

use app::storage::Changes;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};
use tokio::sync::{Notify, futures::OwnedNotified};

/// At most this many pages are kept; past it, a new page is served but not kept.
const MAX_ENTRIES: usize = 1024;
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
    entries: Mutex<HashMap<Key, Arc<Entry>>>,
    /// The pages being rendered with nothing kept, and who waits for them.
    flights: Mutex<HashMap<Key, Arc<Notify>>>,
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

/// What to do with a request for a page that may be kept.
enum Lookup {
    Serve(Arc<Entry>),
    /// Render it; the claim, if any, says others count on this render.
    Render(Option<Claim>),
    /// Another request is rendering it: wait for that, then look again.
    Wait(OwnedNotified),
}

/// Held while rendering a page for the others; given up when dropped (the page kept, the
/// render failed, or its visitor left), so the next request may try.
#[expect(dead_code, reason = "held for what its drop does")]
enum Claim {
    Refresh(RefreshClaim),
    Flight(Flight),
}

/// The right to render a stale page again; given up when dropped, so a render that fails or
/// whose visitor leaves lets the next request try.
struct RefreshClaim(Arc<Entry>);

impl Drop for RefreshClaim {
    fn drop(&mut self) {
        self.0.refreshing.store(false, Ordering::Release);
    }
}

/// The first render of a page with nothing kept; those waiting are woken when it ends.
struct Flight {
    cache: PageCache,
    key: Key,
    done: Arc<Notify>,
}

impl Drop for Flight {
    fn drop(&mut self) {
        lock(&self.cache.inner.flights).remove(&self.key);
        self.done.notify_waiters();
    }
}

impl PageCache {
    /// A cache keeping pages for `ttl` or until `changes` moves; a zero `ttl` keeps nothing.
    pub fn new(ttl: Duration, changes: Changes) -> PageCache {
        PageCache {
            inner: Arc::new(Inner {
                ttl,
                changes,
                entries: Mutex::new(HashMap::new()),
                flights: Mutex::new(HashMap::new()),
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

    /// `may_wait` is false once a request has waited: if the render it waited for kept
    /// nothing (it failed), it renders for itself rather than queue behind the next one.
    fn lookup(&self, key: &Key, may_wait: bool) -> Lookup {
        let generation = self.inner.changes.current();
        let kept = lock(&self.inner.entries).get(key).cloned();
        if let Some(entry) = kept.filter(|e| self.is_servable(e, generation)) {
            return if entry.stored.elapsed() < self.inner.ttl
                || entry.refreshing.swap(true, Ordering::AcqRel)
            {
                Lookup::Serve(entry)
            } else {
                Lookup::Render(Some(Claim::Refresh(RefreshClaim(entry))))
            };
        }
        if !may_wait {
            return Lookup::Render(None);
        }
        let mut flights = lock(&self.inner.flights);
        if let Some(done) = flights.get(key) {
            // Made under the lock, so the end of the render cannot slip past it.
            return Lookup::Wait(done.clone().notified_owned());
        }
        let done = Arc::new(Notify::new());
        flights.insert(key.clone(), done.clone());
        Lookup::Render(Some(Claim::Flight(Flight {
            cache: self.clone(),
            key: key.clone(),
            done,
        })))
    }

    fn is_servable(&self, entry: &Entry, generation: u64) -> bool {
        entry.generation == generation && entry.stored.elapsed() < self.inner.ttl + STALE_FOR
    }

    fn keep(&self, key: Key, entry: Entry) {
        let mut entries = lock(&self.inner.entries);
        if entries.len() >= MAX_ENTRIES {
            let generation = self.inner.changes.current();
            entries.retain(|_, e| self.is_servable(e, generation));
        }
        if entries.len() < MAX_ENTRIES {
            entries.insert(key, Arc::new(entry));
        }
    }
}

fn lock<T>(map: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave a map half-changed in a way that matters:
    // every operation on one is a single insert, get, remove, retain or clear.
    map.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The middleware: serves kept pages and keeps new ones.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(key) = cache
        .key(&request)
        .filter(|_| request.method() == Method::GET)
    else {
        return next.run(request).await;
    };
    let mut may_wait = true;
    let _claim = loop {
        match cache.lookup(&key, may_wait) {
            Lookup::Serve(entry) => return entry.respond(),
            Lookup::Render(claim) => break claim,
            Lookup::Wait(done) => {
                done.await;
                may_wait = false;
            }
        }
    };
    // Taken before rendering: a change made while the page renders leaves the page stale.
    let generation = cache.inner.changes.current();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || !is_keepable(response.headers()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "a page could not be read whole");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if let Some(entry) = Entry::new(&parts, &body, generation) {
        cache.keep(key, entry);
    }
    Response::from_parts(parts, Body::from(body))
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
