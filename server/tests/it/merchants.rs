//! Merchant self-governance: streets and their members, registrations checked, refused when
//! duplicated, returned and corrected, approved into the directory, and suspended out of it.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use app::domain::{licence::uscc_check_char, staff::Role};
use serde_json::{Value, json};

on_both_engines!(
    each_street_shows_its_council_pledge_and_member_shops_without_phones,
    a_registration_names_each_field_to_fix,
    a_code_already_registered_and_not_rejected_is_refused,
    two_registrations_of_one_code_at_once_give_one_201_and_one_409,
    a_returned_registration_is_corrected_and_approved_into_the_directory,
    a_suspended_shop_leaves_every_public_page_until_reinstated,
    the_merchant_pages_render_on_the_server,
);

pub(crate) const PHONE: &str = "13838112233";

/// A valid code made from 17 characters of one's choosing.
pub(crate) fn code(first17: &str) -> String {
    format!("{first17}{}", uscc_check_char(first17).unwrap())
}

pub(crate) fn shop(uscc: &str) -> Value {
    json!({
        "shop_name": "棉纺路老街坊胡辣汤", "uscc": uscc, "legal_representative": "张建民",
        "contact_name": "张丽", "phone": PHONE, "category": "breakfast",
        "address": "二七区棉纺东路28号", "street_id": 1, "lat": 34.7304, "lng": 113.6150,
        "opening_hours": "05:30-13:00", "food_licence": "JY24101030012345",
        "prepackaged_only": false, "health_certificates": 4, "pledge": true
    })
}

pub(crate) async fn register(app: &TestApp, body: &Value) -> (u16, Value) {
    app.post_json("/api/v1/merchant-registrations", body).await
}

async fn decide(staff: &Browser, reference: &str, decision: &str, reason: Option<&str>) {
    let path = format!("/api/v1/staff/submissions/{reference}/decision");
    let (status, body) = staff
        .post_json(&path, &json!({ "decision": decision, "reason": reason }))
        .await;
    assert_eq!(status, 200, "{body}");
}

/// True when the text holds a run of exactly 11 digits shaped like a mainland mobile number
/// (licence numbers and codes have longer runs, or letters).
fn has_mobile(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit()).any(|run| {
        let b = run.as_bytes();
        b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
    })
}

async fn each_street_shows_its_council_pledge_and_member_shops_without_phones(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, streets) = app.get_json("/api/v1/streets").await;
    assert_eq!(status, 200);
    let streets = streets.as_array().unwrap();
    assert!(streets.len() >= 3);
    assert!(
        streets
            .iter()
            .any(|s| s["name_zh"].as_str().unwrap().contains("棉纺东路"))
    );
    for street in streets {
        let (status, detail) = app
            .get_json(&format!("/api/v1/streets/{}", street["id"]))
            .await;
        assert_eq!(status, 200);
        assert!(
            detail["shops"].as_array().unwrap().len() >= 15,
            "{}",
            street["name_zh"]
        );
        assert_eq!(detail["members"], detail["shops"].as_array().unwrap().len());
        assert!(
            detail["council"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["role_zh"].as_str().unwrap().contains("路长"))
        );
        assert!(detail["pledge_zh"].as_str().unwrap().contains("门前"));
        assert!(
            !has_mobile(&detail.to_string()),
            "no phone numbers in public: {detail}"
        );
    }
    assert_eq!(app.get("/api/v1/streets/999999").await.status(), 404);
}

async fn a_registration_names_each_field_to_fix(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let mut mistyped = code("92410103MA45K6LX2");
    mistyped.replace_range(4..5, "9");
    let mut body = shop(&mistyped);
    body["category"] = json!("hairdresser");
    body["pledge"] = json!(false);
    body["lat"] = json!("north");
    let (status, answer) = register(&app, &body).await;
    assert_eq!(status, 422);
    let fields = answer["fields"].as_object().unwrap();
    assert_eq!(
        fields.keys().collect::<Vec<_>>(),
        ["food_licence", "location", "pledge", "uscc"]
    );
    assert!(fields["uscc"].as_str().unwrap().contains("mistyped"));
    let mut restaurant = shop(&code("92410103MA45K6LX2"));
    restaurant["food_licence"] = json!("");
    let (status, answer) = register(&app, &restaurant).await;
    assert_eq!(status, 422, "a food business needs its licence");
    assert!(answer["fields"]["food_licence"].is_string());
    let mut not_a_shop = shop(&code("92410103MA45K6LX2"));
    not_a_shop["category"] = json!("primary_school");
    not_a_shop["shop_phone"] = json!("12345");
    let (status, answer) = register(&app, &not_a_shop).await;
    assert_eq!(status, 422, "a school is not a shop, nor 12345 a phone");
    assert!(answer["fields"]["category"].is_string());
    assert!(
        answer["fields"]["shop_phone"]
            .as_str()
            .unwrap()
            .contains("0371")
    );
    let mut unknown_street = shop(&code("92410103MA45K6LX2"));
    unknown_street["street_id"] = json!(999);
    let (status, answer) = register(&app, &unknown_street).await;
    assert_eq!(status, 422);
    assert!(answer["fields"]["street_id"].is_string());
}

