//! A write abandoned while it begins (its request cancelled, the client gone) must leave the
//! one writing connection usable for every write after it.

use super::*;
use std::time::Duration;

#[tokio::test]
async fn writes_abandoned_while_beginning_leave_the_writer_usable() {
    let (db, dir) = scratch_sqlite("abandon").await;
    // Cancelled at every moment of their beginning, from before the BEGIN to after it.
    for i in 0..400u64 {
        let _ = tokio::time::timeout(Duration::from_micros(i % 100 * 5), db.begin_write()).await;
    }
    let tx = db.begin_write().await.expect("the writer still begins");
    db.commit(tx).await.unwrap();
    db.close().await;
    std::fs::remove_dir_all(dir).unwrap();
}
