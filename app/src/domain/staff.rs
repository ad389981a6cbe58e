//! Staff accounts and what they decide: roles, usernames, passwords, decisions. Pure rules,
//! shared by the sign-in and account forms in the browser and by the server.

use super::form::{FieldError, bounded_text};

mod password;
mod scope;
mod second_factor;
use super::submission::{Status, Verdict};
pub use password::{PASSWORD_MAX, PASSWORD_MIN, check_new_password};
pub use scope::{Level, Scope};
pub use second_factor::{
    Enrolment, RECOVERY_ALPHABET, RECOVERY_CODES, RECOVERY_LEN, SecondFactor, SecondFactorState,
    show_recovery,
};
use serde::{Deserialize, Serialize};

/// A session ends after this long without a request…
pub const SESSION_IDLE_SECS: i64 = 30 * 60;
/// …and this long after sign-in, however busy: a session taken over cannot be kept alive.
pub const SESSION_MAX_SECS: i64 = 12 * 60 * 60;
/// Failed sign-ins are counted over this window…
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
/// …and refused beyond this many for one username…
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// …or this many from one address (an office may share one address).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Keeps one volunteer team: its applications, its activities' attendance and hours.
    TeamLeader,
    Moderator,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::TeamLeader => "team_leader",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        match code.trim() {
            "team_leader" => Some(Role::TeamLeader),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Role::TeamLeader => ("志愿队队长", "Team leader"),
            Role::Moderator => ("审核员", "Moderator"),
            Role::Admin => ("管理员", "Administrator"),
        }
    }

    /// Whether an account of this role must sign in with a second factor: every role that can
    /// read the mobile numbers of residents across an area. A team leader reads only their own
    /// team's, and may set one up.
    pub fn needs_second_factor(self) -> bool {
        match self {
            Role::TeamLeader => false,
            Role::Moderator | Role::Admin => true,
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
    /// A generated first password not yet changed: nothing else is open until it is.
    #[serde(default)]
    pub must_change_password: bool,
    /// A role that needs a second factor, on an account without one yet: nothing else is open
    /// until it is set up.
    #[serde(default)]
    pub needs_second_factor: bool,
    /// The area the account works in: nothing outside it is listed or opened.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "community:12"))]
    pub scope: Scope,
    /// The area's name (幸福路社区, a team's name), for the staff menu: given when the pages ask
    /// who is signed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub area: Option<super::neighbourhood::Name>,
}

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

/// A new account as an admin types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawNewStaff {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub password: String,
    /// `city` (or empty), `district:<id>`, `street:<id>` or `community:<id>`.
    #[serde(default)]
    pub scope: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStaff {
    pub username: String,
    pub role: Role,
    pub password: String,
    pub scope: Scope,
}

/// An account's area as its role allows: admins work for the whole city, moderators for a
/// place, and team leaders for one team.
pub fn check_scope(role: Role, scope: Scope) -> Result<Scope, FieldError> {
    let refused = |zh, en| Err(FieldError::new("scope", zh, en));
    match (role, scope) {
        (Role::Admin, Scope::City)
        | (Role::TeamLeader, Scope::Team(_))
        | (
            Role::Moderator,
            Scope::City | Scope::District(_) | Scope::Street(_) | Scope::Community(_),
        ) => Ok(scope),
        (Role::Admin, _) => refused(
            "管理员的范围是全市",
            "An administrator works for the whole city",
        ),
        (Role::TeamLeader, _) => refused(
            "志愿队队长的范围是一支志愿队",
            "A team leader works for one volunteer team",
        ),
        (Role::Moderator, Scope::Team(_)) => refused(
            "审核员的范围是全市、区、街道或社区",
            "A moderator works for the city, a district, a street or a community",
        ),
    }
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
        if let Err(e) = check_new_password("password", &self.password, &self.username) {
            errors.push(e);
        }
        let scope = Scope::parse(&self.scope)
            .and_then(|scope| check_scope(role.unwrap_or(Role::Moderator), scope))
            .map_err(|e| errors.push(e))
            .ok();
        match (username, role, scope) {
            (Some(username), Some(role), Some(scope)) if errors.is_empty() => Ok(NewStaff {
                username,
                role,
                password: self.password.clone(),
                scope,
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
    pub fn verdict(&self) -> Verdict {
        match self {
            Decision::Approve => Verdict::Approve,
            Decision::Reject(_) => Verdict::Reject,
            Decision::Return(_) => Verdict::Return,
        }
    }

    /// The submission's status after this decision.
    pub fn status(&self) -> Status {
        self.verdict().status()
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
        .enum_values(Some(Verdict::ALL.map(Verdict::code)))
        .build()
}

impl RawDecision {
    pub fn parse(&self) -> Result<Decision, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reason = self.reason.as_deref().unwrap_or("");
        let decision = match Verdict::parse(self.decision.trim()) {
            Some(Verdict::Approve) => Some(Decision::Approve),
            Some(Verdict::Reject) => bounded_text(
                &mut errors,
                "reason",
                ("不通过的理由", "reason for the rejection"),
                reason,
                (2, 500),
            )
            .map(Decision::Reject),
            Some(Verdict::Return) => bounded_text(
                &mut errors,
                "reason",
                ("需要修改的内容", "note on what to fix"),
                reason,
                (2, 500),
            )
            .map(Decision::Return),
            None => {
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
mod tests;
