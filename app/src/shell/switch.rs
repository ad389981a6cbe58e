//! The header's preference switches (language, large text). Each is a plain form that posts to
//! its server function, which sets the cookie and sends the visitor back to the page: that works
//! before the script has loaded. Once the page is hydrated the switch acts in the browser: the
//! page changes at the tap and the cookie is written here, with no round trip to wait for or to
//! fail on a weak signal.

use leptos::prelude::*;

/// A form posting `field=value` to `endpoint`; once hydrated, a submit calls `on_switch` instead.
#[component]
pub fn SwitchForm(
    endpoint: &'static str,
    field: &'static str,
    #[prop(into)] value: Signal<String>,
    on_switch: impl Fn() + 'static,
    children: Children,
) -> impl IntoView {
    view! {
        <form
            method="post"
            action=endpoint
            class="lang-switch"
            on:submit=move |event| {
                event.prevent_default();
                on_switch();
            }
        >
            <input type="hidden" name=field value=value />
            {children()}
        </form>
    }
}

/// Stores a preference cookie (a `Set-Cookie` value from `domain::preference`) in the browser.
pub fn remember_in_browser(cookie: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Ok(document) = gloo_utils::document().dyn_into::<web_sys::HtmlDocument>() {
            // A browser refusing cookies keeps the choice for this page only.
            let _ = document.set_cookie(cookie);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = cookie;
}
