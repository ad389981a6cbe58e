use app::domain::staff::{NewStaff, Role, Scope, StaffUser};
use app::storage::Db;
use leptos::config::LeptosOptions;
use server::{Application, config::Settings};

/// Every test account's password.
pub const STAFF_PASSWORD: &str = "测试用的密码-2026";
/// The second factor of every test account: RFC 6238's test secret, "12345678901234567890".
pub const STAFF_TOTP_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
use std::{
    net::SocketAddr,
    sync::atomic::{AtomicU32, Ordering},
};
use tokio::{sync::oneshot, task::JoinHandle};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(TestDb)` once per engine, as `sqlite::name` and `postgres::name`.
/// Without TEST_POSTGRES_URL the PostgreSQL variants say so and pass; CI always sets it.
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = crate::common::TestDb::new(crate::common::Engine::Sqlite).await.unwrap();
                    crate::common::within_limit(super::$name(db)).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    match crate::common::TestDb::new(crate::common::Engine::Postgres).await {
                        Some(db) => crate::common::within_limit(super::$name(db)).await,
                        None => eprintln!("TEST_POSTGRES_URL is not set: PostgreSQL test skipped"),
                    }
                }
            )*
        }
    };
}
pub(crate) use on_both_engines;

/// Fails a test that hangs rather than letting it hold up the whole run.
pub async fn within_limit(test: impl std::future::Future<Output = ()>) {
    tokio::time::timeout(std::time::Duration::from_secs(120), test)
        .await
        .expect("the test finished within two minutes");
}

/// A database no other test sees: a SQLite file in a temporary folder, or a PostgreSQL database
/// created for this test and dropped after it.
pub struct TestDb {
    pub engine: Engine,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    pub async fn new(engine: Engine) -> Option<TestDb> {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite://{}/quarterhour.db", dir.path().display());
                Some(TestDb {
                    engine,
                    url,
                    _dir: Some(dir),
                    postgres: None,
                })
            }
            Engine::Postgres => {
                let base = std::env::var("TEST_POSTGRES_URL").ok()?;
                let name = unique_name();
                admin(&base, &format!("CREATE DATABASE {name}")).await;
                let url = with_database(&base, &name);
                Some(TestDb {
                    engine,
                    url,
                    _dir: None,
                    postgres: Some((base, name)),
                })
            }
        }
    }

    pub async fn open(&self) -> Db {
        server::open_database(&self.url)
            .await
            .expect("open test database")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, name)) = self.postgres.take() {
            // Drop runs outside async; a short-lived runtime on its own thread does the cleanup.
            let _ = std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime")
                    .block_on(admin(
                        &base,
                        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                    ))
            })
            .join();
        }
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "qh_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

fn with_database(base: &str, name: &str) -> String {
    let (without_query, query) = base.split_once('?').unwrap_or((base, ""));
    let root = without_query
        .rsplit_once('/')
        .filter(|(head, _)| head.contains("//") && !head.ends_with('/'))
        .map_or(without_query, |(head, _)| head);
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("{root}/{name}{query}")
}

async fn admin(base: &str, statement: &str) {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let run = async {
        let mut conn = sqlx::AnyConnection::connect(base)
            .await
            .expect("connect to TEST_POSTGRES_URL");
        conn.execute(statement).await.expect(statement);
        let _ = conn.close().await;
    };
    tokio::time::timeout(std::time::Duration::from_secs(30), run)
        .await
        .unwrap_or_else(|_| panic!("{statement} took over 30 s"));
}

/// The server, running on a random port until the test ends or stops it. It answers the
/// requests of a `Browser` without cookies: `app.get(…)`, `app.post_json(…)`.
pub struct TestApp {
    pub client: reqwest::Client,
    anonymous: Browser,
    pub db: Db,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    pub async fn spawn(db: &TestDb) -> TestApp {
        Self::spawn_with(db, |_| {}).await
    }

    /// The server with some settings changed from the tests' defaults.
    pub async fn spawn_with(db: &TestDb, change: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = Settings {
            database_url: db.url.clone(),
            demo_data: true,
            json_logs: false,
            rate_limit_per_minute: 0,
            trust_proxy: false,
            page_cache: std::time::Duration::from_secs(2),
            map_tiles: None,
            leptos: LeptosOptions::builder()
                .output_name("quarterhour")
                .site_addr(SocketAddr::from(([127, 0, 0, 1], 0)))
                .build(),
        };
        change(&mut settings);
        let application = Application::build(settings).await.expect("server starts");
        let addr = application.local_addr().expect("bound address");
        let db = application.db().clone();
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(application.run_until(async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A request that hangs fails with its address, rather than the whole test.
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .expect("http client");
        TestApp {
            anonymous: Browser {
                base: format!("http://{addr}"),
                http: client.clone(),
            },
            client,
            db,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// A new staff account with this role, made directly in the database, its second factor set
    /// up with `STAFF_TOTP_SECRET` as `quarterhour create-staff` sets one up.
    pub async fn create_staff(&self, username: &str, role: Role) {
        self.create_staff_in(username, role, Scope::City).await;
    }

    /// As `create_staff`, for an account that works in `scope`.
    pub async fn create_staff_in(&self, username: &str, role: Role, scope: Scope) {
        let id = self.insert_staff(username, role, scope).await;
        let user = StaffUser {
            id,
            username: username.into(),
            role,
            must_change_password: false,
            needs_second_factor: false,
            scope,
            area: None,
        };
        app::staff::second_factor::turn_on(&self.db, None, &user, STAFF_TOTP_SECRET, 0)
            .await
            .expect("second factor");
    }

    /// A new staff account with no second factor yet, as an admin makes one on the accounts
    /// page; its id.
    pub async fn create_staff_without_second_factor(&self, username: &str, role: Role) -> i64 {
        self.insert_staff(username, role, Scope::City).await
    }

    async fn insert_staff(&self, username: &str, role: Role, scope: Scope) -> i64 {
        let account = NewStaff {
            username: username.into(),
            role,
            password: STAFF_PASSWORD.into(),
            scope,
        };
        app::staff::accounts::create(&self.db, None, account)
            .await
            .expect("create staff")
    }

    /// A code from the authenticator app of `username` (set up with `STAFF_TOTP_SECRET`) that
    /// the server has not taken yet: the earliest step it still accepts after the last one
    /// used, the clock moved on when none is left.
    pub async fn code(&self, username: &str) -> String {
        use app::staff::second_factor::{code_at, step_of};
        let last: i64 = sqlx::query_scalar("SELECT totp_last_step FROM staff WHERE username = $1")
            .bind(username)
            .fetch_optional(self.db.pool())
            .await
            .expect("last step")
            .unwrap_or(0);
        let current = step_of(self.db.clock().now());
        let step = (last + 1).max(current - 1);
        if step > current + 1 {
            self.db.clock().advance((step - current - 1) * 30);
        }
        code_at(STAFF_TOTP_SECRET, step).expect("a code")
    }

    /// Signs `browser` in as `username` with a code the server has not taken yet: the status and
    /// the answer.
    pub async fn sign_in(
        &self,
        browser: &Browser,
        username: &str,
        password: &str,
    ) -> (u16, serde_json::Value) {
        let code = self.code(username.trim()).await;
        let credentials =
            serde_json::json!({ "username": username, "password": password, "code": code });
        browser
            .post_json("/api/v1/staff/session", &credentials)
            .await
    }

    /// A browser of its own (with a cookie jar) signed in as a new member of staff.
    pub async fn staff(&self, username: &str, role: Role) -> Browser {
        self.staff_in(username, role, Scope::City).await
    }

    /// As `staff`, for an account that works in `scope`.
    pub async fn staff_in(&self, username: &str, role: Role, scope: Scope) -> Browser {
        self.create_staff_in(username, role, scope).await;
        let browser = self.browser();
        let credentials = serde_json::json!({
            "username": username,
            "password": STAFF_PASSWORD,
            "code": self.code(username).await,
        });
        let (status, body) = browser
            .post_json("/api/v1/staff/session", &credentials)
            .await;
        assert_eq!(status, 200, "sign-in: {body}");
        browser
    }

    /// A browser of its own, with a cookie jar, signed in as nobody yet.
    pub fn browser(&self) -> Browser {
        Browser {
            base: self.anonymous.base.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                // A request that hangs fails with its address, rather than the whole test.
                .timeout(std::time::Duration::from_secs(20))
                .build()
                .expect("http client"),
        }
    }

    /// Asks the server to shut down gracefully and waits until it has.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await
                .expect("server task")
                .expect("server stops cleanly");
        }
    }
}

impl std::ops::Deref for TestApp {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.anonymous
    }
}

/// A client of the portal; the ones `TestApp::browser` and `TestApp::staff` make keep cookies.
pub struct Browser {
    base: String,
    pub http: reqwest::Client,
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("request")
    }

    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        answer(self.get(path).await).await
    }

    pub async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> (u16, serde_json::Value) {
        answer(
            self.http
                .post(self.url(path))
                .json(body)
                .send()
                .await
                .expect("request"),
        )
        .await
    }

    pub async fn put_json(&self, path: &str, body: &serde_json::Value) -> (u16, serde_json::Value) {
        answer(
            self.http
                .put(self.url(path))
                .json(body)
                .send()
                .await
                .expect("request"),
        )
        .await
    }

    /// A reading server function, called as the page's script calls it (a GET, its arguments
    /// in the query string).
    pub async fn read(&self, endpoint: &str, query: &[(&str, &str)]) -> (u16, serde_json::Value) {
        let response = self
            .http
            .get(self.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .query(query)
            .send()
            .await
            .expect("request");
        answer(response).await
    }

    /// A server function, called as the page's script calls it (a form-encoded POST).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
        let response = self
            .http
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request");
        answer(response).await
    }
}

/// The status and the body as JSON (null when it is not JSON).
pub async fn answer(response: reqwest::Response) -> (u16, serde_json::Value) {
    let status = response.status().as_u16();
    (
        status,
        response.json().await.unwrap_or(serde_json::Value::Null),
    )
}

/// The staff session's `Set-Cookie` value in a sign-in's answer, attributes and all.
pub fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("__Host-qh_staff="))
        .expect("a session cookie")
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn a_test_database_replaces_the_one_in_the_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "qh_1"),
            "postgres://postgres@127.0.0.1:5432/qh_1"
        );
        assert_eq!(
            with_database("postgres://127.0.0.1:5432?sslmode=disable", "qh_1"),
            "postgres://127.0.0.1:5432/qh_1?sslmode=disable"
        );
    }
}
