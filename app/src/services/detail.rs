//! One service: hours, "open now", everything an errand needs, and how to call.

use super::get_service;
use crate::data::resource;
use crate::shell::{ErrorNote, Loading};
use crate::shell::{MemberBadge, OpenBadge};
use crate::{
    categories::use_categories,
    domain::{
        category::Categories,
        hours::{WeeklyHours, format_day},
        lang::Lang,
        service::{ErrandGuide, ServiceDetail},
    },
    i18n::{localized, t, title_text, use_lang},
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

const WEEKDAYS: [(&str, &str); 7] = [
    ("周一", "Mon"),
    ("周二", "Tue"),
    ("周三", "Wed"),
    ("周四", "Thu"),
    ("周五", "Fri"),
    ("周六", "Sat"),
    ("周日", "Sun"),
];

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let service = resource(
        move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())),
        |id| async move {
            match id {
                Some(id) => get_service(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    let categories = use_categories();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                // Without the list the page still serves, only without its category's name.
                let categories = categories.await.unwrap_or_default();
                match service.await {
                    Ok(detail) => view! { <Detail detail categories /> }.into_any(),
                    Err(error) => {
                        #[cfg(feature = "ssr")]
                        crate::error::with_status(error.clone());
                        view! {
                            <Title text=title_text("服务不存在", "Service not found") />
                            <h1>{t("没有找到这项服务", "We could not find this service")}</h1>
                            <ErrorNote error />
                            <p><a href="/services">{t("返回服务列表", "Back to all services")}</a></p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(detail: ServiceDetail, categories: Categories) -> impl IntoView {
    let category = categories.find(&detail.category);
    let icon = category.map(|c| c.icon.clone());
    let kind = category.map(|c| localized(c.name()));
    let title = detail.name.clone();
    let summary = format!("{} · {}", detail.name, detail.address);
    let suggest = format!("/suggest?service={}", detail.id);
    view! {
        <Title text=title />
        <Meta name="description" content=summary />
        <article class="service-detail">
            <p class="muted">
                {icon} " "
                {kind}
            </p>
            <h1>{detail.name}</h1>
            <p>
                {detail.member_shop.is_some().then(|| view! { <MemberBadge /> })}
                <OpenBadge open=detail.open_now />
            </p>
            <dl class="facts-list">
                <dt>{t("地址", "Address")}</dt>
                <dd>{detail.address}</dd>
                <dt>{t("所属社区", "Community")}</dt>
                <dd>{localized(detail.community)} {detail.grid.map(|g| format!(" · {g}"))}</dd>
                {detail.phone.map(|phone| {
                    let href = format!("tel:{}", phone.replace(['-', ' '], ""));
                    view! {
                        <dt>{t("电话", "Phone")}</dt>
                        <dd><a href=href class="phone">{phone}</a></dd>
                    }
                })}
            </dl>
            {(!detail.description.is_empty()).then(|| view! { <p>{detail.description}</p> })}
            <Hours hours=detail.hours today=detail.today />
            {detail.member_shop.map(|facts| view! { <crate::merchants::MemberFactsView facts /> })}
            {detail.guide.map(|guide| view! { <Guide guide /> })}
            <p>
                {detail.verified_at.map(|at| view! {
                    <span class="muted">{t("信息核实于 ", "Information confirmed on ")} {crate::domain::time::beijing_date(at)}</span>
                    " · "
                })}
                <a href=suggest>{t("信息有误？提出更正", "Something wrong? Suggest a correction")}</a>
            </p>
        </article>
    }
}

#[component]
fn Hours(hours: WeeklyHours, today: u8) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="hours-title">
            <h2 id="hours-title">{t("开放时间", "Opening hours")}</h2>
            <table class="hours">
                <tbody>
                    {WEEKDAYS
                        .iter()
                        .zip(hours.days)
                        .enumerate()
                        .map(|(n, (&(zh, en), day))| {
                            let text = format_day(&day);
                            let is_today = n == usize::from(today);
                            view! {
                                <tr class:today=is_today aria-current=is_today.then_some("date")>
                                    <th scope="row">
                                        {move || lang.get().pick(zh, en)}
                                        {is_today.then(|| view! { " " <span class="today-mark">{t("（今天）", "(today)")}</span> })}
                                    </th>
                                    <td>
                                        {if text.is_empty() {
                                            t("休息", "Closed").into_any()
                                        } else {
                                            text.into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {hours.note.map(|note| view! { <p class="notice">{note}</p> })}
        </section>
    }
}

/// 一次性告知: the papers to bring, the steps, how long it takes and what it costs.
#[component]
fn Guide(guide: ErrandGuide) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="guide-title" class="guide card">
            <h2 id="guide-title">{t("办事指南（一次性告知）", "What to bring and expect")}</h2>
            {guide.proxy.then(|| view! {
                <p class="badge proxy">{t("可由网格员全程代办", "A grid worker can run this errand for you")}</p>
            })}
            <h3>{t("所需材料（可逐项勾选）", "Papers to bring (tick as you go)")}</h3>
            <ul class="checklist">
                {guide
                    .materials
                    .into_iter()
                    .map(|m| view! { <li><label><input type="checkbox" /> " " {m}</label></li> })
                    .collect_view()}
            </ul>
            <h3>{t("办理流程", "Steps")}</h3>
            <ol>{guide.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
            <dl class="facts-list">
                <dt>{t("办理时限", "Time taken")}</dt>
                <dd>{guide.time_limit}</dd>
                <dt>{t("收费", "Fees")}</dt>
                <dd>{guide.fees}</dd>
            </dl>
            {(!guide.notes.is_empty()).then(|| view! {
                <h3>{t("注意事项", "Notes")}</h3>
                <ul>{guide.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            })}
            <p class="muted">
                {move || match lang.get() {
                    Lang::Zh => "材料备齐再出门，办事不跑第三趟。",
                    Lang::En => "Bring everything on the list and one trip will do.",
                }}
            </p>
        </section>
    }
}
