//! Team leaders: an account for one volunteer team, which reads that team's applications and
//! keeps its activities' attendance and hours, and nothing else.

use crate::common::{Browser, STAFF_PASSWORD, TestApp, TestDb, on_both_engines};
use app::domain::staff::{NewStaff, Role, Scope};
use serde_json::{Value, json};

on_both_engines!(
    a_team_leader_reads_their_teams_applications_and_keeps_its_attendance,
    admins_make_team_leader_accounts_for_a_team_and_nothing_else,
    a_moderator_makes_team_leaders_for_the_teams_of_their_area_only,
);

const PHONE: &str = "13612345678";

/// Two teams, each with an activity a week ahead: (team, activity) twice.
async fn two_teams(app: &TestApp) -> [(i64, i64); 2] {
    let teams: Vec<i64> = sqlx::query_scalar("SELECT id FROM teams ORDER BY id LIMIT 2")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    let start = app::storage::unix_now() + 7 * 86_400;
    let mut made = Vec::new();
    for team in teams {
        let activity: i64 = sqlx::query_scalar(
            "INSERT INTO activities (team_id, title, description, place, lat, lng, starts_at,
                                     ends_at, capacity)
             VALUES ($1, '为社区老人理发', '理发', '党群服务中心', 34.73, 113.64, $2, $3, 5)
             RETURNING id",
        )
        .bind(team)
        .bind(start)
        .bind(start + 7200)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        made.push((team, activity));
    }
    [made[0], made[1]]
}

/// A new team leader of `team`, signed in with the password alone (no second factor set up),
/// and the account as the sign-in answered it.
pub(crate) async fn sign_in_leader(app: &TestApp, username: &str, team: i64) -> (Browser, Value) {
    let account = NewStaff {
        username: username.into(),
        role: Role::TeamLeader,
        password: STAFF_PASSWORD.into(),
        scope: Scope::Team(team),
    };
    app::staff::accounts::create(&app.db, None, account)
        .await
        .unwrap();
    let browser = app.browser();
    let credentials = json!({ "username": username, "password": STAFF_PASSWORD });
    let (status, me) = browser
        .post_json("/api/v1/staff/session", &credentials)
        .await;
    assert_eq!(status, 200, "{me}");
    (browser, me)
}

async fn apply(app: &TestApp, activity: i64, name: &str) -> String {
    let body = json!({ "name": name, "phone": PHONE, "activity_id": activity,
                       "skills": ["elderly_care"], "availability": [], "note": "",
                       "consent": true });
    let (status, receipt) = app.post_json("/api/v1/volunteer-applications", &body).await;
    assert_eq!(status, 201, "{receipt}");
    receipt["reference"].as_str().unwrap().to_owned()
}

/// Makes an account through the accounts form's server function, as `by`.
async fn create_account(by: &Browser, username: &str, role: &str, scope: String) -> (u16, Value) {
    let form = [
        ("account[username]", username),
        ("account[role]", role),
        ("account[password]", "志愿队队长-账号-2026"),
        ("account[scope]", scope.as_str()),
    ];
    by.call("staff/accounts/create", &form).await
}

fn references(queue: &Value) -> Vec<&str> {
    queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reference"].as_str().unwrap())
        .collect()
}

