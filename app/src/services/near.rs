//! "Near me": a resident sets home (their community, the browser's location, or a tap on the
//! map) and sees what lies within 5, 10 and 15 minutes' walk, and what is missing.
//! Home lives on the device (localStorage) and in the address's fragment (`#home=lat,lng`, so a
//! link can be shared), which browsers never send: no access log or Referer carries it. The
//! search itself sends it in a POST body, used for one answer and kept nowhere.

use super::{
    WithinReach,
    home::{locate, remember, show_in_address, take_home_from_address},
    list::ServiceList,
    map::NearMap,
    nearby,
};
use crate::data::resource;
use crate::shell::{ErrorNote, Loading, PageHead};
use crate::{
    categories::use_categories,
    domain::{
        category::Categories, circle::Circle, geo::LatLng, lang::Lang,
        neighbourhood::DistrictOverview,
    },
    hydration::turn,
    i18n::{t, use_lang},
    neighbourhoods::list_neighbourhoods,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NearPage() -> impl IntoView {
    // A `?home=` comes only from the community form without a script (a community's centre,
    // not a home) or from an old link. Server and browser both start from it, so hydration
    // agrees; the browser then moves home into the fragment.
    let query = use_query_map();
    let home = RwSignal::new(
        query
            .with_untracked(|q| q.get("home"))
            .and_then(|h| LatLng::parse_pair(&h)),
    );
    let set_home = Callback::new(move |place: LatLng| {
        remember(place);
        show_in_address(place);
        home.set(Some(place));
    });
    take_home_from_address(home);
    // The community choice follows home, wherever it was set from.
    let community = RwSignal::new(String::new());

    let results = resource(
        move || home.get(),
        |home| async move {
            match home {
                Some(h) => nearby(h.lat(), h.lng()).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let categories = use_categories();
    view! {
        <PageHead
            title=("我家附近", "Near my home")
            description=(
                "设定家的位置，查看步行5、10、15分钟内的服务，以及生活圈里还缺什么。",
                "Set your home and see the services within 5, 10 and 15 minutes' walk, and what the circle lacks.",
            )
        />
        <h1>{t("我家附近", "Near my home")}</h1>
        // In turns: each hydrates its `<Suspense>` whole, in one go.
        {turn(view! { <HomePicker set_home community map_shown=Signal::derive(move || !community.get().is_empty()) /> })}
        {turn(view! { <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match (results.await, categories.await, home.get_untracked()) {
                    (Ok(Some(found)), Ok(categories), Some(home)) => {
                        let nearest = found.community.clone().unwrap_or_default();
                        Effect::new(move |_| community.set(nearest.clone()));
                        if found.community.is_none() {
                            view! { <NotCovered /> }.into_any()
                        } else {
                            view! { <Circles home found categories set_home /> }.into_any()
                        }
                    }
                    (Err(error), _, _) | (_, Err(error), _) => view! { <ErrorNote error /> }.into_any(),
                    _ => view! {
                        <p class="notice">{t("请先设定家的位置：选择所在社区，或使用当前位置。", "First set your home: choose your community, or use your current location.")}</p>
                    }.into_any(),
                }
            })}
        </Transition> })}
    }
}

/// Choose a community, or ask the browser where we are. The community form also works
/// without the page's script: it submits `home` as a plain GET.
#[component]
fn HomePicker(
    set_home: Callback<LatLng>,
    /// The chosen community's value: the one home lies in, or none.
    community: RwSignal<String>,
    /// Whether a map is on the page to tap home on.
    map_shown: Signal<bool>,
) -> impl IntoView {
    let districts = resource(|| (), |_| list_neighbourhoods());
    let geo_error = RwSignal::new(false);
    view! {
        <form method="GET" action="/near" class="filters home-picker">
            <label>
                {t("我住在", "I live in")}
                <select
                    name="home"
                    prop:value=move || community.get()
                    on:change=move |ev| {
                        if let Some(place) = LatLng::parse_pair(&event_target_value(&ev)) {
                            set_home.run(place);
                        }
                    }
                >
                    <option value="">{t("选择社区…", "Choose a community…")}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            districts.await.map(|d| community_options(d, community)).unwrap_or_else(|_| ().into_any())
                        })}
                    </Suspense>
                </select>
            </label>
            <noscript><button type="submit" class="button primary">{t("查看", "Show")}</button></noscript>
            <button type="button" class="button" on:click=move |_| locate(set_home, geo_error)>
                {t("使用我的当前位置", "Use my current location")}
            </button>
        </form>
        <Show when=move || geo_error.get()>
            <p role="alert" class="error">
                {move || if map_shown.get() {
                    t("无法获取您的位置（可能没有允许定位）。请在上面选择所在社区，或在地图上点按家的位置。", "Your location is not available (perhaps it was not allowed). Choose your community above, or tap your home on the map.")()
                } else {
                    t("无法获取您的位置（可能没有允许定位）。请在上面选择所在社区。", "Your location is not available (perhaps it was not allowed). Choose your community above.")()
                }}
            </p>
        </Show>
    }
}

