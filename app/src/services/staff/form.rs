//! The service form staff add and change entries with: every field residents read, checked as
//! it is typed by the rules the server applies, kept on this device until it is saved.

use crate::shell::{ErrorSummary, Field, SubmitButton, failed_attempts, visible_errors};
use crate::{
    categories::{CategoryList, CategoryOptions, known},
    domain::{
        form::error_for,
        service::{
            ErrandGuide,
            edit::{Coordinate, HoursInput, RawService},
        },
        week::{format_week, parse_week},
    },
    error::AppError,
    i18n::t,
};
use leptos::prelude::*;
use std::collections::HashSet;

/// The form's values for a stored service: hours as text, as staff type them.
pub fn for_editing(mut service: RawService) -> RawService {
    if let HoursInput::Week(week) = &service.hours {
        service.hours_note = week.note.clone();
        service.hours = HoursInput::Text(format_week(&week.days));
    }
    service.lat = Coordinate::Text(service.lat.text());
    service.lng = Coordinate::Text(service.lng.text());
    service
}

/// The hours as the form shows them, typed.
pub fn hours_text(form: &RawService) -> String {
    match &form.hours {
        HoursInput::Text(t) => t.clone(),
        HoursInput::Week(w) => format_week(&w.days),
    }
}

#[component]
pub fn ServiceForm(
    /// The form's id, for its draft.
    id: &'static str,
    form: RwSignal<RawService>,
    send: Callback<RawService>,
    outcome: Signal<Option<AppError>>,
    pending: Signal<bool>,
    label: (&'static str, &'static str),
    /// The city's communities and grids, loaded by the page.
    places: Resource<Result<super::CityPlaces, AppError>, crate::data::Json>,
    /// The categories a service may be of, loaded by the page.
    categories: CategoryList,
) -> impl IntoView {
    let touched = RwSignal::new(HashSet::<&'static str>::new());
    let known = known(categories);
    let local = Memo::new(move |_| {
        known.with(|list| form.with(|f| f.parse(list).err().unwrap_or_default()))
    });
    let errors = move || touched.with(|t| visible_errors(local.get(), t, outcome.get()));
    let attempts = failed_attempts(outcome);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.update(|t| {
            t.insert("*");
        });
        if local.with(Vec::is_empty) {
            send.run(form.get_untracked());
        } else {
            attempts.update(|n| *n += 1);
        }
    };
    let touch = move |field: &'static str| {
        touched.update(|t| {
            t.insert(field);
        })
    };
    let text = move |name: &'static str,
                     label: (&'static str, &'static str),
                     kind: &'static str,
                     get: fn(&RawService) -> String,
                     set: fn(&mut RawService, String)| {
        view! {
            <Field label=t(label.0, label.1) name errors in_place=true>
                <input id=name name=name type=kind aria-describedby=format!("{name}-error")
                    value=form.with_untracked(get)
                    aria-invalid=move || error_for(&errors(), name).map(|_| "true")
                    prop:value=move || form.with(get)
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                    on:blur=move |_| touch(name) />
            </Field>
        }
    };
    let area = move |name: &'static str,
                     label: (&'static str, &'static str),
                     get: fn(&RawService) -> String,
                     set: fn(&mut RawService, String)| {
        view! {
            <Field label=t(label.0, label.1) name errors in_place=true>
                <textarea id=name name=name rows="3" aria-describedby=format!("{name}-error")
                    prop:value=move || form.with(get)
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                    on:blur=move |_| touch(name)>{form.with_untracked(get)}</textarea>
            </Field>
        }
    };
    let preview = move || form.with(|f| parse_week(&hours_text(f)).ok());
    let has_guide = move || form.with(|f| f.guide.is_some());
    view! {
        <form id=id class="stack" method="post" on:submit=on_submit novalidate>
            <ErrorSummary errors=Signal::derive(errors) attempts=attempts.into() />
            {text("name", ("名称", "Name"), "text", |f| f.name.clone(), |f, v| f.name = v)}
            <Field label=t("类别", "Category") name="category" errors in_place=true>
                <select id="category" name="category" aria-describedby="category-error"
                    prop:value=move || form.with(|f| f.category.clone())
                    on:change=move |ev| { form.update(|f| f.category = event_target_value(&ev)); touch("category"); }>
                    <option value="">{t("请选择…", "Choose…")}</option>
                    <CategoryOptions list=categories chosen=Signal::derive(move || form.with(|f| f.category.clone())) />
                </select>
            </Field>
            {text("address", ("地址", "Address"), "text", |f| f.address.clone(), |f, v| f.address = v)}
            <super::location::Location form touched errors=Signal::derive(errors) places />
            {text("phone", ("电话（公开，选填）", "Phone (public, optional)"), "tel", |f| f.phone.clone().unwrap_or_default(), |f, v| f.phone = Some(v))}
            {area("description", ("简介", "Description"), |f| f.description.clone(), |f, v| f.description = v)}
            <Field label=t(
                "营业时间：如“周一至周五 08:30-12:00, 14:30-17:30；周六 09:00-12:00；周日休息”",
                "Hours, e.g. 周一至周五 08:30-12:00, 14:30-17:30；周六 09:00-12:00；周日休息",
            ) name="hours" errors in_place=true>
                <textarea id="hours" name="hours" rows="2" aria-describedby="hours-error hours-preview"
                    prop:value=move || form.with(hours_text)
                    on:input=move |ev| form.update(|f| f.hours = HoursInput::Text(event_target_value(&ev)))
                    on:blur=move |_| touch("hours")>{form.with_untracked(hours_text)}</textarea>
            </Field>
            <WeekPreview days=Signal::derive(preview) />
            {text("hours_note", ("节假日安排（选填）", "Holiday note (optional)"), "text", |f| f.hours_note.clone().unwrap_or_default(), |f, v| f.hours_note = Some(v))}
            <label class="choice">
                <input type="checkbox" name="has_guide" prop:checked=has_guide
                    on:change=move |ev| form.update(|f| f.guide = event_target_checked(&ev).then(ErrandGuide::default)) />
                {t("提供办事指南（一次性告知）", "Give an errand guide (一次性告知)")}
            </label>
            <Show when=has_guide>
                <fieldset class="stack">
                    <legend>{t("一次性告知：每行一项", "Errand guide: one item a line")}</legend>
                    {area("guide_materials", ("所需材料", "Papers to bring"), |f| lines(f, |g| &g.materials), |f, v| edit_guide(f, |g| g.materials = split(&v)))}
                    {area("guide_steps", ("办理步骤", "Steps"), |f| lines(f, |g| &g.steps), |f, v| edit_guide(f, |g| g.steps = split(&v)))}
                    {text("guide_time_limit", ("办理时限", "Time limit"), "text", |f| f.guide.as_ref().map(|g| g.time_limit.clone()).unwrap_or_default(), |f, v| edit_guide(f, |g| g.time_limit = v))}
                    {text("guide_fees", ("收费标准", "Fees"), "text", |f| f.guide.as_ref().map(|g| g.fees.clone()).unwrap_or_default(), |f, v| edit_guide(f, |g| g.fees = v))}
                    {area("guide_notes", ("注意事项", "Notes"), |f| lines(f, |g| &g.notes), |f, v| edit_guide(f, |g| g.notes = split(&v)))}
                    <label class="choice">
                        <input type="checkbox" name="guide_proxy"
                            prop:checked=move || form.with(|f| f.guide.as_ref().is_some_and(|g| g.proxy))
                            on:change=move |ev| form.update(|f| edit_guide(f, |g| g.proxy = event_target_checked(&ev))) />
                        {t("网格员可全程代办", "A grid worker can run the whole errand")}
                    </label>
                </fieldset>
            </Show>
            <SubmitButton label pending />
        </form>
    }
}

