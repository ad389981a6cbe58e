//! What almost never changes (the city's districts, streets and communities), read once and
//! kept beside the pool: every page with a community filter asked for it again.
//!
//! A kept value carries the count of changes it was read at (`Changes`) and is read again once
//! that moves, so a change through this instance shows at once; another instance's change shows
//! within `FOR`.

use super::{Changes, StorageError};
use std::{
    future::Future,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How long a kept value may hide another instance's change.
const FOR: Duration = Duration::from_secs(30);

pub struct Memo<T>(Mutex<Option<Kept<T>>>);

struct Kept<T> {
    generation: u64,
    read: Instant,
    value: Arc<T>,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo(Mutex::new(None))
    }
}

impl<T> std::fmt::Debug for Memo<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl<T> Memo<T> {
    /// The kept value if it is still true, else what `read` returns (kept when it succeeds).
    /// Two requests arriving at once may both read: the read is small, and nothing waits.
    pub async fn get<F>(&self, changes: &Changes, read: F) -> Result<Arc<T>, StorageError>
    where
        F: Future<Output = Result<T, StorageError>>,
    {
        let generation = changes.current();
        if let Some(kept) = self.lock().as_ref()
            && kept.generation == generation
            && kept.read.elapsed() < FOR
        {
            return Ok(kept.value.clone());
        }
        let value = Arc::new(read.await?);
        *self.lock() = Some(Kept {
            generation,
            read: Instant::now(),
            value: value.clone(),
        });
        Ok(value)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Kept<T>>> {
        // Only ever replaced whole: a panic elsewhere cannot leave it half-written.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_value_is_read_once_until_a_change() {
        let (memo, changes) = (Memo::default(), Changes::default());
        let reads = std::sync::atomic::AtomicU32::new(0);
        let read = || async { Ok(reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1) };
        assert_eq!(*memo.get(&changes, read()).await.unwrap(), 1);
        assert_eq!(*memo.get(&changes, read()).await.unwrap(), 1, "kept");
        changes.note();
        assert_eq!(*memo.get(&changes, read()).await.unwrap(), 2, "read again");
    }

    #[tokio::test]
    async fn a_failed_read_keeps_nothing() {
        let (memo, changes) = (Memo::<u32>::default(), Changes::default());
        let failed = memo
            .get(&changes, async { Err(StorageError::DemoData("x".into())) })
            .await;
        assert!(failed.is_err());
        assert_eq!(*memo.get(&changes, async { Ok(7) }).await.unwrap(), 7);
    }
}
