//! Guards in front of every route: cross-site request refusal and the public POST rate limit.

use app::{api::error::ApiError, error::AppError, state::AppState};
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::{num::NonZeroU32, sync::Arc};

/// State-changing requests must come from this site's own pages (or from a client that is not
/// a browser, which sends no Origin and carries no one else's cookies). With SameSite=Lax
/// cookies this closes cross-site request forgery without tokens in every form.
pub async fn same_origin(request: Request, next: Next) -> Response {
    if is_safe(request.method()) || !is_cross_site(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "cross-site request refused");
    ApiError::new(StatusCode::FORBIDDEN, "cross-site request refused").into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_cross_site(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    match text(header::ORIGIN.as_str()) {
        Some(origin) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            let ours = text("x-forwarded-host").or_else(|| text(header::HOST.as_str()));
            ours != Some(origin_host)
        }
        None => text("sec-fetch-site") == Some("cross-site"),
    }
}

/// Public POSTs per client address and minute; `None` when the limit is off.
#[derive(Clone)]
pub struct RateLimit {
    limiter: Option<Arc<DefaultKeyedRateLimiter<String>>>,
    state: AppState,
}

impl RateLimit {
    /// The limit, and a task that forgets idle clients every minute while the limit is in use.
    /// Call inside the server's runtime.
    pub fn new(per_minute: u32, state: AppState) -> RateLimit {
        let limit = RateLimit {
            limiter: NonZeroU32::new(per_minute)
                .map(|n| Arc::new(RateLimiter::keyed(Quota::per_minute(n)))),
            state,
        };
        if let Some(limiter) = &limit.limiter {
            let limiter = Arc::downgrade(limiter);
            tokio::spawn(async move {
                let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
                loop {
                    every.tick().await;
                    let Some(limiter) = limiter.upgrade() else {
                        return;
                    };
                    prune(&limiter);
                }
            });
        }
        limit
    }
}

/// Forgets every client whose allowance has refilled, so the map holds only the clients of
/// the last minute, not every address ever seen.
fn prune(limiter: &DefaultKeyedRateLimiter<String>) {
    limiter.retain_recent();
    limiter.shrink_to_fit();
}

/// The server functions through which the public submits or looks up a submission, by their
/// own paths. The others are reads (GETs, or POSTs that carry a home) and staff work.
const SUBMITTING_SERVER_FNS: [&str; 11] = {
    use app::{merchants, services, staff, submissions, volunteers};
    use leptos::server_fn::ServerFn;
    [
        services::SuggestService::PATH,
        services::ResubmitSuggestion::PATH,
        submissions::LookupSubmission::PATH,
        submissions::EraseSubmission::PATH,
        volunteers::Apply::PATH,
        volunteers::MyVolunteering::PATH,
        volunteers::WithdrawApplication::PATH,
        volunteers::EraseApplication::PATH,
        merchants::RegisterShop::PATH,
        merchants::ResubmitRegistration::PATH,
        staff::SignIn::PATH,
    ]
};

/// Public writes to the JSON API, the submitting server functions and signing in are limited:
/// a flood of sign-ins is held here, before any password is hashed. Staff work behind a
/// session is not.
fn is_limited(method: &Method, path: &str) -> bool {
    let writes = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    let public_api = path.starts_with("/api/v1/")
        && (!path.starts_with("/api/v1/staff/") || path == "/api/v1/staff/session");
    writes && (public_api || SUBMITTING_SERVER_FNS.contains(&path))
}

pub async fn rate_limit(State(limit): State<RateLimit>, request: Request, next: Next) -> Response {
    let Some(limiter) = &limit.limiter else {
        return next.run(request).await;
    };
    if !is_limited(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    let address = limit
        .state
        .client_address(request.headers(), request.extensions());
    if limiter.check_key(&address).is_ok() {
        return next.run(request).await;
    }
    let mut response = crate::refusal::refuse(
        request.uri().path(),
        request.headers(),
        AppError::RateLimited,
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    #[test]
    fn a_post_from_our_own_page_is_not_cross_site() {
        let ours = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(!is_cross_site(&ours));
    }

    #[test]
    fn a_post_from_another_site_is_refused() {
        let theirs = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(is_cross_site(&theirs));
        let fetch = headers(&[("sec-fetch-site", "cross-site"), ("host", "127.0.0.1:3000")]);
        assert!(is_cross_site(&fetch));
    }

    #[test]
    fn a_script_without_an_origin_is_let_through() {
        assert!(!is_cross_site(&headers(&[("host", "127.0.0.1:3000")])));
    }

    #[test]
    fn idle_clients_are_forgotten_and_recent_ones_kept() {
        let per_10ms = Quota::with_period(std::time::Duration::from_millis(10)).unwrap();
        let limiter: DefaultKeyedRateLimiter<String> = RateLimiter::keyed(per_10ms);
        for n in 0..1000 {
            let _ = limiter.check_key(&format!("192.0.2.{n}"));
        }
        assert_eq!(limiter.len(), 1000);
        std::thread::sleep(std::time::Duration::from_millis(30));
        let _ = limiter.check_key(&"198.51.100.1".to_owned());
        prune(&limiter);
        assert_eq!(limiter.len(), 1, "only the client of the last moment");
    }

    #[test]
    fn staff_work_is_outside_the_public_rate_limit() {
        assert!(is_limited(&Method::POST, "/api/v1/service-suggestions"));
        assert!(is_limited(&Method::POST, "/api/services/suggest"));
        assert!(is_limited(&Method::POST, "/api/volunteers/apply"));
        assert!(!is_limited(
            &Method::POST,
            "/api/v1/staff/submissions/QH-1/decision"
        ));
        assert!(!is_limited(&Method::GET, "/services"));
        assert!(is_limited(&Method::POST, "/api/v1/staff/session"));
        assert!(is_limited(&Method::POST, "/api/staff/sign-in"));
        assert!(
            !is_limited(&Method::POST, "/api/services/search"),
            "browsing is not"
        );
    }
}
