//! One moderation queue over every kind of public submission: filter, open, decide. Each
//! decision is recorded with the submission's history and in the audit log.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod pages;
#[cfg(feature = "ssr")]
mod review;
#[cfg(feature = "ssr")]
mod review_db;
#[cfg(feature = "ssr")]
mod review_proposal;
mod submission;

pub use pages::{DashboardPage, QueuePage};
pub use submission::SubmissionPage;

use crate::{
    domain::{neighbourhood::Name, staff::RawDecision},
    error::AppError,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

pub const PER_PAGE: i64 = 50;

pub use crate::domain::submission::{Kind, Status, Verdict};

/// What the queue shows; every part optional. Status defaults to pending.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct QueueFilter {
    #[serde(default)]
    #[cfg_attr(feature = "ssr", param(schema_with = kind_codes))]
    pub kind: Option<String>,
    #[serde(default)]
    pub community: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", param(schema_with = status_filter))]
    pub status: Option<String>,
    #[serde(default)]
    pub page: Option<u32>,
}

/// The kinds of submission, for the API document.
#[cfg(feature = "ssr")]
fn kind_codes() -> utoipa::openapi::Object {
    crate::api::schema::codes(Kind::ALL.map(Kind::code))
}

/// The queue's status filter: one status, or all of them; pending unless given.
#[cfg(feature = "ssr")]
fn status_filter() -> utoipa::openapi::Object {
    let mut schema =
        crate::api::schema::codes(Status::ALL.map(Status::code).into_iter().chain(["all"]));
    schema.default = Some("pending".into());
    schema
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub reference: String,
    pub kind: Kind,
    pub status: Status,
    pub community: Option<Name>,
    /// Unix seconds.
    pub created_at: i64,
    /// When it last entered the queue (filed, or resubmitted after a return).
    pub queued_at: i64,
    /// Seconds it has waited since then.
    pub waited_secs: i64,
    /// The applicant's or shop's name, or the place a suggestion is about.
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Queue {
    pub items: Vec<QueueItem>,
    pub total: i64,
    pub page: u32,
}

/// One version of what was submitted, as key/value pairs and as staff read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Version {
    pub version: i64,
    pub created_at: i64,
    pub fields: Vec<(String, String)>,
    /// Labelled, in words, without the mobile (shown once above).
    #[serde(default)]
    pub shown: Vec<ShownField>,
    /// Where the submission puts its place, and the street it names (its map's centre).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub place: Option<ReviewPlace>,
}

/// A field of a version: label and value in both languages, and whether it differs from the
/// version before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShownField {
    pub key: String,
    pub label: (String, String),
    pub value: (String, String),
    pub changed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewPlace {
    pub lat: f64,
    pub lng: f64,
    pub centre: (f64, f64),
    /// The self-governance street the submission names, drawn around the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub street: Option<crate::merchants::StreetSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionRecord {
    pub decision: Verdict,
    pub note: Option<String>,
    pub staff_username: String,
    pub decided_at: i64,
}

/// Everything submitted, for staff: the phone in full, every version, every decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubmissionDetail {
    pub reference: String,
    pub kind: Kind,
    pub status: Status,
    pub community: Option<Name>,
    /// In full: staff only.
    pub phone: Option<String>,
    pub created_at: i64,
    pub queued_at: i64,
    pub note: Option<String>,
    /// Newest first.
    pub versions: Vec<Version>,
    /// Oldest first.
    pub decisions: Vec<DecisionRecord>,
    /// For a team leader's activity: who submitted it, and what its approval published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub proposal: Option<ProposalFacts>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProposalFacts {
    /// The team leader's username.
    pub proposed_by: String,
    /// The (first) occurrence published on approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(nullable = false))]
    pub activity_id: Option<i64>,
}

