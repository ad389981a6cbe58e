//! The `quarterhour` server: configuration, storage start-up, the HTTP stack around the Leptos app.

mod assets;
pub mod config;
mod guard;
mod headers;
mod health;
mod page_cache;
mod refusal;
mod render;
pub mod telemetry;

pub use page_cache::PageCache;

use app::{
    app::{App, shell},
    state::AppState,
    storage::{Db, StorageError, demo},
};
use axum::{Router, extract::DefaultBodyLimit, http::Request, middleware, routing::get};
use config::Settings;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::{future::Future, io, net::SocketAddr};
use tokio::net::TcpListener;
use tower_http::{
    LatencyUnit,
    compression::CompressionLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
}

/// Opens the database and brings its schema up to date.
pub async fn open_database(database_url: &str) -> Result<Db, StorageError> {
    let db = Db::connect(database_url).await?;
    db.migrate().await?;
    // Reference data every database needs before a service can be added, demo data or not.
    app::categories::db::seed_if_empty(&db).await?;
    Ok(db)
}

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    rate_limit_per_minute: u32,
    page_cache: page_cache::PageCache,
    assets: assets::Assets,
}

impl Application {
    /// Connects and migrates the database, loads demo data into an empty one, binds the address.
    pub async fn build(settings: Settings) -> Result<Application, StartError> {
        let db = open_database(&settings.database_url).await?;
        tracing::info!(engine = db.engine().name(), "database ready");
        if settings.demo_data {
            match demo::load_if_empty(&db).await? {
                demo::DemoOutcome::Loaded {
                    districts,
                    grids,
                    services,
                    teams,
                    shops,
                } => tracing::info!(districts, grids, services, teams, shops, "demo data loaded"),
                demo::DemoOutcome::SkippedNotEmpty => {
                    tracing::info!("database has data; demo data not loaded")
                }
            }
        }
        app::volunteers::housekeeping(&db).await;
        if let Some(password) = app::staff::accounts::bootstrap_admin(&db).await? {
            // Printed once, now, on the console: only its hash is kept, and a password has no
            // place in the structured log, which is shipped and kept elsewhere.
            tracing::warn!(
                "no staff accounts: created the admin `admin`; its password is on the console"
            );
            eprintln!(
                "\n  No staff accounts yet: created the admin `admin` with the password\n\n      {password}\n\n  Sign in at /staff/sign-in; it must be changed at the first sign-in.\n"
            );
        }
        let addr = settings.site_addr();
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let assets = assets::Assets::precompress(&settings.leptos.site_root);
        let page_cache = page_cache::PageCache::new(settings.page_cache, db.changes().clone());
        let state = AppState {
            db,
            leptos_options: settings.leptos,
            trust_proxy: settings.trust_proxy,
            map_tiles: settings.map_tiles.map(std::sync::Arc::new),
        };
        Ok(Application {
            listener,
            state,
            rate_limit_per_minute: settings.rate_limit_per_minute,
            page_cache,
            assets,
        })
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The whole HTTP surface without the listener, to call in-process: the render benchmark.
    pub fn into_router(self) -> Router {
        router(
            self.state,
            self.rate_limit_per_minute,
            self.page_cache,
            self.assets,
        )
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> io::Result<()> {
        let db = self.state.db.clone();
        let housekeeping = tokio::spawn({
            let db = db.clone();
            async move {
                let mut every = tokio::time::interval(std::time::Duration::from_secs(6 * 3600));
                every.tick().await; // the first tick is now, and build() has just done it
                loop {
                    every.tick().await;
                    app::volunteers::housekeeping(&db).await;
                }
            }
        });
        let app = router(
            self.state,
            self.rate_limit_per_minute,
            self.page_cache,
            self.assets,
        );
        // The peer address feeds sign-in throttling and the rate limit.
        axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        housekeeping.abort();
        db.close().await;
        Ok(())
    }
}

/// The whole HTTP surface: health check, pages, server functions, static files.
fn router(
    state: AppState,
    rate_limit_per_minute: u32,
    pages: PageCache,
    assets: assets::Assets,
) -> Router {
    let rate_limit = guard::RateLimit::new(rate_limit_per_minute, state.clone());
    let routes = route_list();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::check))
        .merge(app::api::routes())
        // The server functions only: the pages have a handler of their own (`render`).
        .leptos_routes_with_context(&state, Vec::new(), context.clone(), move || {
            shell(options.clone())
        })
        .leptos_routes_with_handler(routes, render::page)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn_with_state(pages, page_cache::serve))
        .layer(middleware::from_fn_with_state(assets, assets::serve))
        .layer(middleware::from_fn_with_state(rate_limit, guard::rate_limit))
        .layer(middleware::from_fn(guard::same_origin))
        .layer(DefaultBodyLimit::max(headers::MAX_BODY_BYTES))
        .layer(middleware::from_fn(headers::body_limit))
        .layer(middleware::from_fn(headers::security_headers))
        .layer(middleware::from_fn(headers::no_store))
        .layer(CompressionLayer::new())
        // One line per request: method, path (never the query, which may carry a home
        // location), status and latency.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<axum::body::Body>| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_request(())
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(LatencyUnit::Millis),
                )
                .on_failure(()),
        )
        .with_state(state)
}

/// The app's routes, worked out once per process. Working them out runs the whole app with
/// resource loading suppressed process-wide (leptos_server's global flag): a page rendering at
/// that moment in another server of the same process (the integration tests run many) would
/// wait forever for its data.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    // `render::page` renders a page whole before sending it, as `SsrMode::Async` asks.
    debug_assert!(
        routes
            .iter()
            .all(|route| matches!(route.mode(), leptos_router::SsrMode::Async)),
        "every page route is SsrMode::Async"
    );
    routes
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM, whichever comes first. The handlers are installed
/// when this is called, not when the future is first polled: a signal that arrives just after
/// the server announced itself still shuts it down gracefully.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {},
                        _ = terminate.recv() => {},
                    }
                }
                (Err(error), _) | (_, Err(error)) => {
                    tracing::error!(%error, "cannot listen for shutdown signals");
                    std::future::pending::<()>().await;
                }
            }
            tracing::info!("shutting down: finishing requests in flight");
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("shutting down: finishing requests in flight");
        } else {
            std::future::pending::<()>().await;
        }
    }
}
