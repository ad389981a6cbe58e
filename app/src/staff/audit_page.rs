//! The audit log as admins read it: filtered by account, action and dates, newest first.

use super::{AuditEntry, AuditQuery, audit_log};
use crate::{
    data::resource,
    domain::{form::error_for, time::beijing_datetime},
    error::AppError,
    i18n::{t, use_lang},
    shell::{ErrorNote, Loading, PageHead, SearchForm, use_query_param},
};
use leptos::prelude::*;

/// Actions worth picking from a list; any other can be typed.
const ACTIONS: [&str; 12] = [
    "staff.",
    "staff.sign_in",
    "staff.sign_in_failed",
    "staff.sign_out",
    "staff.second_factor_enrol",
    "staff.second_factor_reset",
    "submission.view",
    "activity.attendance_view",
    "submission.",
    "service.",
    "category.",
    "activity.",
];

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let param = use_query_param();
    let query = move || AuditQuery {
        target: param("target"),
        account: param("account"),
        action: param("action"),
        from: param("from"),
        to: param("to"),
        // Pages count from 1 in the address, from 0 for the server.
        page: param("page")
            .and_then(|p| p.parse::<u32>().ok())
            .map(|p| p.saturating_sub(1)),
    };
    let entries = resource(query, audit_log);
    let message = move |field: &'static str| {
        entries.get().and_then(|r| r.err()).and_then(|e| {
            error_for(e.field_errors(), field).map(|e| e.message(lang.get()).to_owned())
        })
    };
    let field = move |name: &'static str,
                      (zh, en): (&'static str, &'static str),
                      kind: &'static str| {
        view! {
            <label>{t(zh, en)}
                <input name=name type=kind value=move || param(name).unwrap_or_default()
                    list=(name == "action").then_some("audit-actions")
                    aria-describedby=format!("{name}-error") />
                <span class="field-error" id=format!("{name}-error") aria-live="polite">{move || message(name)}</span>
            </label>
        }
    };
    view! {
        <PageHead title=("审计日志", "Audit log") />
        <h1>{t("审计日志", "Audit log")}</h1>
        <p class="lead">{t(
            "每一项审核决定、账号变更、登录和退出，以及每一次查看居民完整手机号，都记录在这里，任何人都不能修改。",
            "Every decision, account change, sign-in and sign-out, and every view of a resident's full mobile number, is recorded here; nobody can change it.",
        )}</p>
        <SearchForm>
            {field("account", ("账号", "Account"), "text")}
            {field("action", ("操作", "Action"), "text")}
            <datalist id="audit-actions">
                {ACTIONS.map(|a| view! { <option value=a></option> }).collect_view()}
            </datalist>
            {field("from", ("从（日期）", "From (date)"), "date")}
            {field("to", ("到（日期）", "To (date)"), "date")}
            <button type="submit" class="button">{t("筛选", "Filter")}</button>
        </SearchForm>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(AppError::Invalid(_)) => ().into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(entries) if entries.is_empty() => view! {
                        <p>{t("没有符合条件的记录。", "No entries match.")}</p>
                    }.into_any(),
                    Ok(entries) => view! { <AuditTable entries /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    view! {
        <crate::shell::TableScroll><table class="data">
            <thead><tr>
                <th scope="col">{t("时间", "When")}</th>
                <th scope="col">{t("人员", "Who")}</th>
                <th scope="col">{t("操作", "What")}</th>
                <th scope="col">{t("对象", "Target")}</th>
                <th scope="col">{t("之前", "Before")}</th>
                <th scope="col">{t("之后", "After")}</th>
            </tr></thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr>
                        <td>{beijing_datetime(e.at)}</td>
                        <td>{e.staff_username}</td>
                        <td><code>{e.action}</code></td>
                        <td>{e.target}</td>
                        <td><code>{e.before}</code></td>
                        <td><code>{e.after}</code></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></crate::shell::TableScroll>
    }
}
