//! Volunteering: teams and activities, applications with places and waitlists, privacy,
//! attendance and the volunteer's own record.

use crate::common::{Browser, TestApp, TestDb, on_both_engines};
use app::domain::staff::Role;
use serde_json::{Value, json};

on_both_engines!(
    teams_are_filtered_by_speciality_and_community_and_nearest_come_first,
    a_team_shows_its_activities_and_an_unknown_one_is_a_404,
    activities_are_listed_by_team_and_window_with_the_service_day_on_the_15th,
    an_application_names_each_field_to_fix,
    an_application_to_an_unknown_team_or_activity_is_a_404,
    places_are_taken_at_once_then_waitlisted_and_freed_in_order,
    two_hundred_applications_at_once_to_ten_places_leave_exactly_ten_not_waitlisted,
    the_public_only_ever_sees_a_masked_phone,
    a_volunteer_can_withdraw_and_have_their_data_deleted,
    staff_record_hours_within_the_activity_and_the_volunteer_sees_them_certified,
    a_volunteer_application_cannot_be_returned_for_correction,
    the_volunteer_pages_render_on_the_server,
    a_team_counts_a_new_member_once_staff_approve,
    personal_data_is_deleted_two_years_after_the_last_service,
    activities_are_filtered_by_community_day_and_speciality_nearest_first,
);

pub(crate) const PHONE: &str = "13812345678";

