//! The export and the template, as files Excel opens.

use super::{read::Format, read::XLSX_TYPE, write};
use crate::{
    api::error::ApiError,
    domain::{
        category::Categories,
        service::edit::{Coordinate, HoursInput, RawService},
        sheet,
        staff::StaffUser,
    },
    state::AppState,
};
use axum::{
    extract::{Query, State, rejection::QueryRejection},
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(template))
}

/// The file format asked for.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileQuery {
    /// csv (UTF-8 with a byte-order mark, as Excel opens it) or xlsx; xlsx unless given.
    #[param(value_type = Option<String>, pattern = "^(csv|xlsx)$")]
    pub format: Option<String>,
}

impl FileQuery {
    pub fn format(&self) -> Result<Format, ApiError> {
        match self.format.as_deref().map(str::trim) {
            None | Some("") | Some("xlsx") => Ok(Format::Xlsx),
            Some("csv") => Ok(Format::Csv),
            Some(_) => Err(ApiError::invalid([(
                "format".to_owned(),
                "format must be csv or xlsx".to_owned(),
            )])),
        }
    }
}

/// The rows as a file to download, named `name` with the format's extension.
pub fn download(format: Format, name: &str, rows: &[Vec<String>]) -> Response {
    let (body, media, extension) = match format {
        Format::Csv => (write::csv_bytes(rows), "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => match write::xlsx_bytes(name, rows) {
            Ok(bytes) => (bytes, XLSX_TYPE, "xlsx"),
            Err(error) => {
                tracing::error!(%error, "writing a workbook failed");
                return ApiError::unavailable().into_response();
            }
        },
    };
    // The Chinese name for people, an ASCII one for old clients (RFC 6266).
    let disposition = format!(
        "attachment; filename=\"quarterhour-{extension}.{extension}\"; filename*=UTF-8''{}.{extension}",
        percent(name)
    );
    (
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Export every service
///
/// Listed and closed, in the import's columns plus the community, whether it is listed and
/// when it was last confirmed; a file exported, changed and imported updates the services.
#[utoipa::path(
    get,
    path = "/api/v1/staff/services/export",
    operation_id = "staffExportServices",
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
async fn export(
    staff: StaffUser,
    State(state): State<AppState>,
    query: Result<Query<FileQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let format = crate::api::error::query(query)?.format()?;
    let rows = super::super::db::export_rows(&state.db, staff.scope).await?;
    Ok(download(format, "服务点", &rows))
}

/// The import template: the header row and one example
#[utoipa::path(
    get,
    path = "/api/v1/staff/services/template",
    operation_id = "staffServicesTemplate",
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
async fn template(
    _: StaffUser,
    State(state): State<AppState>,
    query: Result<Query<FileQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let format = crate::api::error::query(query)?.format()?;
    let categories = crate::categories::db::all(&state.db).await?;
    Ok(download(
        format,
        "服务点导入模板",
        &template_rows(&categories),
    ))
}

/// The template: every column the import reads, and one filled-in row to copy.
pub fn template_rows(categories: &Categories) -> Vec<Vec<String>> {
    let example = RawService {
        name: "经八路社区卫生服务站".into(),
        category: "health_station".into(),
        address: "金水区经八路 5 号".into(),
        description: "基本医疗、慢病随访、老年人体检".into(),
        phone: Some("0371-65951234".into()),
        lat: Coordinate::Number(34.7772),
        lng: Coordinate::Number(113.6835),
        hours: HoursInput::Text(
            "周一至周五 08:00-12:00, 14:30-17:30；周六 08:00-12:00；周日休息".into(),
        ),
        hours_note: Some("法定节假日休息".into()),
        guide: Some(crate::domain::service::ErrandGuide {
            materials: vec!["身份证".into(), "医保卡".into()],
            steps: vec!["到前台登记".into(), "候诊".into()],
            time_limit: "当场办结".into(),
            fees: "按医保规定".into(),
            notes: vec!["体检请空腹".into()],
            proxy: false,
        }),
        community_id: None,
        grid_id: None,
    };
    let mut row = match example.parse(categories) {
        Ok(input) => sheet::cells_of(categories, 0, &input, "", false, ""),
        Err(_) => Vec::new(),
    };
    // A new service has no id; the export's own columns stay empty.
    if let Some(id) = row.first_mut() {
        id.clear();
    }
    row.truncate(sheet::Column::ALL.len() - 3);
    let mut header = sheet::header_row();
    header.truncate(sheet::Column::ALL.len() - 3);
    vec![header, row]
}
