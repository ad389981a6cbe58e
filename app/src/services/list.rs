//! The services page: every service, filtered by category and searched by text.

use super::search_services;
use crate::data::resource;
use crate::hydration::turn;
use crate::shell::{ErrorNote, Loading, MemberBadge, OpenBadge, PageHead, Pager};
use crate::{
    categories::{CategoryOptions, use_categories},
    domain::{
        category::Categories,
        lang::Lang,
        service::{DEFAULT_LIMIT, RawServiceQuery, ServiceSummary},
    },
    i18n::{localized, t, use_lang},
};
use leptos::prelude::*;

#[component]
pub fn ServicesPage() -> impl IntoView {
    let lang = use_lang();
    let param = crate::shell::use_query_param();
    let page_number = move || crate::shell::page_number(param);
    let results = resource(
        move || {
            let offset = (page_number() - 1) * DEFAULT_LIMIT;
            RawServiceQuery {
                category: param("category"),
                q: param("q"),
                offset: Some(offset.to_string()),
                ..Default::default()
            }
        },
        search_services,
    );
    let categories = use_categories();
    let search_box = search_box(move || param("q").unwrap_or_default());
    view! {
        <PageHead
            title=("生活服务", "Services")
            description=(
                "查找郑州市各社区的服务中心、卫生服务站、养老驿站、菜市场和便民商店，开放时间一目了然。",
                "Find service centres, health stations, elderly care, food markets and shops in Zhengzhou's communities, with opening hours.",
            )
        />
        <h1>{t("生活服务", "Services")}</h1>
        <p class="lead">
            <a href="/near">{t("按我家位置查找：步行5、10、15分钟内的服务 →", "Find what is within 5, 10 and 15 minutes of home →")}</a>
        </p>
        <p>
            <a href="/suggest">{t("身边有好去处没收录？推荐新的服务点", "Know a place we lack? Suggest a new service")}</a>
        </p>
        {turn(view! { <crate::shell::SearchForm id="service-search">
            <label>
                {t("搜索", "Search")}
                <input
                    type="search"
                    name="q"
                    value=search_box.get_untracked()
                    prop:value=search_box
                    on:input=move |ev| search_box.set(event_target_value(&ev))
                    placeholder=t("如：养老、药店、胡辣汤", "e.g. 养老, pharmacy")
                />
            </label>
            <label>
                {t("类别", "Category")}
                <select name="category">
                    <option value="" selected=move || param("category").is_none()>
                        {t("全部类别", "All categories")}
                    </option>
                    <CategoryOptions list=categories chosen=Signal::derive(move || param("category").unwrap_or_default()) icons=true />
                </select>
            </label>
            <button type="submit" class="button primary">{t("查找", "Search")}</button>
        </crate::shell::SearchForm> })}
        {turn(view! { <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match (results.await, categories.await) {
                    (Ok(page), Ok(categories)) => {
                        let pages = page.total.div_ceil(u64::from(DEFAULT_LIMIT)).max(1) as u32;
                        view! {
                            <p class="muted" role="status">
                                {move || match lang.get() {
                                    Lang::Zh => format!("共 {} 处服务", page.total),
                                    Lang::En => format!("{} services", page.total),
                                }}
                            </p>
                            <ServiceList items=page.items categories />
                            <Pager current=page_number() pages />
                        }
                            .into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Transition> })}
    }
}

/// The search box's text: the address's, and what the visitor types; what was typed before the
/// page was interactive is taken over once it is.
fn search_box(from_address: impl Fn() -> String + Send + Sync + 'static) -> RwSignal<String> {
    let text = RwSignal::new(untrack(&from_address));
    Effect::new(move |_| text.set(from_address()));
    #[cfg(feature = "hydrate")]
    if !crate::shell::hydrated().get_untracked() {
        let typed = crate::shell::typed_fields("service-search")
            .and_then(|pairs| pairs.into_iter().find(|(name, _)| name == "q"))
            .map(|(_, value)| value)
            .filter(|value| *value != text.get_untracked());
        let ready = crate::shell::hydrated();
        Effect::new(move |_| {
            if let Some(typed) = typed.clone().filter(|_| ready.get()) {
                text.set(typed);
            }
        });
    }
    text
}

/// A list of services, each linking to its page; with distances when a home is known.
#[component]
pub fn ServiceList(items: Vec<ServiceSummary>, categories: Categories) -> impl IntoView {
    let lang = use_lang();
    if items.is_empty() {
        return view! { <p class="muted">{t("没有找到符合条件的服务。", "No services match.")}</p> }.into_any();
    }
    // The list's own address, from the router and read now: by the time a tap's handler runs
    // the router may be at the service's, and the browser's address follows the router late.
    #[cfg(feature = "hydrate")]
    let here = {
        let location = leptos_router::hooks::use_location();
        format!(
            "qh-place:{}?{}",
            location.pathname.get_untracked(),
            location.search.get_untracked()
        )
    };
    #[cfg(feature = "hydrate")]
    {
        let here = here.clone();
        Effect::new(move |_| place::restore(&here));
    }
    view! {
        <ul class="service-list" on:click=move |_| {
            #[cfg(feature = "hydrate")]
            place::remember(&here);
        }>
            {items
                .into_iter()
                .map(|s| {
                    let category = categories.find(&s.category);
                    let icon = category.map(|c| c.icon.clone());
                    let kind = category.map(|c| localized(c.name()));
                    let href = format!("/services/{}", s.id);
                    let walk = s.walk_minutes.zip(s.distance_m);
                    view! {
                        <li class="card service">
                            <a href=href class="service-name">{icon} " " {s.name}</a>
                            <span class="muted">
                                {kind}
                                " · " {s.address}
                            </span>
                            <span class="facts">
                                {walk.map(|(minutes, metres)| view! {
                                    <span class="walk">
                                        {move || match lang.get() {
                                            Lang::Zh => format!("步行约 {minutes} 分钟 · {metres} 米"),
                                            Lang::En => format!("{minutes} min walk · {metres} m"),
                                        }}
                                    </span>
                                })}
                                {s.member.then(|| view! { <MemberBadge /> })}
                                <OpenBadge open=s.open_now />
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Where a list was left when one of its services was opened, so that a step back returns to
/// the same page of it at the same place, once its items are there again.
#[cfg(feature = "hydrate")]
mod place {
    fn storage() -> Option<(web_sys::Window, web_sys::Storage)> {
        let window = web_sys::window()?;
        let storage = window.session_storage().ok()??;
        Some((window, storage))
    }

    pub fn remember(name: &str) {
        if let Some((window, storage)) = storage() {
            let y = window.scroll_y().unwrap_or_default();
            let _ = storage.set_item(name, &y.to_string());
        }
    }

    pub fn restore(name: &str) {
        let Some((_, storage)) = storage() else {
            return;
        };
        let Some(y) = storage
            .get_item(name)
            .ok()
            .flatten()
            .and_then(|y| y.parse::<f64>().ok())
        else {
            return;
        };
        let _ = storage.remove_item(name);
        scroll_when_there(y, 20);
    }

    /// Scrolls to `y` once the page is tall enough: the list is put in the page after this
    /// runs, and the page grows as it is laid out; tries once a frame, `frames` times at most.
    fn scroll_when_there(y: f64, frames: u32) {
        leptos::prelude::request_animation_frame(move || {
            let window = gloo_utils::window();
            window.scroll_to_with_x_and_y(0.0, y);
            let reached = window.scroll_y().unwrap_or_default() >= y - 2.0;
            if !reached && frames > 1 {
                scroll_when_there(y, frames - 1);
            }
        });
    }
}
