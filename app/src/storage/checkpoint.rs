//! SQLite's WAL checkpoints, taken off the writing connection. By default the connection that
//! commits copies the WAL into the database file every 1,000 pages, fsyncs included, while
//! every other writer queues behind it; here a reading connection does it in the background.
//! A PASSIVE checkpoint waits for no one: pages a reader still needs wait for the next round.

use sqlx::{AnyPool, Executor};
use std::time::Duration;

/// How often the WAL's committed pages are copied into the database file.
const EVERY: Duration = Duration::from_millis(100);

/// The writer's own threshold, in pages: it checkpoints only if the background has fallen this
/// far behind (40 MB), so the WAL stays bounded whatever happens to the task.
pub const WRITER_AUTOCHECKPOINT: &str = "PRAGMA wal_autocheckpoint = 10000";

/// Checkpoints from `readers` every [`EVERY`] until the pool is closed.
pub fn spawn(readers: AnyPool) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if readers.is_closed() {
                break;
            }
            if let Err(error) = readers.execute("PRAGMA wal_checkpoint(PASSIVE)").await
                && !readers.is_closed()
            {
                tracing::warn!(%error, "cannot checkpoint the WAL");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::scratch_sqlite;

    /// The main file grows only as pages are copied out of the WAL: a write far below the
    /// writer's threshold reaches it within a few rounds.
    #[tokio::test]
    async fn committed_pages_reach_the_database_file_without_the_writer() {
        let (db, dir) = scratch_sqlite("checkpoint").await;
        let file = dir.join("qh.db");
        let mut tx = db.begin_write().await.unwrap();
        sqlx::query("CREATE TABLE filler (text TEXT NOT NULL)")
            .execute(&mut *tx)
            .await
            .unwrap();
        for _ in 0..50 {
            sqlx::query("INSERT INTO filler (text) VALUES ($1)")
                .bind("社区志愿服务".repeat(300))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        let before = std::fs::metadata(&file).unwrap().len();
        db.commit(tx).await.unwrap();
        let mut after = before;
        for _ in 0..50 {
            tokio::time::sleep(super::EVERY).await;
            after = std::fs::metadata(&file).unwrap().len();
            if after > before + 200_000 {
                break;
            }
        }
        db.close().await;
        std::fs::remove_dir_all(dir).unwrap();
        assert!(after > before + 200_000, "{before} → {after} bytes");
    }
}