/// `[kind, count]` pairs. Spelt as two items of either type: schemathesis reads a tuple's
/// `prefixItems` here as the old array form of `items` and refuses the document.
#[cfg(feature = "ssr")]
fn kind_counts() -> utoipa::openapi::Array {
    use utoipa::openapi::{
        ArrayBuilder, ObjectBuilder, RefOr, Schema, Type,
        schema::{AnyOfBuilder, KnownFormat, SchemaFormat},
    };
    let count = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)));
    let either = AnyOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::String))
        .item(count);
    let pair = ArrayBuilder::new()
        .items(either)
        .min_items(Some(2))
        .max_items(Some(2))
        .build();
    ArrayBuilder::new()
        .items(RefOr::<Schema>::from(pair))
        .description(Some("Pending submissions per kind, as [kind, count]."))
        .build()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// Pending submissions per kind.
    #[cfg_attr(feature = "ssr", schema(schema_with = kind_counts))]
    pub pending_by_kind: Vec<(Kind, i64)>,
    /// Pending submissions that have waited under a day, 1–3 days, 3–7 days, over a week.
    #[cfg_attr(feature = "ssr", schema(min_items = 4, max_items = 4))]
    pub pending_by_age: [i64; 4],
    /// Decisions since Monday 00:00, Beijing time.
    pub decided_this_week: i64,
    /// Median wait from entering the queue to a decision, over the last 90 days.
    pub median_decision_secs: Option<i64>,
    /// Of the submissions staff could act on (pending, or decided by them: approved, rejected,
    /// returned), those decided. Waitlisted ones wait for a place and withdrawn ones were the
    /// resident's choice: neither is staff's to finish.
    pub disposed: i64,
    /// The submissions staff can act on: pending, approved, rejected or returned (not
    /// waitlisted or withdrawn).
    pub total: i64,
}

impl Dashboard {
    /// The share dealt with, in per cent with one decimal, as the street offices report it.
    pub fn disposal_rate(&self) -> Option<f64> {
        (self.total > 0).then(|| (self.disposed as f64 * 1000.0 / self.total as f64).round() / 10.0)
    }
}

/// The filter's parts are separate arguments: an all-empty filter struct would be sent as
/// nothing at all, and then be missing on arrival.
#[server(endpoint = "staff/queue", input = GetUrl)]
pub async fn moderation_queue(
    kind: Option<String>,
    community: Option<i64>,
    status: Option<String>,
    page: Option<u32>,
) -> Result<Queue, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::TeamLeader).await?;
    let filter = QueueFilter {
        kind,
        community,
        status,
        page,
    };
    let filter = db::ParsedFilter::parse(&filter).map_err(with_status)?;
    Ok(db::queue(&state.db, user.scope, &filter, db::now()).await?)
}

#[server(endpoint = "staff/submission", input = GetUrl)]
pub async fn open_submission(reference: String) -> Result<SubmissionDetail, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::TeamLeader).await?;
    db::open(&state.db, &user, &reference)
        .await?
        .ok_or_else(|| with_status(AppError::NotFound))
}

#[server(endpoint = "staff/decide")]
pub async fn decide(reference: String, decision: RawDecision) -> Result<Status, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let decision = decision
        .parse()
        .map_err(|errors| with_status(AppError::Invalid(errors)))?;
    db::decide(&state.db, &user, &reference, &decision)
        .await
        .map_err(with_status)?;
    Ok(decision.status())
}

#[server(endpoint = "staff/dashboard", input = GetUrl)]
pub async fn dashboard_figures() -> Result<Dashboard, AppError> {
    let (state, user) = crate::staff::require(crate::domain::staff::Role::TeamLeader).await?;
    Ok(db::dashboard(&state.db, user.scope, db::now()).await?)
}

/// A wait in words: "3 天 4 小时" / "3 d 4 h".
pub fn waited(secs: i64) -> (String, String) {
    let minutes = secs.max(0) / 60;
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if days > 0 {
        (
            format!("{days} 天 {hours} 小时"),
            format!("{days} d {hours} h"),
        )
    } else if hours > 0 {
        (
            format!("{hours} 小时 {mins} 分"),
            format!("{hours} h {mins} min"),
        )
    } else {
        (format!("{mins} 分钟"), format!("{mins} min"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_days_hours_or_minutes() {
        assert_eq!(waited(59).0, "0 分钟");
        assert_eq!(waited(2 * 3600 + 5 * 60).1, "2 h 5 min");
        assert_eq!(waited(3 * 86400 + 4 * 3600).0, "3 天 4 小时");
    }

    #[test]
    fn the_disposal_rate_is_a_percentage_with_one_decimal() {
        let dashboard = Dashboard {
            disposed: 978,
            total: 1000,
            ..Default::default()
        };
        assert_eq!(dashboard.disposal_rate(), Some(97.8));
        assert_eq!(Dashboard::default().disposal_rate(), None);
    }
}