async fn a_code_already_registered_and_not_rejected_is_refused(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("wang.fang", Role::Moderator).await;
    let uscc = code("92410103MA45K6LX2");
    let (status, first) = register(&app, &shop(&uscc)).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["status"], "pending");
    let (status, again) = register(&app, &shop(&uscc.to_lowercase())).await;
    assert_eq!(status, 409, "the same code, however typed");
    assert!(
        again["error"]
            .as_str()
            .unwrap()
            .contains("already registered")
    );
    let (_, street) = app.get_json("/api/v1/streets/1").await;
    let member_code = street["shops"][0]["uscc"].as_str().unwrap().to_owned();
    assert_eq!(
        register(&app, &shop(&member_code)).await.0,
        409,
        "a member's code"
    );
    decide(
        &staff,
        first["reference"].as_str().unwrap(),
        "reject",
        Some("营业执照照片不清晰"),
    )
    .await;
    assert_eq!(
        register(&app, &shop(&uscc)).await.0,
        201,
        "free again after a rejection"
    );
}

async fn two_registrations_of_one_code_at_once_give_one_201_and_one_409(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let uscc = code("91410103MA9XK2P7Q");
    assert!(
        has_mobile(&shop(&uscc).to_string()),
        "the check can find a number"
    );
    let body = shop(&uscc);
    let (a, b) = tokio::join!(register(&app, &body), register(&app, &body));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{a:?} {b:?}");
}

