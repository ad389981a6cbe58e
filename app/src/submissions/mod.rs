//! Submissions from the public, of every kind, held for staff moderation. The staff queue
//! and decisions build on this table; here each kind files its submissions and gets a
//! reference number back.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod erase;
#[cfg(feature = "ssr")]
pub mod personal;

use serde::{Deserialize, Serialize};

mod status;
pub use status::StatusPage;

/// What a submitter sees when looking a submission up: never the payload or the phone.
/// Every kind of submission the queue holds.
pub const KINDS: [&str; 3] = [
    "service_suggestion",
    "volunteer_application",
    "merchant_registration",
];
/// Every status a submission can have, in the order the queue's filter lists them.
pub const STATUSES: [&str; 6] = [
    "pending",
    "returned",
    "approved",
    "rejected",
    "waitlisted",
    "withdrawn",
];

/// The statuses of a submission, for the API document.
#[cfg(feature = "ssr")]
pub fn status_codes() -> utoipa::openapi::Object {
    crate::api::schema::codes(STATUSES)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubmissionStatus {
    pub reference: String,
    pub kind: String,
    #[cfg_attr(feature = "ssr", schema(schema_with = status_codes))]
    pub status: String,
    /// The reason for a rejection or what to fix after a return, when staff gave one.
    pub note: Option<String>,
    /// Only for a returned submission: its fields as the kind's form takes them, to correct and
    /// send again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub correction: Option<Correction>,
}

/// A returned submission's fields as its form takes them, one variant per kind that can be
/// corrected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "fields", rename_all = "snake_case")]
pub enum Correction {
    ServiceSuggestion(crate::domain::suggestion::RawSuggestion),
    MerchantRegistration(crate::domain::merchant::RawRegistration),
}

impl Correction {
    #[cfg(feature = "ssr")]
    pub fn of(kind: &str, payload: &str) -> Option<Correction> {
        use crate::domain::suggestion::Suggestion;
        match kind {
            "service_suggestion" => serde_json::from_str::<Suggestion>(payload)
                .ok()
                .map(|s| Correction::ServiceSuggestion(s.to_raw())),
            "merchant_registration" => {
                serde_json::from_str::<crate::domain::merchant::Registration>(payload)
                    .ok()
                    .map(|r| Correction::MerchantRegistration(r.to_raw()))
            }
            _ => None,
        }
    }
}

/// The words for a kind of submission, in both languages.
pub fn kind_label(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "service_suggestion" => ("服务信息更正与推荐", "Directory suggestion"),
        "volunteer_application" => ("志愿者报名", "Volunteer application"),
        "merchant_registration" => ("商户登记", "Merchant registration"),
        _ => ("其他", "Other"),
    }
}

/// The words for a status, in both languages.
pub fn status_label(status: &str) -> (&'static str, &'static str) {
    match status {
        "pending" => ("待审核", "Pending review"),
        "approved" => ("已通过", "Approved"),
        "rejected" => ("未通过", "Rejected"),
        "returned" => ("退回修改", "Returned for correction"),
        "waitlisted" => ("候补中", "Waitlisted"),
        "withdrawn" => ("已撤回", "Withdrawn"),
        _ => ("处理中", "In progress"),
    }
}

/// Finds a submission by its reference and the phone given with it. A wrong pair is simply
/// not found, whichever half was wrong, so references cannot be probed.
#[leptos::server(endpoint = "submissions/lookup")]
pub async fn lookup_submission(
    reference: String,
    phone: String,
) -> Result<SubmissionStatus, crate::error::AppError> {
    use crate::error::{AppError, with_status};
    let state = crate::state::AppState::current()?;
    db::lookup(&state.db, &reference, &phone)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// Deletes the personal data of what this reference and phone filed, of any kind, withdrawing
/// it first while it still waits.
#[leptos::server(endpoint = "submissions/erase")]
pub async fn erase_submission(
    reference: String,
    phone: String,
) -> Result<(), crate::error::AppError> {
    use crate::error::with_status;
    let state = crate::state::AppState::current()?;
    erase::erase(&state.db, &reference, &phone, db::now())
        .await
        .map_err(with_status)
}

/// What a submitter is told on success.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Receipt {
    #[cfg_attr(feature = "ssr", schema(example = "QH-7K3M9P2X"))]
    pub reference: String,
    #[cfg_attr(feature = "ssr", schema(schema_with = receipt_statuses))]
    pub status: String,
}

/// A receipt's status, for the API document.
#[cfg(feature = "ssr")]
fn receipt_statuses() -> utoipa::openapi::Object {
    let mut schema = crate::api::schema::codes(["pending", "waitlisted", "approved"]);
    schema.description = Some(
        "approved only when a volunteer application already filed and approved is sent again"
            .into(),
    );
    schema
}

pub use crate::domain::reference::{REFERENCE_ALPHABET, format_reference};

/// Once a resubmission is taken, the status above says pending.
pub fn show_outcome(
    outcome: impl Fn() -> Option<Result<Receipt, crate::error::AppError>> + Send + Sync + 'static,
    shown: leptos::prelude::RwSignal<String>,
) {
    leptos::prelude::Effect::new(move |_| {
        if let Some(Ok(receipt)) = outcome() {
            leptos::prelude::Set::set(&shown, receipt.status);
        }
    });
}
