//! Settings, read from environment variables; every one has a default that works with nothing set.

use app::{
    domain::tiles::{TileSource, TileSourceError},
    storage::DEFAULT_DATABASE_URL,
};
use leptos::config::{LeptosOptions, get_configuration};
use std::{net::SocketAddr, time::Duration};

#[derive(Clone, Debug)]
pub struct Settings {
    /// `DATABASE_URL`: `sqlite:…` (default, a file under ./data) or `postgres://…`.
    pub database_url: String,
    /// `QH_DEMO_DATA`: load demo data into an empty database on start (`off` to start empty).
    pub demo_data: bool,
    /// `QH_LOG_FORMAT`: `text` (default) or `json`, one line per event either way.
    pub json_logs: bool,
    /// `RATE_LIMIT_PER_MINUTE`: public POSTs allowed per client address and minute (default 60;
    /// 0 turns the limit off, for load tests).
    pub rate_limit_per_minute: u32,
    /// `TRUST_PROXY`: `on` behind a reverse proxy, to take the client's address from the last
    /// X-Forwarded-For hop (default off: anyone could send that header).
    pub trust_proxy: bool,
    /// `PAGE_CACHE_MS`: how long a rendered public directory page is served from memory
    /// (default 2000; 0 renders every request).
    pub page_cache: Duration,
    /// `QH_MAP_TILES` (a tile URL template with `{z}`, `{x}`, `{y}` and maybe `{s}`), with
    /// `QH_MAP_ATTRIBUTION`, `QH_MAP_SUBDOMAINS` (default `abc`) and `QH_MAP_CRS` (`wgs84`, or
    /// `gcj02` for AMap's tiles): the base layer of every map. Unset: maps drawn offline.
    pub map_tiles: Option<TileSource>,
    /// Leptos' own settings: `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000), `LEPTOS_SITE_ROOT`, …
    pub leptos: LeptosOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Map(#[from] TileSourceError),
    #[error("invalid Leptos setting: {0}")]
    Leptos(String),
    #[error("{name} must be a whole number, not {value:?}")]
    Number { name: &'static str, value: String },
    #[error("{name} must be one of {allowed}, not {value:?}")]
    Choice {
        name: &'static str,
        allowed: String,
        value: String,
    },
}

impl Settings {
    pub fn from_env() -> Result<Settings, ConfigError> {
        Ok(Settings {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            demo_data: switch("QH_DEMO_DATA", true)?,
            json_logs: choice("QH_LOG_FORMAT", &["text", "json"], "text")? == "json",
            rate_limit_per_minute: number("RATE_LIMIT_PER_MINUTE", 60)?,
            trust_proxy: switch("TRUST_PROXY", false)?,
            page_cache: Duration::from_millis(number("PAGE_CACHE_MS", 2000)?.into()),
            map_tiles: match var("QH_MAP_TILES") {
                None => None,
                Some(template) => Some(
                    TileSource::new(
                        &template,
                        var("QH_MAP_ATTRIBUTION").as_deref(),
                        var("QH_MAP_SUBDOMAINS").as_deref(),
                        var("QH_MAP_CRS").as_deref(),
                    )
                    .map_err(ConfigError::Map)?,
                ),
            },
            leptos: leptos_options()?,
        })
    }

    pub fn site_addr(&self) -> SocketAddr {
        self.leptos.site_addr
    }
}

/// Leptos reads its settings (`LEPTOS_SITE_ADDR`, `LEPTOS_SITE_ROOT`, …) from the environment,
/// and the name of the site's files from a variable cargo-leptos sets at build time. A plain
/// `cargo build` (tests, tools) has no such name: the files are then named after the project.
fn leptos_options() -> Result<LeptosOptions, ConfigError> {
    let built_by_cargo_leptos = option_env!("LEPTOS_OUTPUT_NAME").is_some()
        || std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    if built_by_cargo_leptos {
        return get_configuration(None)
            .map(|conf| conf.leptos_options)
            .map_err(|e| ConfigError::Leptos(e.to_string()));
    }
    let site_addr = match var("LEPTOS_SITE_ADDR") {
        Some(addr) => addr.parse().map_err(|_| {
            ConfigError::Leptos(format!("LEPTOS_SITE_ADDR is not an address: {addr}"))
        })?,
        None => SocketAddr::from(([127, 0, 0, 1], 3000)),
    };
    Ok(LeptosOptions::builder()
        .output_name("quarterhour")
        .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()))
        .site_addr(site_addr)
        .build())
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn number(name: &'static str, default: u32) -> Result<u32, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(value) => value
            .trim()
            .parse()
            .map_err(|_| ConfigError::Number { name, value }),
    }
}

fn switch(name: &'static str, default: bool) -> Result<bool, ConfigError> {
    match var(name).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if matches!(v.as_str(), "on" | "true" | "1" | "yes") => Ok(true),
        Some(v) if matches!(v.as_str(), "off" | "false" | "0" | "no") => Ok(false),
        Some(value) => Err(ConfigError::Choice {
            name,
            allowed: "on, off".to_owned(),
            value,
        }),
    }
}

fn choice(
    name: &'static str,
    allowed: &'static [&'static str],
    default: &'static str,
) -> Result<&'static str, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(value) => allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(value.trim()))
            .copied()
            .ok_or(ConfigError::Choice {
                name,
                allowed: allowed.join(", "),
                value,
            }),
    }
}