/// A new activity of team 1, a week ahead, lasting two hours, with this many places.
pub(crate) async fn activity(app: &TestApp, capacity: i64) -> i64 {
    let start = app::storage::unix_now() + 7 * 86_400;
    sqlx::query_scalar(
        "INSERT INTO activities (team_id, title, description, place, lat, lng, starts_at, ends_at, capacity)
         VALUES (1, '测试活动：为老人理发', '理发', '幸福路社区党群服务中心', 34.73, 113.64, $1, $2, $3)
         RETURNING id",
    )
    .bind(start)
    .bind(start + 7200)
    .bind(capacity)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

fn application(activity: i64, name: &str, phone: &str) -> Value {
    json!({ "name": name, "phone": phone, "activity_id": activity, "skills": ["elderly_care", "会理发"],
            "availability": [], "note": "", "consent": true })
}

async fn apply(app: &TestApp, body: &Value) -> (u16, Value) {
    app.post_json("/api/v1/volunteer-applications", body).await
}

/// Applies and returns the reference and the status given.
pub(crate) async fn applied(app: &TestApp, activity: i64, name: &str) -> (String, String) {
    let (status, receipt) = apply(app, &application(activity, name, PHONE)).await;
    assert_eq!(status, 201, "{receipt}");
    (
        receipt["reference"].as_str().unwrap().to_owned(),
        receipt["status"].as_str().unwrap().to_owned(),
    )
}

/// Withdraws an application the way its volunteer would; the status code answered.
pub(crate) async fn withdraw(app: &TestApp, reference: &str) -> u16 {
    let (status, _) = app
        .call(
            "volunteers/withdraw",
            &[("reference", reference), ("phone", PHONE)],
        )
        .await;
    status
}

async fn status_of(app: &TestApp, reference: &str) -> String {
    sqlx::query_scalar("SELECT status FROM submissions WHERE reference = $1")
        .bind(reference)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

pub(crate) async fn places_left(app: &TestApp, activity: i64) -> i64 {
    let (_, all) = app.get_json("/api/v1/activities?team=1").await;
    let found = all.as_array().unwrap().iter().find(|a| a["id"] == activity);
    found.expect("the activity is listed")["places_left"]
        .as_i64()
        .unwrap()
}

async fn decide(staff: &Browser, reference: &str, decision: &str, reason: Option<&str>) -> u16 {
    let path = format!("/api/v1/staff/submissions/{reference}/decision");
    let (status, body) = staff
        .post_json(&path, &json!({ "decision": decision, "reason": reason }))
        .await;
    assert!(status == 200 || status == 422, "{status} {body}");
    status
}

async fn teams_are_filtered_by_speciality_and_community_and_nearest_come_first(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, all) = app.get_json("/api/v1/teams").await;
    assert_eq!(status, 200);
    let all = all.as_array().unwrap();
    assert!(all.len() >= 40, "one team per demo grid: {}", all.len());
    let (_, patrols) = app.get_json("/api/v1/teams?speciality=patrol").await;
    let patrols = patrols.as_array().unwrap();
    assert!(!patrols.is_empty() && patrols.len() < all.len());
    assert!(patrols.iter().all(|t| t["speciality"] == "patrol"));
    let community = all[0]["community_id"].as_i64().unwrap();
    let (_, one) = app
        .get_json(&format!("/api/v1/teams?community={community}"))
        .await;
    assert!(
        one.as_array()
            .unwrap()
            .iter()
            .all(|t| t["community_id"] == community)
    );
    // From the last team's own meeting place, that team is nearest.
    let last = all.last().unwrap();
    let near = format!("{},{}", last["lat"], last["lng"]);
    let (_, nearest) = app.get_json(&format!("/api/v1/teams?near={near}")).await;
    let nearest = nearest.as_array().unwrap();
    assert_eq!(nearest[0]["id"], last["id"]);
    let distances: Vec<i64> = nearest
        .iter()
        .map(|t| t["distance_m"].as_i64().unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first");
    let (status, bad) = app
        .get_json("/api/v1/teams?speciality=dancing&near=x")
        .await;
    assert_eq!(status, 422);
    assert!(bad["fields"]["speciality"].is_string() && bad["fields"]["near"].is_string());
    // The page's own call parses the same way: a bad home is refused, not silently dropped.
    let (status, refused) = app
        .call(
            "volunteers/teams",
            &[("query[speciality]", "dancing"), ("query[near]", "x")],
        )
        .await;
    let fields: Vec<&str> = refused["Invalid"]
        .as_array()
        .map(|errors| errors.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        (status, fields),
        (422, vec!["speciality", "near"]),
        "{refused}"
    );
    let (status, medical) = app
        .call("volunteers/teams", &[("query[speciality]", "medical")])
        .await;
    assert_eq!(status, 200);
    let listed = medical["items"].as_array().unwrap();
    assert!(!listed.is_empty() && listed.iter().all(|t| t["speciality"] == "medical"));
    assert!(medical["total"].as_u64().unwrap() >= listed.len() as u64);
    // The page lists the teams a page at a time, in the API's order, and counts them all.
    let (_, all) = app.get_json("/api/v1/teams").await;
    let all: Vec<&Value> = all.as_array().unwrap().iter().collect();
    assert!(all.len() > 20, "the demo city has more teams than a page");
    let (_, second) = app.call("volunteers/teams", &[("page", "2")]).await;
    let ids = |teams: &[Value]| teams.iter().map(|t| t["id"].clone()).collect::<Vec<_>>();
    let expected: Vec<Value> = all[20..40.min(all.len())]
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(ids(second["items"].as_array().unwrap()), expected);
    assert_eq!(second["total"].as_u64(), Some(all.len() as u64));
}

async fn a_team_shows_its_activities_and_an_unknown_one_is_a_404(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, team) = app.get_json("/api/v1/teams/1").await;
    assert_eq!(status, 200);
    assert!(team["members"].as_i64().unwrap() > 0);
    assert!(team["leader"].is_string() && team["meeting_place"].is_string());
    let activities = team["activities"].as_array().unwrap();
    assert!(!activities.is_empty(), "a month of activities");
    assert!(activities.iter().all(|a| a["team_id"] == 1));
    assert_eq!(app.get("/api/v1/teams/999999").await.status(), 404);
    // The page reads a team with a GET, which answers the same.
    let (status, read) = app.read("volunteers/team", &[("id", "1")]).await;
    assert_eq!((status, &read["name_zh"]), (200, &team["name_zh"]));
    assert_eq!(
        app.read("volunteers/team", &[("id", "999999")]).await.0,
        404
    );
    let page = app.get("/volunteers/teams/1").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(team["name_zh"].as_str().unwrap()));
    assert!(html.contains("申请加入这支队伍"));
    assert_eq!(app.get("/volunteers/teams/999999").await.status(), 404);
}