fn split(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_owned).collect()
}

fn lines(form: &RawService, list: fn(&ErrandGuide) -> &Vec<String>) -> String {
    form.guide
        .as_ref()
        .map(|g| list(g).join("\n"))
        .unwrap_or_default()
}

fn edit_guide(form: &mut RawService, change: impl FnOnce(&mut ErrandGuide)) {
    change(form.guide.get_or_insert_with(ErrandGuide::default));
}

/// The week as the portal reads the typed hours, so a typing slip shows before saving.
#[component]
fn WeekPreview(days: Signal<Option<[Vec<crate::domain::hours::Interval>; 7]>>) -> impl IntoView {
    const DAYS: [(&str, &str); 7] = [
        ("周一", "Mon"),
        ("周二", "Tue"),
        ("周三", "Wed"),
        ("周四", "Thu"),
        ("周五", "Fri"),
        ("周六", "Sat"),
        ("周日", "Sun"),
    ];
    view! {
        <div id="hours-preview" aria-live="polite">
            {move || days.get().map(|days| view! {
                <table class="hours">
                    <caption class="muted">{t("将显示为", "Residents will read")}</caption>
                    <tbody>
                        {days.into_iter().zip(DAYS).map(|(openings, (zh, en))| view! {
                            <tr>
                                <th scope="row">{t(zh, en)}</th>
                                <td>{if openings.is_empty() {
                                    t("休息", "Closed")().to_owned()
                                } else {
                                    crate::domain::hours::format_day(&openings)
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </div>
    }
}
