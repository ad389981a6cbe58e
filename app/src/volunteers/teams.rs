//! The teams page: every grid's volunteer team, filtered by community and speciality, nearest
//! first when this device remembers a home (set on the "near me" page).

use super::{TEAMS_PER_PAGE, TeamSummary, list_teams};
use crate::data::resource;
use crate::{
    domain::{circle::walk_minutes, lang::Lang, listing::RawTeamQuery, volunteer::Speciality},
    i18n::{t, use_lang},
    neighbourhoods::list_neighbourhoods,
    services::remembered_home,
    shell::{ErrorNote, Loading, PageHead},
};
use leptos::prelude::*;

#[component]
pub fn TeamsPage() -> impl IntoView {
    let lang = use_lang();
    let param = crate::shell::use_query_param();
    let page_number = move || crate::shell::page_number(param);
    // Known only in the browser, so the server's first answer is by community.
    let home = RwSignal::new(None);
    Effect::new(move |_| home.set(remembered_home()));
    let teams = resource(
        move || {
            let query = RawTeamQuery {
                community: param("community"),
                speciality: param("speciality"),
                near: home.get().map(|h: crate::domain::geo::LatLng| h.to_pair()),
            };
            (query, page_number())
        },
        |(query, page)| list_teams(query, Some(page)),
    );
    view! {
        <PageHead
            title=("志愿服务", "Volunteering")
            description=(
                "每个网格都有自己的志愿者队伍：助老、医疗、教育、巡逻、文明实践。找到离家最近的队伍，报名加入或参加活动。",
                "Every grid has its own volunteer team: elderly help, health, education, patrols, civic life. Find the one nearest home and join it or one of its activities.",
            )
        />
        <h1>{t("志愿服务", "Volunteering")}</h1>
        <p class="lead">{t(
            "每个网格都有自己的志愿者队伍，每月15日集中服务。找到身边的队伍，报名加入或参加一次活动。",
            "Every grid has its own team, and all serve together on the 15th of each month. Find a team near you, and join it or one activity.",
        )}</p>
        <p>
            <a href="/volunteers/activities">{t("近期活动与剩余名额 →", "Upcoming activities and places left →")}</a>
            " · "
            <a href="/status">{t("查询报名和服务时长", "My applications and hours")}</a>
        </p>
        <crate::shell::SearchForm>
            <CommunitySelect selected=Signal::derive(move || param("community")) />
            <SpecialitySelect selected=Signal::derive(move || param("speciality")) />
            <button type="submit" class="button primary">{t("查找", "Find")}</button>
        </crate::shell::SearchForm>
        <p class="muted">
            {move || if home.get().is_some() {
                lang.get().pick("按离家远近排列。", "Nearest to your home first.")
            } else {
                lang.get().pick("在“我家附近”设定家的位置后，队伍将按远近排列。", "Set your home on “Near my home” to see the nearest teams first.")
            }}
        </p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match teams.await {
                    Ok(page) => {
                        let count = page.total;
                        let pages = count.div_ceil(TEAMS_PER_PAGE).max(1);
                        view! {
                        <p class="muted" role="status">{move || match lang.get() {
                            Lang::Zh => format!("共 {count} 支队伍"),
                            Lang::En => format!("{count} teams"),
                        }}</p>
                        <TeamList teams=page.items />
                        <crate::shell::Pager current=page_number() pages />
                    }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The filter's community choice, every community of the city by name.
#[component]
pub(super) fn CommunitySelect(selected: Signal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let districts = resource(|| (), |_| list_neighbourhoods());
    view! {
        <label>
            {t("社区", "Community")}
            <select name="community">
                <option value="">{t("全部社区", "All communities")}</option>
                <Suspense>
                    {move || Suspend::new(async move {
                        let selected = selected.get();
                        districts.await.map(|districts| districts.into_iter()
                            .flat_map(|d| d.streets)
                            .flat_map(|s| s.communities)
                            .map(|c| {
                                let id = c.id.to_string();
                                let is_selected = selected.as_deref() == Some(id.as_str());
                                let name = c.name.clone();
                                view! { <option value=id selected=is_selected>{move || lang.get().pick(&name.zh, &name.en).to_owned()}</option> }
                            })
                            .collect_view()
                            .into_any()).unwrap_or_else(|_| ().into_any())
                    })}
                </Suspense>
            </select>
        </label>
    }
}

/// The filter's speciality choice.
#[component]
pub(super) fn SpecialitySelect(selected: Signal<Option<String>>) -> impl IntoView {
    view! {
        <label>
            {t("服务方向", "Speciality")}
            <select name="speciality">
                <option value="">{t("全部方向", "All specialities")}</option>
                {Speciality::ALL.into_iter().map(|s| {
                    let (zh, en) = s.label();
                    view! { <option value=s.code() selected=move || selected.get().as_deref() == Some(s.code())>{t(zh, en)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn TeamList(teams: Vec<TeamSummary>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="service-list">
            {teams.into_iter().map(|team| {
                let (zh, en) = Speciality::parse(&team.speciality).map_or(("", ""), Speciality::label);
                let name = (team.name_zh.clone(), team.name_en.clone());
                let community = (team.community_zh.clone(), team.community_en.clone());
                let members = team.members;
                view! {
                    <li class="card service">
                        <a href=format!("/volunteers/teams/{}", team.id) class="service-name">
                            {move || lang.get().pick(&name.0, &name.1).to_owned()}
                        </a>
                        <span class="muted">
                            {t(zh, en)} " · " {move || lang.get().pick(&community.0, &community.1).to_owned()}
                            " · " {t("队长 ", "Leader ")} {team.leader.clone()}
                        </span>
                        <span class="facts">
                            {team.distance_m.map(|m| view! {
                                <span class="walk">{move || match lang.get() {
                                    Lang::Zh => format!("步行约 {} 分钟 · {m} 米", walk_minutes(f64::from(m))),
                                    Lang::En => format!("{} min walk · {m} m", walk_minutes(f64::from(m))),
                                }}</span>
                            })}
                            <span class="badge">{move || match lang.get() {
                                Lang::Zh => format!("{members} 名队员"),
                                Lang::En => format!("{members} members"),
                            }}</span>
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