async fn activities_are_listed_by_team_and_window_with_the_service_day_on_the_15th(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, list) = app.get_json("/api/v1/activities?team=2").await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap();
    assert!(list.iter().all(|a| a["team_id"] == 2));
    for field in [
        "id",
        "team_id",
        "title",
        "starts_at",
        "capacity",
        "places_left",
    ] {
        assert!(!list[0][field].is_null(), "{field} in {}", list[0]);
    }
    let (_, all) = app
        .get_json("/api/v1/activities?from=2000-01-01&to=2100-01-01")
        .await;
    let service_days: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["repeat"] == "monthly:15")
        .collect();
    assert!(!service_days.is_empty(), "the service day is scheduled");
    for day in service_days {
        let date = app::domain::time::beijing_datetime(day["starts_at"].as_i64().unwrap());
        assert_eq!(&date[8..], "15 09:00", "{date}");
    }
    let (status, bad) = app.get_json("/api/v1/activities?from=soon").await;
    assert_eq!(status, 422);
    assert!(bad["fields"]["from"].is_string());
    assert_eq!(
        app.get("/api/v1/activities?team=999999").await.status(),
        404
    );
}

async fn an_application_names_each_field_to_fix(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 5).await;
    let body = json!({ "name": "王", "phone": "1381234567", "activity_id": id, "consent": false });
    let (status, answer) = apply(&app, &body).await;
    assert_eq!(status, 422);
    let fields = answer["fields"].as_object().unwrap();
    assert_eq!(
        fields.keys().collect::<Vec<_>>(),
        ["consent", "name", "phone"]
    );
    assert!(fields["phone"].as_str().unwrap().contains("11 digits"));
    let (status, answer) = apply(
        &app,
        &json!({ "name": "王秀兰", "phone": PHONE, "team_id": 1, "consent": true }),
    )
    .await;
    assert_eq!(status, 422, "joining a team asks when one can serve");
    assert!(answer["fields"]["availability"].is_string());
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing is filed");
}

async fn an_application_to_an_unknown_team_or_activity_is_a_404(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let (status, _) = apply(&app, &application(999_999, "王秀兰", PHONE)).await;
    assert_eq!(status, 404);
    let body = json!({ "name": "王秀兰", "phone": PHONE, "team_id": 999_999,
                       "availability": ["weekend"], "consent": true });
    assert_eq!(apply(&app, &body).await.0, 404);
}

async fn places_are_taken_at_once_then_waitlisted_and_freed_in_order(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("li.na", Role::Moderator).await;
    let id = activity(&app, 2).await;
    let (a, a_status) = applied(&app, id, "赵甲").await;
    let (b, b_status) = applied(&app, id, "钱乙").await;
    assert_eq!(
        (a_status.as_str(), b_status.as_str()),
        ("pending", "pending")
    );
    assert_eq!(places_left(&app, id).await, 0);
    let (c, c_status) = applied(&app, id, "孙丙").await;
    let (d, d_status) = applied(&app, id, "李丁").await;
    assert_eq!(
        (c_status.as_str(), d_status.as_str()),
        ("waitlisted", "waitlisted")
    );

    assert_eq!(
        decide(&staff, &a, "reject", Some("本次名额已安排给本网格居民")).await,
        200
    );
    assert_eq!(
        status_of(&app, &c).await,
        "pending",
        "the first on the list moves up"
    );
    assert_eq!(status_of(&app, &d).await, "waitlisted");

    assert_eq!(withdraw(&app, &b).await, 200);
    assert_eq!(status_of(&app, &b).await, "withdrawn");
    assert_eq!(
        status_of(&app, &d).await,
        "pending",
        "a withdrawal frees a place too"
    );
    assert_eq!(places_left(&app, id).await, 0);
    let (_, e_status) = applied(&app, id, "周戊").await;
    assert_eq!(e_status, "waitlisted");
    assert_eq!(decide(&staff, &c, "approve", None).await, 200);
    assert_eq!(status_of(&app, &c).await, "approved");
    the_kept_count_is_the_count(&app, id).await;
}

/// The places the activity's applications hold, counted from them.
async fn held_counted(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM submissions s JOIN volunteer_applications v ON v.submission_id = s.id
         WHERE v.activity_id = $1 AND s.status IN ('pending', 'approved')",
    )
    .bind(id)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

