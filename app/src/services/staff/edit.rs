//! One service as staff change it: its form, its suggestion beside it, and closing,
//! reopening and confirming it.

use super::{
    CloseService, ConfirmService, ReopenService, SaveService, StaffService,
    form::{ServiceForm, for_editing, hours_text},
    suggestion::{SuggestionPanel, adopting},
};
use crate::{
    domain::{
        form::error_for,
        service::edit::{CloseReason, RawClose},
        suggestion::SuggestionKind,
        time::beijing_date,
    },
    error::AppError,
    i18n::{localized, t, use_lang},
    shell::ErrorNote,
};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Editor(
    service: StaffService,
    close: ServerAction<CloseService>,
    reopen: ServerAction<ReopenService>,
    confirm: ServerAction<ConfirmService>,
    places: Resource<Result<super::CityPlaces, AppError>, crate::data::Json>,
    categories: crate::categories::CategoryList,
    suggestion: Resource<Option<super::SuggestionView>, crate::data::Json>,
) -> impl IntoView {
    let id = service.id;
    let version = RwSignal::new(service.version);
    let form = RwSignal::new(for_editing(service.service.clone()));
    let save = ServerAction::<SaveService>::new();
    crate::shell::keep_draft("service-form", form, StoredValue::new(None))
        .until(move || matches!(save.value().get(), Some(Ok(_))));
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            version.set(saved.version);
        }
    });
    let send = Callback::new(move |service| {
        let suggestion = adopting(suggestion);
        save.dispatch(SaveService {
            id: Some(id),
            version: Some(version.get_untracked()),
            suggestion,
            service,
        });
    });
    let listed = service.service.clone();
    let outcome = Signal::derive(move || save.value().get().and_then(Result::err));
    let name = service.service.name.clone();
    view! {
        <h1>{name}</h1>
        <p class="muted">
            {localized(service.community.clone())} {service.grid.map(|g| format!(" · {g}"))}
            " · " {t("第", "version ")} {move || version.get()} {t(" 版", "")}
            {service.verified_at.map(|at| view! { " · " {t("信息核实于 ", "confirmed on ")} {beijing_date(at)} })}
        </p>
        <p>
            <A href=format!("/staff/services/{id}/history")>{t("修改记录", "History")}</A>
            {service.closed.is_none().then(|| view! { " · " <A href=format!("/services/{id}")>{t("公开页面", "Public page")}</A> })}
        </p>
        // The page has read the suggestion before drawing this: no Suspense of its own, whose
        // hydration could be put off while the form after it hydrates.
        {move || suggestion.get().flatten().map(|suggestion| {
            let listed = listed.clone();
            let current = match suggestion.kind {
                SuggestionKind::WrongHours => Some(hours_text(&for_editing(listed))),
                SuggestionKind::Moved => Some(listed.address),
                _ => None,
            };
            view! { <SuggestionPanel suggestion current /> }
        })}
        {move || save.value().get().map(|outcome| match outcome {
            Ok(_) => view! { <p class="notice" role="status">{t("已保存。", "Saved.")}</p> }.into_any(),
            Err(AppError::Invalid(_)) => ().into_any(),
            Err(error) => view! { <ErrorNote error /> }.into_any(),
        })}
        {match service.closed {
            Some(closed) => {
                let (zh, en) = closed.reason.label();
                view! {
                    <section class="notice" aria-labelledby="closed-title">
                        <h2 id="closed-title">{t("已关闭", "Closed")}</h2>
                        <p>{t(zh, en)} {closed.note.map(|n| format!("：{n}"))} " · " {beijing_date(closed.at)}</p>
                        <button type="button" class="button" on:click=move |_| { reopen.dispatch(ReopenService { id }); }>
                            {t("重新开放", "Reopen")}
                        </button>
                        {move || reopen.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error /> })}
                    </section>
                }.into_any()
            }
            None => view! {
                <ServiceForm id="service-form" form send outcome pending=save.pending().into() label=("保存修改", "Save changes") places categories />
                <section class="stack" aria-labelledby="confirm-title">
                    <h2 id="confirm-title">{t("核实无误", "Confirm unchanged")}</h2>
                    <p class="muted">{t("电话核实或实地查看后信息没有变化，点此更新“信息核实于”日期。", "Checked by phone or on the spot and nothing changed: update the “confirmed on” date.")}</p>
                    <button type="button" class="button" on:click=move |_| { confirm.dispatch(ConfirmService { id }); }>
                        {t("信息无误，更新核实日期", "Confirm, nothing changed")}
                    </button>
                </section>
                <CloseForm id close adopting=Signal::derive(move || adopting(suggestion)) />
            }.into_any(),
        }}
    }
}

#[component]
fn CloseForm(
    id: i64,
    close: ServerAction<CloseService>,
    /// The resident's suggestion a closing adopts.
    adopting: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = move |field: &'static str| {
        close.value().with(|v| match v {
            Some(Err(e)) => {
                error_for(e.field_errors(), field).map(|e| e.message(lang.get()).to_owned())
            }
            _ => None,
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let note = Some(note.get_untracked()).filter(|n| !n.trim().is_empty());
        close.dispatch(CloseService {
            id,
            close: RawClose {
                reason: reason.get_untracked(),
                note,
                suggestion: adopting.get_untracked(),
            },
        });
    };
    view! {
        <form class="stack" method="post" on:submit=on_submit aria-labelledby="close-title">
            <h2 id="close-title">{t("关闭服务点", "Close this service")}</h2>
            <p class="muted">{t("关闭后立即从所有公开页面、搜索和附近服务中撤下，可随时重新开放。", "It leaves every public page, search and map at once; it can be reopened.")}</p>
            <fieldset>
                <legend>{t("关闭原因", "Reason")}</legend>
                {CloseReason::ALL.into_iter().map(|r| {
                    let (zh, en) = r.label();
                    view! {
                        <label class="choice">
                            <input type="radio" name="reason" value=r.code()
                                on:change=move |_| reason.set(r.code().to_owned()) />
                            {t(zh, en)}
                        </label>
                    }
                }).collect_view()}
                <p class="field-error" id="reason-error" aria-live="polite">{move || error("reason")}</p>
            </fieldset>
            <label for="close-note">{t("说明（选“其他原因”时必填）", "Note (needed for “other”)")}</label>
            <input id="close-note" name="note" type="text" aria-describedby="note-error"
                prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            <p class="field-error" id="note-error" aria-live="polite">{move || error("note")}</p>
            <button type="submit" class="button danger">{t("关闭服务点", "Close it")}</button>
        </form>
    }
}