async fn a_team_leader_reads_their_teams_applications_and_keeps_its_attendance(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let [(team, ours), (_, theirs)] = two_teams(&app).await;
    let mine = apply(&app, ours, "刘桂芳").await;
    let other = apply(&app, theirs, "马建国").await;

    // A team leader has no second factor unless they set one up: the password signs in.
    let (leader, me) = sign_in_leader(&app, "lead.liu", team).await;
    assert_eq!(me["scope"], format!("team:{team}"));

    // The queue: their team's application only, through the API and the page alike.
    let (status, queue) = leader.get_json("/api/v1/staff/queue?status=all").await;
    assert_eq!(status, 200, "{queue}");
    assert_eq!(references(&queue), [mine.as_str()]);
    let (status, page) = leader.read("staff/queue", &[("status", "all")]).await;
    assert_eq!((status, references(&page)), (200, vec![mine.as_str()]));
    let (status, opened) = leader
        .get_json(&format!("/api/v1/staff/submissions/{mine}"))
        .await;
    assert_eq!((status, opened["phone"].as_str()), (200, Some(PHONE)));
    let (status, _) = leader
        .get_json(&format!("/api/v1/staff/submissions/{other}"))
        .await;
    assert_eq!(status, 404, "another team's application is not there");
    let (status, figures) = leader.get_json("/api/v1/staff/dashboard").await;
    assert_eq!(status, 200, "{figures}");
    let waiting: i64 = figures["pending_by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| pair[1].as_i64().unwrap())
        .sum();
    assert_eq!(waiting, 1, "their team's one application: {figures}");

    // Moderators decide; a team leader cannot, nor touch the directory or the teams.
    let decision = json!({ "decision": "approve" });
    let decide = format!("/api/v1/staff/submissions/{mine}/decision");
    assert_eq!(leader.post_json(&decide, &decision).await.0, 403);
    assert_eq!(leader.get_json("/api/v1/staff/services").await.0, 403);
    assert_eq!(leader.read("staff/services", &[]).await.0, 403);
    let team_path = format!("/api/v1/staff/teams/{team}");
    assert_eq!(leader.get_json(&team_path).await.0, 403);
    assert_eq!(leader.read("staff/accounts", &[]).await.0, 403);

    let moderator = app.staff("he.moderator", Role::Moderator).await;
    for reference in [&mine, &other] {
        let path = format!("/api/v1/staff/submissions/{reference}/decision");
        assert_eq!(moderator.post_json(&path, &decision).await.0, 200);
    }
    // The activities took place yesterday.
    let start = app::storage::unix_now() - 86_400;
    sqlx::query("UPDATE activities SET starts_at = $1, ends_at = $2 WHERE id IN ($3, $4)")
        .bind(start)
        .bind(start + 7200)
        .bind(ours)
        .bind(theirs)
        .execute(app.db.pool())
        .await
        .unwrap();
    let (status, list) = leader.read("staff/activities", &[]).await;
    assert_eq!(status, 200, "{list}");
    let listed: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, [ours], "their team's activity only");
    let (ours, theirs) = (ours.to_string(), theirs.to_string());
    let (status, sheet) = leader
        .read("staff/attendance", &[("activity", &ours)])
        .await;
    assert_eq!(
        (status, sheet["rows"][0]["phone"].as_str()),
        (200, Some(PHONE))
    );
    assert_eq!(
        leader
            .read("staff/attendance", &[("activity", &theirs)])
            .await
            .0,
        404
    );
    let save = |activity: &str, reference: &str| {
        let form = [
            ("activity", activity.to_owned()),
            ("entries[0][reference]", reference.to_owned()),
            ("entries[0][attended]", "true".to_owned()),
            ("entries[0][hours]", "2".to_owned()),
        ];
        let leader = &leader;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            leader.call("staff/attendance/save", &pairs).await.0
        }
    };
    assert_eq!(save(&ours, &mine).await, 200);
    assert_eq!(save(&theirs, &other).await, 404);
    let recorded: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM volunteer_applications WHERE attended IS NOT NULL",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(recorded, 1, "only their own team's attendance was kept");
}

async fn admins_make_team_leader_accounts_for_a_team_and_nothing_else(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    let [(team, _), _] = two_teams(&app).await;
    let admin = app.staff("qin.admin", Role::Admin).await;
    let create = |username, role, scope: String| create_account(&admin, username, role, scope);
    let (status, made) = create("lead.ma", "team_leader", format!("team:{team}")).await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["scope"], format!("team:{team}"));
    assert_eq!(made["role"], "team_leader");
    let (status, refused) = create("lead.niu", "team_leader", "community:1".into()).await;
    assert_eq!(status, 422, "a team leader keeps a team: {refused}");
    let (status, refused) = create("mod.niu", "moderator", format!("team:{team}")).await;
    assert_eq!(status, 422, "a moderator works for a place: {refused}");
    let (status, refused) = create("lead.zhu", "team_leader", "team:999999".into()).await;
    assert_eq!(status, 422, "no such team: {refused}");
    let (status, teams) = admin.read("staff/accounts/teams", &[]).await;
    assert_eq!(status, 200);
    assert!(teams.as_array().unwrap().iter().any(|t| t["id"] == team));
}

async fn a_moderator_makes_team_leaders_for_the_teams_of_their_area_only(db: TestDb) {
    let app = TestApp::spawn(&db).await;
    #[derive(sqlx::FromRow)]
    struct Pair {
        ours: i64,
        community: i64,
        theirs: i64,
    }
    let pair: Pair = sqlx::query_as(
        "SELECT t.id AS ours, t.community_id AS community,
                (SELECT MIN(o.id) FROM teams o WHERE o.community_id <> t.community_id) AS theirs
         FROM teams t ORDER BY t.id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let moderator = app
        .staff_in("gao.mod", Role::Moderator, Scope::Community(pair.community))
        .await;
    let create = |username, role, scope: String| create_account(&moderator, username, role, scope);
    let (status, made) = create("lead.gao", "team_leader", format!("team:{}", pair.ours)).await;
    assert_eq!(
        (status, made["role"].as_str()),
        (200, Some("team_leader")),
        "{made}"
    );
    let elsewhere = format!("team:{}", pair.theirs);
    let (status, refused) = create("lead.yu", "team_leader", elsewhere).await;
    assert_eq!(status, 422, "a team outside the area is no team: {refused}");
    let area = format!("community:{}", pair.community);
    let (status, _) = create("mod.yu", "moderator", area).await;
    assert_eq!(status, 403, "moderators make team leaders only");
    let (status, _) = moderator.read("staff/accounts", &[]).await;
    assert_eq!(status, 403, "the accounts list stays the admins'");
}
