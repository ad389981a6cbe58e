//! The header's language switch; the language itself is known to every page through
//! `crate::i18n`.

use super::switch::{SwitchForm, remember_in_browser};
use crate::{domain::lang::Lang, error::AppError, i18n::use_lang};
use leptos::{prelude::*, server_fn::ServerFn};

/// Remembers the chosen language in a cookie. A form post, so the switch works before the
/// page's script has loaded (the server then redirects back to the page).
#[server(endpoint = "set_language")]
pub async fn set_language(lang: Lang) -> Result<Lang, AppError> {
    use axum::http::{HeaderValue, header::SET_COOKIE};
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(cookie) = HeaderValue::from_str(&lang.set_cookie_value()) {
        response.append_header(SET_COOKIE, cookie);
    }
    Ok(lang)
}

/// The header's language switch: offers the other language, in that language's own words.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let switch = move || {
        let chosen = lang.get_untracked().other();
        remember_in_browser(&chosen.set_cookie_value());
        lang.set(chosen);
    };
    view! {
        <SwitchForm
            endpoint=SetLanguage::PATH
            field="lang"
            value=Signal::derive(move || lang.get().other().code().to_owned())
            on_switch=switch
        >
            <button
                type="submit"
                lang=move || lang.get().other().html_tag()
                title=move || lang.get().pick("切换到英文", "Switch to Chinese")
            >
                {move || lang.get().other().endonym()}
            </button>
        </SwitchForm>
    }
}
