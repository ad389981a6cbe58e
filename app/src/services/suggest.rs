//! Suggest a correction to a service, or a new one. Checked as the resident types, with the
//! same rules the server applies; nothing typed is lost when something needs fixing.

use super::{SuggestService, get_service};
use crate::data::resource;
use crate::shell::{
    ErrorNote, ErrorSummary, Field, PageHead, SubmitButton, failed_attempts, visible_errors,
};
use crate::{
    categories::{CategoryList, CategoryOptions, known, use_categories},
    domain::suggestion::{RawSuggestion, SuggestionKind},
    error::AppError,
    i18n::t,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashSet;

#[component]
pub fn SuggestPage() -> impl IntoView {
    let query = use_query_map();
    let service_id =
        query.with_untracked(|q| q.get("service").and_then(|id| id.parse::<i64>().ok()));
    let service = resource(
        move || service_id,
        |id| async move {
            match id {
                Some(id) => get_service(id).await.ok().map(|s| s.name),
                None => None,
            }
        },
    );
    let categories = use_categories();
    let form = RwSignal::new(RawSuggestion {
        kind: if service_id.is_some() {
            "wrong_hours"
        } else {
            "new_service"
        }
        .into(),
        service_id,
        ..Default::default()
    });
    let action = ServerAction::<SuggestService>::new();
    crate::shell::keep_draft("suggest-form", form, StoredValue::new(None))
        .until(move || matches!(action.value().get(), Some(Ok(_))));
    let send = Callback::new(move |suggestion| {
        action.dispatch(SuggestService { suggestion });
    });

    view! {
        <PageHead
            title=("提出更正或推荐", "Suggest a correction")
            description=(
                "发现服务信息有误或缺少身边的服务？告诉街道工作人员，核实后更新目录。",
                "Found a mistake in a service, or one missing nearby? Tell the street office; staff check it and update the directory.",
            )
        />
        <h1>{t("提出更正或推荐", "Suggest a correction")}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                service.await.map(|name| view! { <p class="lead">{t("关于：", "About: ")} {name}</p> })
            })}
        </Suspense>
        <p class="muted">
            {t(
                "工作人员核实后才会修改公开信息。留下手机号，可凭受理编号查询处理进度，也可随时删除；办结两年后自动删除。",
                "Staff check every suggestion before anything public changes. Leave a mobile number to follow it up with your reference, or delete it at any time; it is deleted two years after the decision.",
            )}
        </p>
        {move || match action.value().get() {
            Some(Ok(receipt)) => view! { <Receipt reference=receipt.reference /> }.into_any(),
            outcome => view! {
                <SuggestionForm form categories send outcome=Signal::derive(move || outcome.clone().and_then(Result::err))
                    pending=action.pending().into() with_phone=true />
            }.into_any(),
        }}
    }
}

