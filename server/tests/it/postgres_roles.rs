//! PostgreSQL with two roles, as README sets them up: the owner migrates, the server runs as
//! a role that cannot change or delete the audit log, nor drop its triggers.

use crate::common::{Engine, TestApp, TestDb};
use app::domain::staff::Role;
use sqlx::{Connection, Executor};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_role_can_neither_change_the_audit_log_nor_drop_its_trigger() {
    let Some(db) = TestDb::new(Engine::Postgres).await else {
        eprintln!("TEST_POSTGRES_URL is not set: PostgreSQL roles test skipped");
        return;
    };
    crate::common::within_limit(async {
        // The owner (the test's own user) migrates, as `quarterhour migrate` does.
        let owner_db = db.open().await;
        let owner: String = sqlx::query_scalar("SELECT current_user::text")
            .fetch_one(owner_db.pool())
            .await
            .unwrap();
        let role = format!("qh_app_{}", std::process::id());
        let mut conn = sqlx::AnyConnection::connect(&db.url).await.unwrap();
        conn.execute(format!("DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN").as_str())
            .await
            .unwrap();
        let script = include_str!("../../../deploy/postgres-roles.sql")
            .replace(r#":"owner""#, &format!(r#""{owner}""#))
            .replace(r#":"app""#, &format!(r#""{role}""#));
        conn.execute(script.as_str())
            .await
            .expect("the roles script");
        owner_db.close().await;

        // The server starts as the app role: nothing to migrate, the demo data and the first
        // admin written, staff sign in (each sign-in a line in the audit log).
        let as_app = as_role(&db.url, &role);
        let app = TestApp::spawn_with(&db, |s| s.database_url = as_app.clone()).await;
        let staff = app.staff("gao.ming", Role::Moderator).await;
        assert_eq!(staff.get_json("/api/v1/staff/queue").await.0, 200);
        let user: String = sqlx::query_scalar("SELECT current_user::text")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(user, role, "the server runs as the app role");

        for statement in [
            "UPDATE audit_log SET action = 'nothing'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "DROP TRIGGER audit_log_no_change ON audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
            "DROP TABLE audit_log",
        ] {
            let refused = sqlx::query(statement)
                .execute(app.db.pool())
                .await
                .expect_err(statement)
                .to_string();
            assert!(
                refused.contains("permission denied") || refused.contains("must be owner"),
                "{statement}: {refused}"
            );
        }
        let kept: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'staff.sign_in'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(kept, 1);
        app.stop().await;
        conn.execute(format!("DROP OWNED BY {role}").as_str())
            .await
            .unwrap();
        let _ = conn.close().await;
    })
    .await;
    // The role outlives the database only until it is dropped with it.
    drop(db);
    if let Ok(base) = std::env::var("TEST_POSTGRES_URL") {
        let mut conn = sqlx::AnyConnection::connect(&base).await.unwrap();
        let role = format!("qh_app_{}", std::process::id());
        let _ = conn
            .execute(format!("DROP ROLE IF EXISTS {role}").as_str())
            .await;
    }
}

/// The same database URL, connecting as `role` (the test server trusts local connections).
fn as_role(url: &str, role: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{role}@{host}{}", &rest[end..])
}
