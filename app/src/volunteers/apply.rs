//! Signing up: to join a team (`?team=`) or for one activity (`?activity=`). Checked as the
//! resident types with the rules the server applies; nothing typed is lost on an error.

use super::{Apply, get_activity, get_team};
use crate::data::resource;
use crate::{
    domain::{
        time::beijing_datetime,
        volunteer::{AVAILABILITY, Choice, PRIVACY_EN, PRIVACY_ZH, RawApplication, SKILLS},
    },
    error::AppError,
    hydration::{later, turn},
    i18n::{t, use_lang},
    shell::{
        ErrorNote, ErrorSummary, Field, PageHead, SubmitButton, failed_attempts, focus_on_mount,
        visible_errors,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashSet;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let query = use_query_map();
    let id_of =
        move |name: &str| query.with_untracked(|q| q.get(name).and_then(|v| v.parse::<i64>().ok()));
    let (team_id, activity_id) = (id_of("team"), id_of("activity"));
    let target = resource(
        move || (team_id, activity_id),
        |(team, activity)| async move {
            match (team, activity) {
                (_, Some(id)) => get_activity(id).await.map(|a| {
                    let when = beijing_datetime(a.starts_at);
                    (
                        format!("{} · {} · {when}", a.title, a.team_zh),
                        Some(a.places_left),
                    )
                }),
                (Some(id), None) => get_team(id).await.map(|t| (t.team.name_zh, None)),
                (None, None) => Err(AppError::NotFound),
            }
        },
    );
    let form = RwSignal::new(RawApplication {
        team_id: if activity_id.is_none() { team_id } else { None },
        activity_id,
        ..Default::default()
    });
    let action = ServerAction::<Apply>::new();
    // Made once per form load: a retry of this form gets its first receipt, nobody else does.
    let key = StoredValue::new(form_key());
    crate::shell::keep_draft("apply-form", form, key)
        .until(move || matches!(action.value().get(), Some(Ok(_))));
    view! {
        <PageHead
            title=("志愿者报名", "Volunteer sign-up")
            description=(
                "报名加入社区志愿者队伍或参加志愿活动：填写姓名、手机号、技能和可服务时间，审核后确认。",
                "Join a neighbourhood volunteer team or sign up for an activity: name, mobile, skills and when you can serve; staff confirm it.",
            )
        />
        <h1>{t("志愿者报名", "Volunteer sign-up")}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match target.await {
                    Ok((what, places_left)) => view! {
                        <p class="lead">{t("报名：", "Applying for: ")} <strong>{what}</strong></p>
                        {(places_left == Some(0)).then(|| view! {
                            <p class="notice">{t("名额已满：现在报名将进入候补，有人退出时按报名先后递补。", "This activity is full: you will join the waitlist and move up in order when a place frees.")}</p>
                        })}
                    }.into_any(),
                    Err(_) => view! {
                        <p role="alert" class="error">{t("没有找到要报名的队伍或活动，请从队伍或活动页面进入。", "We could not find that team or activity; please start from its page.")} " " <a href="/volunteers">{t("全部队伍", "All teams")}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
        {move || match action.value().get() {
            Some(Ok(receipt)) => view! { <Receipt reference=receipt.reference status=receipt.status /> }.into_any(),
            outcome => view! {
                <ApplicationForm form outcome=Signal::derive(move || outcome.clone().and_then(Result::err))
                    pending=action.pending().into()
                    send=Callback::new(move |application| { action.dispatch(Apply { application, idempotency_key: key.get_value() }); }) />
            }.into_any(),
        }}
    }
}

#[component]
fn ApplicationForm(
    form: RwSignal<RawApplication>,
    send: Callback<RawApplication>,
    outcome: Signal<Option<AppError>>,
    pending: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let touched = RwSignal::new(HashSet::<&'static str>::new());
    let local_errors = Memo::new(move |_| form.with(|f| f.parse().err().unwrap_or_default()));
    let errors = move || touched.with(|t| visible_errors(local_errors.get(), t, outcome.get()));
    let touch = move |field: &'static str| {
        touched.update(|t| {
            t.insert(field);
        })
    };
    // Read by screen readers with the field: "invalid entry".
    let invalid = move |name: &'static str| {
        move || crate::domain::form::error_for(&errors(), name).map(|_| "true")
    };
    let for_team = form.with_untracked(|f| f.activity_id.is_none());
    let attempts = failed_attempts(outcome);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touch("*");
        if local_errors.with(Vec::is_empty) {
            send.run(form.get_untracked());
        } else {
            attempts.update(|n| *n += 1);
        }
    };
    view! {
        <form id="apply-form" class="stack" method="post" on:submit=on_submit novalidate>
            <ErrorSummary errors=Signal::derive(errors) attempts=attempts.into() />
            <Field label=t("姓名", "Name") name="name" errors>
                <input id="name" name="name" type="text" autocomplete="name" aria-describedby="name-error" aria-invalid=invalid("name")
                    prop:value=move || form.with(|f| f.name.clone())
                    on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))
                    on:blur=move |_| touch("name") />
            </Field>
            <Field label=t("手机号", "Mobile number") name="phone" errors>
                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" aria-describedby="phone-error" aria-invalid=invalid("phone")
                    prop:value=move || form.with(|f| f.phone.clone())
                    on:input=move |ev| form.update(|f| f.phone = event_target_value(&ev))
                    on:blur=move |_| touch("phone") />
            </Field>
            <Choices legend=t("我的技能（可多选）", "My skills (choose any)") name="skills" choices=&SKILLS form errors=errors
                get=|f| &f.skills set=|f| &mut f.skills />
            <Field label=t("其他技能（选填，用逗号分开）", "Other skills (optional, separated by commas)") name="skills_other" errors>
                <input id="skills_other" name="skills_other" type="text" aria-describedby="skills_other-error" aria-invalid=invalid("skills")
                    prop:value=move || form.with(|f| f.skills_other.clone())
                    on:input=move |ev| form.update(|f| f.skills_other = event_target_value(&ev))
                    on:blur=move |_| touch("skills") />
            </Field>
            {for_team.then(|| view! {
                <Choices legend=t("可以服务的时间（至少一项）", "When I can serve (at least one)") name="availability" choices=&AVAILABILITY form errors=errors
                    get=|f| &f.availability set=|f| &mut f.availability />
                <Field label=t("其他时间（选填）", "Other times (optional)") name="availability_other" errors>
                    <input id="availability_other" name="availability_other" type="text" aria-describedby="availability_other-error" aria-invalid=invalid("availability")
                        prop:value=move || form.with(|f| f.availability_other.clone())
                        on:input=move |ev| form.update(|f| f.availability_other = event_target_value(&ev))
                        on:blur=move |_| touch("availability") />
                </Field>
            })}
            <Field label=t("备注（选填）", "Note (optional)") name="note" errors>
                <textarea id="note" name="note" rows="3" aria-describedby="note-error" aria-invalid=invalid("note")
                    prop:value=move || form.with(|f| f.note.clone())
                    on:input=move |ev| form.update(|f| f.note = event_target_value(&ev))
                    on:blur=move |_| touch("note")></textarea>
            </Field>
            {turn(view! {
                <section class="privacy" aria-labelledby="privacy-title">
                    <h2 id="privacy-title">{t("个人信息说明", "Privacy statement")}</h2>
                    <p>{move || lang.get().pick(PRIVACY_ZH, PRIVACY_EN)}</p>
                </section>
            })}
            <div class="field" class:invalid=move || crate::domain::form::error_for(&errors(), "consent").is_some()>
                <label class="choice">
                    <input type="checkbox" name="consent" aria-describedby="consent-error" aria-invalid=invalid("consent")
                        prop:checked=move || form.with(|f| f.consent)
                        on:change=move |ev| { form.update(|f| f.consent = event_target_checked(&ev)); touch("consent"); } />
                    {t("我已阅读并同意以上个人信息说明", "I have read and agree to the privacy statement")}
                </label>
                <p class="field-error" id="consent-error" aria-live="polite">
                    {move || crate::domain::form::error_for(&errors(), "consent").map(|e| e.message(lang.get()).to_owned())}
                </p>
            </div>
            {move || match outcome.get() {
                Some(AppError::Invalid(_)) | None => None,
                Some(error) => Some(view! { <ErrorNote error /> }),
            }}
            <SubmitButton label=("提交报名", "Apply") pending />
        </form>
    }
}