/// The places held that the activity's row keeps, for the lists, are those the applications
/// hold.
async fn the_kept_count_is_the_count(app: &TestApp, id: i64) {
    let counted = held_counted(app, id).await;
    let kept: i64 = sqlx::query_scalar("SELECT held FROM activities WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(kept, counted);
}

async fn two_hundred_applications_at_once_to_ten_places_leave_exactly_ten_not_waitlisted(
    db: TestDb,
) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 10).await;
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..200 {
        let body = application(id, &format!("志愿者{i}"), &format!("139{i:08}"));
        let (http, url) = (app.http.clone(), app.url("/api/v1/volunteer-applications"));
        requests.spawn(async move {
            crate::common::answer(http.post(url).json(&body).send().await.expect("request")).await
        });
    }
    let answers = requests.join_all().await;
    assert!(
        answers.iter().all(|(status, _)| *status == 201),
        "every one is filed: {:?}",
        answers.iter().find(|(status, _)| *status != 201)
    );
    let not_waitlisted = answers
        .iter()
        .filter(|(_, r)| r["status"] == "pending")
        .count();
    assert_eq!(not_waitlisted, 10);
    assert_eq!(held_counted(&app, id).await, 10);
    assert_eq!(places_left(&app, id).await, 0);
    the_kept_count_is_the_count(&app, id).await;
}

async fn the_public_only_ever_sees_a_masked_phone(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let (reference, _) = applied(&app, id, "王秀兰").await;
    let (status, record) = app
        .call(
            "volunteers/record",
            &[("reference", &reference), ("phone", "138 1234 5678")],
        )
        .await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["phone_masked"], "138****5678");
    assert_eq!(record["name"], "王秀兰");
    for path in [
        "/api/v1/teams/1",
        "/api/v1/activities?team=1",
        "/volunteers/teams/1",
    ] {
        let body = app.get(path).await.text().await.unwrap();
        assert!(!body.contains(PHONE), "{path}");
    }
    assert!(!record.to_string().contains(PHONE));
    let (status, _) = app
        .call(
            "volunteers/record",
            &[("reference", &reference), ("phone", "13900000000")],
        )
        .await;
    assert_eq!(status, 404, "another phone finds nothing");
    let staff = app.staff("zhao.min", Role::Moderator).await;
    let detail = staff
        .get(&format!("/api/v1/staff/submissions/{reference}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(detail.contains(PHONE), "staff see the number in full");
}

async fn a_volunteer_can_withdraw_and_have_their_data_deleted(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 1).await;
    let (reference, _) = applied(&app, id, "王秀兰").await;
    let (waiting, _) = applied(&app, id, "李建国").await;
    let (status, _) = app
        .call(
            "volunteers/erase",
            &[("reference", &reference), ("phone", PHONE)],
        )
        .await;
    assert_eq!(status, 200);
    let (status, phone, payload): (String, Option<String>, String) =
        sqlx::query_as("SELECT status, phone, payload FROM submissions WHERE reference = $1")
            .bind(&reference)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), phone, payload.as_str()),
        ("withdrawn", None, "{}")
    );
    let versions: Vec<String> = sqlx::query_scalar(
        "SELECT v.payload FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
         WHERE s.reference = $1",
    )
    .bind(&reference)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(versions, ["{}"], "no copy of the name is kept");
    let anonymous: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM volunteer_applications WHERE activity_id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(anonymous, 2, "the count of applications remains");
    assert_eq!(
        status_of(&app, &waiting).await,
        "pending",
        "the freed place moved on"
    );
    assert_eq!(places_left(&app, id).await, 0);
    the_kept_count_is_the_count(&app, id).await;
    let (status, _) = app
        .call(
            "volunteers/record",
            &[("reference", &reference), ("phone", PHONE)],
        )
        .await;
    assert_eq!(status, 404, "the reference no longer finds anything");
}