async fn a_returned_registration_is_corrected_and_approved_into_the_directory(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("liu.yang", Role::Moderator).await;
    let uscc = code("92410103MA45K6LX2");
    let (_, receipt) = register(&app, &shop(&uscc)).await;
    let reference = receipt["reference"].as_str().unwrap().to_owned();
    decide(
        &staff,
        &reference,
        "return",
        Some("营业时间请写到分钟，周末是否营业？"),
    )
    .await;

    let lookup = json!({ "reference": reference, "phone": PHONE });
    let (_, found) = app.post_json("/api/v1/submissions/lookup", &lookup).await;
    assert_eq!(found["status"], "returned");
    assert!(found["note"].as_str().unwrap().contains("营业时间"));
    let fields = &found["correction"]["fields"];
    assert_eq!(
        fields["shop_name"], "棉纺路老街坊胡辣汤",
        "the form comes back as sent"
    );

    let form = [
        ("reference", reference.as_str()),
        ("phone", PHONE),
        ("registration[shop_name]", "棉纺路老街坊胡辣汤"),
        ("registration[uscc]", uscc.as_str()),
        ("registration[legal_representative]", "张建民"),
        ("registration[contact_name]", "张丽"),
        ("registration[category]", "breakfast"),
        ("registration[address]", "二七区棉纺东路28号"),
        ("registration[street_id]", "1"),
        ("registration[lat]", "34.7304"),
        ("registration[lng]", "113.6150"),
        ("registration[opening_hours]", "05:30-13:30"),
        ("registration[food_licence]", "JY24101030012345"),
        ("registration[prepackaged_only]", "false"),
        ("registration[health_certificates]", "4"),
        ("registration[shop_phone]", "6789 0123"),
        ("registration[pledge]", "true"),
    ];
    let (status, answer) = app.call("merchants/resubmit", &form).await;
    assert_eq!(status, 200, "{answer}");
    let (_, detail) = staff
        .get_json(&format!("/api/v1/staff/submissions/{reference}"))
        .await;
    assert_eq!(
        detail["versions"].as_array().unwrap().len(),
        2,
        "staff see every version"
    );
    assert!(
        detail.to_string().contains(PHONE),
        "staff see the contact's mobile"
    );
    let newest = &detail["versions"][0]["shown"];
    let hours = newest
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "opening_hours")
        .unwrap();
    assert_eq!(hours["changed"], true, "the corrected hours are marked");
    // The page reads as people talk: labels and names, the mobile once, no field names.
    let html = staff
        .get(&format!("/staff/submissions/{reference}"))
        .await
        .text()
        .await
        .unwrap();
    let shown: String = html
        .split("<script")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once("</script>").map_or("", |p| p.1)
            }
        })
        .collect();
    for label in [
        "经营类别",
        "早餐店",
        "棉纺东路商户自治示范街",
        "仅销售预包装食品",
        "已修改",
    ] {
        assert!(shown.contains(label), "{label}");
    }
    for raw in [
        "street_id",
        "location.lat",
        "prepackaged_only",
        "category:",
        "breakfast",
    ] {
        assert!(!shown.contains(raw), "{raw} on the page");
    }
    assert_eq!(shown.matches(PHONE).count(), 1, "the mobile once");
    let (_, queue) = staff.get_json("/api/v1/staff/queue").await;
    let row = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["reference"] == reference.as_str())
        .unwrap();
    assert_eq!(
        row["name"], "棉纺路老街坊胡辣汤",
        "the queue names the shop"
    );
    decide(&staff, &reference, "approve", None).await;

    let (_, street) = app.get_json("/api/v1/streets/1").await;
    let listed = street["shops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["uscc"] == uscc.as_str());
    let listed = listed.expect("the shop is on its street's page");
    assert_eq!(listed["hours"], "05:30-13:30", "the corrected hours");
    let (_, found) = app.get_json("/api/v1/services?q=棉纺路老街坊胡辣汤").await;
    let item = &found["items"][0];
    assert_eq!(
        (item["category"].as_str(), item["member"].as_bool()),
        (Some("breakfast"), Some(true))
    );
    let (_, detail) = app
        .get_json(&format!("/api/v1/services/{}", item["id"]))
        .await;
    assert_eq!(detail["member_shop"]["uscc"], uscc.as_str());
    // The shop's own phone is public, the contact's mobile never.
    assert_eq!(detail["phone"], "0371-67890123");
    assert!(!has_mobile(&detail.to_string()));
    let html = app
        .get(&format!("/services/{}", item["id"]))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("商户自治成员") && html.contains("门前"));
}

async fn a_suspended_shop_leaves_every_public_page_until_reinstated(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("he.jing", Role::Moderator).await;
    let (_, street) = app.get_json("/api/v1/streets/1").await;
    let shop = &street["shops"][0];
    let id = shop["id"].as_i64().unwrap().to_string();
    let name = shop["name"].as_str().unwrap().to_owned();
    let suspend = |reason: &'static str| {
        let id = id.clone();
        let staff = &staff;
        async move {
            staff
                .call(
                    "staff/member-shops/set",
                    &[("service_id", &id), ("active", "false"), ("reason", reason)],
                )
                .await
        }
    };
    assert_eq!(suspend("").await.0, 422, "a suspension gives its reason");
    assert_eq!(
        app.call(
            "staff/member-shops/set",
            &[("service_id", &id), ("active", "false"), ("reason", "x")]
        )
        .await
        .0,
        401
    );
    assert_eq!(suspend("门前三包检查未通过：店外占道经营").await.0, 200);
    let (_, after) = app.get_json("/api/v1/streets/1").await;
    assert!(
        after["shops"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["name"] != name.as_str())
    );
    assert_eq!(after["members"], street["members"].as_i64().unwrap() - 1);
    assert_eq!(
        app.get(&format!("/api/v1/services/{id}")).await.status(),
        404
    );
    let (_, search) = app.get_json(&format!("/api/v1/services?q={name}")).await;
    assert_eq!(search["total"], 0);
    let (status, _) = staff
        .call(
            "staff/member-shops/set",
            &[("service_id", &id), ("active", "true")],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        app.get(&format!("/api/v1/services/{id}")).await.status(),
        200
    );
}

async fn the_merchant_pages_render_on_the_server(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    for (path, expected) in [
        ("/merchants", "棉纺东路商户自治示范街"),
        ("/merchants/streets/1", "门前三包承诺"),
        ("/merchants/register?street=1", "统一社会信用代码"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status(), 200, "{path}");
        assert!(
            page.text().await.unwrap().contains(expected),
            "{path} shows {expected}"
        );
    }
    assert_eq!(app.get("/merchants/streets/999").await.status(), 404);
}
