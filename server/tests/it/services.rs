use crate::common::{TestApp, TestDb, on_both_engines};
use serde_json::Value;
use std::collections::BTreeSet;

on_both_engines!(
    categories_carry_names_and_their_walking_circle,
    a_chinese_search_finds_words_inside_names_and_addresses,
    a_nearby_search_returns_exactly_the_circle_nearest_first,
    a_search_at_a_pole_finds_nothing_rather_than_failing,
    open_now_keeps_only_services_open_at_this_moment,
    pages_of_the_full_list_cover_every_service_once,
    bad_search_parameters_are_named_never_a_server_error,
    a_service_has_its_hours_guide_and_phone,
    a_query_string_that_cannot_be_read_is_a_json_400,
    an_unknown_service_or_api_path_is_a_json_404,
    the_services_pages_render_on_the_server,
);

async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    app.get_json(path).await
}

fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6_371_008.8_f64;
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let (dp, dl) = ((b.0 - a.0).to_radians(), (b.1 - a.1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

async fn all_services(app: &TestApp) -> Vec<Value> {
    let mut all = Vec::new();
    loop {
        let (status, page) = get_json(
            app,
            &format!("/api/v1/services?limit=100&offset={}", all.len()),
        )
        .await;
        assert_eq!(status, 200);
        let items = page["items"].as_array().unwrap().clone();
        if items.is_empty() {
            // Past the last page the count still says how many there are.
            assert_eq!(page["total"].as_u64(), Some(all.len() as u64));
            return all;
        }
        all.extend(items);
    }
}

async fn categories_carry_names_and_their_walking_circle(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, list) = get_json(&app, "/api/v1/categories").await;
    assert_eq!(status, 200);
    let health = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "health_station")
        .unwrap();
    assert_eq!(health["name_zh"], "社区卫生服务站");
    assert_eq!(health["circle_minutes"], 15);
    let store = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "convenience_store")
        .unwrap();
    assert_eq!(store["circle_minutes"], 5);
    assert_eq!(store["sells_food"], true);
}

async fn a_chinese_search_finds_words_inside_names_and_addresses(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (_, page) = get_json(&app, "/api/v1/services?q=%E5%85%BB%E8%80%81&limit=100").await; // 养老
    let items = page["items"].as_array().unwrap();
    assert!(page["total"].as_u64().unwrap() >= 10);
    assert!(
        items
            .iter()
            .any(|s| s["name"].as_str().unwrap().ends_with("养老服务驿站"))
    );
    let (_, page) = get_json(
        &app,
        "/api/v1/services?q=%E5%A4%A7%E5%AD%A6%E5%8D%97%E8%B7%AF",
    )
    .await; // 大学南路
    assert!(page["items"].as_array().unwrap().iter().all(|s| {
        s["address"].as_str().unwrap().contains("大学南路")
            || s["name"].as_str().unwrap().contains("大学南路")
    }));
    // Nursing homes are named 颐养院, not 养老: their category's name finds them.
    assert!(
        items.iter().any(|s| s["name"] == "建设路颐养院")
            && items.iter().any(|s| s["name"] == "工业路颐养院"),
        "养老 finds the care homes by their category"
    );
    let (_, page) = get_json(&app, "/api/v1/services?q=%E4%B9%B0%E8%8D%AF&limit=100").await; // 买药
    let items = page["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.iter().all(|s| s["category"] == "pharmacy"));
    let (_, none) = get_json(&app, "/api/v1/services?q=100%25_").await;
    assert_eq!(
        none["total"], 0,
        "LIKE wildcards typed by a resident match only themselves"
    );
}

async fn a_nearby_search_returns_exactly_the_circle_nearest_first(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let home = (34.7297, 113.6588); // 康桥华城社区
    let everything = all_services(&app).await;
    for (minutes, radius) in [(5, 300.0), (10, 500.0), (15, 1000.0)] {
        let expected: BTreeSet<i64> = everything
            .iter()
            .filter(|s| {
                haversine(
                    home,
                    (s["lat"].as_f64().unwrap(), s["lng"].as_f64().unwrap()),
                ) <= radius
            })
            .map(|s| s["id"].as_i64().unwrap())
            .collect();
        let (status, page) = get_json(
            &app,
            &format!(
                "/api/v1/services?lat={}&lng={}&minutes={minutes}&limit=100",
                home.0, home.1
            ),
        )
        .await;
        assert_eq!(status, 200);
        let items = page["items"].as_array().unwrap();
        let found: BTreeSet<i64> = items.iter().map(|s| s["id"].as_i64().unwrap()).collect();
        assert!(!expected.is_empty());
        assert_eq!(found, expected, "{minutes}-minute circle");
        assert_eq!(page["total"].as_u64().unwrap() as usize, expected.len());
        let distances: Vec<u64> = items
            .iter()
            .map(|s| s["distance_m"].as_u64().unwrap())
            .collect();
        assert!(
            distances.windows(2).all(|w| w[0] <= w[1]),
            "nearest first: {distances:?}"
        );
        for s in items {
            let d = haversine(
                home,
                (s["lat"].as_f64().unwrap(), s["lng"].as_f64().unwrap()),
            );
            assert!((s["distance_m"].as_f64().unwrap() - d).abs() <= 0.5);
            // The minutes said fall in the ring the place is listed in.
            let said = s["walk_minutes"].as_u64().unwrap();
            let shown = s["distance_m"].as_u64().unwrap();
            let ring = match shown {
                0..=300 => 0..=5,
                301..=500 => 6..=10,
                _ => 11..=15,
            };
            assert!(ring.contains(&said), "{shown} m said {said} min");
        }
    }
}

async fn open_now_keeps_only_services_open_at_this_moment(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (_, all) = get_json(&app, "/api/v1/services?lat=34.7297&lng=113.6588&limit=100").await;
    let (_, open) = get_json(
        &app,
        "/api/v1/services?lat=34.7297&lng=113.6588&limit=100&open_now=true",
    )
    .await;
    let open_items = open["items"].as_array().unwrap();
    assert!(open_items.iter().all(|s| s["open_now"] == true));
    let expected = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["open_now"] == true)
        .count();
    assert_eq!(open_items.len(), expected);
}