async fn staff_record_hours_within_the_activity_and_the_volunteer_sees_them_certified(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("sun.li", Role::Moderator).await;
    let id = activity(&app, 3).await;
    let (reference, _) = applied(&app, id, "王秀兰").await;
    assert_eq!(decide(&staff, &reference, "approve", None).await, 200);
    let activity_id = id.to_string();
    let save = |hours: &'static str| {
        let form = [
            ("activity", activity_id.clone()),
            ("entries[0][reference]", reference.clone()),
            ("entries[0][attended]", "true".to_owned()),
            ("entries[0][hours]", hours.to_owned()),
        ];
        let staff = &staff;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            staff.call("staff/attendance/save", &pairs).await
        }
    };
    let (status, early) = save("2").await;
    assert_eq!(status, 422, "not before the activity starts: {early}");
    // The week passes: the activity took place yesterday, 09:00–11:00.
    let start = app::storage::unix_now() - 86_400;
    sqlx::query("UPDATE activities SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(start)
        .bind(start + 7200)
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let (status, too_long) = save("2.5").await;
    assert_eq!(status, 422);
    assert!(
        too_long.to_string().contains(&format!("hours-{reference}")),
        "{too_long}"
    );
    let (status, saved) = save("1.5").await;
    assert_eq!(status, 200, "{saved}");

    let (_, record) = app
        .call(
            "volunteers/record",
            &[("reference", &reference), ("phone", PHONE)],
        )
        .await;
    assert_eq!(record["total_minutes"], 90);
    assert_eq!(record["services"][0]["minutes"], 90);
    assert_eq!(record["can_withdraw"], false, "the activity is over");
    let certificate = &record["certificate"];
    assert_eq!(certificate["name"], "王秀兰");
    assert_eq!(certificate["total_minutes"], 90);
    assert!(certificate["number"].as_str().unwrap().starts_with("ZYJL-"));
    assert!(
        certificate["organisation"]
            .as_str()
            .unwrap()
            .ends_with("志愿服务队")
    );
    assert!(
        certificate["contact"]
            .as_str()
            .is_some_and(|c| !c.is_empty())
    );
    assert_eq!(certificate["issued_on"].as_str().unwrap().len(), 10);
    let audit = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.attendance'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(audit, 1);
    // The sheet lists the volunteer's mobile number in full: who opened it is in the log.
    let (status, sheet) = staff
        .read("staff/attendance", &[("activity", &activity_id)])
        .await;
    assert_eq!(
        (status, sheet["rows"][0]["phone"].as_str()),
        (200, Some(PHONE))
    );
    let viewed: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT staff_username, target, after_state FROM audit_log
         WHERE action = 'activity.attendance_view'",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let target = format!("activity:{id}");
    assert_eq!(
        viewed,
        [(
            "sun.li".to_owned(),
            target,
            r#"{"volunteers":1}"#.to_owned()
        )]
    );
}

async fn a_volunteer_application_cannot_be_returned_for_correction(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("qian.hui", Role::Moderator).await;
    let id = activity(&app, 3).await;
    let (reference, _) = applied(&app, id, "王秀兰").await;
    assert_eq!(
        decide(&staff, &reference, "return", Some("请补充技能")).await,
        422
    );
    assert_eq!(status_of(&app, &reference).await, "pending");
}

async fn the_volunteer_pages_render_on_the_server(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let day = activity_day(&app, id).await;
    let community: i64 = sqlx::query_scalar("SELECT community_id FROM teams WHERE id = 1")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let on_its_day = format!("/volunteers/activities?date={day}&community={community}");
    for (path, expected) in [
        ("/volunteers", "志愿服务"),
        ("/volunteers?speciality=patrol", "治安巡逻"),
        (&on_its_day as &str, "测试活动：为老人理发"),
        (
            &format!("/volunteers/apply?activity={id}") as &str,
            "个人信息说明",
        ),
        ("/volunteers/apply?team=1", "可以服务的时间"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status(), 200, "{path}");
        let html = page.text().await.unwrap();
        assert!(html.contains(expected), "{path} shows {expected}");
    }
}

async fn a_team_counts_a_new_member_once_staff_approve(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let staff = app.staff("feng.lan", Role::Moderator).await;
    let members = |team: Value| team["members"].as_i64().unwrap();
    let before = members(app.get_json("/api/v1/teams/1").await.1);
    let body = json!({ "name": "王秀兰", "phone": PHONE, "team_id": 1,
                       "availability": ["weekend"], "availability_other": "周二下午", "consent": true });
    let (status, receipt) = apply(&app, &body).await;
    assert_eq!((status, receipt["status"].as_str()), (201, Some("pending")));
    assert_eq!(
        members(app.get_json("/api/v1/teams/1").await.1),
        before,
        "not before approval"
    );
    let reference = receipt["reference"].as_str().unwrap();
    assert_eq!(decide(&staff, reference, "approve", None).await, 200);
    assert_eq!(members(app.get_json("/api/v1/teams/1").await.1), before + 1);
    assert_eq!(withdraw(&app, reference).await, 200);
    assert_eq!(
        members(app.get_json("/api/v1/teams/1").await.1),
        before,
        "a member who leaves is counted no more"
    );
}

