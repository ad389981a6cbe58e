//! What the benchmarks share.

use sqlx::{Connection, Executor};

/// A new, empty database `name` beside the one `base` names (TEST_POSTGRES_URL), replacing any
/// left by an earlier run; its URL.
pub async fn fresh_postgres(base: &str, name: &str) -> String {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(base).await.unwrap();
    conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .unwrap();
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let root = base.rsplit_once('/').map_or(base, |(head, _)| head);
    format!("{root}/{name}")
}
