//! Services in bulk: imports from files saved by spreadsheet programs (xlsx, GBK and UTF-8
//! CSV), all rows or none, and exports that import back unchanged.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use serde_json::Value;

on_both_engines!(
    an_xlsx_saved_by_libreoffice_is_checked_then_imported,
    a_gbk_csv_from_excel_imports_as_utf8_does,
    one_bad_row_writes_nothing_and_each_problem_is_named,
    an_export_changed_and_imported_updates_just_that_service,
    teams_and_the_hours_served_export_for_a_street_office,
);

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn import(staff: &Browser, dry_run: bool, media: &str, body: Vec<u8>) -> (u16, Value) {
    let response = staff
        .http
        .post(staff.url(&format!("/api/v1/staff/services/import?dry_run={dry_run}")))
        .header("content-type", media)
        .body(body)
        .send()
        .await
        .expect("request");
    crate::common::answer(response).await
}

async fn found(app: &TestApp, name: &str) -> Vec<Value> {
    let (status, page) = app
        .get_json(&format!("/api/v1/services?q={}", urlencode(name)))
        .await;
    assert_eq!(status, 200);
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["name"] == name)
        .cloned()
        .collect()
}

fn urlencode(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

async fn an_xlsx_saved_by_libreoffice_is_checked_then_imported(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("lu.qing", Role::Moderator).await;
    let file = fixture("services-libreoffice.xlsx");
    let (status, checked) = import(&staff, true, XLSX, file.clone()).await;
    assert_eq!(status, 200, "{checked}");
    assert_eq!(
        (checked["created"].as_u64(), checked["updated"].as_u64()),
        (Some(2), Some(0))
    );
    assert!(
        found(&app, "福寿街社区便民理发店").await.is_empty(),
        "a dry run writes nothing"
    );

    let (status, done) = import(&staff, false, XLSX, file).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["created"], 2);
    let shop = found(&app, "福寿街社区便民理发店").await;
    assert_eq!(shop.len(), 1);
    let (_, detail) = app
        .get_json(&format!("/api/v1/services/{}", shop[0]["id"]))
        .await;
    assert_eq!(detail["phone"], "0371-66021234");
    assert_eq!(detail["hours"]["days"][0][0]["open"], 510);
    assert_eq!(detail["hours"]["note"], "春节休息三天");
    let (_, laundry) = app
        .get_json(&format!(
            "/api/v1/services/{}",
            found(&app, "一马路社区洗衣店").await[0]["id"]
        ))
        .await;
    assert_eq!(
        laundry["hours"]["days"][6],
        serde_json::json!([]),
        "closed on Sundays"
    );
}

async fn a_gbk_csv_from_excel_imports_as_utf8_does(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("kong.yan", Role::Moderator).await;
    let (status, done) = import(&staff, false, "text/csv", fixture("services-gbk.csv")).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["created"], 2);
    assert_eq!(found(&app, "福寿街社区老王理发店").await.len(), 1);
    let utf8 = "\u{feff}名称,类别,地址,纬度,经度,营业时间\n经八路便民修车铺,便民维修,金水区经八路 9 号,34.7770,113.6830,每天 07:00-19:00\n";
    let (status, done) = import(&staff, false, "text/csv", utf8.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(found(&app, "经八路便民修车铺").await.len(), 1);
}

