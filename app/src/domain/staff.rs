//! Staff accounts and what they decide: roles, usernames, passwords, decisions. Pure rules,
//! shared by the sign-in and account forms in the browser and by the server.

use super::form::{FieldError, bounded_text};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Moderator,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        match code.trim() {
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Role::Moderator => ("审核员", "Moderator"),
            Role::Admin => ("管理员", "Administrator"),
        }
    }

    /// Whether this role may do what `needed` may: an admin can do everything a moderator can.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

/// A signed-in member of staff, as pages and handlers see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffUser {
    pub id: i64,
    pub username: String,
    pub role: Role,
}

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;

/// Usernames: 3–32 lower-case letters, digits, dots, dashes or underscores, so they read the
/// same everywhere (a log line, a command line) and cannot be confused by case.
pub fn parse_username(typed: &str) -> Result<String, FieldError> {
    let name = typed.trim().to_ascii_lowercase();
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    if !(3..=32).contains(&name.len()) || !name.chars().all(allowed) {
        return Err(FieldError::new(
            "username",
            "用户名为3至32位英文字母、数字或 . - _",
            "A username has 3 to 32 letters, digits or . - _",
        ));
    }
    Ok(name)
}

/// A new password: long enough to resist guessing, short enough to hash quickly.
pub fn check_new_password(field: &str, password: &str) -> Result<(), FieldError> {
    let count = password.chars().count();
    if count < PASSWORD_MIN {
        Err(FieldError::new(
            field,
            &format!("密码至少需要 {PASSWORD_MIN} 个字符（现在 {count} 个）"),
            &format!("A password needs at least {PASSWORD_MIN} characters (now {count})"),
        ))
    } else if count > PASSWORD_MAX {
        Err(FieldError::new(
            field,
            &format!("密码最多 {PASSWORD_MAX} 个字符"),
            &format!("A password can have at most {PASSWORD_MAX} characters"),
        ))
    } else {
        Ok(())
    }
}

/// A new account as an admin types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawNewStaff {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStaff {
    pub username: String,
    pub role: Role,
    pub password: String,
}

impl RawNewStaff {
    pub fn parse(&self) -> Result<NewStaff, Vec<FieldError>> {
        let mut errors = Vec::new();
        let username = parse_username(&self.username)
            .map_err(|e| errors.push(e))
            .ok();
        let role = Role::parse(&self.role);
        if role.is_none() {
            errors.push(FieldError::new(
                "role",
                "请选择角色",
                "Please choose a role",
            ));
        }
        if let Err(e) = check_new_password("password", &self.password) {
            errors.push(e);
        }
        match (username, role) {
            (Some(username), Some(role)) if errors.is_empty() => Ok(NewStaff {
                username,
                role,
                password: self.password.clone(),
            }),
            _ => Err(errors),
        }
    }
}

/// What staff decide about a submission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    /// With the reason the submitter will read.
    Reject(String),
    /// With what the submitter should fix.
    Return(String),
}

impl Decision {
    pub fn code(&self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject(_) => "reject",
            Decision::Return(_) => "return",
        }
    }

    /// The submission's status after this decision.
    pub fn status(&self) -> &'static str {
        match self {
            Decision::Approve => "approved",
            Decision::Reject(_) => "rejected",
            Decision::Return(_) => "returned",
        }
    }

    pub fn note(&self) -> Option<&str> {
        match self {
            Decision::Approve => None,
            Decision::Reject(note) | Decision::Return(note) => Some(note),
        }
    }
}

/// The decision form as typed.
// The decision is `required` in the API document, though a missing one reads as empty here: the
// check then names it in a 422.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawDecision {
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(schema_with = decision_codes, required = true))]
    pub decision: String,
    /// Required to reject or return: what the submitter will read.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(min_length = 2, max_length = 500))]
    pub reason: Option<String>,
}

/// The codes a decision is sent and recorded with, for the API document.
#[cfg(feature = "ssr")]
pub(crate) fn decision_codes() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(["approve", "reject", "return"]))
        .build()
}

impl RawDecision {
    pub fn parse(&self) -> Result<Decision, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reason = self.reason.as_deref().unwrap_or("");
        let decision = match self.decision.trim() {
            "approve" => Some(Decision::Approve),
            "reject" => bounded_text(
                &mut errors,
                "reason",
                ("不通过的理由", "reason for the rejection"),
                reason,
                (2, 500),
            )
            .map(Decision::Reject),
            "return" => bounded_text(
                &mut errors,
                "reason",
                ("需要修改的内容", "note on what to fix"),
                reason,
                (2, 500),
            )
            .map(Decision::Return),
            _ => {
                errors.push(FieldError::new(
                    "decision",
                    "请选择：通过、不通过或退回修改",
                    "Please choose: approve, reject or return",
                ));
                None
            }
        };
        decision.ok_or(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(Decision::Approve.status(), "approved");
        assert_eq!(Decision::Reject("重复提交".into()).status(), "rejected");
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
}
