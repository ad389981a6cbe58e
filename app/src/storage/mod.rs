//! The database: SQLite by default (one file, no server), PostgreSQL when `DATABASE_URL` says so.
//!
//! Queries are written once, in the SQL both engines share, against sqlx's `Any` driver, with
//! `$1`-style placeholders (which SQLite accepts too). Two conventions keep the engines agreeing:
//! integers are 64-bit on both, and truth values are stored as integers 0/1 (the `Any` driver
//! cannot read SQLite's BOOLEAN). Schema differences live only in the two migration folders.

mod checkpoint;
pub mod clock;
pub mod demo;
mod memo;
mod pools;
pub mod sql;

/// Now, as the Unix seconds every timestamp column holds.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

use crate::domain::{category::Categories, neighbourhood::DistrictOverview};
use sqlx::{AnyConnection, AnyPool, Connection, Executor, migrate::Migrator};
use std::path::Path;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The database a deployment starts with when it names none: a file beside the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/quarterhour.db";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// Which engine a database URL names, or `None` for one this portal does not run on.
    pub fn of_url(url: &str) -> Option<Engine> {
        if url.starts_with("sqlite:") {
            Some(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Engine::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got one starting {0:?})")]
    UnsupportedUrl(String),
    #[error("cannot create the folder for the SQLite file {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("after migrating, {0} rows refer to rows that are not there")]
    BrokenReferences(usize),
    #[error("the demo data is malformed: {0}")]
    DemoData(String),
    #[error("password hashing failed: {0}")]
    Crypto(String),
}

/// A pool of connections to one database, and which engine it is.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    /// Where write transactions run: on SQLite one connection, so writers queue in order
    /// instead of retrying a locked file; on PostgreSQL the same pool.
    writer: AnyPool,
    engine: Engine,
    changes: Changes,
    clock: clock::Clock,
    /// The city's districts, streets and communities, as the filters and maps list them.
    neighbourhoods: std::sync::Arc<memo::Memo<Vec<DistrictOverview>>>,
    /// The categories of daily life, as every list, form and search names them.
    categories: std::sync::Arc<memo::Memo<Categories>>,
}

