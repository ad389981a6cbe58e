//! A micro-cache for the public directory pages.
//!
//! Rendering a page runs the whole app and its queries; the same list of services is rendered
//! again and again for every visitor. A rendered page is kept for a moment (two seconds by
//! default, `PAGE_CACHE_MS`) and served from memory meanwhile, keyed by the address and the
//! cookies (language, large text) it was rendered with. Every page's inline scripts carry a
//! nonce that must be fresh per response: the cached body is kept cut at its nonce and joined
//! with a new one for each visitor, as is the Content-Security-Policy header.
//!
//! Freshness: any state-changing request that succeeds on this instance empties the cache, so
//! whoever changes something sees it at once; another instance's change shows here within the
//! lifetime of an entry and one render. Staff (who carry a session cookie) always get a fresh
//! render.
//!
//! Past its lifetime a page is rendered again by the one request that finds it so; the others
//! are served the kept page meanwhile (stale-while-revalidate). Without that, every connection
//! arriving in those milliseconds rendered the same page at once, queueing on the database:
//! the load test's slowest hundredth of requests were those.

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header, response::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

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
    /// Bumped by every successful change; entries rendered before it are stale.
    generation: AtomicU64,
    entries: Mutex<HashMap<Key, Arc<Entry>>>,
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
    /// Render it; with the claim when this request renders a kept page again for the others.
    Render(Option<RefreshClaim>),
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
    /// A cache keeping pages for `ttl`; a zero `ttl` keeps nothing.
    pub fn new(ttl: Duration) -> PageCache {
        PageCache {
            inner: Arc::new(Inner {
                ttl,
                generation: AtomicU64::new(0),
                entries: Mutex::new(HashMap::new()),
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

    fn lookup(&self, key: &Key) -> Lookup {
        let Some(entry) = self.lock().get(key).cloned() else {
            return Lookup::Render(None);
        };
        let age = entry.stored.elapsed();
        if entry.generation != self.inner.generation.load(Ordering::Acquire)
            || age >= self.inner.ttl + STALE_FOR
        {
            Lookup::Render(None)
        } else if age < self.inner.ttl || entry.refreshing.swap(true, Ordering::AcqRel) {
            Lookup::Serve(entry)
        } else {
            Lookup::Render(Some(RefreshClaim(entry)))
        }
    }

    fn is_servable(&self, entry: &Entry, generation: u64) -> bool {
        entry.generation == generation && entry.stored.elapsed() < self.inner.ttl + STALE_FOR
    }

    fn keep(&self, key: Key, entry: Entry) {
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            let generation = self.inner.generation.load(Ordering::Acquire);
            entries.retain(|_, e| self.is_servable(e, generation));
        }
        if entries.len() < MAX_ENTRIES {
            entries.insert(key, Arc::new(entry));
        }
    }

    /// Forgets every page: something changed.
    pub fn invalidate(&self) {
        self.inner.generation.fetch_add(1, Ordering::AcqRel);
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<Entry>>> {
        // A panic while holding the lock cannot leave the map half-changed in a way that
        // matters: every operation on it is a single insert, get, retain or clear.
        self.inner
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The middleware: serves kept pages, keeps new ones, forgets all on a successful change.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    if !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        let response = next.run(request).await;
        if response.status().is_success() || response.status().is_redirection() {
            cache.invalidate();
        }
        return response;
    }
    let Some(key) = cache
        .key(&request)
        .filter(|_| request.method() == Method::GET)
    else {
        return next.run(request).await;
    };
    let _claim = match cache.lookup(&key) {
        Lookup::Serve(entry) => return entry.respond(),
        Lookup::Render(claim) => claim,
    };
    // Taken before rendering: a change made while the page renders leaves the page stale.
    let generation = cache.inner.generation.load(Ordering::Acquire);
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

impl Entry {
    /// `None` when the page has no nonce to replace (it would then not run its scripts).
    fn new(parts: &Parts, body: &Bytes, generation: u64) -> Option<Entry> {
        let policy = parts.headers.get(header::CONTENT_SECURITY_POLICY)?;
        let nonce = nonce_in(policy.to_str().ok()?)?.to_owned();
        let mut pieces = Vec::new();
        let mut rest = 0;
        for at in find_all(body, nonce.as_bytes()) {
            pieces.push(body.slice(rest..at));
            rest = at + nonce.len();
        }
        pieces.push(body.slice(rest..));
        let mut headers = parts.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        Some(Entry {
            stored: Instant::now(),
            generation,
            headers,
            pieces,
            nonce,
            refreshing: AtomicBool::new(false),
        })
    }

    fn respond(&self) -> Response {
        let nonce = fresh_nonce();
        let length = self.pieces.iter().map(Bytes::len).sum::<usize>()
            + nonce.len() * (self.pieces.len() - 1);
        let mut body = Vec::with_capacity(length);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(piece);
        }
        let mut headers = self.headers.clone();
        for value in headers.values_mut() {
            if let Ok(text) = value.to_str()
                && text.contains(&self.nonce)
                && let Ok(renewed) = HeaderValue::from_str(&text.replace(&self.nonce, &nonce))
            {
                *value = renewed;
            }
        }
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
    }
}

/// The nonce in a policy's `'nonce-…'` source.
fn nonce_in(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(&policy[start..start + length]).filter(|n| n.len() >= 16)
}

fn find_all<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from
            + haystack[from..]
                .windows(needle.len())
                .position(|w| w == needle)?;
        from = at + needle.len();
        Some(at)
    })
}

/// 128 random bits, as the nonces Leptos makes.
fn fresh_nonce() -> String {
    leptos::nonce::Nonce::new().to_string()
}

#[cfg(test)]
mod tests;
