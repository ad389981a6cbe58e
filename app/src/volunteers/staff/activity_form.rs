//! The activity form: team, what and where, when, places, and how it repeats, the choices of
//! repeat named from the date chosen ("每周二", "每月第三个周二").

use crate::{
    domain::{
        activity::{Moment, RawActivity, Whole},
        repeat::{Repeat, RepeatKind},
    },
    error::AppError,
    i18n::{t, use_lang},
    shell::{Checked, ErrorSummary, Field, SubmitButton},
    volunteers::TeamSummary,
};
use leptos::prelude::*;

fn check(activity: &RawActivity) -> Vec<crate::domain::form::FieldError> {
    activity.parse().err().unwrap_or_default()
}

#[component]
pub fn ActivityForm(
    form: RwSignal<RawActivity>,
    send: Callback<RawActivity>,
    outcome: Signal<Option<AppError>>,
    pending: Signal<bool>,
    label: (&'static str, &'static str),
    teams: Vec<TeamSummary>,
    /// Changing one: the team stays, and a series keeps its rule.
    editing: bool,
) -> impl IntoView {
    let lang = use_lang();
    let checked = Checked::new(form, check, outcome);
    let errors = move || checked.errors();
    let places: Vec<(i64, String)> = teams
        .iter()
        .map(|t| (t.id, t.meeting_place.clone()))
        .collect();
    // The team's meeting place is where an activity usually gathers.
    let choose_team = move |id: Option<i64>| {
        form.update(|f| {
            f.team_id = id;
            let place = places.iter().find(|(team, _)| Some(*team) == id);
            if let (true, Some((_, place))) = (f.place.trim().is_empty(), place) {
                f.place = place.clone();
            }
        });
        checked.touch("team_id");
    };
    let team = Memo::new(move |_| form.with(|f| f.team_id));
    let start = Memo::new(move |_| form.with(|f| f.starts_at.value()));
    let rule = move || form.with(|f| Repeat::parse(&f.repeat));
    view! {
        <form id="activity-form" class="stack" method="post" novalidate
            on:submit=move |ev| checked.submit(ev, |activity| send.run(activity))>
            <ErrorSummary errors=Signal::derive(errors) attempts=checked.attempts.into() />
            <Field label=t("志愿队", "Team") name="team_id" errors in_place=true>
                <select id="team_id" name="team_id" aria-describedby="team_id-error" disabled=editing
                    on:change=move |ev| choose_team(event_target_value(&ev).parse().ok())>
                    <option value="">{t("请选择…", "Choose…")}</option>
                    {teams.into_iter().map(|choice| {
                        let (id, zh, en) = (choice.id, choice.name_zh, choice.name_en);
                        view! { <option value=id.to_string() selected=move || team_is(team, id)>
                            {move || lang.get().pick(&zh, &en).to_owned()}</option> }
                    }).collect_view()}
                </select>
            </Field>
            {checked.input("title", ("活动名称", "Title"), "text", |f| f.title.clone(), |f, v| f.title = v)}
            {checked.area("description", ("活动介绍：做什么、需要志愿者做什么", "What happens, and what volunteers do"), |f| f.description.clone(), |f, v| f.description = v)}
            {checked.input("place", ("集合地点", "Where to meet"), "text", |f| f.place.clone(), |f, v| f.place = v)}
            <div class="filters">
                {checked.input("starts_at", ("开始时间", "Starts"), "datetime-local", |f| f.starts_at.text(), |f, v| f.starts_at = Moment::Text(v))}
                {checked.input("ends_at", ("结束时间", "Ends"), "datetime-local", |f| f.ends_at.text(), |f, v| f.ends_at = Moment::Text(v))}
            </div>
            {checked.input("capacity", ("名额", "Places"), "number", |f| f.capacity.text(), |f, v| f.capacity = Whole::Text(v))}
            {if editing {
                view! {
                    <p class="muted">{move || match rule() {
                        Some(rule) => {
                            let (zh, en) = rule.label();
                            lang.get().pick(
                                &format!("系列活动（{zh}）：修改将用于以后各场，已开始的场次不变。"),
                                &format!("A series ({en}): the change applies to every occurrence still to come; past ones stay as they were."),
                            ).to_owned()
                        }
                        None => t("单次活动。", "A one-off.")().to_owned(),
                    }}</p>
                }.into_any()
            } else {
                view! {
                    <Field label=t("是否重复", "Repeats") name="repeat" errors in_place=true>
                        <select id="repeat" name="repeat" aria-describedby="repeat-error"
                            on:change=move |ev| form.update(|f| f.repeat = event_target_value(&ev))>
                            {RepeatKind::ALL.into_iter().map(|kind| view! {
                                <option value=kind.code() selected=move || form.with(|f| RepeatKind::parse(&f.repeat) == Some(kind))>
                                    {move || { let (zh, en) = kind.label(start.get()); lang.get().pick(&zh, &en).to_owned() }}
                                </option>
                            }).collect_view()}
                        </select>
                    </Field>
                }.into_any()
            }}
            <SubmitButton label pending />
        </form>
    }
}

/// Whether the form's team is this one (a plain function, so each option reads the memo).
fn team_is(team: Memo<Option<i64>>, id: i64) -> bool {
    team.get() == Some(id)
}
