//! Password hashing with argon2id, a few at a time. Each hash takes 19 MiB and tens of
//! milliseconds of a core on purpose; a flood of sign-ins must queue for the cores, briefly,
//! rather than take the machine's memory.

use crate::{error::AppError, storage::StorageError};
use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use std::{sync::LazyLock, time::Duration};
use tokio::sync::Semaphore;

/// Hashes running at once, and how long one waits for its turn before giving up.
pub struct Hashing {
    permits: Semaphore,
    wait: Duration,
}

/// Why no hash came back.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every permit stayed taken for the whole wait.
    #[error("too many passwords are being hashed")]
    Busy,
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// The server's: one hash per core.
static HASHING: LazyLock<Hashing> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Hashing::new(cores, Duration::from_secs(3))
});

impl Hashing {
    pub fn new(at_once: usize, wait: Duration) -> Hashing {
        Hashing {
            permits: Semaphore::new(at_once),
            wait,
        }
    }

    /// Runs `work` on a blocking thread once a permit is free: it must not hold up the other
    /// requests on this worker.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let _permit = tokio::time::timeout(self.wait, self.permits.acquire())
            .await
            .map_err(|_| HashError::Busy)?
            .map_err(|_| HashError::Busy)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| HashError::Failed(e.to_string()))
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
        })
        .await?
        .map_err(|e| HashError::Failed(e.to_string()))
    }

    /// Checks a password against a stored hash; with no hash (no such user) it checks against
    /// a made-up one, so an unknown username takes as long as a wrong password.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, HashError> {
        self.run(move || {
            let stored = hash.unwrap_or_else(|| DUMMY_HASH.to_owned());
            PasswordHash::new(&stored).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            }) && stored != DUMMY_HASH
        })
        .await
    }
}

pub async fn hash_password(password: String) -> Result<String, HashError> {
    HASHING.hash(password).await
}

pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, HashError> {
    HASHING.verify(password, hash).await
}

/// An argon2id hash of a random password nobody knows, with the default parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Xzpfr8rXFfwaDJu+SYW0R+HG0QVtiYaYPMV8tUOlKI";

impl From<HashError> for AppError {
    fn from(error: HashError) -> Self {
        match error {
            HashError::Busy => tracing::warn!("password hashing busy: 503"),
            HashError::Failed(ref e) => tracing::error!(error = %e, "password hashing failed"),
        }
        crate::error::with_status(AppError::Unavailable)
    }
}

impl From<HashError> for StorageError {
    fn from(error: HashError) -> Self {
        StorageError::Crypto(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password("correct horse battery".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        let wrong = verify_password("correct horse battery!".into(), Some(hash)).await;
        assert!(!wrong.unwrap());
    }

    #[test]
    fn the_stand_in_hash_is_a_real_one_so_unknown_users_cost_as_much() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        assert!(!verify_password(String::new(), None).await.unwrap());
        assert!(!verify_password("anything".into(), None).await.unwrap());
    }

    #[tokio::test]
    async fn hashes_beyond_the_permits_wait_and_then_give_up() {
        let hashing = Hashing::new(2, Duration::from_millis(50));
        let first = hashing.permits.acquire().await.unwrap();
        let _second = hashing.permits.acquire().await.unwrap();
        let refused = hashing.verify("anything".into(), None).await;
        assert!(matches!(refused, Err(HashError::Busy)), "{refused:?}");
        drop(first);
        assert!(!hashing.verify("anything".into(), None).await.unwrap());
    }
}