/// How many changes to what the public pages show were committed through this instance. Copies
/// of those pages (the server's page cache) are kept with the count they were made at and are
/// stale once it moves: a write empties the cache, a read never does, whatever its method.
#[derive(Clone, Debug, Default)]
pub struct Changes(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl Changes {
    pub fn current(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Counts a change; the storage layer does this as a write commits.
    pub fn note(&self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }
}

impl Db {
    /// Connects, creating the SQLite file (and its folder) if it is not there yet.
    pub async fn connect(url: &str) -> Result<Db, StorageError> {
        sqlx::any::install_default_drivers();
        let engine = Engine::of_url(url)
            .ok_or_else(|| StorageError::UnsupportedUrl(url.chars().take(12).collect()))?;
        let url = match engine {
            Engine::Sqlite => prepare_sqlite_file(url)?,
            Engine::Postgres => url.to_owned(),
        };
        let (pool, writer) = match engine {
            Engine::Sqlite => {
                // WAL lets readers go on while one writer writes; it is a property of the file,
                // so setting it once, before the pools open, covers every connection.
                let mut conn = AnyConnection::connect(&url).await?;
                conn.execute("PRAGMA journal_mode = WAL").await?;
                conn.close().await?;
                // SQLite lets one writer in at a time. Writers on many connections would find
                // the file locked and sleep in the busy timeout's back-off; here they queue for
                // the one writing connection instead, which leaves copying the WAL into the
                // file to a reader (`checkpoint`).
                let readers = pools::sqlite(&url, 16, None).await?;
                let writer =
                    pools::sqlite(&url, 1, Some(checkpoint::WRITER_AUTOCHECKPOINT)).await?;
                checkpoint::spawn(readers.clone());
                (readers, writer)
            }
            Engine::Postgres => {
                let pool = pools::postgres(&url, 16).await?;
                (pool.clone(), pool)
            }
        };
        Ok(Db {
            pool,
            writer,
            engine,
            changes: Changes::default(),
            clock: clock::Clock::default(),
            neighbourhoods: Default::default(),
            categories: Default::default(),
        })
    }

    /// Applies every migration not yet applied.
    pub async fn migrate(&self) -> Result<(), StorageError> {
        match self.engine {
            // The server may run as a role that can change data but not the schema (README:
            // PostgreSQL roles): it migrates only when something is to be applied, which then
            // fails and says so unless it runs as the owner, as `quarterhour migrate` does.
            Engine::Postgres if self.all_applied().await => {}
            Engine::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
            Engine::Sqlite => {
                // A migration that changes a CHECK copies the table under the new one, which
                // SQLite allows only with foreign keys off (outside a transaction), so that
                // dropping the old table deletes nothing that refers to it. The check after
                // proves every reference still holds.
                let mut conn = self.writer.acquire().await?;
                conn.execute("PRAGMA foreign_keys = OFF").await?;
                let migrated = SQLITE_MIGRATIONS.run(&mut *conn).await;
                let broken = sqlx::query("PRAGMA foreign_key_check")
                    .fetch_all(&mut *conn)
                    .await
                    .map(|rows| rows.len());
                conn.execute("PRAGMA foreign_keys = ON").await?;
                migrated?;
                match broken? {
                    0 => {}
                    broken => return Err(StorageError::BrokenReferences(broken)),
                }
            }
        }
        Ok(())
    }

    /// Whether every PostgreSQL migration is applied already; false when that cannot be read.
    async fn all_applied(&self) -> bool {
        let applied: Result<Vec<i64>, _> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(&self.pool)
                .await;
        applied.is_ok_and(|applied| {
            POSTGRES_MIGRATIONS
                .iter()
                .all(|m| applied.contains(&m.version))
        })
    }

    /// A round trip to the database, for health checks.
    pub async fn ping(&self) -> Result<(), StorageError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// The clock staff sessions and the sign-in throttle go by.
    pub fn clock(&self) -> &clock::Clock {
        &self.clock
    }

    /// The city's districts, streets and communities: kept, and read again after a change.
    pub async fn neighbourhoods<F>(
        &self,
        read: F,
    ) -> Result<std::sync::Arc<Vec<DistrictOverview>>, StorageError>
    where
        F: std::future::Future<Output = Result<Vec<DistrictOverview>, StorageError>>,
    {
        self.neighbourhoods.get(&self.changes, read).await
    }

    /// The categories: kept, and read again after a change.
    pub async fn categories<F>(&self, read: F) -> Result<std::sync::Arc<Categories>, StorageError>
    where
        F: std::future::Future<Output = Result<Categories, StorageError>>,
    {
        self.categories.get(&self.changes, read).await
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so a transaction that reads first never finds the file taken when it writes.
    ///
    /// It is begun in a task of its own. A transaction begun but not yet handed back as a
    /// `Transaction` has no one to roll it back: were the request cancelled in between (its
    /// client gone), the connection would go back to the pool still inside it, and every
    /// later `BEGIN IMMEDIATE` on it would fail. The task always finishes, and a `Transaction`
    /// no one awaits is dropped, which rolls it back.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        let (writer, engine) = (self.writer.clone(), self.engine);
        tokio::spawn(async move {
            match engine {
                Engine::Sqlite => writer.begin_with("BEGIN IMMEDIATE").await,
                Engine::Postgres => writer.begin().await,
            }
        })
        .await
        .map_err(|_| sqlx::Error::WorkerCrashed)?
    }

    /// Commits a write that changes what public pages show, and says so to their copies.
    pub async fn commit(
        &self,
        tx: sqlx::Transaction<'static, sqlx::Any>,
    ) -> Result<(), sqlx::Error> {
        tx.commit().await?;
        self.changes.note();
        Ok(())
    }

    /// Says that a write made outside a transaction changed what public pages show.
    pub fn changed(&self) {
        self.changes.note();
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }
}

/// Makes sure the SQLite file can be created: its folder exists and the URL asks for creation.
fn prepare_sqlite_file(url: &str) -> Result<String, StorageError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" || query.contains("mode=memory") {
        return Ok(url.to_owned());
    }
    if let Some(dir) = Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|source| StorageError::CreateDir {
            path: path.to_owned(),
            source,
        })?;
    }
    Ok(if query.contains("mode=") {
        url.to_owned()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

/// A fresh SQLite database, `qh.db` in a folder of its own under the system's temporary one,
/// for unit tests; the caller removes the folder.
#[cfg(test)]
pub(crate) async fn scratch_sqlite(name: &str) -> (Db, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("qh-{name}-{}", std::process::id()));
    let db = Db::connect(&format!("sqlite://{}/qh.db", dir.display()))
        .await
        .unwrap();
    (db, dir)
}

#[cfg(test)]
mod migration_tests;

#[cfg(test)]
mod write_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_is_read_from_the_url() {
        assert_eq!(Engine::of_url(DEFAULT_DATABASE_URL), Some(Engine::Sqlite));
        assert_eq!(
            Engine::of_url("postgres://127.0.0.1/test"),
            Some(Engine::Postgres)
        );
        assert_eq!(
            Engine::of_url("postgresql://u@h/db"),
            Some(Engine::Postgres)
        );
        assert_eq!(Engine::of_url("mysql://h/db"), None);
    }

    #[test]
    fn a_sqlite_url_is_made_to_create_its_file_and_folder() {
        let dir = std::env::temp_dir().join(format!("qh-prep-{}", std::process::id()));
        let url = format!("sqlite://{}/sub/qh.db", dir.display());
        assert_eq!(
            prepare_sqlite_file(&url).unwrap(),
            format!("{url}?mode=rwc")
        );
        assert!(dir.join("sub").is_dir());
        let with_query = format!("{url}?cache=shared");
        assert_eq!(
            prepare_sqlite_file(&with_query).unwrap(),
            format!("{url}?cache=shared&mode=rwc")
        );
        let read_only = format!("{url}?mode=ro");
        assert_eq!(prepare_sqlite_file(&read_only).unwrap(), read_only);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
