//! Staff keep a street's scheme, road chief, council and pledge true; residents read the change
//! on the street's page at once.

use crate::common::{TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use serde_json::json;

on_both_engines!(
    a_streets_words_and_council_change_on_its_page_and_in_the_audit_log,
    a_phone_in_the_council_is_refused_and_nothing_changes,
);

fn street() -> serde_json::Value {
    json!({
        "scheme_zh": "沿街商户自愿加入，推选自治会，落实门前三包，错时经营，共同维护街面秩序。",
        "road_chief": "刘路长",
        "council": [
            { "name": "张会长", "role_zh": "自治会会长", "role_en": "Council chair" },
            { "name": "", "role_zh": "", "role_en": "" },
            { "name": "陈掌柜", "role_zh": "商户代表" },
        ],
        "pledge_zh": "门前市容整洁、门前绿化美化、门前秩序良好；不占道经营，垃圾分类投放。",
    })
}

async fn a_streets_words_and_council_change_on_its_page_and_in_the_audit_log(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let (status, before) = staff.get_json("/api/v1/staff/streets/1").await;
    assert_eq!(status, 200, "{before}");
    assert!(
        !before["street"]["pledge_zh"].as_str().unwrap().is_empty(),
        "the standard pledge"
    );
    let (status, body) = staff.put_json("/api/v1/staff/streets/1", &street()).await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = app.get_json("/api/v1/streets/1").await;
    assert_eq!(page["road_chief"], "刘路长");
    assert_eq!(page["pledge_zh"], street()["pledge_zh"]);
    assert_eq!(
        page["pledge_en"],
        street()["pledge_zh"],
        "English left empty takes the Chinese"
    );
    let council: Vec<(&str, &str)> = page["council"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["role_en"].as_str().unwrap()))
        .collect();
    assert_eq!(
        council,
        [("张会长", "Council chair"), ("陈掌柜", "商户代表")]
    );
    let admin = app.staff("auditor", Role::Admin).await;
    let (_, log) = admin.get_json("/api/v1/staff/audit?target=street:1").await;
    assert_eq!(log[0]["action"], "street.edit", "{log}");
    assert_eq!(
        staff
            .put_json("/api/v1/staff/streets/999", &street())
            .await
            .0,
        404
    );
}

async fn a_phone_in_the_council_is_refused_and_nothing_changes(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("mod", Role::Moderator).await;
    let (_, before) = app.get_json("/api/v1/streets/1").await;
    let mut bad = street();
    bad["council"][0]["name"] = json!("张会长 13903712345");
    let (status, body) = staff.put_json("/api/v1/staff/streets/1", &bad).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["council-0-name"].is_string(), "{body}");
    let (_, after) = app.get_json("/api/v1/streets/1").await;
    assert_eq!(before, after);
}
