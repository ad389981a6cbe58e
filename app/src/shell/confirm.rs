//! A question before what cannot be undone (withdrawing, deleting one's data).

use crate::i18n::t;
use leptos::prelude::*;

/// Shown while `open`: the question, a danger button that does it, and 取消.
#[component]
pub fn Confirm(
    open: RwSignal<bool>,
    question: (&'static str, &'static str),
    yes: (&'static str, &'static str),
    on_yes: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <div class="notice" role="alert">
                <p>{t(question.0, question.1)}</p>
                <button type="button" class="button danger" on:click=move |_| {
                    open.set(false);
                    on_yes.run(());
                }>{t(yes.0, yes.1)}</button>
                " "
                <button type="button" class="button" on:click=move |_| open.set(false)>{t("取消", "Cancel")}</button>
            </div>
        </Show>
    }
}
