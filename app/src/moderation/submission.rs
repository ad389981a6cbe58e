//! One submission as staff review it, with its decision form.

use super::{Decide, Kind, Status, open_submission};
use crate::data::resource;
use crate::{
    domain::{lang::Lang, staff::RawDecision, time::beijing_datetime},
    error::AppError,
    i18n::{localized, t, use_lang},
    shell::{ErrorNote, Loading, PageHead},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

#[component]
pub fn SubmissionPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let reference = move || params.with(|p| p.get("reference")).unwrap_or_default();
    let action = ServerAction::<Decide>::new();
    let detail = resource(
        move || (reference(), action.version().get()),
        |(r, _)| open_submission(r),
    );
    view! {
        <PageHead title=("审核事项", "Submission") />
        <p><A href="/staff/queue">{t("← 返回审核队列", "← Back to the queue")}</A></p>
        // After a decision the record is read again: the page stays as it was meanwhile.
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let d = match detail.await {
                    Ok(d) => d,
                    Err(error) => return view! { <ErrorNote error /> }.into_any(),
                };
                let (kind_zh, kind_en) = d.kind.label();
                let (status_zh, status_en) = d.status.label();
                // Team leaders read their team's applications; moderators decide them.
                let decides = crate::staff::use_staff()
                    .is_some_and(|u| u.role.allows(crate::domain::staff::Role::Moderator));
                let pending = d.status == Status::Pending && decides;
                let returnable = d.kind.can_be_returned();
                let reference = d.reference.clone();
                // A suggestion is best decided by making its change in the directory, which
                // adopts it: a correction on the service's form, a new place on a new one.
                let adopt = (pending && d.kind == Kind::ServiceSuggestion).then(|| {
                    let service = d.versions.first().and_then(|v| {
                        v.fields.iter().find(|(k, _)| k == "service_id").map(|(_, id)| id.clone())
                    });
                    match service {
                        Some(id) => format!("/staff/services/{id}?suggestion={}", d.reference),
                        None => format!("/staff/services/new?suggestion={}", d.reference),
                    }
                });
                view! {
                    <h1>{t(kind_zh, kind_en)} " " <span class="reference">{d.reference.clone()}</span></h1>
                    <dl class="facts-list">
                        <dt>{t("状态", "Status")}</dt><dd class="status">{t(status_zh, status_en)}</dd>
                        <dt>{t("社区", "Community")}</dt><dd>{d.community.map(localized)}</dd>
                        {match &d.proposal {
                            Some(p) => view! { <dt>{t("提交人（队长账号）", "Submitted by (team leader)")}</dt><dd>{p.proposed_by.clone()}</dd> }.into_any(),
                            None => view! { <dt>{t("手机号", "Mobile")}</dt><dd>{d.phone.unwrap_or_else(|| "—".into())}</dd> }.into_any(),
                        }}
                        <dt>{t("首次提交", "First submitted")}</dt><dd>{beijing_datetime(d.created_at)}</dd>
                        <dt>{t("进入队列", "In the queue since")}</dt><dd>{beijing_datetime(d.queued_at)}</dd>
                        {d.note.map(|note| view! { <dt>{t("说明", "Note")}</dt><dd>{note}</dd> })}
                    </dl>
                    {d.versions.into_iter().enumerate().map(|(i, v)| {
                        let body = view! {
                            <dl class="facts-list">
                                {v.shown.into_iter().map(|field| {
                                    let (label, value) = (field.label, field.value);
                                    view! {
                                        <dt>{move || lang.get().pick(&label.0, &label.1).to_owned()}</dt>
                                        <dd class:changed=field.changed>
                                            {move || lang.get().pick(&value.0, &value.1).to_owned()}
                                            {field.changed.then(|| view! { " " <span class="badge changed">{t("已修改", "changed")}</span> })}
                                        </dd>
                                    }
                                }).collect_view()}
                            </dl>
                            {v.place.map(|place| view! { <ReviewMap place /> })}
                        };
                        let heading = move || match lang.get() {
                            Lang::Zh => format!("第 {} 版 · {}", v.version, beijing_datetime(v.created_at)),
                            Lang::En => format!("Version {} · {}", v.version, beijing_datetime(v.created_at)),
                        };
                        if i == 0 {
                            view! { <section class="card"><h2>{heading}</h2>{body}</section> }.into_any()
                        } else {
                            view! { <details class="card"><summary>{heading}</summary>{body}</details> }.into_any()
                        }
                    }).collect_view()}
                    {(!d.decisions.is_empty()).then(|| view! {
                        <h2>{t("处理记录", "Decisions")}</h2>
                        <ul class="history">
                            {d.decisions.into_iter().map(|r| {
                                let (zh, en) = r.decision.label();
                                view! { <li>{beijing_datetime(r.decided_at)} " · " {r.staff_username} " · " {t(zh, en)} {r.note.map(|n| format!("：{n}"))}</li> }
                            }).collect_view()}
                        </ul>
                    })}
                    {d.proposal.and_then(|p| p.activity_id).map(|id| view! {
                        <p class="notice">{t("已发布，居民现在可以报名。", "Published: residents can sign up now.")} " "
                            <A href=format!("/volunteers/apply?activity={id}")>{t("查看报名页面", "See its sign-up page")}</A>
                            " · " <A href=format!("/staff/activities/{id}")>{t("签到与时长", "Attendance")}</A></p>
                    })}
                    {adopt.map(|href| view! {
                        <p><A href=href attr:class="button primary">{t("在服务目录中修改并采纳", "Make the change in the directory and adopt it")}</A></p>
                    })}
                    {pending.then(|| view! { <DecisionForm reference action returnable /> })}
                }.into_any()
            })}
        </Transition>
        {move || match action.value().get() {
            Some(Ok(status)) => {
                let (zh, en) = status.label();
                Some(view! { <p role="status" class="notice">{t("已处理：", "Done: ")} {t(zh, en)}</p> }.into_any())
            }
            Some(Err(AppError::Invalid(_))) | None => None,
            Some(Err(error)) => Some(view! { <ErrorNote error /> }.into_any()),
        }}
    }
}

