//! Publishing an activity, and changing or calling off one.

use super::{
    CancelActivity, EditableActivity, ProposeActivity, SaveActivity, activity_form::ActivityForm,
    open_activity, staff_teams,
};
use crate::{
    data::resource,
    domain::{
        activity::{RawActivity, RawCancel},
        form::error_for,
        time::beijing_datetime,
    },
    error::AppError,
    i18n::{t, use_lang},
    shell::{ErrorNote, Loading, PageHead, keep_draft},
};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

#[component]
pub fn NewActivityPage() -> impl IntoView {
    let query = use_query_map();
    let team = query.with_untracked(|q| q.get("team").and_then(|t| t.parse().ok()));
    let teams = resource(|| (), |_| staff_teams());
    let form = RwSignal::new(RawActivity {
        team_id: team,
        repeat: "none".into(),
        ..RawActivity::default()
    });
    let save = ServerAction::<SaveActivity>::new();
    keep_draft("activity-form", form, StoredValue::new(None))
        .until(move || matches!(save.value().get(), Some(Ok(_))));
    let outcome = Signal::derive(move || save.value().get().and_then(Result::err));
    let send = Callback::new(move |activity| {
        save.dispatch(SaveActivity { id: None, activity });
    });
    view! {
        <PageHead title=("发布活动", "Publish an activity") />
        <h1>{t("发布活动", "Publish an activity")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let teams = match teams.await {
                    Ok(teams) => teams,
                    Err(error) => return view! { <ErrorNote error /> }.into_any(),
                };
                // The team's place fills in only when the team is chosen on the page.
                if let Some(place) = teams.iter().find(|t| Some(t.id) == team).map(|t| t.meeting_place.clone()) {
                    form.update(|f| if f.place.is_empty() { f.place = place });
                }
                view! {
                    {move || match save.value().get() {
                        Some(Ok(saved)) => view! {
                            <div class="notice" role="status">
                                <p>{t("已发布，居民现在可以报名。", "Published: residents can sign up now.")}</p>
                                <p><A href=format!("/volunteers/apply?activity={}", saved.id)>{t("查看报名页面", "See its sign-up page")}</A>
                                   " · " <A href=format!("/staff/activities/{}/edit", saved.id)>{t("继续修改", "Change it")}</A></p>
                            </div>
                        }.into_any(),
                        _ => view! {
                            {move || outcome.get().filter(|e| !matches!(e, AppError::Invalid(_))).map(|error| view! { <ErrorNote error /> })}
                            <ActivityForm form send outcome pending=save.pending().into() label=("发布", "Publish") teams=teams.clone() editing=false />
                        }.into_any(),
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

/// A team leader's activity: the same form, for their own team, and it waits for the area's
/// moderator before residents see it.
#[component]
pub fn ProposeActivityPage() -> impl IntoView {
    let teams = resource(|| (), |_| staff_teams());
    let form = RwSignal::new(RawActivity {
        repeat: "none".into(),
        ..RawActivity::default()
    });
    let propose = ServerAction::<ProposeActivity>::new();
    keep_draft("activity-proposal", form, StoredValue::new(None))
        .until(move || matches!(propose.value().get(), Some(Ok(_))));
    let outcome = Signal::derive(move || propose.value().get().and_then(Result::err));
    let send = Callback::new(move |activity| {
        propose.dispatch(ProposeActivity { activity });
    });
    view! {
        <PageHead title=("提交活动", "Submit an activity") />
        <h1>{t("提交活动", "Submit an activity")}</h1>
        <p class="lead">{t("提交后进入审核队列，社区审核通过后公开，居民才能报名。", "It goes to the review queue; once the community approves it, it is public and residents can sign up.")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let teams = match teams.await {
                    Ok(teams) => teams,
                    Err(error) => return view! { <ErrorNote error /> }.into_any(),
                };
                // A team leader has one team: it is chosen, and its meeting place filled in.
                if let [team] = teams.as_slice() {
                    form.update(|f| {
                        f.team_id.get_or_insert(team.id);
                        if f.place.is_empty() { f.place = team.meeting_place.clone() }
                    });
                }
                view! {
                    {move || match propose.value().get() {
                        Some(Ok(filed)) => view! {
                            <div class="notice" role="status">
                                <p>{t("已提交，等待审核。受理编号：", "Submitted for review. Reference: ")} <strong class="reference">{filed.reference.clone()}</strong></p>
                                <p><A href=format!("/staff/submissions/{}", filed.reference)>{t("查看审核进度", "Follow its review")}</A></p>
                            </div>
                        }.into_any(),
                        _ => view! {
                            {move || outcome.get().filter(|e| !matches!(e, AppError::Invalid(_))).map(|error| view! { <ErrorNote error /> })}
                            <ActivityForm form send outcome pending=propose.pending().into() label=("提交审核", "Submit for review") teams=teams.clone() editing=false />
                        }.into_any(),
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn EditActivityPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let cancel = ServerAction::<CancelActivity>::new();
    let teams = resource(|| (), |_| staff_teams());
    let activity = resource(
        move || (id(), cancel.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => open_activity(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <PageHead title=("修改活动", "Change an activity") />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match (activity.await, teams.await) {
                    (Ok(activity), Ok(teams)) => view! { <ActivityEditor activity teams cancel /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ActivityEditor(
    activity: EditableActivity,
    teams: Vec<crate::volunteers::TeamSummary>,
    cancel: ServerAction<CancelActivity>,
) -> impl IntoView {
    let id = activity.id;
    let lang = use_lang();
    let mut shown = activity.activity.clone();
    shown.starts_at = crate::domain::activity::Moment::Text(shown.starts_at.text());
    shown.ends_at = crate::domain::activity::Moment::Text(shown.ends_at.text());
    let form = RwSignal::new(shown);
    let save = ServerAction::<SaveActivity>::new();
    keep_draft("activity-form", form, StoredValue::new(None))
        .until(move || matches!(save.value().get(), Some(Ok(_))));
    let outcome = Signal::derive(move || save.value().get().and_then(Result::err));
    let send = Callback::new(move |activity| {
        save.dispatch(SaveActivity {
            id: Some(id),
            activity,
        });
    });
    let (held, waitlisted) = (activity.held, activity.waitlisted);
    let series = activity.series_id.is_some();
    view! {
        <h1>{activity.activity.title.clone()}</h1>
        <p class="muted">
            {activity.team_zh.clone()} " · " {activity.activity.starts_at.value().map(beijing_datetime)}
            " · " {move || lang.get().pick(&format!("已占名额 {held}，候补 {waitlisted} 人"), &format!("{held} places held, {waitlisted} waiting")).to_owned()}
        </p>
        <p><A href=format!("/staff/activities/{id}")>{t("签到与时长", "Attendance")}</A></p>
        {match activity.cancelled {
            Some(cancelled) => view! {
                <section class="notice" aria-labelledby="cancelled-title">
                    <h2 id="cancelled-title">{t("活动已取消", "Called off")}</h2>
                    <p>{cancelled.reason} " · " {beijing_datetime(cancelled.at)}</p>
                </section>
            }.into_any(),
            None => view! {
                {move || save.value().get().map(|outcome| match outcome {
                    Ok(_) => view! { <p class="notice" role="status">{t("已保存。", "Saved.")}</p> }.into_any(),
                    Err(AppError::Invalid(_)) => ().into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                })}
                <ActivityForm form send outcome pending=save.pending().into() label=("保存修改", "Save changes") teams editing=true />
                {(!activity.started).then(|| view! { <CancelForm id cancel series /> })}
            }.into_any(),
        }}
    }
}

#[component]
fn CancelForm(id: i64, cancel: ServerAction<CancelActivity>, series: bool) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let whole = RwSignal::new(false);
    let error = move || {
        cancel.value().with(|v| match v {
            Some(Err(e)) => {
                error_for(e.field_errors(), "reason").map(|e| e.message(lang.get()).to_owned())
            }
            _ => None,
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cancel_with = RawCancel {
            reason: reason.get_untracked(),
            series: whole.get_untracked(),
        };
        cancel.dispatch(CancelActivity {
            id,
            cancel: cancel_with,
        });
    };
    view! {
        <form class="stack" method="post" on:submit=on_submit aria-labelledby="cancel-title">
            <h2 id="cancel-title">{t("取消活动", "Call it off")}</h2>
            <p class="muted">{t("所有报名（含候补）都将标记为“活动已取消”，报名人在查询页能看到下面填写的原因。", "Every application, waitlisted ones too, is marked cancelled; applicants read the reason below on their status page.")}</p>
            <label for="cancel-reason">{t("取消原因", "Reason")}</label>
            <input id="cancel-reason" name="reason" type="text" aria-describedby="cancel-reason-error"
                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            <p class="field-error" id="cancel-reason-error" aria-live="polite">{error}</p>
            {series.then(|| view! {
                <label class="choice">
                    <input type="checkbox" name="series" on:change=move |ev| whole.set(event_target_checked(&ev)) />
                    {t("同时取消以后各场，并停止这个系列", "Also call off every later occurrence and end the series")}
                </label>
            })}
            <button type="submit" class="button danger">{t("取消活动", "Call it off")}</button>
        </form>
    }
}
