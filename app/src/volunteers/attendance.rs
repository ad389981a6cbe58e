//! Staff pages for after an activity: which activities have volunteers, and an activity's sheet
//! where staff tick who came and how many hours each served.

use super::sheet::{AttendanceSheet, RawAttendance, StaffActivity};
use crate::data::resource;
use crate::{
    domain::{form::error_for, schedule::hours_text, time::beijing_datetime},
    error::AppError,
    i18n::{t, use_lang},
    shell::{ErrorNote, Loading, PageHead},
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::{components::A, hooks::use_params_map};

#[server(endpoint = "staff/activities", input = GetUrl)]
pub async fn staff_activity_list() -> Result<Vec<StaffActivity>, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::TeamLeader).await?;
    super::records::staff_activities(&state.db, user.scope, crate::storage::unix_now())
        .await
        .map_err(|e| with_status(e.into()))
}

#[server(endpoint = "staff/attendance", input = GetUrl)]
pub async fn open_attendance(activity: i64) -> Result<AttendanceSheet, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::TeamLeader).await?;
    super::records::open_sheet(&state.db, &user, activity)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}

#[server(endpoint = "staff/attendance/save")]
pub async fn save_attendance(activity: i64, entries: Vec<RawAttendance>) -> Result<(), AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::TeamLeader).await?;
    super::records::record_attendance(
        &state.db,
        &user,
        activity,
        &entries,
        crate::storage::unix_now(),
    )
    .await
    .map_err(with_status)
}

#[component]
pub fn StaffActivitiesPage() -> impl IntoView {
    let list = resource(|| (), |_| staff_activity_list());
    view! {
        <PageHead title=("活动签到", "Attendance") />
        <h1>{t("活动签到与时长", "Attendance and hours")}</h1>
        <p class="muted">{t("前后两周内有人报名的活动。活动开始后可登记出勤和服务时长。", "Activities of the past and coming two weeks with volunteers. Attendance can be recorded once an activity has started.")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let listed = match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="muted">{t("暂无活动。", "No activities.")}</p> }.into_any(),
                    Ok(items) => view! {
                        <crate::shell::TableScroll><table class="data">
                            <thead><tr>
                                <th scope="col">{t("活动", "Activity")}</th>
                                <th scope="col">{t("时间", "When")}</th>
                                <th scope="col">{t("已通过/名额", "Approved / places")}</th>
                                <th scope="col">{t("已登记", "Recorded")}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|a| view! {
                                    <tr>
                                        <td><A href=format!("/staff/activities/{}", a.id)>{a.title}</A><br /><span class="muted">{a.team_zh}</span></td>
                                        <td>{beijing_datetime(a.starts_at)}</td>
                                        <td>{format!("{} / {}", a.approved, a.capacity)}</td>
                                        <td>{a.recorded}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></crate::shell::TableScroll>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                };
                // Moderators publish; a team leader submits for their review. Who is signed in is
                // known here, inside the page's wait, alike on both sides.
                let publishes = crate::staff::use_staff()
                    .is_some_and(|u| u.role.allows(crate::domain::staff::Role::Moderator));
                let publish = match publishes {
                    true => view! { <p><A href="/staff/activities/new" attr:class="button">{t("发布活动", "Publish an activity")}</A></p> }.into_any(),
                    false => view! { <p><A href="/staff/activities/propose" attr:class="button">{t("提交活动", "Submit an activity")}</A></p> }.into_any(),
                };
                view! { {publish} {listed} }
            })}
        </Suspense>
    }
}

#[component]
pub fn AttendancePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let sheet = resource(id, |id| async move {
        match id {
            Some(id) => open_attendance(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <PageHead title=("登记出勤", "Record attendance") />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match sheet.await {
                    Ok(sheet) => view! { <Sheet sheet /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Sheet(sheet: AttendanceSheet) -> impl IntoView {
    let lang = use_lang();
    let activity = sheet.activity;
    let length = (activity.ends_at - activity.starts_at) / 60;
    let entries = RwSignal::new(
        sheet
            .rows
            .iter()
            .map(|r| RawAttendance {
                reference: r.reference.clone(),
                attended: r.attended.unwrap_or(false),
                hours: hours_text(r.minutes.filter(|m| *m > 0).unwrap_or(length)),
            })
            .collect::<Vec<_>>(),
    );
    let action = ServerAction::<SaveAttendance>::new();
    let activity_id = activity.id;
    let message = move |field: String| {
        action.value().with(|v| match v {
            Some(Err(e)) => {
                error_for(e.field_errors(), &field).map(|e| e.message(lang.get()).to_owned())
            }
            _ => None,
        })
    };
    view! {
        <h1>{activity.title.clone()}</h1>
        <p class="lead">{activity.team_zh.clone()} " · " {beijing_datetime(activity.starts_at)} " – " {beijing_datetime(activity.ends_at)[11..].to_owned()}</p>
        <p><A href=format!("/staff/activities/{}/edit", activity.id)>{t("修改或取消活动", "Change or call off")}</A></p>
        <p class="muted">{move || match lang.get() {
            crate::domain::lang::Lang::Zh => format!("活动时长 {} 小时；服务时长不能超过它。", hours_text(length)),
            crate::domain::lang::Lang::En => format!("The activity lasts {} hours; no one can serve longer.", hours_text(length)),
        }}</p>
        {sheet.rows.is_empty().then(|| view! { <p class="muted">{t("还没有已通过的志愿者。", "No approved volunteers yet.")}</p> })}
        <form class="stack" method="post" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            action.dispatch(SaveAttendance { activity: activity_id, entries: entries.get_untracked() });
        }>
            <crate::shell::TableScroll><table class="data">
                <thead><tr>
                    <th scope="col">{t("姓名", "Name")}</th>
                    <th scope="col">{t("手机号", "Mobile")}</th>
                    <th scope="col">{t("出勤", "Attended")}</th>
                    <th scope="col">{t("服务时长（小时）", "Hours served")}</th>
                </tr></thead>
                <tbody>
                    {sheet.rows.into_iter().enumerate().map(|(i, row)| {
                        let field = format!("hours-{}", row.reference);
                        let error_id = format!("{field}-error");
                        let name = row.name.clone();
                        view! {
                            <tr>
                                <td>{row.name}</td>
                                <td>{row.phone}</td>
                                <td><input type="checkbox" aria-label=format!("{name} 出勤")
                                    prop:checked=move || entries.with(|e| e[i].attended)
                                    on:change=move |ev| entries.update(|e| e[i].attended = event_target_checked(&ev)) /></td>
                                <td>
                                    <input type="text" inputmode="decimal" size="4" aria-label=format!("{name} 服务时长")
                                        aria-describedby=error_id.clone()
                                        prop:value=move || entries.with(|e| e[i].hours.clone())
                                        prop:disabled=move || entries.with(|e| !e[i].attended)
                                        on:input=move |ev| entries.update(|e| e[i].hours = event_target_value(&ev)) />
                                    <p class="field-error" id=error_id aria-live="polite">{let f = field.clone(); move || message(f.clone())}</p>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></crate::shell::TableScroll>
            <p class="field-error" aria-live="polite">{move || message("activity".into())}</p>
            {move || action.value().get().map(|outcome| match outcome {
                Ok(()) => view! { <p role="status" class="notice">{t("已保存。", "Saved.")}</p> }.into_any(),
                Err(AppError::Invalid(_)) => ().into_any(),
                Err(error) => view! { <ErrorNote error /> }.into_any(),
            })}
            <button type="submit" class="button primary" disabled=move || action.pending().get()>{t("保存出勤记录", "Save attendance")}</button>
        </form>
    }
}
