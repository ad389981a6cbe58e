//! The self-governance streets, and one street's page: the scheme in plain words, its road
//! chief and council, the pledge, and its member shops on a map and in a list.

use super::{MemberShop, StreetDetail, get_street, list_streets, map::StreetMap};
use crate::data::resource;
use crate::{
    categories::use_categories,
    domain::{
        category::Categories,
        lang::Lang,
        merchant::{PLEDGE_EN, PLEDGE_ZH},
        service::MemberFacts,
    },
    i18n::{localized, t, use_lang},
    shell::{ErrorNote, Loading, PageHead},
    shell::{MemberBadge, OpenBadge},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StreetsPage() -> impl IntoView {
    let lang = use_lang();
    let streets = resource(|| (), |_| list_streets());
    view! {
        <PageHead
            title=("商户自治", "Merchant self-governance")
            description=(
                "商户自治示范街：路长制、三会一平台、门前三包。店铺在这里登记加入，审核通过后显示在生活服务目录中。",
                "Merchant self-governance streets: a road chief, three councils and one platform, the front-of-shop pledge. Shops register here and, once approved, appear in the directory.",
            )
        />
        <h1>{t("商户自治", "Merchant self-governance")}</h1>
        <p class="lead">{t(
            "在商户自治街区，沿街店铺在路长带领下自己管理自己，共同遵守门前三包，亮证经营。",
            "On these streets the shops govern themselves under a road chief, keep the front-of-shop pledge together, and display their licences.",
        )}</p>
        <p><a class="button primary" href="/merchants/register">{t("登记我的店铺", "Register my shop")}</a></p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match streets.await {
                    Ok(streets) => view! {
                        <ul class="service-list">
                            {streets.into_iter().map(|s| {
                                let name = (s.name_zh.clone(), s.name_en.clone());
                                let community = (s.community_zh.clone(), s.community_en.clone());
                                let members = s.members;
                                view! {
                                    <li class="card service">
                                        <a class="service-name" href=format!("/merchants/streets/{}", s.id)>
                                            {move || lang.get().pick(&name.0, &name.1).to_owned()}
                                        </a>
                                        <span class="muted">
                                            {move || lang.get().pick(&community.0, &community.1).to_owned()}
                                            " · " {t("路长 ", "Road chief ")} {s.road_chief.clone()}
                                        </span>
                                        <span class="badge">{move || match lang.get() {
                                            Lang::Zh => format!("{members} 家成员店铺"),
                                            Lang::En => format!("{members} member shops"),
                                        }}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StreetPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let street = resource(id, |id| async move {
        match id {
            Some(id) => get_street(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let categories = use_categories();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let categories = categories.await.unwrap_or_default();
                match street.await {
                    Ok(detail) => view! { <Street detail categories /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Street(detail: StreetDetail, categories: Categories) -> impl IntoView {
    let lang = use_lang();
    let s = detail.street;
    let name = (s.name_zh.clone(), s.name_en.clone());
    let scheme = (detail.scheme_zh, detail.scheme_en);
    let pledge = (detail.pledge_zh, detail.pledge_en);
    let services: Vec<_> = detail
        .shops
        .iter()
        .map(|shop| shop.service.clone())
        .collect();
    view! {
        <Title text=lang.get_untracked().pick(&s.name_zh, &s.name_en).to_owned() />
        <p><a href="/merchants">{t("← 全部自治街区", "← All self-governance streets")}</a></p>
        <h1>{move || lang.get().pick(&name.0, &name.1).to_owned()}</h1>
        <p class="lead">{move || lang.get().pick(&scheme.0, &scheme.1).to_owned()}</p>
        <section class="card">
            <h2>{t("路长和自治会", "Road chief and council")}</h2>
            <dl class="facts-list">
                {detail.council.into_iter().map(|m| {
                    let role = (m.role_zh, m.role_en);
                    view! { <dt>{move || lang.get().pick(&role.0, &role.1).to_owned()}</dt><dd>{m.name}</dd> }
                }).collect_view()}
            </dl>
        </section>
        <section class="card">
            <h2>{t("门前三包承诺", "The front-of-shop pledge")}</h2>
            <p>{move || lang.get().pick(&pledge.0, &pledge.1).to_owned()}</p>
        </section>
        <p><a class="button primary" href=format!("/merchants/register?street={}", s.id)>{t("登记我的店铺", "Register my shop")}</a></p>
        <h2>{move || match lang.get() {
            Lang::Zh => format!("成员店铺（{} 家）", s.members),
            Lang::En => format!("Member shops ({})", s.members),
        }}</h2>
        <StreetMap street=s.clone() shops=services categories=categories.clone() />
        <ShopList shops=detail.shops categories />
    }
}

/// Member shops with their hours and the licences they display.
#[component]
fn ShopList(shops: Vec<MemberShop>, categories: Categories) -> impl IntoView {
    view! {
        <ul class="service-list">
            {shops.into_iter().map(|shop| {
                let s = shop.service;
                let category = categories.find(&s.category);
                let icon = category.map(|c| c.icon.clone());
                let kind = category.map(|c| localized(c.name()));
                view! {
                    <li class="card service">
                        <a href=format!("/services/{}", s.id) class="service-name">{icon} " " {s.name}</a>
                        <span class="muted">
                            {kind} " · " {s.address}
                        </span>
                        <span>{t("营业时间 ", "Hours ")} {shop.hours}</span>
                        <span class="muted">
                            {t("统一社会信用代码 ", "Credit code ")} {shop.uscc}
                            {shop.food_licence.map(|l| view! { " · " {t("食品经营许可证 ", "Food licence ")} {l} })}
                        </span>
                        <span class="facts">
                            <MemberBadge />
                            <OpenBadge open=s.open_now />
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// On a member shop's directory page: its street, the licences it displays and its pledge.
#[component]
pub fn MemberFactsView(facts: MemberFacts) -> impl IntoView {
    let lang = use_lang();
    let street = (facts.street_zh, facts.street_en);
    view! {
        <section class="card" aria-labelledby="member-title">
            <h2 id="member-title">{t("商户自治成员", "Self-governing merchant")}</h2>
            <dl class="facts-list">
                <dt>{t("所在自治街区", "Street")}</dt>
                <dd><a href=format!("/merchants/streets/{}", facts.street_id)>{move || lang.get().pick(&street.0, &street.1).to_owned()}</a></dd>
                <dt>{t("统一社会信用代码", "Unified social credit code")}</dt>
                <dd>{facts.uscc}</dd>
                {facts.food_licence.map(|l| view! { <dt>{t("食品经营许可证", "Food-business licence")}</dt><dd>{l}</dd> })}
                {facts.prepackaged_only.then(|| view! { <dt>{t("经营范围", "Trade")}</dt><dd>{t("仅销售预包装食品", "Prepackaged food only")}</dd> })}
                {facts.health_certificates.map(|n| view! { <dt>{t("持健康证从业人员", "Staff with health certificates")}</dt><dd>{n}</dd> })}
            </dl>
            <h3>{t("门前三包承诺", "Front-of-shop pledge")}</h3>
            <p>{move || lang.get().pick(PLEDGE_ZH, PLEDGE_EN)}</p>
        </section>
    }
}
