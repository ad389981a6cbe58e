//! The `quarterhour` binary itself, as an operator runs it.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

fn quarterhour() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quarterhour"));
    command.env_remove("DATABASE_URL").env("RUST_LOG", "info");
    command
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nested/portal.db");
    let output = quarterhour()
        .arg("migrate")
        .env("DATABASE_URL", format!("sqlite://{}", file.display()))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(file.is_file());
}

#[test]
fn an_unsupported_database_url_is_a_clear_error_not_a_crash() {
    let output = quarterhour()
        .arg("migrate")
        .env("DATABASE_URL", "mysql://localhost/portal")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        all.contains("DATABASE_URL must start with sqlite: or postgres://"),
        "{all}"
    );
    assert!(!all.contains("panicked"), "{all}");
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = quarterhour()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/qh.db", dir.path().display()),
        )
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("QH_DEMO_DATA", "off")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            line.split_once("listening on http://")
                .map(|(_, a)| a.trim().to_owned())
        })
        .expect("the server says where it listens");
    let health = std::net::TcpStream::connect(&addr);
    assert!(health.is_ok(), "the server accepts connections at {addr}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = wait_with_timeout(&mut child, Duration::from_secs(10));
    assert!(status.success(), "exit status {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("shutting down")), "{rest:?}");
}

fn wait_with_timeout(child: &mut std::process::Child, limit: Duration) -> std::process::ExitStatus {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("the server did not stop within {limit:?} of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn create_staff_makes_an_account_from_the_command_line_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/qh.db", dir.path().display());
    let create = |password: &str| {
        quarterhour()
            .args(["create-staff", "--username", "Zhang.Wei", "--role", "admin"])
            .env("DATABASE_URL", &url)
            .env("QH_STAFF_PASSWORD", password)
            .output()
            .unwrap()
    };
    let output = create("二七区-管理员-2026");
    assert!(output.status.success(), "{output:?}");
    // The second factor is set up, and its address printed once, with ten recovery codes.
    let printed = String::from_utf8_lossy(&output.stdout).to_string();
    let uri = printed
        .split_whitespace()
        .find(|w| w.starts_with("otpauth://totp/"))
        .unwrap_or_else(|| panic!("an otpauth address: {printed}"))
        .to_owned();
    assert!(uri.contains("zhang.wei"), "{uri}");
    let recovery = printed
        .split_whitespace()
        .filter(|w| w.len() == 11 && w.as_bytes()[5] == b'-')
        .count();
    assert_eq!(recovery, 10, "{printed}");
    let again = create("二七区-管理员-2026");
    assert!(!again.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&again.stdout),
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(all.contains("zhang.wei is taken"), "{all}");
    let weak = quarterhour()
        .args(["create-staff", "--username", "li.si", "--role", "boss"])
        .env("DATABASE_URL", &url)
        .env("QH_STAFF_PASSWORD", "short")
        .output()
        .unwrap();
    assert!(!weak.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&weak.stdout),
        String::from_utf8_lossy(&weak.stderr)
    );
    assert!(
        all.contains("role: Please choose a role") && all.contains("password:"),
        "{all}"
    );
    // The account is there, an admin, and its password is the one given.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let db = server::open_database(&url).await.unwrap();
        let account = app::staff::db::account_for_sign_in(&db, "zhang.wei")
            .await
            .unwrap()
            .expect("created");
        assert_eq!(account.user.role, app::domain::staff::Role::Admin);
        let secret = account.totp_secret.clone().expect("enrolled");
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
        let hash = Some(account.password_hash);
        assert!(
            app::staff::auth::verify_password("二七区-管理员-2026".into(), hash)
                .await
                .unwrap()
        );
        db.close().await;
    });
}

#[test]
fn create_staff_puts_a_moderator_in_the_area_given_and_refuses_one_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/qh.db", dir.path().display());
    let create = |username: &str, scope: &str| {
        quarterhour()
            .args([
                "create-staff",
                "--username",
                username,
                "--role",
                "moderator",
            ])
            .args(["--scope", scope])
            .env("DATABASE_URL", &url)
            .env("QH_STAFF_PASSWORD", "黄河路社区-审核-2026")
            .output()
            .unwrap()
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let community: i64 = runtime.block_on(async {
        let db = server::open_database(&url).await.unwrap();
        app::storage::demo::load_if_empty(&db).await.unwrap();
        let id = sqlx::query_scalar("SELECT MIN(id) FROM communities")
            .fetch_one(db.pool())
            .await
            .unwrap();
        db.close().await;
        id
    });
    let made = create("wang.fang", &format!("community:{community}"));
    assert!(made.status.success(), "{made:?}");
    let nowhere = create("li.na", "street:999999");
    assert!(!nowhere.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&nowhere.stdout),
        String::from_utf8_lossy(&nowhere.stderr)
    );
    assert!(said.contains("scope: There is no such area"), "{said}");
    let malformed = create("li.na", "grid:1");
    assert!(!malformed.status.success());
    runtime.block_on(async {
        let db = server::open_database(&url).await.unwrap();
        let account = app::staff::db::account_for_sign_in(&db, "wang.fang")
            .await
            .unwrap()
            .expect("created");
        let scope = app::domain::staff::Scope::Community(community);
        assert_eq!(account.user.scope, scope);
        let refused = app::staff::db::account_for_sign_in(&db, "li.na")
            .await
            .unwrap();
        assert!(
            refused.is_none(),
            "nothing is made for an area that does not exist"
        );
        db.close().await;
    });
}

#[test]
fn the_first_admins_password_is_printed_on_the_console_and_not_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = quarterhour()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/qh.db", dir.path().display()),
        )
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("QH_DEMO_DATA", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut log = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut started = Vec::new();
    for line in log.by_ref().map_while(Result::ok) {
        let listening = line.contains("listening on");
        started.push(line);
        if listening {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let mut console = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut console).unwrap();
    let password = console
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 16 && l.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| panic!("a password on the console: {console}"));
    assert!(console.contains("`admin`"), "{console}");
    let log = started.join("\n");
    assert!(log.contains("its password is on the console"), "{log}");
    assert!(!log.contains(password), "the log holds no password: {log}");
}
