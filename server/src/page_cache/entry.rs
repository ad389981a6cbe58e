//! A kept page: its body cut at the nonce, joined with a fresh one for each visitor.

use super::Entry;
use axum::{
    body::{Body, Bytes},
    http::{HeaderValue, header, response::Parts},
    response::Response,
};
use std::{sync::atomic::AtomicBool, time::Instant};

impl Entry {
    /// `None` when the page has no nonce to replace (it would then not run its scripts).
    pub(super) fn new(parts: &Parts, body: &Bytes, generation: u64) -> Option<Entry> {
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

    /// What it holds, for the cache's weight.
    pub(super) fn bytes(&self) -> usize {
        self.pieces.iter().map(Bytes::len).sum::<usize>() + self.nonce.len()
    }

    pub(super) fn respond(&self) -> Response {
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
pub(super) fn nonce_in(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(&policy[start..start + length]).filter(|n| n.len() >= 16)
}

pub(super) fn find_all<'a>(
    haystack: &'a [u8],
    needle: &'a [u8],
) -> impl Iterator<Item = usize> + 'a {
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
pub(super) fn fresh_nonce() -> String {
    leptos::nonce::Nonce::new().to_string()
}
