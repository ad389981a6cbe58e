//! Maps: what the server tells the browser's maps (the tile source, the streets' lines and the
//! communities around home), and the images it lets pages load.

use crate::common::{Engine, TestApp, TestDb, on_both_engines};
use app::domain::tiles::TileSource;

const TILES: &str =
    "https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY";

fn policy(response: &reqwest::Response) -> String {
    response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn with_tiles_pages_name_the_source_and_allow_its_hosts_alone() {
    let db = TestDb::new(Engine::Sqlite).await.unwrap();
    let app = TestApp::spawn_with(&db, |s| {
        s.map_tiles = Some(TileSource::new(TILES, Some("天地图"), Some("01"), None).unwrap());
    })
    .await;
    let page = app.get("/near").await;
    let allowed = policy(&page);
    assert!(
        allowed.contains(
            "img-src 'self' data: https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn;"
        ),
        "{allowed}"
    );
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"<meta name="qh-map-tiles""#),
        "the page names its tiles"
    );
    assert!(html.contains("tianditu.gov.cn"));
    // A cached page gets the same policy (the page cache keeps the header as it was made).
    let again = app.get("/near").await;
    assert!(policy(&again).contains("https://t1.tianditu.gov.cn;"));
}

#[tokio::test]
async fn without_tiles_pages_load_images_from_the_portal_alone() {
    let db = TestDb::new(Engine::Sqlite).await.unwrap();
    let app = TestApp::spawn(&db).await;
    let page = app.get("/near").await;
    assert!(
        policy(&page).contains("img-src 'self' data:;"),
        "{}",
        policy(&page)
    );
    assert!(!page.text().await.unwrap().contains("qh-map-tiles"));
}

on_both_engines!(streets_carry_their_line_and_home_sees_the_streets_and_communities_around);
async fn streets_carry_their_line_and_home_sees_the_streets_and_communities_around(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, streets) = app.get_json("/api/v1/streets").await;
    assert_eq!(status, 200);
    let mianfang = streets
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name_zh"] == "棉纺东路商户自治示范街")
        .expect("the demo street");
    assert_eq!(mianfang["road_zh"], "棉纺东路");
    assert_eq!(mianfang["path"].as_array().unwrap().len(), 2);

    // A home on 棉纺东路: the street's line and the community's name are on its map.
    let (status, found) = app
        .call(
            "services/nearby",
            &[("lat", "34.7302"), ("lng", "113.6168")],
        )
        .await;
    assert_eq!(status, 200, "{found}");
    let streets: Vec<_> = found["streets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["road"]["zh"].clone())
        .collect();
    assert_eq!(streets, ["棉纺东路"]);
    let places = found["places"].as_array().unwrap();
    assert!(!places.is_empty());
    assert_eq!(
        places[0]["name"]["zh"], "棉纺东路社区",
        "nearest first: {places:?}"
    );
}
