//! What every request handler and server function can reach: the database and the site options.
//! Handed in through context (see server/), never global, so each test runs on its own database.

use crate::storage::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
}

impl AppState {
    /// The state of the request being served; server functions call this.
    pub fn current() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            crate::error::AppError::Unavailable
        })
    }
}
