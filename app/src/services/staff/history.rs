//! A service's history: every version, who made it, when, and each field before and after.

use super::service_history;
use crate::data::resource;
use crate::{
    domain::time::beijing_datetime,
    error::AppError,
    i18n::t,
    shell::{ErrorNote, Loading, PageHead},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

/// A field's name as staff read it.
fn label(field: &str) -> (&'static str, &'static str) {
    match field {
        "name" => ("名称", "Name"),
        "category" => ("类别", "Category"),
        "address" => ("地址", "Address"),
        "description" => ("简介", "Description"),
        "phone" => ("电话", "Phone"),
        "location" => ("位置", "Location"),
        "community_id" => ("社区", "Community"),
        "grid_id" => ("网格", "Grid"),
        "hours" => ("营业时间", "Hours"),
        "hours_note" => ("节假日安排", "Holiday note"),
        "guide" => ("一次性告知", "Errand guide"),
        "closed" => ("关闭原因", "Closed because"),
        _ => ("其他", "Other"),
    }
}

#[component]
pub fn ServiceHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let history = resource(id, |id| async move {
        match id {
            Some(id) => service_history(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <PageHead title=("修改记录", "History") />
        <h1>{t("修改记录", "History")}</h1>
        {move || id().map(|id| view! {
            <p><A href=format!("/staff/services/{id}")>{t("返回编辑", "Back to the entry")}</A></p>
        })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(entries) if entries.is_empty() => view! {
                        <p>{t("这条信息来自最初导入的数据，还没有修改记录。", "This entry came with the first data and has not been changed since.")}</p>
                    }.into_any(),
                    Ok(entries) => view! {
                        <ol class="stack history">
                            {entries.into_iter().map(|entry| {
                                let (zh, en) = entry.action.label();
                                view! {
                                    <li>
                                        <h2>{t("第", "Version ")} {entry.version} {t(" 版 · ", " · ")} {t(zh, en)}</h2>
                                        <p class="muted">{beijing_datetime(entry.at)} " · " {entry.staff_username}
                                            {entry.suggestion.map(|r| view! { " · " {t("采纳居民建议 ", "adopting ")} {r} })}</p>
                                        {(!entry.changes.is_empty()).then(|| view! {
                                            <crate::shell::TableScroll><table class="data">
                                                <thead><tr>
                                                    <th scope="col">{t("项目", "Field")}</th>
                                                    <th scope="col">{t("修改前", "Before")}</th>
                                                    <th scope="col">{t("修改后", "After")}</th>
                                                </tr></thead>
                                                <tbody>{entry.changes.into_iter().map(|c| {
                                                    let (zh, en) = label(&c.field);
                                                    view! { <tr><th scope="row">{t(zh, en)}</th><td>{c.before}</td><td>{c.after}</td></tr> }
                                                }).collect_view()}</tbody>
                                            </table></crate::shell::TableScroll>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
