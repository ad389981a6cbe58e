//! The errors a server function can answer with. Each maps to one HTTP status and one message
//! in the visitor's language; what went wrong inside (a database error, say) is logged on the
//! server and never shown.

use crate::domain::{form::FieldError, lang::Lang, service::QueryError};
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Search parameters that do not make sense, each named.
    #[error("invalid search")]
    BadQuery(Vec<QueryError>),
    /// A form with fields to fix, each named with its message.
    #[error("invalid form")]
    Invalid(Vec<FieldError>),
    #[error("the database is unavailable")]
    Unavailable,
    /// The request never reached the function, or its answer could not be read: a network
    /// failure, a malformed request. The detail is for the logs and the console only.
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadQuery(_) | AppError::Invalid(_) => 422,
            AppError::Unavailable => 503,
            AppError::Transport(_) => 400,
        }
    }

    /// What the visitor reads.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            AppError::NotFound => lang.pick("没有找到您要的内容。", "We could not find that."),
            AppError::Invalid(_) => lang.pick(
                "有几处需要修改，请看各项下方的提示。",
                "Some fields need a fix; see the notes under each.",
            ),
            AppError::BadQuery(_) => lang.pick(
                "搜索条件有误，请检查后重试。",
                "Some search settings are not valid; please check them.",
            ),
            AppError::Unavailable => lang.pick(
                "系统暂时繁忙，请稍后再试。您填写的内容不会丢失。",
                "The service is busy for a moment. Please try again shortly; nothing you typed is lost.",
            ),
            AppError::Transport(_) => lang.pick(
                "网络连接出了问题，请检查网络后重试。",
                "The connection failed. Please check your network and try again.",
            ),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server this runs while the request is answered: arguments that do not parse
        // are the caller's mistake, so they get 400 rather than server_fn's blanket 500.
        #[cfg(feature = "ssr")]
        if matches!(
            value,
            ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_)
                | ServerFnErrorErr::UnsupportedRequestMethod(_)
        ) {
            return with_status(AppError::Transport(value.to_string()));
        }
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::storage::StorageError> for AppError {
    fn from(error: crate::storage::StorageError) -> Self {
        tracing::error!(%error, "storage error");
        AppError::Unavailable
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        crate::storage::StorageError::from(error).into()
    }
}

/// Sets the response status for an error a server function is about to return, so that API
/// clients and caches see 404 or 503 rather than a blanket 500.
#[cfg(feature = "ssr")]
pub fn with_status(error: AppError) -> AppError {
    if let (Some(response), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(error.status()),
    ) {
        response.set_status(status);
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_status_and_a_message_in_both_languages() {
        for error in [
            AppError::NotFound,
            AppError::Unavailable,
            AppError::Transport("x".into()),
        ] {
            assert!((400..600).contains(&error.status()));
            assert_ne!(error.message(Lang::Zh), error.message(Lang::En));
        }
    }

    #[test]
    fn the_transport_detail_never_reaches_the_visitor() {
        let error = AppError::Transport("connection refused at 10.0.0.1".into());
        assert!(!error.message(Lang::En).contains("10.0.0.1"));
    }
}