async fn pages_of_the_full_list_cover_every_service_once(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let everything = all_services(&app).await;
    let ids: Vec<i64> = everything
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    let unique: BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    assert!(ids.len() >= 300);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "a stable order");
    let (_, first) = get_json(&app, "/api/v1/services").await;
    assert_eq!(
        first["items"].as_array().unwrap().len(),
        20,
        "20 a page by default"
    );
    assert_eq!(first["total"].as_u64().unwrap() as usize, ids.len());
}

async fn bad_search_parameters_are_named_never_a_server_error(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    for (query, field) in [
        ("lat=91&lng=113", "lat"),
        ("lat=abc&lng=113", "lat"),
        ("lat=34&lng=200", "lng"),
        ("lat=34", "lat"),
        ("lat=34&lng=113&minutes=20", "minutes"),
        ("limit=101", "limit"),
        ("limit=0", "limit"),
        ("offset=-3", "offset"),
        ("category=casino", "category"),
        ("open_now=perhaps", "open_now"),
    ] {
        let (status, body) = get_json(&app, &format!("/api/v1/services?{query}")).await;
        assert_eq!(status, 422, "{query}");
        assert!(body["fields"][field].is_string(), "{query}: {body}");
        assert!(body["error"].is_string());
    }
}

async fn a_service_has_its_hours_guide_and_phone(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (_, page) = get_json(&app, "/api/v1/services?category=service_centre&limit=1").await;
    let id = page["items"][0]["id"].as_i64().unwrap();
    let (status, service) = get_json(&app, &format!("/api/v1/services/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(service["hours"]["days"].as_array().unwrap().len(), 7);
    assert!(!service["guide"]["materials"].as_array().unwrap().is_empty());
    assert!(service["phone"].as_str().unwrap().starts_with("0371-"));
    assert!(
        service["community"]["zh"]
            .as_str()
            .unwrap()
            .ends_with("社区")
    );
}

async fn a_query_string_that_cannot_be_read_is_a_json_400(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, body) = get_json(&app, "/api/v1/services?limit=5&limit=6").await;
    assert_eq!(status, 400);
    assert!(body["error"].is_string(), "{body}");
}

async fn an_unknown_service_or_api_path_is_a_json_404(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    for path in [
        "/api/v1/services/999999",
        "/api/v1/services/abc",
        "/api/v1/teams/abc",
        "/api/v1/streets/1.5",
        "/api/v1/nothing-here",
    ] {
        let (status, body) = get_json(&app, path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["error"], "not found", "{path}");
    }
}

async fn the_services_pages_render_on_the_server(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let html = app
        .get("/services?q=%E5%85%BB%E8%80%81")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("养老服务驿站"));
    let (_, page) = get_json(&app, "/api/v1/services?category=health_station&limit=1").await;
    let id = page["items"][0]["id"].as_i64().unwrap();
    let html = app
        .get(&format!("/services/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"href="tel:0371"#),
        "the phone is a tel: link"
    );
    assert!(html.contains("所需材料"));
    // Today's row of the hours is marked, for eyes and for screen readers.
    let today = app::domain::hours::LocalTime::shanghai(app::storage::unix_now()).weekday;
    let (_, detail) = get_json(&app, &format!("/api/v1/services/{id}")).await;
    assert_eq!(detail["today"], today);
    let rows: Vec<&str> = html.split("<tr").skip(1).collect();
    assert_eq!(rows.len(), 7);
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(
            row.contains(r#"aria-current="date""#),
            n == usize::from(today),
            "row {n}"
        );
    }
    assert!(html.contains("（今天）"));
    let missing = app.get("/services/999999").await;
    assert_eq!(missing.status(), 404);
    let html = app
        .get("/near?home=34.72970,113.65880")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("步行 5 分钟内"));
    assert!(html.contains("<svg"));
}

/// Found by schemathesis: at a pole a kilometre spans every longitude, and listing the grid
/// cells made a query too large to run (503).
async fn a_search_at_a_pole_finds_nothing_rather_than_failing(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, page) = app
        .get_json("/api/v1/services?lat=-90&lng=-180&minutes=5")
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total"], 0);
}
