//! A receipt's reference: shown large, copied with one tap, and carried to the status page.

use crate::i18n::{t, use_lang};
use leptos::prelude::*;

/// Where a submitter follows a reference up: the status page with it filled in (never the
/// mobile, which stays with its owner).
pub fn status_address(reference: &str) -> String {
    format!("/status?reference={reference}")
}

/// "受理编号: QH-7K3M9P2X [复制编号]".
#[component]
pub fn ReferenceLine(reference: String) -> impl IntoView {
    let lang = use_lang();
    let copied = RwSignal::new(false);
    let text = reference.clone();
    view! {
        <p class="reference-line">
            {t("受理编号", "Reference")} ": " <strong class="reference">{reference}</strong> " "
            <button type="button" class="button" on:click=move |_| copy(text.clone(), copied)>
                {move || match copied.get() {
                    true => lang.get().pick("已复制", "Copied"),
                    false => lang.get().pick("复制编号", "Copy"),
                }}
            </button>
        </p>
    }
}

/// Puts the reference on the clipboard; the button says so once it is there.
fn copy(reference: String, copied: RwSignal<bool>) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let promise = window.navigator().clipboard().write_text(&reference);
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.set(true);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (reference, copied);
}
