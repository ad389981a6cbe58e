//! Elderly mode (适老化): large text and high contrast, one tap away on every page and
//! remembered in a cookie, so the server renders it from the first byte.

use super::switch::{SwitchForm, remember_in_browser};
use crate::domain::preference::remember;
use crate::error::AppError;
use crate::i18n::t;
use leptos::{prelude::*, server_fn::ServerFn};

const LARGE_TEXT_COOKIE: &str = "qh_large";

/// The `Set-Cookie` value that remembers the choice, on the server and in the browser alike.
fn set_cookie_value(on: bool) -> String {
    remember(LARGE_TEXT_COOKIE, if on { "1" } else { "0" })
}

/// Whether this page is in elderly mode, shared through context.
#[derive(Clone, Copy)]
pub struct LargeText(pub RwSignal<bool>);

pub fn provide_large_text() -> RwSignal<bool> {
    let on = RwSignal::new(initial());
    provide_context(LargeText(on));
    on
}

/// On the server: the request's cookie. In the browser: what the server rendered on `<html>`.
fn initial() -> bool {
    #[cfg(feature = "ssr")]
    {
        use crate::domain::preference::cookie_value;
        use axum::http::{header::COOKIE, request::Parts};
        use_context::<Parts>().is_some_and(|parts| {
            parts
                .headers
                .get_all(COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .any(|header| cookie_value(header, LARGE_TEXT_COOKIE) == Some("1"))
        })
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        gloo_utils::document_element()
            .class_list()
            .contains("large-text")
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        false
    }
}

/// Remembers the choice for a year. A form post, so it works before the script has loaded.
#[server(endpoint = "set_large_text")]
pub async fn set_large_text(on: bool) -> Result<bool, AppError> {
    use axum::http::{HeaderValue, header::SET_COOKIE};
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(value) = HeaderValue::from_str(&set_cookie_value(on)) {
        response.append_header(SET_COOKIE, value);
    }
    Ok(on)
}

/// The header's switch between standard and large text.
#[component]
pub fn LargeTextSwitch() -> impl IntoView {
    let on = use_context::<LargeText>().map_or_else(|| RwSignal::new(false), |LargeText(s)| s);
    let switch = move || {
        let chosen = !on.get_untracked();
        remember_in_browser(&set_cookie_value(chosen));
        on.set(chosen);
    };
    view! {
        <SwitchForm
            endpoint=SetLargeText::PATH
            field="on"
            value=Signal::derive(move || (!on.get()).to_string())
            on_switch=switch
        >
            <button type="submit" aria-pressed=move || on.get().to_string()>
                {t("大字模式", "Large text")}
            </button>
        </SwitchForm>
    }
}
