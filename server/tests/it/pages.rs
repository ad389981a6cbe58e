use crate::common::{TestApp, TestDb, on_both_engines};
use reqwest::header::{
    ACCEPT, ACCEPT_ENCODING, CONTENT_ENCODING, COOKIE, LOCATION, REFERER, SET_COOKIE,
};

on_both_engines!(
    the_home_page_is_chinese_by_default_and_lists_the_communities,
    a_visitor_who_chose_english_gets_english_from_the_server,
    the_language_switch_works_without_javascript,
    an_unknown_address_gets_the_not_found_page_with_404,
    every_section_in_the_navigation_has_a_page,
    pages_are_compressed_for_browsers_that_accept_it,
    a_page_hands_its_data_to_the_browser_whole_and_inert,
);

async fn the_home_page_is_chinese_by_default_and_lists_the_communities(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="zh-CN""#), "{}", &html[..200]);
    assert!(html.contains("服务</a>") && html.contains("商户自治</a>"));
    assert!(
        html.contains("康桥华城社区"),
        "demo communities are rendered on the server"
    );
    assert!(html.contains("<title>15分钟生活圈 · 一刻钟 Quarter Hour</title>"));
    assert!(html.contains(r#"<meta name="description""#));
}

async fn a_visitor_who_chose_english_gets_english_from_the_server(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let html = app
        .client
        .get(app.url("/"))
        .header(COOKIE, "other=1; qh_lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Services</a>"));
    assert!(html.contains("<li>Kangqiao Huacheng Community"));
    assert!(!html.contains("<li>康桥华城社区"));
}

async fn the_language_switch_works_without_javascript(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let referer = app.url("/volunteers");
    let response = app
        .client
        .post(app.url("/api/set_language"))
        .header(ACCEPT, "text/html")
        .header(REFERER, &referer)
        .form(&[("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        302,
        "a plain form post is sent back to its page"
    );
    let location = response.headers()[LOCATION].to_str().unwrap();
    assert!(location.starts_with(&referer), "{location}");
    let cookie = response.headers()[SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("qh_lang=en;"), "{cookie}");
    assert!(cookie.contains("Max-Age=31536000"));

    let refused = app
        .client
        .post(app.url("/api/set_language"))
        .form(&[("lang", "fr")])
        .send()
        .await
        .unwrap();
    assert!(refused.status().is_client_error(), "{}", refused.status());
    assert!(refused.headers().get(SET_COOKIE).is_none());
}

async fn an_unknown_address_gets_the_not_found_page_with_404(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("没有找到这个页面"));
    assert!(html.contains(r#"href="/""#), "offers the way home");
}

async fn every_section_in_the_navigation_has_a_page(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    for (path, heading) in [
        ("/services", "生活服务"),
        ("/volunteers", "志愿服务"),
        ("/merchants", "商户自治"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("<h1>{heading}</h1>")), "{path}");
    }
    let staff = app.get("/staff").await;
    assert_eq!(staff.status(), 401, "the staff area asks who you are");
    assert!(
        staff
            .text()
            .await
            .unwrap()
            .contains("<h1>工作人员登录</h1>")
    );
}

async fn pages_are_compressed_for_browsers_that_accept_it(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    for encoding in ["br", "gzip"] {
        let response = app
            .client
            .get(app.url("/"))
            .header(ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[CONTENT_ENCODING], encoding);
    }
}

/// The data a page's script reads back holds what the page shows, character for character,
/// and no text stored in it can end that script.
async fn a_page_hands_its_data_to_the_browser_whole_and_inert(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let name = r#"幸福路"便民"\服务 </script><script>alert(1)</script>"#;
    sqlx::query("UPDATE services SET name = $1 WHERE id = 1")
        .bind(name)
        .execute(app.db.pool())
        .await
        .unwrap();
    let response = app.get("/services").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("<script>alert(1)"),
        "a stored name ended a script"
    );
    let handed: Vec<serde_json::Value> = html
        .split("__RESOLVED_RESOURCES[")
        .skip(1)
        .filter_map(|rest| {
            let literal = rest.split_once("] = ")?.1;
            let text = serde_json::Deserializer::from_str(literal)
                .into_iter::<String>()
                .next()?
                .ok()?;
            serde_json::from_str(&text).ok()
        })
        .collect();
    assert!(
        handed
            .iter()
            .any(|data| data["Ok"]["items"][0]["name"] == name),
        "the list's data, read back: {handed:?}"
    );
}
