use super::*;
use crate::domain::submission::Status;

fn decide(decision: &str, reason: Option<&str>) -> Result<Decision, Vec<String>> {
    RawDecision {
        decision: decision.into(),
        reason: reason.map(Into::into),
    }
    .parse()
    .map_err(|errors| errors.into_iter().map(|e| e.field).collect())
}

#[test]
fn approval_needs_no_reason_but_rejection_and_return_do() {
    assert_eq!(decide("approve", None), Ok(Decision::Approve));
    assert_eq!(decide("reject", None), Err(vec!["reason".to_owned()]));
    assert_eq!(decide("return", Some(" ")), Err(vec!["reason".to_owned()]));
    assert_eq!(
        decide("return", Some(" 请补充营业时间 ")),
        Ok(Decision::Return("请补充营业时间".into()))
    );
    assert_eq!(decide("maybe", Some("x")), Err(vec!["decision".to_owned()]));
}

#[test]
fn each_decision_leads_to_its_status() {
    assert_eq!(Decision::Approve.status(), Status::Approved);
    assert_eq!(
        Decision::Reject("重复提交".into()).status(),
        Status::Rejected
    );
    assert_eq!(Decision::Return("补充地址".into()).note(), Some("补充地址"));
}

#[test]
fn an_admin_may_do_what_a_moderator_may_but_not_the_reverse() {
    assert!(Role::Admin.allows(Role::Moderator));
    assert!(Role::Admin.allows(Role::Admin));
    assert!(!Role::Moderator.allows(Role::Admin));
}

#[test]
fn usernames_are_lower_cased_and_limited_to_plain_characters() {
    assert_eq!(parse_username(" Wang.Li "), Ok("wang.li".to_owned()));
    assert!(parse_username("ab").is_err());
    assert!(parse_username("王丽").is_err());
    assert!(parse_username("a b c").is_err());
}

#[test]
fn a_new_account_names_every_field_that_is_wrong() {
    let raw = RawNewStaff {
        username: "x".into(),
        role: "boss".into(),
        password: "short".into(),
        scope: "grid:3".into(),
    };
    let fields: Vec<String> = raw
        .parse()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["username", "role", "password", "scope"]);
    let ok = RawNewStaff {
        username: "zhang.min".into(),
        role: "moderator".into(),
        password: "棉纺东路-2026-春".into(),
        scope: String::new(),
    };
    let account = ok.parse().unwrap();
    assert_eq!(
        (account.role, account.scope),
        (Role::Moderator, Scope::City)
    );
}

#[test]
fn a_moderator_works_in_any_area_and_an_admin_in_the_whole_city() {
    let raw = |role: &str, scope: &str| RawNewStaff {
        username: "li.hua".into(),
        role: role.into(),
        password: "棉纺东路-2026-春".into(),
        scope: scope.into(),
    };
    let moderator = raw("moderator", "community:12").parse().unwrap();
    assert_eq!(moderator.scope, Scope::Community(12));
    assert_eq!(raw("admin", "city").parse().unwrap().scope, Scope::City);
    let refused = raw("admin", "street:3").parse().unwrap_err();
    assert_eq!(refused[0].field, "scope");
    assert_eq!(refused[0].zh, "管理员的范围是全市");
}

#[test]
fn a_team_leader_keeps_one_team_and_can_do_less_than_a_moderator() {
    assert!(Role::Moderator.allows(Role::TeamLeader));
    assert!(!Role::TeamLeader.allows(Role::Moderator));
    assert!(!Role::TeamLeader.needs_second_factor());
    assert_eq!(Role::parse("team_leader"), Some(Role::TeamLeader));
    assert_eq!(
        check_scope(Role::TeamLeader, Scope::Team(4)),
        Ok(Scope::Team(4))
    );
    for (role, scope) in [
        (Role::TeamLeader, Scope::Community(4)),
        (Role::TeamLeader, Scope::City),
        (Role::Moderator, Scope::Team(4)),
        (Role::Admin, Scope::Team(4)),
    ] {
        assert_eq!(check_scope(role, scope).unwrap_err().field, "scope");
    }
    // A team holds no community: its leader sees nothing of an area's lists.
    assert!(!Scope::Team(4).holds(&[], Some(4)));
    assert_eq!(Scope::parse("team:4"), Ok(Scope::Team(4)));
}
