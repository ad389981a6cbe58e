//! A spreadsheet import by an account of one area: a row naming a service elsewhere, or placing
//! a new one elsewhere, is named by its row, and nothing is written.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use crate::scopes::community;
use app::domain::staff::{Role, Scope};
use serde_json::Value;

on_both_engines!(an_import_names_each_row_outside_the_area);

async fn import(staff: &Browser, csv: Vec<u8>) -> (u16, Value) {
    import_as(staff, csv, true).await
}

async fn import_as(staff: &Browser, csv: Vec<u8>, dry_run: bool) -> (u16, Value) {
    let response = staff
        .http
        .post(staff.url(&format!("/api/v1/staff/services/import?dry_run={dry_run}")))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .expect("request");
    crate::common::answer(response).await
}

async fn export(staff: &Browser) -> Vec<u8> {
    let response = staff.get("/api/v1/staff/services/export?format=csv").await;
    response.bytes().await.unwrap().to_vec()
}

async fn an_import_names_each_row_outside_the_area(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let home = community(&app, None).await;
    let city = app.staff("city.mod", Role::Moderator).await;
    let worker = app
        .staff_in("jin.worker", Role::Moderator, Scope::Community(home.id))
        .await;
    // Their own area's export goes back in as it is.
    let (status, counted) = import(&worker, export(&worker).await).await;
    assert_eq!(status, 200, "{counted}");
    // The city's names services elsewhere: each such row is named, as a service that is not
    // there; nothing is written.
    let (status, refused) = import(&worker, export(&city).await).await;
    assert_eq!(status, 422, "{refused}");
    let rows = refused["rows"].as_array().unwrap();
    assert!(rows.len() > 1, "{refused}");
    assert!(
        rows.iter().all(|r| r["row"].as_u64().unwrap() >= 2),
        "{refused}"
    );
    assert!(refused.to_string().contains("没有编号为"), "{refused}");
    // A new row placed in another community is refused on its row too.
    let away = community(&app, Some(home.district_id)).await;
    let (lat, lng): (f64, f64) = sqlx::query_as("SELECT lat, lng FROM services WHERE id = $1")
        .bind(away.service)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let header = String::from_utf8(export(&worker).await).unwrap();
    let header = header
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let columns = header.split(',').count();
    let mut cells = vec![String::new(); columns];
    let at = |name: &str| header.split(',').position(|h| h.trim_matches('"') == name);
    for (column, value) in [
        ("名称", "新开的社区药房".to_owned()),
        ("类别", "药店".to_owned()),
        ("地址", "金水区经八路 13 号".to_owned()),
        ("纬度", lat.to_string()),
        ("经度", lng.to_string()),
        ("营业时间", "每天 08:00-22:00".to_owned()),
    ] {
        if let Some(i) = at(column) {
            cells[i] = value;
        }
    }
    let csv = format!("{header}\n{}\n", cells.join(","));
    let (status, refused) = import(&worker, csv.into_bytes()).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["rows"][0]["row"], 2, "{refused}");
    assert!(
        refused.to_string().contains("不在您负责的范围内"),
        "{refused}"
    );

    // A service of theirs moved there is refused on its row as well: in the dry run, and in
    // the import itself, which writes nothing.
    if let Some(i) = at("编号") {
        cells[i] = home.service.to_string();
    }
    let csv = format!("{header}\n{}\n", cells.join(","));
    for dry_run in [true, false] {
        let (status, refused) = import_as(&worker, csv.clone().into_bytes(), dry_run).await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(
            (&refused["rows"][0]["row"], &refused["rows"][0]["column"]),
            (&serde_json::json!(2), &serde_json::json!("纬度")),
            "{refused}"
        );
    }
    let name: String = sqlx::query_scalar("SELECT name FROM services WHERE id = $1")
        .bind(home.service)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(name, home.service_name, "nothing was written");
}