async fn personal_data_is_deleted_two_years_after_the_last_service(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let old = activity(&app, 3).await;
    let recent = activity(&app, 3).await;
    let (gone, _) = applied(&app, old, "王秀兰").await;
    let (kept, _) = {
        let (status, receipt) = apply(&app, &application(recent, "李建国", "13900001111")).await;
        assert_eq!(status, 201);
        (receipt["reference"].as_str().unwrap().to_owned(), ())
    };
    // The first volunteer's only activity ended three years ago.
    let long_ago = app::storage::unix_now() - 3 * 365 * 86_400;
    sqlx::query("UPDATE activities SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(long_ago)
        .bind(long_ago + 7200)
        .bind(old)
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE submissions SET status = 'approved' WHERE reference = $1")
        .bind(&gone)
        .execute(app.db.pool())
        .await
        .unwrap();
    app::volunteers::housekeeping(&app.db).await;
    let phone_of = |reference: String| {
        let pool = app.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, Option<String>>(
                "SELECT phone FROM submissions WHERE reference = $1",
            )
            .bind(reference)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(phone_of(gone).await, None);
    assert_eq!(
        phone_of(kept).await.as_deref(),
        Some("13900001111"),
        "a waiting one stays"
    );
}

/// The Beijing date an activity starts on, as 2026-12-01.
async fn activity_day(app: &TestApp, id: i64) -> String {
    let starts: i64 = sqlx::query_scalar("SELECT starts_at FROM activities WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    app::domain::time::beijing_datetime(starts)[..10].to_owned()
}

async fn activities_are_filtered_by_community_day_and_speciality_nearest_first(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let id = activity(&app, 3).await;
    let team_ids = |teams: &Value| -> Vec<i64> {
        teams
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect()
    };
    let community: i64 = sqlx::query_scalar("SELECT community_id FROM teams WHERE id = 1")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (_, teams) = app
        .get_json(&format!("/api/v1/teams?community={community}"))
        .await;
    let in_community = team_ids(&teams);
    let (status, list) = app
        .get_json(&format!("/api/v1/activities?community={community}"))
        .await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap();
    assert!(list.iter().any(|a| a["id"] == id));
    assert!(
        list.iter()
            .all(|a| in_community.contains(&a["team_id"].as_i64().unwrap()))
    );

    let (_, teams) = app.get_json("/api/v1/teams?speciality=patrol").await;
    let patrols = team_ids(&teams);
    let (_, list) = app.get_json("/api/v1/activities?speciality=patrol").await;
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|a| patrols.contains(&a["team_id"].as_i64().unwrap()))
    );

    let (_, near) = app
        .get_json("/api/v1/activities?near=34.7300,113.6400")
        .await;
    let metres: Vec<u64> = near
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["distance_m"].as_u64().unwrap())
        .collect();
    assert!(metres.windows(2).all(|w| w[0] <= w[1]), "nearest first");
    let (status, bad) = app
        .get_json("/api/v1/activities?near=home&speciality=x")
        .await;
    assert_eq!(status, 422);
    assert!(bad["fields"]["near"].is_string() && bad["fields"]["speciality"].is_string());

    // The page: a day's activities of a community, and the whole month twenty to a page.
    let day = activity_day(&app, id).await;
    let html = app
        .get(&format!(
            "/volunteers/activities?date={day}&community={community}"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("测试活动：为老人理发"));
    let html = app
        .get("/volunteers/activities")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.matches("报名参加").count() <= 20,
        "one page, not the whole month"
    );
    assert!(html.contains("下一页"));
    // The pages together are the API's list, in the same order, and their count is its length.
    let (_, month) = app.get_json("/api/v1/activities").await;
    let month: Vec<&Value> = month.as_array().unwrap().iter().collect();
    let mut paged = Vec::new();
    for page in 1.. {
        let (status, answer) = app
            .call("volunteers/activities", &[("page", &page.to_string())])
            .await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["total"].as_u64(), Some(month.len() as u64));
        let items = answer["items"].as_array().unwrap().clone();
        assert!(items.len() <= 20);
        if items.is_empty() {
            break;
        }
        paged.extend(items);
    }
    let ids =
        |list: &[&Value]| -> Vec<i64> { list.iter().map(|a| a["id"].as_i64().unwrap()).collect() };
    assert_eq!(ids(&paged.iter().collect::<Vec<_>>()), ids(&month));
}
