//! What a submission is and where it stands: closed sets, so every use is matched exhaustively
//! and a new kind or status is a compile error wherever it must be handled.

use serde::{Deserialize, Serialize};

/// A code read from storage that names no known kind or status: the database and the code
/// disagree, which is a bug, never user input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownCode(pub String);

/// Every kind of submission the queue holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ServiceSuggestion,
    VolunteerApplication,
    MerchantRegistration,
    /// A team leader's activity, public only once the area's moderator approves it.
    ActivityProposal,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::ServiceSuggestion,
        Kind::VolunteerApplication,
        Kind::MerchantRegistration,
        Kind::ActivityProposal,
    ];

    /// The code stored and sent for this kind.
    pub fn code(self) -> &'static str {
        match self {
            Kind::ServiceSuggestion => "service_suggestion",
            Kind::VolunteerApplication => "volunteer_application",
            Kind::MerchantRegistration => "merchant_registration",
            Kind::ActivityProposal => "activity_proposal",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The words for this kind, in both languages.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Kind::ServiceSuggestion => ("服务信息更正与推荐", "Directory suggestion"),
            Kind::VolunteerApplication => ("志愿者报名", "Volunteer application"),
            Kind::MerchantRegistration => ("商户登记", "Merchant registration"),
            Kind::ActivityProposal => ("志愿活动发布", "Activity to publish"),
        }
    }

    /// Whether staff may return it for correction. A volunteer application is decided yes or
    /// no: its place in a team or activity cannot wait on an edit. A team leader whose activity
    /// is not approved reads why and publishes a corrected one.
    pub fn can_be_returned(self) -> bool {
        match self {
            Kind::ServiceSuggestion | Kind::MerchantRegistration => true,
            Kind::VolunteerApplication | Kind::ActivityProposal => false,
        }
    }
}

impl TryFrom<String> for Kind {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Kind, UnknownCode> {
        Kind::parse(&code).ok_or(UnknownCode(code))
    }
}

/// Where a submission stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Returned,
    Approved,
    Rejected,
    Waitlisted,
    Withdrawn,
    /// Staff called off the activity applied for; the reason is the decision's note.
    Cancelled,
}

impl Status {
    /// In the order the queue's filter lists them.
    pub const ALL: [Status; 7] = [
        Status::Pending,
        Status::Returned,
        Status::Approved,
        Status::Rejected,
        Status::Waitlisted,
        Status::Withdrawn,
        Status::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Returned => "returned",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Waitlisted => "waitlisted",
            Status::Withdrawn => "withdrawn",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The words for this status, in both languages.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Status::Pending => ("待审核", "Pending review"),
            Status::Approved => ("已通过", "Approved"),
            Status::Rejected => ("未通过", "Rejected"),
            Status::Returned => ("退回修改", "Returned for correction"),
            Status::Waitlisted => ("候补中", "Waitlisted"),
            Status::Withdrawn => ("已撤回", "Withdrawn"),
            Status::Cancelled => ("活动已取消", "Activity cancelled"),
        }
    }

    /// Whether an application in this status holds one of an activity's places.
    pub fn holds_place(self) -> bool {
        match self {
            Status::Pending | Status::Approved => true,
            Status::Returned
            | Status::Rejected
            | Status::Waitlisted
            | Status::Withdrawn
            | Status::Cancelled => false,
        }
    }

    /// Whether the applicant may still withdraw: nothing has been finally decided against it.
    pub fn withdrawable(self) -> bool {
        match self {
            Status::Pending | Status::Waitlisted | Status::Approved => true,
            Status::Returned | Status::Rejected | Status::Withdrawn | Status::Cancelled => false,
        }
    }
}

impl TryFrom<String> for Status {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Status, UnknownCode> {
        Status::parse(&code).ok_or(UnknownCode(code))
    }
}

/// What staff decided, without its note: recorded with every decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    Reject,
    Return,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Approve, Verdict::Reject, Verdict::Return];

    pub fn code(self) -> &'static str {
        match self {
            Verdict::Approve => "approve",
            Verdict::Reject => "reject",
            Verdict::Return => "return",
        }
    }

    pub fn parse(code: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.code() == code)
    }

    /// The submission's status after it.
    pub fn status(self) -> Status {
        match self {
            Verdict::Approve => Status::Approved,
            Verdict::Reject => Status::Rejected,
            Verdict::Return => Status::Returned,
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Verdict::Approve => ("通过", "Approved"),
            Verdict::Reject => ("不通过", "Rejected"),
            Verdict::Return => ("退回修改", "Returned for correction"),
        }
    }
}

impl TryFrom<String> for Verdict {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Verdict, UnknownCode> {
        Verdict::parse(&code).ok_or(UnknownCode(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_match_serde() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.code()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.code())
            );
        }
        for status in Status::ALL {
            assert_eq!(Status::try_from(status.code().to_owned()), Ok(status));
            assert_eq!(
                serde_json::to_string(&status).unwrap(),
                format!("\"{}\"", status.code())
            );
        }
        for verdict in Verdict::ALL {
            assert_eq!(Verdict::parse(verdict.code()), Some(verdict));
            assert_eq!(
                serde_json::to_string(&verdict).unwrap(),
                format!("\"{}\"", verdict.code())
            );
        }
        assert_eq!(
            Status::try_from("done".to_owned()),
            Err(UnknownCode("done".into()))
        );
    }

    #[test]
    fn only_pending_and_approved_hold_a_place() {
        let holding: Vec<_> = Status::ALL
            .into_iter()
            .filter(|s| s.holds_place())
            .collect();
        assert_eq!(holding, [Status::Pending, Status::Approved]);
    }
}
