use app::state::AppState;
use axum::{Json, extract::State, http::StatusCode};
use serde_json::{Value, json};
use std::time::Duration;

/// `GET /healthz`: 200 when the database answers within two seconds, 503 otherwise.
/// A load balancer takes an instance out of rotation on 503 rather than waiting on it.
pub async fn check(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let engine = state.db.engine().name();
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": engine })),
        ),
        outcome => {
            let reason = match outcome {
                Ok(Err(error)) => error.to_string(),
                _ => "timed out".to_owned(),
            };
            tracing::warn!(%reason, "health check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": engine })),
            )
        }
    }
}
