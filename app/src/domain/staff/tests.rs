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
    };
    let fields: Vec<String> = raw
        .parse()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["username", "role", "password"]);
    let ok = RawNewStaff {
        username: "zhang.min".into(),
        role: "moderator".into(),
        password: "棉纺东路-2026-春".into(),
    };
    assert_eq!(ok.parse().unwrap().role, Role::Moderator);
}