/// The communities by street; the one home lies in is chosen, also when the list comes after.
fn community_options(districts: Vec<DistrictOverview>, chosen: RwSignal<String>) -> AnyView {
    let lang = use_lang();
    districts
        .into_iter()
        .flat_map(|d| d.streets)
        .map(|street| {
            let label = move || lang.get().pick(&street.name.zh, &street.name.en).to_owned();
            view! {
                <optgroup label=label>
                    {street
                        .communities
                        .into_iter()
                        .map(|c| {
                            let name = c.name.clone();
                            let value = c.location.to_pair();
                            let this = value.clone();
                            view! {
                                <option value=value selected=move || chosen.with(|c| *c == this)>
                                    {move || lang.get().pick(&name.zh, &name.en).to_owned()}
                                </option>
                            }
                        })
                        .collect_view()}
                </optgroup>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
fn Circles(
    home: LatLng,
    found: WithinReach,
    categories: Categories,
    set_home: Callback<LatLng>,
) -> impl IntoView {
    let lang = use_lang();
    let rings = Circle::ALL.map(|circle| {
        let items: Vec<_> = found
            .items
            .iter()
            .filter(|s| s.distance_m.and_then(|d| Circle::containing(f64::from(d))) == Some(circle))
            .cloned()
            .collect();
        (circle, items)
    });
    let gaps = found.gaps.clone();
    view! {
        <div class="near-layout">
            <NearMap home found categories=categories.clone() on_pick=set_home />
            <div class="rings">
                {rings
                    .into_iter()
                    .map(|(circle, items)| {
                        let count = items.len();
                        let minutes = circle.minutes();
                        let (low, high) = circle.minute_range();
                        let (near, far) = circle.distance_range();
                        view! {
                            <section class="ring-group" aria-label=move || match lang.get() {
                                Lang::Zh => format!("步行{minutes}分钟内"),
                                Lang::En => format!("Within {minutes} minutes"),
                            }>
                                <h2>
                                    {move || match (lang.get(), low) {
                                        (Lang::Zh, 0) => format!("步行 {high} 分钟内（{far} 米以内）· {count} 处"),
                                        (Lang::En, 0) => format!("Within {high} minutes (up to {far} m) · {count}"),
                                        (Lang::Zh, _) => format!("步行 {low}–{high} 分钟（{near}–{far} 米）· {count} 处"),
                                        (Lang::En, _) => format!("{low}–{high} minutes' walk ({near}–{far} m) · {count}"),
                                    }}
                                </h2>
                                <ServiceList items categories=categories.clone() />
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
        <Gaps gaps categories />
    }
}

/// A home outside every community the portal covers: no circles of nothing, no list of gaps.
#[component]
fn NotCovered() -> impl IntoView {
    view! {
        <section class="notice" role="status">
            <h2>{t("这里还不在服务范围内", "This area is not covered yet")}</h2>
            <p>{t(
                "一刻钟目前收录郑州市部分街道和社区的服务，这个位置附近还没有。请在上面选择所在社区；所在社区还没有收录的，可以推荐身边的服务点。",
                "Quarter Hour lists the services of some of Zhengzhou's streets and communities, and none near here yet. Choose your community above; if it is not listed yet, you can suggest the places near you.",
            )}</p>
            <p><a href="/suggest">{t("推荐新的服务点", "Suggest a place")}</a></p>
        </section>
    }
}

#[component]
fn Gaps(gaps: Vec<String>, categories: Categories) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="gaps-title" class="gaps">
            <h2 id="gaps-title">{t("生活圈还缺什么", "What this circle lacks")}</h2>
            {if gaps.is_empty() {
                view! { <p>{t("各类服务都在应有的步行范围内。", "Every kind of service is within its walking circle.")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {gaps
                            .into_iter()
                            .filter_map(|id| categories.find(&id).cloned())
                            .map(|c| {
                                let minutes = c.circle.minutes();
                                view! {
                                    <li>
                                        {move || match lang.get() {
                                            Lang::Zh => format!("{}分钟内没有{}", minutes, c.name_zh),
                                            Lang::En => format!("No {} within {} minutes", c.name_en.to_lowercase(), minutes),
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
