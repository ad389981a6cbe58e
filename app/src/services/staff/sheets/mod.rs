//! Services in and out as spreadsheets: the import (a preview first, then all rows or none),
//! the export and the template, as a street office works in Excel.

mod files;
mod import;
pub mod read;
pub mod write;

pub use files::{FileQuery, download};
pub use import::{Counts, ImportError, import};

use crate::{
    api::error::ApiError,
    domain::{
        sheet::{self, RowError},
        staff::StaffUser,
    },
    state::AppState,
};
use axum::{
    Json,
    body::Bytes,
    extract::{DefaultBodyLimit, Query, State, rejection::QueryRejection},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use read::{Format, XLSX_TYPE};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The largest file an import reads: 10,000 rows are about 3 MB.
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;
pub const IMPORT_PATH: &str = "/api/v1/staff/services/import";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import_file))
        .layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES))
        .merge(files::routes())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ImportQuery {
    /// Check only, write nothing (the default); `false` writes every row or none.
    #[param(value_type = Option<bool>, default = true)]
    dry_run: Option<String>,
}

/// An import refused: each bad row by number and column; nothing was written.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Refused {
    error: String,
    rows: Vec<RowError>,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        (StatusCode::UNPROCESSABLE_ENTITY, Json(self)).into_response()
    }
}

/// Reads, checks and (unless a dry run) writes a file of services: the one implementation
/// the API and the staff page share.
pub async fn import_bytes(
    state: &AppState,
    staff: &StaffUser,
    content_type: Option<&str>,
    bytes: &[u8],
    dry_run: bool,
) -> Result<Counts, Response> {
    let refuse = |rows: Vec<RowError>| {
        Refused {
            error: "the file has rows to fix; nothing was written".into(),
            rows,
        }
        .into_response()
    };
    let format = Format::of(content_type, bytes).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("send a spreadsheet: text/csv or {XLSX_TYPE}"),
        )
        .into_response()
    })?;
    if read::is_old_excel(bytes) {
        return Err(refuse(vec![RowError::new(
            0,
            "",
            "这是旧版 Excel 文件（.xls）：请在 Excel 中另存为“Excel 工作簿 (.xlsx)”或 CSV 后再导入",
            "This is an old Excel file (.xls): save it as an Excel workbook (.xlsx) or CSV and import that",
        )]));
    }
    let cells = read::cells(format, bytes).map_err(refuse)?;
    let categories = crate::categories::db::all(&state.db)
        .await
        .map_err(|error| ApiError::from(error).into_response())?;
    let (rows, found) = sheet::read_all(&categories, &cells);
    if rows.is_empty() && !found.is_empty() {
        return Err(refuse(found));
    }
    import(&state.db, staff, &rows, found, dry_run)
        .await
        .map_err(|error| match error {
            ImportError::Rows(rows) => refuse(rows),
            ImportError::App(error) => ApiError::from(error).into_response(),
        })
}

/// Import services from a spreadsheet
///
/// The body is the file: `.xlsx`, or CSV in UTF-8 or GBK. One row per service under a header
/// row naming the columns (the template's, in Chinese or English, in any order): a row with an
/// `编号` (id) updates that service, one without adds a new one. Every row is checked first;
/// if any is wrong, the answer lists each by row and column and nothing is written.
#[utoipa::path(
    post,
    path = "/api/v1/staff/services/import",
    operation_id = "staffImportServices",
    security(("staffSession" = [])),
    params(ImportQuery),
    request_body(content(
        (Vec<u8> = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )),
    responses(
        (status = 200, description = "Imported, or on a dry run what would be", body = Counts),
        (status = 400, description = "A query string that cannot be read", body = ApiError),
        (status = 401, description = "Not signed in as staff", body = ApiError),
        (status = 403, description = "A cross-site request", body = ApiError),
        (status = 413, description = "A file over 16 MB", body = ApiError),
        (status = 415, description = "Not a spreadsheet (an image, a PDF…)", body = ApiError),
        (status = 422, description = "Rows to fix, each named; nothing written", body = Refused),
    )
)]
async fn import_file(
    staff: StaffUser,
    State(state): State<AppState>,
    query: Result<Query<ImportQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Counts>, Response> {
    let query = crate::api::error::query(query).map_err(IntoResponse::into_response)?;
    let dry_run = match query.dry_run.as_deref().map(str::trim) {
        None | Some("") | Some("true") | Some("1") => true,
        Some("false") | Some("0") => false,
        // In the shape of every 422 this answers: the problem in `rows`.
        Some(_) => {
            let problem = RowError::new(
                0,
                "dry_run",
                "dry_run 只能是 true 或 false",
                "dry_run must be true or false",
            );
            return Err(Refused {
                error: "dry_run must be true or false".into(),
                rows: vec![problem],
            }
            .into_response());
        }
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    import_bytes(&state, &staff, content_type, &body, dry_run)
        .await
        .map(Json)
}
