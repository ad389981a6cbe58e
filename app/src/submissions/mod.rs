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

pub use crate::domain::submission::{Kind, Status};

/// What a submitter sees when looking a submission up: never the payload or the phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubmissionStatus {
    pub reference: String,
    pub kind: Kind,
    pub status: Status,
    /// The reason for a rejection or what to fix after a return, when staff gave one.
    pub note: Option<String>,
    /// Only for a returned submission: its fields as the kind's form takes them, to correct and
    /// send again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub correction: Option<Correction>,
    /// For a suggestion staff adopted by changing the directory: which service, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub adopted: Option<Adopted>,
}

/// A suggestion taken into the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Adopted {
    pub service_id: i64,
    /// The service's version the change made.
    pub version: i64,
    /// Unix seconds.
    pub at: i64,
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
    pub fn of(kind: Kind, payload: &str) -> Option<Correction> {
        use crate::domain::suggestion::Suggestion;
        match kind {
            Kind::ServiceSuggestion => serde_json::from_str::<Suggestion>(payload)
                .ok()
                .map(|s| Correction::ServiceSuggestion(s.to_raw())),
            Kind::MerchantRegistration => {
                serde_json::from_str::<crate::domain::merchant::Registration>(payload)
                    .ok()
                    .map(|r| Correction::MerchantRegistration(r.to_raw()))
            }
            Kind::VolunteerApplication | Kind::ActivityProposal => None,
        }
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
    pub status: Status,
}

/// A receipt's status, for the API document.
#[cfg(feature = "ssr")]
fn receipt_statuses() -> utoipa::openapi::Object {
    let mut schema = crate::api::schema::codes(
        [Status::Pending, Status::Waitlisted, Status::Approved].map(Status::code),
    );
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
    shown: leptos::prelude::RwSignal<Status>,
) {
    leptos::prelude::Effect::new(move |_| {
        if let Some(Ok(receipt)) = outcome() {
            leptos::prelude::Set::set(&shown, receipt.status);
        }
    });
}
