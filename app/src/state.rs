//! What every request handler and server function can reach: the database and the site options.
//! Handed in through context (see server/), never global, so each test runs on its own database.

use crate::storage::Db;
use axum::{
    extract::{ConnectInfo, FromRef},
    http::{Extensions, HeaderMap},
};
use leptos::config::LeptosOptions;
use std::net::SocketAddr;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    /// Behind a reverse proxy the client's address is the last hop of X-Forwarded-For; trusted
    /// only when the deployment says a proxy is there (`TRUST_PROXY`), as anyone can send it.
    pub trust_proxy: bool,
}

impl AppState {
    /// The state of the request being served; server functions call this.
    pub fn current() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            crate::error::AppError::Unavailable
        })
    }

    /// The client's address, for throttling and rate limits.
    pub fn client_address(&self, headers: &HeaderMap, extensions: &Extensions) -> String {
        client_address(headers, extensions, self.trust_proxy)
    }
}

pub fn client_address(headers: &HeaderMap, extensions: &Extensions, trust_proxy: bool) -> String {
    let forwarded = trust_proxy
        .then(|| headers.get("x-forwarded-for")?.to_str().ok())
        .flatten()
        .and_then(|list| list.rsplit(',').next())
        .map(|hop| hop.trim().to_owned())
        .filter(|hop| !hop.is_empty());
    forwarded
        .or_else(|| {
            extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}
