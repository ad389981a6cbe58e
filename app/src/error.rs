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
    /// Not signed in as staff, or the session has expired.
    #[error("sign-in required")]
    Unauthorized,
    /// Signed in, but the role does not allow this.
    #[error("not allowed")]
    Forbidden,
    /// Signed in with a generated first password that is not yet changed: only the change is
    /// open.
    #[error("password change required")]
    PasswordChangeFirst,
    /// Signed in to an account whose role needs a second factor, not yet set up: only setting
    /// it up is open.
    #[error("second factor required")]
    SecondFactorFirst,
    /// A username and password that do not match: the same whichever half was wrong.
    #[error("wrong username or password")]
    BadCredentials,
    /// Too many failed sign-ins for this account or address; try again after some minutes.
    #[error("too many failed sign-ins")]
    Throttled(u32),
    /// Too many submissions from this address in a minute.
    #[error("too many requests")]
    RateLimited,
    /// The thing changed since it was read: already decided by someone else, say.
    #[error("conflict")]
    Conflict,
    /// A save made from an older version than the one stored: someone else saved in between.
    /// Carries the version now stored.
    #[error("changed by someone else")]
    Stale(i64),
    /// A category still held by this many listed services cannot be retired.
    #[error("in use")]
    InUse(u32),
    /// A closed entry whose category was retired since: it is not listed again until an admin
    /// restores the category. Carries the category's names.
    #[error("category retired")]
    CategoryRetired { zh: String, en: String },
    /// A shop whose unified social credit code is already registered (and not rejected).
    #[error("already registered")]
    AlreadyRegistered,
    /// The same application is already filed, and this repeat does not carry the key of the
    /// form that filed it: its reference is not handed out again.
    #[error("already filed")]
    AlreadyFiled,
    /// A request body over the portal's limit; nothing of it was read or stored.
    #[error("request too large")]
    TooLarge,
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
            AppError::Unauthorized | AppError::BadCredentials => 401,
            AppError::Forbidden | AppError::PasswordChangeFirst | AppError::SecondFactorFirst => {
                403
            }
            AppError::Throttled(_) | AppError::RateLimited => 429,
            AppError::Conflict
            | AppError::Stale(_)
            | AppError::InUse(_)
            | AppError::CategoryRetired { .. }
            | AppError::AlreadyRegistered
            | AppError::AlreadyFiled => 409,
            AppError::TooLarge => 413,
            AppError::Transport(_) => 400,
        }
    }

    /// The fields to fix, for a form the server refused; none for any other error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(errors) => errors,
            _ => &[],
        }
    }

    /// What the visitor reads.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Throttled(minutes) => lang
                .pick(
                    &format!("登录失败次数过多，请 {minutes} 分钟后再试。"),
                    &format!("Too many failed sign-ins. Please try again in {minutes} minutes."),
                )
                .to_owned(),
            AppError::Stale(version) => lang
                .pick(
                    &format!("保存前，这条信息已被其他工作人员修改（现为第 {version} 版）。您填写的内容仍在表单中：请在新窗口中打开查看最新内容，核对后再保存。"),
                    &format!("Someone else changed this entry before you saved (it is now version {version}). What you typed is still in the form: open the entry in a new window to see the latest, then save again."),
                )
                .to_owned(),
            AppError::InUse(count) => lang
                .pick(
                    &format!("还有 {count} 处在列的服务属于这个类别，不能停用：请先把它们改到别的类别或关闭，再停用。"),
                    &format!("{count} listed services are of this category, so it cannot be retired: move them to another category or close them first."),
                )
                .to_owned(),
            AppError::CategoryRetired { zh, en } => lang
                .pick(
                    &format!("这个服务点的类别“{zh}”已停用，暂不能重新开放：请管理员先在“服务类别”中恢复这个类别。"),
                    &format!("This entry's category “{en}” is retired, so it cannot be reopened yet: an administrator can restore the category under Categories."),
                )
                .to_owned(),
            _ => self.fixed_message(lang).to_owned(),
        }
    }

    fn fixed_message(&self, lang: Lang) -> &'static str {
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
            AppError::Unauthorized => lang.pick(
                "请先以工作人员身份登录。",
                "Please sign in as staff first.",
            ),
            AppError::Forbidden => lang.pick(
                "您的账号没有这项权限，请联系管理员。",
                "Your account may not do this; please ask an administrator.",
            ),
            AppError::PasswordChangeFirst => lang.pick(
                "请先修改系统生成的初始密码，再继续工作。",
                "Please change the generated first password before going on.",
            ),
            AppError::SecondFactorFirst => lang.pick(
                "这个账号能查看居民的手机号，请先设置两步验证，再继续工作。",
                "This account can read residents' mobile numbers: please set up two-step verification before going on.",
            ),
            AppError::BadCredentials => lang.pick(
                "用户名、密码或验证码不正确。",
                "The username, password or code is not right.",
            ),
            AppError::RateLimited => lang.pick(
                "提交太频繁了，请一分钟后再试。您填写的内容不会丢失。",
                "Too many submissions; please try again in a minute. Nothing you typed is lost.",
            ),
            AppError::Conflict => lang.pick(
                "这一事项刚刚已被处理或已变更，请刷新后查看。",
                "This was changed a moment ago; please reload to see it.",
            ),
            AppError::AlreadyRegistered => lang.pick(
                "这个统一社会信用代码已经登记过（正在审核或已是成员店铺），无需重复登记；如有疑问请联系街道。",
                "A shop with this unified social credit code is already registered (in review or a member); there is no need to register again. Ask the street office if unsure.",
            ),
            AppError::AlreadyFiled => lang.pick(
                "这份报名已经提交过了，请凭当时拿到的受理编号到“查询办理进度”页面查看。",
                "Already filed: check the status page with your reference.",
            ),
            AppError::TooLarge => lang.pick(
                "提交的内容太大了（超过 64 KB），请删减后再提交。您填写的内容不会丢失。",
                "What you sent is too large (over 64 KB); please shorten it and send again. Nothing you typed is lost.",
            ),
            AppError::Throttled(_)
            | AppError::Stale(_)
            | AppError::InUse(_)
            | AppError::CategoryRetired { .. } => "",
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
        with_status(AppError::Unavailable)
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
            AppError::Unauthorized,
            AppError::Forbidden,
            AppError::PasswordChangeFirst,
            AppError::SecondFactorFirst,
            AppError::BadCredentials,
            AppError::Throttled(15),
            AppError::RateLimited,
            AppError::Conflict,
            AppError::Stale(3),
            AppError::InUse(2),
            AppError::CategoryRetired {
                zh: "洗衣店".into(),
                en: "Laundry".into(),
            },
            AppError::AlreadyRegistered,
            AppError::AlreadyFiled,
            AppError::TooLarge,
        ] {
            assert!((400..600).contains(&error.status()));
            assert_ne!(error.message(Lang::Zh), error.message(Lang::En));
        }
    }

    #[test]
    fn a_throttled_sign_in_says_how_long_to_wait() {
        assert!(
            AppError::Throttled(15)
                .message(Lang::Zh)
                .contains("15 分钟")
        );
        assert_eq!(AppError::Throttled(15).status(), 429);
    }

    #[test]
    fn the_transport_detail_never_reaches_the_visitor() {
        let error = AppError::Transport("connection refused at 10.0.0.1".into());
        assert!(!error.message(Lang::En).contains("10.0.0.1"));
    }
}
