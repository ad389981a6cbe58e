//! The staff's streets: the list, and one street's scheme, road chief, council and pledge.

use super::{SaveStreet, StaffStreet, open_street};
use crate::{
    data::resource,
    domain::street::{RawCouncilMember, RawStreet},
    error::AppError,
    i18n::{t, use_lang},
    merchants::list_streets,
    shell::{Checked, ErrorNote, ErrorSummary, Loading, PageHead, SubmitButton, keep_draft},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

#[component]
pub fn StaffStreetsPage() -> impl IntoView {
    let streets = resource(|| (), |_| list_streets());
    let lang = use_lang();
    view! {
        <PageHead title=("自治街区", "Self-governance streets") />
        <h1>{t("自治街区", "Self-governance streets")}</h1>
        <p class="muted">{t("编辑街区的自治说明、路长、自治会成员和门前三包承诺书。", "Edit each street's scheme, road chief, council and pledge.")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match streets.await {
                    Ok(streets) => view! {
                        <ul class="plain">{streets.into_iter().map(|s| {
                            let name = (s.name_zh, s.name_en);
                            view! { <li><A href=format!("/staff/streets/{}", s.id)>{move || lang.get().pick(&name.0, &name.1).to_owned()}</A>
                                " · " {t("路长", "Road chief")} " " {s.road_chief}</li> }
                        }).collect_view()}</ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditStreetPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let street = resource(id, |id| async move {
        match id {
            Some(id) => open_street(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <PageHead title=("编辑自治街区", "Edit a street") />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match street.await {
                    Ok(street) => view! { <StreetEditor street /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn check(street: &RawStreet) -> Vec<crate::domain::form::FieldError> {
    street.parse().err().unwrap_or_default()
}

#[component]
fn StreetEditor(street: StaffStreet) -> impl IntoView {
    let id = street.id;
    let form = RwSignal::new(street.street);
    let save = ServerAction::<SaveStreet>::new();
    keep_draft("street-form", form, StoredValue::new(None))
        .until(move || matches!(save.value().get(), Some(Ok(_))));
    let outcome = Signal::derive(move || save.value().get().and_then(Result::err));
    let checked = Checked::new(form, check, outcome);
    let count = Memo::new(move |_| form.with(|f| f.council.len()));
    view! {
        <h1>{street.name_zh}</h1>
        <p><A href=format!("/merchants/streets/{id}")>{t("公开页面", "Public page")}</A></p>
        {move || save.value().get().map(|outcome| match outcome {
            Ok(_) => view! { <p class="notice" role="status">{t("已保存，街区页面已更新。", "Saved: the street's page shows it now.")}</p> }.into_any(),
            Err(AppError::Invalid(_)) => ().into_any(),
            Err(error) => view! { <ErrorNote error /> }.into_any(),
        })}
        <form id="street-form" class="stack" method="post" novalidate
            on:submit=move |ev| checked.submit(ev, |street| { save.dispatch(SaveStreet { id, street }); })>
            <ErrorSummary errors=Signal::derive(move || checked.errors()) attempts=checked.attempts.into() />
            {checked.area("scheme_zh", ("自治说明", "The scheme, in Chinese"), |f| f.scheme_zh.clone(), |f, v| f.scheme_zh = v)}
            {checked.area("scheme_en", ("自治说明（英文，选填）", "The scheme, in English (optional)"), |f| f.scheme_en.clone(), |f, v| f.scheme_en = v)}
            {checked.input("road_chief", ("路长（公开称呼）", "Road chief (public name)"), "text", |f| f.road_chief.clone(), |f, v| f.road_chief = v)}
            <fieldset class="stack">
                <legend>{t("自治会成员（公开称呼和职务）", "Council (public names and roles)")}</legend>
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <CouncilRow form checked i />
                </For>
                <button type="button" class="button" on:click=move |_| form.update(|f| f.council.push(RawCouncilMember::default()))>
                    {t("添加成员", "Add a member")}
                </button>
            </fieldset>
            {checked.area("pledge_zh", ("门前三包承诺书", "The pledge, in Chinese"), |f| f.pledge_zh.clone(), |f, v| f.pledge_zh = v)}
            {checked.area("pledge_en", ("承诺书（英文，选填）", "The pledge, in English (optional)"), |f| f.pledge_en.clone(), |f, v| f.pledge_en = v)}
            <SubmitButton label=("保存修改", "Save changes") pending=save.pending().into() />
        </form>
    }
}

/// One member's row: name, role in both languages, and a button to take it out.
#[component]
fn CouncilRow(form: RwSignal<RawStreet>, checked: Checked<RawStreet>, i: usize) -> impl IntoView {
    let lang = use_lang();
    let get = move |pick: fn(&RawCouncilMember) -> &String| {
        move || form.with(|f| f.council.get(i).map(pick).cloned().unwrap_or_default())
    };
    let set = move |put: fn(&mut RawCouncilMember, String)| {
        move |ev: leptos::ev::Event| {
            form.update(|f| {
                if let Some(member) = f.council.get_mut(i) {
                    put(member, event_target_value(&ev));
                }
            })
        }
    };
    let error = move |field: &'static str| {
        let name = format!("council-{i}-{field}");
        move || {
            checked
                .errors()
                .into_iter()
                .find(|e| e.field == name)
                .map(|e| e.message(lang.get()).to_owned())
        }
    };
    let n = i + 1;
    view! {
        <div class="filters" role="group" aria-label=move || lang.get().pick(&format!("第 {n} 位成员"), &format!("Member {n}")).to_owned()>
            <label>{t("姓名或称呼", "Name")}
                <input type="text" name=format!("council-{i}-name") prop:value=get(|m| &m.name)
                    on:input=set(|m, v| m.name = v) on:blur=move |_| checked.touch("council") /></label>
            <label>{t("职务", "Role")}
                <input type="text" name=format!("council-{i}-role_zh") prop:value=get(|m| &m.role_zh)
                    on:input=set(|m, v| m.role_zh = v) on:blur=move |_| checked.touch("council") /></label>
            <label>{t("英文职务（选填）", "Role in English (optional)")}
                <input type="text" name=format!("council-{i}-role_en") prop:value=get(|m| &m.role_en)
                    on:input=set(|m, v| m.role_en = v) /></label>
            <button type="button" class="button" on:click=move |_| form.update(|f| { if i < f.council.len() { f.council.remove(i); } })>
                {t("删除", "Remove")}
            </button>
            <p class="field-error" aria-live="polite">{error("name")} " " {error("role_zh")}</p>
        </div>
    }
}
