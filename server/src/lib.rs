//! The `quarterhour` server: configuration, storage start-up, the HTTP stack around the Leptos app.

pub mod config;
mod health;
pub mod telemetry;

use app::{
    app::{App, shell},
    state::AppState,
    storage::{Db, StorageError, demo},
};
use axum::{Router, http::Request, routing::get};
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
    Ok(db)
}

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    state: AppState,
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
                } => tracing::info!(districts, grids, services, "demo data loaded"),
                demo::DemoOutcome::SkippedNotEmpty => {
                    tracing::info!("database has data; demo data not loaded")
                }
            }
        }
        let addr = settings.site_addr();
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let state = AppState {
            db,
            leptos_options: settings.leptos,
        };
        Ok(Application { listener, state })
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> io::Result<()> {
        let db = self.state.db.clone();
        axum::serve(self.listener, router(self.state))
            .with_graceful_shutdown(shutdown)
            .await?;
        db.close().await;
        Ok(())
    }
}

/// The whole HTTP surface: health check, pages, server functions, static files.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::check))
        .merge(app::api::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
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
