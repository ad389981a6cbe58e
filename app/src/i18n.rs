//! The visitor's language: chosen with the switch in the header, remembered in a cookie, and
//! known to the server on every request, so pages are rendered in it from the first byte.

use crate::domain::lang::Lang;
use leptos::prelude::*;

/// The language of this page, shared by every component through context.
#[derive(Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

pub fn provide_locale() -> RwSignal<Lang> {
    let lang = RwSignal::new(initial_lang());
    provide_context(Locale(lang));
    lang
}

/// The current language; components read it inside closures so text follows a switch.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<Locale>()
        .map(|Locale(lang)| lang)
        .unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// On the server: the cookie of the request. In the browser: what the server rendered into
/// `<html lang>`, so hydration starts from the same language.
fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use axum::http::{header::COOKIE, request::Parts};
        use_context::<Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(COOKIE)
                    .iter()
                    .filter_map(|value| value.to_str().ok())
                    .find_map(Lang::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        gloo_utils::document_element()
            .get_attribute("lang")
            .and_then(|tag| tag.parse().ok())
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

/// Interface text in both languages, following the switch: `{t("服务", "Services")}`.
pub fn t(
    zh: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().pick(zh, en)
}

/// A page title in the visitor's language. On the server the title is fixed text: the head is
/// rendered after the body, outside the page's reactive owner, where reading the language signal
/// panics (or, under load, reads another request's arena and hangs). In the browser it follows
/// the language switch.
pub fn title_text(zh: &'static str, en: &'static str) -> leptos::text_prop::TextProp {
    #[cfg(feature = "ssr")]
    {
        use_lang().get_untracked().pick(zh, en).into()
    }
    #[cfg(not(feature = "ssr"))]
    {
        t(zh, en).into()
    }
}

/// A stored place name in the visitor's language.
pub fn localized(name: crate::domain::neighbourhood::Name) -> impl Fn() -> String + Send + Sync {
    let lang = use_lang();
    move || lang.get().pick(&name.zh, &name.en).to_owned()
}
