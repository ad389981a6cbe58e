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
    /// The map tiles every map shows, when the deployment configures them (`QH_MAP_TILES`).
    pub map_tiles: Option<std::sync::Arc<crate::domain::tiles::TileSource>>,
}

impl AppState {
    /// The state of the request being served; server functions call this.
    pub fn current() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            crate::error::AppError::Unavailable
        })
    }

    /// The client's address as throttles and rate limits count it (see [`client_key`]).
    pub fn client_address(&self, headers: &HeaderMap, extensions: &Extensions) -> String {
        client_address(headers, extensions, self.trust_proxy)
    }
}

pub fn client_address(headers: &HeaderMap, extensions: &Extensions, trust_proxy: bool) -> String {
    client_key(&client_ip(headers, extensions, trust_proxy))
}

fn client_ip(headers: &HeaderMap, extensions: &Extensions, trust_proxy: bool) -> String {
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

/// An IPv6 client is counted by its /64: one subscriber is handed a whole /64, and would
/// otherwise have as many keys as it likes. An IPv4 address (also one mapped into IPv6) is
/// counted alone; text that is no address is kept as it is.
pub fn client_key(address: &str) -> String {
    use std::net::IpAddr;
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => address.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::client_key;

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_and_ipv4_alone() {
        assert_eq!(client_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(
            client_key("2001:db8:1:2:ffff:ffff:ffff:ffff"),
            client_key("2001:db8:1:2::9")
        );
        assert_ne!(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:3::1"));
        assert_eq!(client_key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(client_key("192.0.2.7"), "192.0.2.7");
        assert_eq!(client_key("unknown"), "unknown");
    }
}
