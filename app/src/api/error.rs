//! The API's errors: `{ "error": "…", "fields": { "<field>": "<message>" } }` with a status,
//! for every handler under /api/v1 and for the guards in front of them.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use std::collections::BTreeMap;

/// A query string that cannot be read at all (a parameter given twice, say): 400. Parameters
/// arrive as text, so a bad value is named in a 422 by the shared parsing instead.
pub fn query<T>(
    query: Result<axum::extract::Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, ApiError> {
    query
        .map(|axum::extract::Query(q)| q)
        .map_err(|rejection| ApiError::bad_request(rejection.body_text()))
}

/// A numeric id from the path. Anything else names nothing, so it answers 404 as an unknown
/// id does, not 400: an address that finds nothing is not found, however it is spelt.
pub struct Id(pub i64);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Id, ApiError> {
        let axum::extract::Path(id) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::not_found())?;
        id.parse().map(Id).map_err(|_| ApiError::not_found())
    }
}

/// Admins only: 403 for any other member of staff.
pub fn admin_only(staff: &crate::domain::staff::StaffUser) -> Result<(), ApiError> {
    if staff.role.allows(crate::domain::staff::Role::Admin) {
        Ok(())
    } else {
        Err(crate::error::AppError::Forbidden.into())
    }
}

/// What went wrong, in English.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = Error)]
pub struct ApiError {
    #[serde(skip)]
    status: StatusCode,
    error: String,
    /// Each field or parameter to fix, with what is wrong with it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, String>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: impl Into<String>) -> ApiError {
        ApiError {
            status,
            error: error.into(),
            fields: BTreeMap::new(),
        }
    }

    pub fn not_found() -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            error: "not found".into(),
            fields: BTreeMap::new(),
        }
    }

    pub fn invalid(fields: impl IntoIterator<Item = (String, String)>) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error: "invalid parameters".into(),
            fields: fields.into_iter().collect(),
        }
    }

    pub fn bad_request(error: String) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error,
            fields: BTreeMap::new(),
        }
    }

    /// The database failed: logged where it happened, a plain 503 here.
    pub fn unavailable() -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: "temporarily unavailable, please retry".into(),
            fields: BTreeMap::new(),
        }
    }
}

/// A body that is not JSON, or not the JSON this endpoint takes: 400 (413 when too large),
/// with the reason in plain words.
impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        let status = match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => StatusCode::PAYLOAD_TOO_LARGE,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError {
            status,
            error: rejection.body_text(),
            fields: BTreeMap::new(),
        }
    }
}

/// The same errors the pages show, for API clients: one status each, the message in English,
/// and each bad field named.
impl From<crate::error::AppError> for ApiError {
    fn from(error: crate::error::AppError) -> Self {
        use crate::{domain::lang::Lang, error::AppError};
        if let AppError::NotFound = error {
            return ApiError::not_found();
        }
        let status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let fields = match &error {
            AppError::Invalid(errors) => errors
                .iter()
                .map(|e| (e.field.clone(), e.en.clone()))
                .collect(),
            AppError::BadQuery(errors) => errors
                .iter()
                .map(|e| (e.field().to_owned(), e.message(Lang::En)))
                .collect(),
            _ => BTreeMap::new(),
        };
        ApiError {
            status,
            error: error.message(Lang::En),
            fields,
        }
    }
}

impl From<crate::storage::StorageError> for ApiError {
    fn from(error: crate::storage::StorageError) -> Self {
        tracing::error!(%error, "storage error");
        ApiError::unavailable()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(&self)).into_response()
    }
}
