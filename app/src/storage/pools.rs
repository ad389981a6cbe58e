//! The connection pools: one kind per engine, and what each connection is set to.

use sqlx::{AnyPool, Connection, Executor, any::AnyPoolOptions};
use std::time::Duration;

/// How long a PostgreSQL connection may sit idle before it is pinged on its way out.
const PING_IDLE_AFTER: Duration = Duration::from_secs(1);

fn pool_options(max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        // A request waits a little for a connection, never forever: a database that is down
        // shows as an error (and /healthz as 503) within seconds.
        .acquire_timeout(Duration::from_secs(3))
}

/// A pool on the SQLite file; `pragma`, if any, is run on each of its connections as well.
pub(super) async fn sqlite(
    url: &str,
    max_connections: u32,
    pragma: Option<&'static str>,
) -> Result<AnyPool, sqlx::Error> {
    pool_options(max_connections)
        // A SQLite connection is a file this process holds open; it does not drop as a server
        // connection does. The ping would only add a round trip to its thread per query.
        .test_before_acquire(false)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                // foreign_keys and a 5 s busy_timeout are sqlx's SQLite defaults;
                // synchronous=NORMAL is the usual, durable-on-commit choice under WAL.
                conn.execute("PRAGMA synchronous = NORMAL").await?;
                // Erased personal data is overwritten with zeros, not left readable in the
                // file's free pages.
                conn.execute("PRAGMA secure_delete = ON").await?;
                if let Some(pragma) = pragma {
                    conn.execute(pragma).await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
}

/// A pool on a PostgreSQL server. sqlx pings every connection as it comes back to the pool, so
/// one idle for less than a second was seen alive that recently: pinging it again on the way
/// out would add a round trip to every query. One idle longer (through a restart of the
/// server, say) is pinged, and replaced if dead.
pub(super) async fn postgres(url: &str, max_connections: u32) -> Result<AnyPool, sqlx::Error> {
    pool_options(max_connections)
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= PING_IDLE_AFTER {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        .connect(url)
        .await
}
