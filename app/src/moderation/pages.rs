//! The staff dashboard and the queue.

use super::{Kind, Status, dashboard_figures, moderation_queue, waited};
use crate::data::resource;
use crate::{
    domain::{lang::Lang, time::beijing_datetime},
    i18n::{localized, t, use_lang},
    neighbourhoods::list_neighbourhoods,
    shell::{ErrorNote, Loading, PageHead, Pager},
};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let figures = resource(|| (), |_| dashboard_figures());
    view! {
        <PageHead title=("工作台", "Dashboard") />
        <h1>{t("工作台", "Dashboard")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let d = match figures.await {
                    Ok(d) => d,
                    Err(error) => return view! { <ErrorNote error /> }.into_any(),
                };
                let pending: i64 = d.pending_by_kind.iter().map(|(_, n)| n).sum();
                let median = d.median_decision_secs.map(waited);
                let rate = d.disposal_rate();
                view! {
                    <div class="figures">
                        <section class="card">
                            <h2>{t("待审核", "Pending")}</h2>
                            <p class="figure"><A href="/staff/queue">{pending}</A></p>
                            <ul>
                                {d.pending_by_kind.into_iter().map(|(kind, n)| {
                                    let (zh, en) = kind.label();
                                    view! { <li><A href=format!("/staff/queue?kind={}", kind.code())>{t(zh, en)} ": " {n}</A></li> }
                                }).collect_view()}
                            </ul>
                        </section>
                        <section class="card">
                            <h2>{t("已等待", "Waiting for")}</h2>
                            <ul>
                                {[("1天以内", "under a day"), ("1至3天", "1–3 days"), ("3至7天", "3–7 days"), ("超过7天", "over a week")]
                                    .into_iter().zip(d.pending_by_age).map(|((zh, en), n)| {
                                        let overdue = en == "over a week" && n > 0;
                                        view! { <li class:overdue=overdue>{t(zh, en)} ": " {n}</li> }
                                    }).collect_view()}
                            </ul>
                        </section>
                        <section class="card">
                            <h2>{t("本周已处理", "Decided this week")}</h2>
                            <p class="figure">{d.decided_this_week}</p>
                        </section>
                        <section class="card">
                            <h2>{t("处理用时中位数", "Median time to a decision")}</h2>
                            <p class="figure">{move || median.clone().map_or_else(|| "—".to_owned(), |(zh, en)| lang.get().pick(&zh, &en).to_owned())}</p>
                            <p class="muted">{t("近90天", "last 90 days")}</p>
                        </section>
                        <section class="card">
                            <h2>{t("办结率", "Disposal rate")}</h2>
                            <p class="figure">{rate.map_or_else(|| "—".to_owned(), |r| format!("{r:.1}%"))}</p>
                            <p class="muted">{move || match lang.get() {
                                Lang::Zh => format!("需工作人员处理 {} 件，已办结 {} 件", d.total, d.disposed),
                                Lang::En => format!("{} of {} for staff decided", d.disposed, d.total),
                            }}</p>
                            <p class="muted">{t(
                                "已办结：已通过、未通过或退回修改的；需处理的还包括待审核的。候补中（等名额）和申请人撤回的不计入。",
                                "Decided: approved, rejected or returned; for staff: those plus the pending. Waitlisted (waiting for a place) and withdrawn ones are not counted.",
                            )}</p>
                        </section>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let lang = use_lang();
    let param = crate::shell::use_query_param();
    let filter = move || {
        (
            param("kind"),
            param("community").and_then(|c| c.parse().ok()),
            param("status"),
            // Pages count from 1 in the address, from 0 for the server.
            param("page")
                .and_then(|p| p.parse::<u32>().ok())
                .map(|p| p.saturating_sub(1)),
        )
    };
    let queue = resource(filter, |(kind, community, status, page)| {
        moderation_queue(kind, community, status, page)
    });
    let neighbourhoods = resource(|| (), |_| list_neighbourhoods());
    view! {
        <PageHead title=("审核队列", "Moderation queue") />
        <h1>{t("审核队列", "Moderation queue")}</h1>
        <crate::shell::SearchForm>
            <label>{t("类型", "Kind")}
                <select name="kind">
                    <option value="">{t("全部类型", "All kinds")}</option>
                    {Kind::ALL.into_iter().map(|kind| {
                        let (code, (zh, en)) = (kind.code(), kind.label());
                        view! { <option value=code selected=move || param("kind").as_deref() == Some(code)>{t(zh, en)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{t("状态", "Status")}
                <select name="status">
                    {Status::ALL.into_iter().map(|status| {
                        let (code, (zh, en)) = (status.code(), status.label());
                        view! { <option value=code selected=move || param("status").as_deref().unwrap_or("pending") == code>{t(zh, en)}</option> }
                    }).collect_view()}
                    <option value="all" selected=move || param("status").as_deref() == Some("all")>{t("全部状态", "Any status")}</option>
                </select>
            </label>
            <label>{t("社区", "Community")}
                <select name="community">
                    <option value="">{t("全部社区", "All communities")}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            let scope = crate::staff::use_staff().map(|u| u.scope).unwrap_or_default();
                            scope.within(&neighbourhoods.await.unwrap_or_default()).into_iter()
                                .flat_map(|d| d.streets).flat_map(|s| s.communities)
                                .map(|c| {
                                    let id = c.id.to_string();
                                    let selected = param("community").as_deref() == Some(id.as_str());
                                    view! { <option value=id selected=selected>{localized(c.name)}</option> }
                                })
                                .collect_view()
                        })}
                    </Suspense>
                </select>
            </label>
            <button type="submit" class="button primary">{t("筛选", "Filter")}</button>
        </crate::shell::SearchForm>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let queue = match queue.await {
                    Ok(queue) => queue,
                    Err(error) => return view! { <ErrorNote error /> }.into_any(),
                };
                let total = queue.total;
                let pages = (total as u64).div_ceil(super::PER_PAGE as u64).max(1) as u32;
                let current = queue.page + 1;
                view! {
                    <p class="muted" role="status">{move || match lang.get() {
                        Lang::Zh => format!("共 {total} 件，等待最久的在前", ),
                        Lang::En => format!("{total} in all, longest waiting first"),
                    }}</p>
                    <crate::shell::TableScroll><table class="data queue">
                        <thead><tr>
                            <th scope="col">{t("受理编号", "Reference")}</th>
                            <th scope="col">{t("类型", "Kind")}</th>
                            <th scope="col">{t("申请人或对象", "Who or what")}</th>
                            <th scope="col">{t("社区", "Community")}</th>
                            <th scope="col">{t("状态", "Status")}</th>
                            <th scope="col">{t("提交时间", "Submitted")}</th>
                            <th scope="col">{t("已等待", "Waiting")}</th>
                        </tr></thead>
                        <tbody>
                            {queue.items.into_iter().map(|item| {
                                let (kind_zh, kind_en) = item.kind.label();
                                let (status_zh, status_en) = item.status.label();
                                let (wait_zh, wait_en) = waited(item.waited_secs);
                                view! {
                                    <tr>
                                        <td><A href=format!("/staff/submissions/{}", item.reference)>{item.reference.clone()}</A></td>
                                        <td>{t(kind_zh, kind_en)}</td>
                                        <td>{item.name.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td>{item.community.map(localized)}</td>
                                        <td>{t(status_zh, status_en)}</td>
                                        <td>{beijing_datetime(item.queued_at)}</td>
                                        <td>{move || lang.get().pick(&wait_zh, &wait_en).to_owned()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></crate::shell::TableScroll>
                    <Pager current pages />
                }.into_any()
            })}
        </Transition>
    }
}
