//! /api/v1/staff/teams/export and /api/v1/staff/volunteer-hours/export: teams with their
//! members, and the hours served per team in a period, as xlsx or CSV.

use crate::{
    api::error::{ApiError, query},
    domain::{form::FieldError, staff::StaffUser, time::parse_date},
    error::AppError,
    services::staff::sheets::{FileQuery, download},
    state::AppState,
    storage::unix_now,
};
use axum::{
    extract::{Query, State, rejection::QueryRejection},
    response::Response,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(teams))
        .routes(routes!(hours))
}

/// Every team with its member count
#[utoipa::path(
    get,
    path = "/api/v1/staff/teams/export",
    operation_id = "staffExportTeams",
    security(("staffSession" = [])),
    params(FileQuery),
    responses(
        (status = 200, description = "The file", content(
            (Vec<u8> = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, description = "A query string that cannot be read", body = ApiError),
        (status = 401, description = "Not signed in as staff", body = ApiError),
        (status = 422, description = "An unknown format", body = ApiError),
    )
)]
async fn teams(
    staff: StaffUser,
    State(state): State<AppState>,
    raw: Result<Query<FileQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let format = query(raw)?.format()?;
    let rows = super::db::exports::teams(&state.db, staff.scope).await?;
    Ok(download(format, "志愿服务队", &rows))
}

/// A period and a file format.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PeriodQuery {
    /// csv or xlsx; xlsx unless given.
    #[param(value_type = Option<String>, pattern = "^(csv|xlsx)$")]
    format: Option<String>,
    /// The first day (2026-12-01, Beijing) or a Unix time; the first of this month unless given.
    from: Option<String>,
    /// The day after the last (2027-01-01) or a Unix time; now unless given.
    to: Option<String>,
}

fn moment(field: &str, text: Option<&str>) -> Result<Option<i64>, FieldError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t
            .parse::<i64>()
            .ok()
            .or_else(|| parse_date(t))
            .map(Some)
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    "日期请写成 2026-12-01",
                    "Write the date as 2026-12-01, or a Unix time",
                )
            }),
    }
}

/// Volunteer hours per team in a period
///
/// Per team: activities that began in the period, the times volunteers came, and the hours
/// they served, as staff recorded them on the attendance sheets.
#[utoipa::path(
    get,
    path = "/api/v1/staff/volunteer-hours/export",
    operation_id = "staffExportVolunteerHours",
    security(("staffSession" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "The file", content(
            (Vec<u8> = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, description = "A query string that cannot be read", body = ApiError),
        (status = 401, description = "Not signed in as staff", body = ApiError),
        (status = 422, description = "An unknown format or a date that cannot be read", body = ApiError),
    )
)]
async fn hours(
    staff: StaffUser,
    State(state): State<AppState>,
    raw: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(raw)?;
    let format = FileQuery {
        format: q.format.clone(),
    }
    .format()?;
    let now = unix_now();
    let (from, to) = match (
        moment("from", q.from.as_deref()),
        moment("to", q.to.as_deref()),
    ) {
        (Ok(from), Ok(to)) => (from.unwrap_or_else(|| month_start(now)), to.unwrap_or(now)),
        (from, to) => {
            let errors = [from.err(), to.err()].into_iter().flatten().collect();
            return Err(AppError::Invalid(errors).into());
        }
    };
    let rows = super::db::exports::hours(&state.db, staff.scope, (from, to)).await?;
    Ok(download(format, "志愿服务时长", &rows))
}

/// The first of `now`'s month, at midnight in Beijing.
fn month_start(now: i64) -> i64 {
    let date = crate::domain::time::beijing_date(now);
    parse_date(&format!("{}-01", &date[..7])).unwrap_or(now)
}
