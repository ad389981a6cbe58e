use crate::common::{TestApp, TestDb, on_both_engines};

on_both_engines!(
    a_first_start_loads_the_zhengzhou_neighbourhoods,
    a_restart_does_not_load_the_demo_data_twice,
    demo_data_off_starts_an_empty_portal,
    demo_data_never_goes_into_a_database_that_has_places,
    every_demo_team_passes_the_checks_of_its_staff_form,
    every_demo_service_passes_the_checks_of_its_staff_form,
);

async fn count(app: &TestApp, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

async fn a_first_start_loads_the_zhengzhou_neighbourhoods(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    assert!(count(&app, "districts").await >= 4);
    assert!(count(&app, "communities").await >= 12);
    let (name, leader): (String, String) = sqlx::query_as(
        "SELECT g.name_zh, g.leader_name FROM grids g
         JOIN communities c ON c.id = g.community_id
         WHERE c.name_zh = '康桥华城社区' ORDER BY g.id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(name, "第一网格");
    assert!(!leader.is_empty());
}

async fn a_restart_does_not_load_the_demo_data_twice(db: TestDb) {
    let first = TestApp::spawn(&db).await;
    let grids = count(&first, "grids").await;
    first.stop().await;
    let second = TestApp::spawn(&db).await;
    assert_eq!(count(&second, "grids").await, grids);
}

async fn demo_data_off_starts_an_empty_portal(db: TestDb) {
    let app = TestApp::spawn_with(&db, |s| s.demo_data = false).await;
    assert_eq!(count(&app, "districts").await, 0);
    let html = app.get("/").await.text().await.unwrap();
    assert!(
        html.contains("还没有登记任何社区"),
        "the home page says so rather than failing"
    );
}

async fn demo_data_never_goes_into_a_database_that_has_places(db: TestDb) {
    let own = db.open().await;
    sqlx::query(
        "INSERT INTO districts (code, name_zh, name_en, lat, lng)
         VALUES ('huiji', '惠济区', 'Huiji District', 34.87, 113.62)",
    )
    .execute(own.pool())
    .await
    .unwrap();
    own.close().await;
    let app = TestApp::spawn(&db).await;
    assert_eq!(count(&app, "districts").await, 1);
    assert_eq!(count(&app, "grids").await, 0);
}

/// Staff open a demo team and save it unchanged: nothing of it may fail the form's checks.
async fn every_demo_team_passes_the_checks_of_its_staff_form(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let teams: Vec<i64> = sqlx::query_scalar("SELECT id FROM teams ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(teams.len() > 50, "{} teams", teams.len());
    let now = app::storage::unix_now();
    for id in teams {
        let scope = app::domain::staff::Scope::City;
        let team = app::volunteers::staff::db::team(&app.db, scope, id, now)
            .await
            .unwrap()
            .expect("the team is there");
        if let Err(errors) = team.team.parse() {
            panic!("team {id} ({}): {errors:?}", team.team.name_en);
        }
    }
}

async fn every_demo_service_passes_the_checks_of_its_staff_form(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let services: Vec<i64> = sqlx::query_scalar("SELECT id FROM services ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(services.len() > 100, "{} services", services.len());
    let categories = app::categories::db::all(&app.db).await.unwrap();
    let by = app::domain::staff::StaffUser {
        id: 0,
        username: "demo.check".into(),
        role: app::domain::staff::Role::Moderator,
        must_change_password: false,
        needs_second_factor: false,
        scope: app::domain::staff::Scope::City,
        area: None,
    };
    for id in services {
        let service = app::services::staff::db::get(&app.db, &by, id)
            .await
            .unwrap()
            .expect("the service is there");
        if let Err(errors) = service.service.parse(&categories) {
            panic!("service {id} ({}): {errors:?}", service.service.name);
        }
    }
}