/// The suggestion's fields, checked as they are typed with the rules the server applies;
/// `send` gets the form only when it is valid. Used for a new suggestion and for correcting a
/// returned one (then without the phone, which stays the one it was filed with).
#[component]
pub fn SuggestionForm(
    form: RwSignal<RawSuggestion>,
    categories: CategoryList,
    send: Callback<RawSuggestion>,
    /// The server's answer when it refused the form.
    outcome: Signal<Option<AppError>>,
    pending: Signal<bool>,
    with_phone: bool,
) -> impl IntoView {
    let service_id = form.with_untracked(|f| f.service_id);
    let touched = RwSignal::new(HashSet::<&'static str>::new());
    let known = known(categories);
    let local_errors = Memo::new(move |_| {
        known
            .with(|list| form.with(|f| f.parse(list).err().unwrap_or_default()))
            .into_iter()
            .filter(|e| with_phone || e.field != "phone")
            .collect::<Vec<_>>()
    });
    let errors =
        move || touched.with(|touched| visible_errors(local_errors.get(), touched, outcome.get()));
    let attempts = failed_attempts(outcome);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.update(|t| {
            t.insert("*");
        });
        if local_errors.with(Vec::is_empty) {
            send.run(form.get_untracked());
        } else {
            attempts.update(|n| *n += 1);
        }
    };
    let is_new = move || form.with(|f| f.kind == SuggestionKind::NewService.code());
    view! {
        <form id=with_phone.then_some("suggest-form") class="stack" method="post" on:submit=on_submit novalidate>
            <ErrorSummary errors=Signal::derive(errors) attempts=attempts.into() />
            <fieldset>
                <legend>{t("要反映的问题", "What is wrong?")}</legend>
                {SuggestionKind::ALL
                    .into_iter()
                    .filter(move |k| service_id.is_some() || *k == SuggestionKind::NewService)
                    .map(|kind| {
                        let (zh, en) = kind.label();
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="kind"
                                    value=kind.code()
                                    prop:checked=move || form.with(|f| f.kind == kind.code())
                                    on:change=move |_| form.update(|f| f.kind = kind.code().into())
                                />
                                {t(zh, en)}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <Show when=is_new>
                <Field label=t("服务点名称", "Name of the place") name="name" errors>
                    <input id="name" name="name" aria-describedby="name-error" type="text" autocomplete="off"
                        prop:value=move || form.with(|f| f.name.clone())
                        on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))
                        on:blur=move |_| touched.update(|t| { t.insert("name"); }) />
                </Field>
                <Field label=t("类别", "Category") name="category" errors>
                    <CategorySelect form categories touched />
                </Field>
                <Field label=t("地址", "Address") name="address" errors>
                    <input id="address" name="address" aria-describedby="address-error" type="text"
                        prop:value=move || form.with(|f| f.address.clone())
                        on:input=move |ev| form.update(|f| f.address = event_target_value(&ev))
                        on:blur=move |_| touched.update(|t| { t.insert("address"); }) />
                </Field>
            </Show>
            <Field label=t("情况说明", "Details") name="details" errors>
                <textarea id="details" name="details" aria-describedby="details-error" rows="4"
                    prop:value=move || form.with(|f| f.details.clone())
                    on:input=move |ev| form.update(|f| f.details = event_target_value(&ev))
                    on:blur=move |_| touched.update(|t| { t.insert("details"); })></textarea>
            </Field>
            {with_phone.then(|| view! {
                <Field label=t("手机号（选填）", "Mobile (optional)") name="phone" errors>
                    <input id="phone" name="phone" aria-describedby="phone-error" type="tel" inputmode="numeric" autocomplete="tel"
                        prop:value=move || form.with(|f| f.phone.clone())
                        on:input=move |ev| form.update(|f| f.phone = event_target_value(&ev))
                        on:blur=move |_| touched.update(|t| { t.insert("phone"); }) />
                </Field>
            })}
            {move || match outcome.get() {
                Some(AppError::Invalid(_)) | None => None,
                Some(error) => Some(view! { <ErrorNote error /> }),
            }}
            <SubmitButton label=("提交", "Submit") pending />
        </form>
    }
}

#[component]
fn CategorySelect(
    form: RwSignal<RawSuggestion>,
    categories: CategoryList,
    touched: RwSignal<HashSet<&'static str>>,
) -> impl IntoView {
    view! {
        <select id="category" name="category" aria-describedby="category-error"
            prop:value=move || form.with(|f| f.category.clone())
            on:change=move |ev| {
                form.update(|f| f.category = event_target_value(&ev));
                touched.update(|t| { t.insert("category"); });
            }>
            <option value="">{t("请选择…", "Choose…")}</option>
            <CategoryOptions list=categories chosen=Signal::derive(move || form.with(|f| f.category.clone())) />
        </select>
    }
}

#[component]
fn Receipt(reference: String) -> impl IntoView {
    let heading = crate::shell::focus_on_mount();
    view! {
        <section class="card receipt" role="status">
            <h2 tabindex="-1" node_ref=heading>{t("已收到，谢谢！", "Received, thank you!")}</h2>
            <crate::shell::ReferenceLine reference=reference.clone() />
            <p>{t("状态：待审核。工作人员核实后会更新服务信息。", "Status: pending. Staff will check it and update the directory.")}</p>
            <p>
                <a href=crate::shell::status_address(&reference)>{t("查询办理进度", "Check a submission")}</a> " · "
                <a href="/services">{t("返回服务列表", "Back to all services")}</a>
            </p>
        </section>
    }
}
