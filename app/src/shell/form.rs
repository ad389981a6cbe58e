//! What every form of the portal does alike: its submit button says why it waits, a failed
//! submit puts a summary of what to fix in view, and nothing typed is lost to a slow script,
//! a reload or a step back.

use super::hydrated;
use crate::domain::form::FieldError;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;

/// A form's submit button: "页面加载中…" until the page is interactive (a form sent before
/// would go as a plain post), "正在提交…" while a slow submit is under way.
#[component]
pub fn SubmitButton(label: (&'static str, &'static str), pending: Signal<bool>) -> impl IntoView {
    let ready = hydrated();
    let lang = use_lang();
    let text = move || {
        let (zh, en) = if !ready.get() {
            ("页面加载中…", "Page loading…")
        } else if pending.get() {
            ("正在提交…", "Sending…")
        } else {
            label
        };
        lang.get().pick(zh, en)
    };
    view! {
        <button type="submit" class="button primary" disabled=move || pending.get() || !ready.get()
            aria-busy=move || pending.get().then_some("true")>{text}</button>
    }
}

/// After a failed submit, what needs fixing at the top of the form, each a link to its field;
/// it takes the keyboard focus (and so the screen) at every failed attempt, as GOV.UK's does.
#[component]
pub fn ErrorSummary(
    errors: Signal<Vec<FieldError>>,
    /// Failed submits so far, the browser's checks and the server's alike.
    attempts: Signal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if attempts.get() > 0 {
            // After this turn's rendering, when the summary is no longer hidden.
            request_animation_frame(move || {
                if let Some(summary) = summary.get_untracked() {
                    let _ = summary.focus();
                    summary.scroll_into_view();
                }
            });
        }
    });
    let hidden = move || attempts.get() == 0 || errors.with(Vec::is_empty);
    view! {
        <div class="error-summary" tabindex="-1" node_ref=summary hidden=hidden
            aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{t("请先修改以下问题", "Please fix the following")}</h2>
            <ul>
                // Written only while shown: a message is then once on the page until a submit.
                {move || if hidden() { Vec::new() } else { errors.get() }.into_iter().map(|error| {
                    let field = error.field.clone();
                    view! {
                        <li><a href=format!("#{}", error.field)
                            on:click=move |ev| { ev.prevent_default(); focus_field(&field); }>
                            {error.message(lang.get()).to_owned()}
                        </a></li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A form's count of failed submits, counting each time the server refuses its fields; the
/// caller counts those its own checks stopped.
pub fn failed_attempts(outcome: Signal<Option<crate::error::AppError>>) -> RwSignal<u32> {
    let attempts = RwSignal::new(0);
    Effect::new(move |_| {
        if matches!(outcome.get(), Some(crate::error::AppError::Invalid(_))) {
            attempts.update(|n| *n += 1);
        }
    });
    attempts
}

/// Puts the focus in the field named `field`: the element with that id, else the first control
/// of that name or described by its error (a group of boxes, a map with coordinates).
fn focus_field(field: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let document = gloo_utils::document();
        let found = document.get_element_by_id(field).or_else(|| {
            [
                format!("[name=\"{field}\"]"),
                format!("[aria-describedby~=\"{field}-error\"]"),
            ]
            .iter()
            .find_map(|selector| document.query_selector(selector).ok().flatten())
        });
        let Some(found) = found else { return };
        let control = match found.tag_name().as_str() {
            "INPUT" | "SELECT" | "TEXTAREA" => Some(found),
            _ => found
                .query_selector("input, select, textarea")
                .ok()
                .flatten(),
        };
        if let Some(control) = control.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
            control.scroll_into_view();
            let _ = control.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = field;
}

/// A search or filter form sent as a GET to this page, leaving out the fields left empty, so
/// the address says only what was asked (`?speciality=patrol`, not `?community=&speciality=…`).
/// Without a script it is a plain GET form.
#[component]
pub fn SearchForm(#[prop(optional)] id: Option<&'static str>, children: Children) -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            ev.prevent_default();
            let query: Vec<String> = form_pairs(&form)
                .into_iter()
                .filter(|(_, value)| !value.trim().is_empty())
                .map(|(name, value)| {
                    format!(
                        "{}={}",
                        js_sys::encode_uri_component(&name),
                        js_sys::encode_uri_component(value.trim())
                    )
                })
                .collect();
            let path = gloo_utils::window()
                .location()
                .pathname()
                .unwrap_or_default();
            let address = match query.is_empty() {
                true => path,
                false => format!("{path}?{}", query.join("&")),
            };
            navigate(&address, Default::default());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &navigate);
    };
    view! {
        <form method="get" action="" id=id class="filters" role="search" on:submit=on_submit>
            {children()}
        </form>
    }
}

/// The form `id`'s fields as the visitor left them, as it would be sent: `None` when there is
/// no such form.
#[cfg(feature = "hydrate")]
pub fn typed_fields(id: &str) -> Option<Vec<(String, String)>> {
    use wasm_bindgen::JsCast;
    let form = gloo_utils::document()
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()?;
    Some(form_pairs(&form))
}

/// A form's fields as it would send them.
#[cfg(feature = "hydrate")]
fn form_pairs(form: &web_sys::HtmlFormElement) -> Vec<(String, String)> {
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return Vec::new();
    };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let pair = js_sys::Array::from(&entry);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}
