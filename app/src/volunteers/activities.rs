//! Upcoming activities with the places left, and the list a team's page shares.

use super::teams::{CommunitySelect, SpecialitySelect};
use super::{ACTIVITIES_PER_PAGE, ActivitySummary, list_activities};
use crate::data::resource;
use crate::{
    domain::{
        circle::walk_minutes, lang::Lang, listing::RawActivityQuery, schedule::Repeat,
        time::beijing_datetime,
    },
    i18n::{t, use_lang},
    services::remembered_home,
    shell::{ErrorNote, Loading, PageHead, Pager},
};
use leptos::prelude::*;

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let lang = use_lang();
    let param = crate::shell::use_query_param();
    let page_number = move || crate::shell::page_number(param);
    // Known only in the browser, so the server's first answer is soonest first.
    let home = RwSignal::new(None);
    Effect::new(move |_| home.set(remembered_home()));
    let activities = resource(
        move || {
            let query = RawActivityQuery {
                community: param("community"),
                speciality: param("speciality"),
                date: param("date"),
                near: home.get().map(|h: crate::domain::geo::LatLng| h.to_pair()),
                ..Default::default()
            };
            (query, page_number())
        },
        |(query, page)| list_activities(query, Some(page)),
    );
    view! {
        <PageHead
            title=("近期志愿活动", "Upcoming activities")
            description=(
                "未来一个月的社区志愿活动、时间地点和剩余名额。名额已满也可以报名候补。",
                "Community volunteer activities of the coming month, with time, place and places left. When one is full you can join its waitlist.",
            )
        />
        <h1>{t("近期志愿活动", "Upcoming activities")}</h1>
        <p class="lead">{t(
            "报名即占一个名额，工作人员审核后确认。名额已满时可报名候补，有人退出后按报名先后递补。",
            "Applying takes a place at once; staff then confirm it. When an activity is full you join its waitlist and move up in order when a place frees.",
        )}</p>
        <p><a href="/volunteers">{t("← 全部志愿者队伍", "← All volunteer teams")}</a></p>
        <crate::shell::SearchForm>
            <CommunitySelect selected=Signal::derive(move || param("community")) />
            <label>
                {t("日期", "Date")}
                <input type="date" name="date" value=param("date").unwrap_or_default() />
            </label>
            <SpecialitySelect selected=Signal::derive(move || param("speciality")) />
            <button type="submit" class="button primary">{t("查找", "Find")}</button>
        </crate::shell::SearchForm>
        <p class="muted">
            {move || if home.get().is_some() {
                lang.get().pick("按离家远近排列。", "Nearest to your home first.")
            } else {
                lang.get().pick("按时间先后排列；在“我家附近”设定家的位置后，按远近排列。", "Soonest first; set your home on “Near my home” to see the nearest first.")
            }}
        </p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match activities.await {
                    Ok(page) => {
                        let total = page.total;
                        let pages = total.div_ceil(ACTIVITIES_PER_PAGE).max(1);
                        view! {
                            <p class="muted" role="status">{move || match lang.get() {
                                Lang::Zh => format!("共 {total} 场活动"),
                                Lang::En => format!("{total} activities"),
                            }}</p>
                            <ActivityList items=page.items />
                            <Pager current=page_number() pages />
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Activities with their time, place and places left, each with a link to sign up.
#[component]
pub fn ActivityList(items: Vec<ActivitySummary>) -> impl IntoView {
    let lang = use_lang();
    if items.is_empty() {
        return view! { <p class="muted">{t("近期没有活动。", "No activities coming up.")}</p> }
            .into_any();
    }
    view! {
        <ul class="service-list">
            {items.into_iter().map(|a| {
                let left = a.places_left;
                let capacity = a.capacity;
                let repeat = a.repeat.as_deref().and_then(Repeat::parse).map(Repeat::label);
                let badge = if left > 0 { "badge open" } else { "badge closed" };
                let when = format!("{} – {}", beijing_datetime(a.starts_at), &beijing_datetime(a.ends_at)[11..]);
                view! {
                    <li class="card service">
                        <span class="service-name">{a.title.clone()}</span>
                        <span class="muted">{a.team_zh.clone()} " · " {a.place.clone()}</span>
                        <span>
                            <time datetime=a.starts_at.to_string()>{when}</time>
                            {repeat.map(|(zh, en)| view! { " · " <span>{move || lang.get().pick(&zh, &en).to_owned()}</span> })}
                        </span>
                        <span class="facts">
                            {a.distance_m.map(|m| view! {
                                <span class="walk">{move || match lang.get() {
                                    Lang::Zh => format!("步行约 {} 分钟 · {m} 米", walk_minutes(f64::from(m))),
                                    Lang::En => format!("{} min walk · {m} m", walk_minutes(f64::from(m))),
                                }}</span>
                            })}
                            <span class=badge>
                                {move || match (lang.get(), left > 0) {
                                    (Lang::Zh, true) => format!("剩余 {left} / {capacity} 个名额"),
                                    (Lang::En, true) => format!("{left} of {capacity} places left"),
                                    (Lang::Zh, false) => "名额已满，可报名候补".to_owned(),
                                    (Lang::En, false) => "Full: join the waitlist".to_owned(),
                                }}
                            </span>
                            <a class="button" href=format!("/volunteers/apply?activity={}", a.id)>
                                {t("报名参加", "Sign up")}
                                <span class="visually-hidden">{format!("：{}", a.title)}</span>
                            </a>
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