/// Approve, reject with a reason, or return with a note; the reason is checked as typed by the
/// same rule the server applies.
#[component]
fn DecisionForm(
    reference: String,
    action: ServerAction<Decide>,
    returnable: bool,
) -> impl IntoView {
    let lang = use_lang();
    let form = RwSignal::new(RawDecision::default());
    let tried = RwSignal::new(false);
    let errors = Memo::new(move |_| form.with(|f| f.parse().err().unwrap_or_default()));
    let message = move |field: &str| {
        let local = if tried.get() {
            errors.get()
        } else {
            Vec::new()
        };
        let server = match action.value().get() {
            Some(Err(error)) => error.field_errors().to_vec(),
            _ => Vec::new(),
        };
        local
            .into_iter()
            .chain(server)
            .find(|e| e.field == field)
            .map(|e| e.message(lang.get()).to_owned())
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if errors.with(Vec::is_empty) {
            action.dispatch(Decide {
                reference: reference.clone(),
                decision: form.get_untracked(),
            });
        }
    };
    view! {
        <h2>{t("作出决定", "Decide")}</h2>
        <form class="stack" method="post" on:submit=on_submit novalidate>
            <fieldset aria-describedby="decision-error">
                <legend>{t("决定", "Decision")}</legend>
                {[("approve", ("通过", "Approve")), ("reject", ("不通过", "Reject")), ("return", ("退回修改", "Return for correction"))]
                    .into_iter().filter(|(code, _)| returnable || *code != "return").map(|(code, (zh, en))| view! {
                        <label class="choice">
                            <input type="radio" name="decision" value=code
                                on:change=move |_| form.update(|f| f.decision = code.into()) />
                            {t(zh, en)}
                        </label>
                    }).collect_view()}
                <p class="field-error" id="decision-error" aria-live="polite">{move || message("decision")}</p>
            </fieldset>
            <div class="field" class:invalid=move || message("reason").is_some()>
                <label for="reason">{t("理由或需要修改的内容（不通过、退回时必填）", "Reason, or what to fix (required to reject or return)")}</label>
                <textarea id="reason" name="reason" rows="3" aria-describedby="reason-error"
                    prop:value=move || form.with(|f| f.reason.clone().unwrap_or_default())
                    on:input=move |ev| form.update(|f| f.reason = Some(event_target_value(&ev)))></textarea>
                <p class="field-error" id="reason-error" aria-live="polite">{move || message("reason")}</p>
            </div>
            <button type="submit" class="button primary" disabled=move || action.pending().get()>{t("提交决定", "Submit decision")}</button>
        </form>
    }
}

/// Where a submission puts its place, on the map of the street it names (or around the place).
#[component]
fn ReviewMap(place: crate::moderation::ReviewPlace) -> impl IntoView {
    use crate::domain::geo::LatLng;
    let Ok(picked) = LatLng::new(place.lat, place.lng) else {
        return ().into_any();
    };
    let street = place
        .street
        .unwrap_or_else(|| crate::merchants::StreetSummary {
            lat: place.centre.0,
            lng: place.centre.1,
            ..Default::default()
        });
    view! {
        <crate::merchants::StreetMap street shops=Vec::new() picked=Some(Signal::stored(Some(picked))) />
    }
    .into_any()
}