/// A random key for this form's POSTs, made in the browser; none where there is no script.
fn form_key() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        let crypto = web_sys::window()?.crypto().ok()?;
        crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
        Some(
            crate::domain::idempotency::IdempotencyKey::from_random(bytes)
                .as_str()
                .to_owned(),
        )
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// A group of checkboxes over one list of the form.
#[component]
fn Choices(
    legend: impl Fn() -> &'static str + Send + Sync + 'static,
    name: &'static str,
    choices: &'static [Choice],
    form: RwSignal<RawApplication>,
    errors: impl Fn() -> Vec<crate::domain::form::FieldError> + Send + Sync + Copy + 'static,
    get: fn(&RawApplication) -> &Vec<String>,
    set: fn(&mut RawApplication) -> &mut Vec<String>,
) -> impl IntoView {
    let lang = use_lang();
    let message = move || {
        crate::domain::form::error_for(&errors(), name).map(|e| e.message(lang.get()).to_owned())
    };
    later(move || {
        view! {
            <fieldset class="field" class:invalid=move || message().is_some() aria-describedby=format!("{name}-error")>
                <legend>{legend}</legend>
                {choices.iter().map(|&(code, zh, en)| turn(view! {
                    <label class="choice">
                        <input type="checkbox" name=name value=code
                            prop:checked=move || form.with(|f| get(f).iter().any(|c| c == code))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| {
                                    let list = set(f);
                                    list.retain(|c| c != code);
                                    if on { list.push(code.to_owned()); }
                                });
                            } />
                        {t(zh, en)}
                    </label>
                })).collect_view()}
                <p class="field-error" id=format!("{name}-error") aria-live="polite">{message}</p>
            </fieldset>
        }
    })
}

#[component]
fn Receipt(reference: String, status: crate::submissions::Status) -> impl IntoView {
    let waitlisted = status == crate::submissions::Status::Waitlisted;
    let heading = focus_on_mount();
    view! {
        <section class="card receipt" role="status">
            <h2 tabindex="-1" node_ref=heading>{t("报名已收到，谢谢！", "Application received, thank you!")}</h2>
            <crate::shell::ReferenceLine reference=reference.clone() />
            <p>{if waitlisted {
                t("状态：候补中。有人退出时按报名先后递补，递补后由工作人员审核。", "Status: waitlisted. You move up in order when a place frees, then staff review it.")
            } else {
                t("状态：待审核。已为您保留名额，工作人员审核后确认。", "Status: pending. A place is held for you until staff confirm it.")
            }}</p>
            <p>{t("请记下受理编号，凭编号和手机号可查询进度、撤回报名和查看服务时长。", "Keep the reference: with it and your mobile number you can follow up, withdraw, and see your hours.")}</p>
            <p><a href=crate::shell::status_address(&reference)>{t("查询报名进度", "Check my application")}</a> " · " <a href="/volunteers/activities">{t("更多活动", "More activities")}</a></p>
        </section>
    }
}