async fn one_bad_row_writes_nothing_and_each_problem_is_named(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("yao.bin", Role::Moderator).await;
    let csv = "编号,名称,类别,地址,纬度,经度,营业时间\n\
               ,经八路便民修车铺,便民维修,金水区经八路 9 号,34.7770,113.6830,每天 07:00-19:00\n\
               ,经八路早餐店,早餐店,金水区经八路 11 号,34.7771,113.6831,每天 6点到10点\n\
               999999,经八路药店,药店,金水区经八路 13 号,34.7772,113.6832,每天 08:00-22:00\n";
    let (status, refused) = import(&staff, false, "text/csv", csv.as_bytes().to_vec()).await;
    assert_eq!(status, 422, "{refused}");
    let named: Vec<(u64, &str)> = refused["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["row"].as_u64().unwrap(), r["column"].as_str().unwrap()))
        .collect();
    assert_eq!(named, [(3, "营业时间"), (4, "编号")]);
    assert!(
        refused["rows"][0]["message"]
            .as_str()
            .unwrap()
            .contains("6点到10点")
    );
    assert!(
        found(&app, "经八路便民修车铺").await.is_empty(),
        "the good row was not written either"
    );
    let (status, _) = import(&staff, false, "text/csv", b"\x81\x20\xff\xfe".to_vec()).await;
    assert_eq!(status, 422, "an encoding that is neither UTF-8 nor GBK");
    let response = staff
        .http
        .post(staff.url("/api/v1/staff/services/import?dry_run=perhaps"))
        .body(csv)
        .send()
        .await
        .unwrap();
    let (status, refused) = crate::common::answer(response).await;
    assert_eq!(status, 422);
    assert_eq!(
        refused["rows"][0]["column"], "dry_run",
        "every 422 names its problems in rows"
    );
}

async fn an_export_changed_and_imported_updates_just_that_service(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("tang.hui", Role::Moderator).await;
    let response = staff.get("/api/v1/staff/services/export?format=csv").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let exported = response.bytes().await.unwrap().to_vec();
    assert!(
        exported.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark, for Excel"
    );
    let text = String::from_utf8(exported).unwrap();
    let (_, open) = staff.get_json("/api/v1/staff/services").await;
    let (_, closed) = staff.get_json("/api/v1/staff/services?closed=true").await;
    let rows = (open["total"].as_u64().unwrap() + closed["total"].as_u64().unwrap()) as usize;
    let (_, first) = app.get_json("/api/v1/services/1").await;
    let name = first["name"].as_str().unwrap();
    let renamed = text.replacen(&format!(",{name},"), &format!(",{name}（新址）,"), 1);
    assert_ne!(renamed, text);
    let (status, done) = import(&staff, false, "text/csv", renamed.into_bytes()).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["updated"], 1, "{done}");
    assert_eq!(done["created"], 0);
    assert_eq!(
        done["unchanged"].as_u64().unwrap() as usize,
        rows - 1,
        "{done}"
    );
    let (_, now) = app.get_json("/api/v1/services/1").await;
    assert_eq!(now["name"], format!("{name}（新址）"));

    let response = staff.get("/api/v1/staff/services/export?format=xlsx").await;
    assert_eq!(response.headers()["content-type"], XLSX);
    let (status, checked) =
        import(&staff, true, XLSX, response.bytes().await.unwrap().to_vec()).await;
    assert_eq!(status, 200, "the xlsx export imports back: {checked}");
    assert_eq!(checked["updated"].as_u64().unwrap() as usize, rows);
    let template = staff
        .get("/api/v1/staff/services/template?format=csv")
        .await;
    let (status, checked) = import(
        &staff,
        true,
        "text/csv",
        template.bytes().await.unwrap().to_vec(),
    )
    .await;
    assert_eq!(status, 200, "the template's example row imports: {checked}");
}

async fn teams_and_the_hours_served_export_for_a_street_office(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("fan.jing", Role::Moderator).await;
    let (_, team) = app.get_json("/api/v1/teams/1").await;
    let csv = staff.get("/api/v1/staff/teams/export?format=csv").await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    let first = text
        .lines()
        .find(|l| l.starts_with("1,"))
        .unwrap()
        .to_owned();
    assert!(first.contains(team["name_zh"].as_str().unwrap()), "{first}");
    assert!(
        first.ends_with(&format!(",{}", team["members"])),
        "{first} / {team}"
    );

    // One volunteer came to one of team 1's activities and served an hour and a half.
    let (_, activities) = app
        .get_json("/api/v1/activities?team=1&from=2000-01-01&to=2100-01-01")
        .await;
    let activity = &activities.as_array().unwrap()[0];
    let body = serde_json::json!({ "name": "周秀兰", "phone": "13912340001", "activity_id": activity["id"],
        "skills": ["elderly_care"], "consent": true });
    let (status, receipt) = app.post_json("/api/v1/volunteer-applications", &body).await;
    assert_eq!(status, 201, "{receipt}");
    sqlx::query(
        "UPDATE volunteer_applications SET attended = 1, minutes = 90
         WHERE submission_id = (SELECT id FROM submissions WHERE reference = $1)",
    )
    .bind(receipt["reference"].as_str().unwrap())
    .execute(app.db.pool())
    .await
    .unwrap();
    let starts = activity["starts_at"].as_i64().unwrap();
    let path = format!(
        "/api/v1/staff/volunteer-hours/export?format=csv&from={}&to={}",
        starts,
        starts + 1
    );
    let text = staff.get(&path).await.text().await.unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("1,"))
        .unwrap()
        .to_owned();
    assert!(
        row.ends_with(",1,1,1.5"),
        "one activity, one attendance, 1.5 hours: {row}"
    );
    let (status, refused) = staff
        .get_json("/api/v1/staff/volunteer-hours/export?from=soon")
        .await;
    assert_eq!(status, 422, "{refused}");
    assert!(refused["fields"]["from"].is_string());
    let xlsx = staff.get("/api/v1/staff/volunteer-hours/export").await;
    assert_eq!(xlsx.headers()["content-type"], XLSX);
}
