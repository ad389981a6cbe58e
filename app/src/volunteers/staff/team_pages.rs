//! The staff's teams: the list, a new team, and one being changed with its coming activities.

use super::{SaveTeam, open_team, staff_teams, team_form::TeamForm};
use crate::{
    data::resource,
    domain::neighbourhood::Name,
    domain::{repeat::Repeat, team::RawTeam, time::beijing_datetime},
    error::AppError,
    i18n::{localized, t, use_lang},
    services::staff::place_choices,
    shell::{ErrorNote, Loading, PageHead, keep_draft},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

#[component]
pub fn StaffTeamsPage() -> impl IntoView {
    let teams = resource(|| (), |_| staff_teams());
    let lang = use_lang();
    view! {
        <PageHead title=("志愿队与活动", "Teams and activities") />
        <h1>{t("志愿队与活动", "Teams and activities")}</h1>
        <p>
            <A href="/staff/teams/new" attr:class="button primary">{t("新增志愿队", "Add a team")}</A>
            " "
            <A href="/staff/activities/new" attr:class="button">{t("发布活动", "Publish an activity")}</A>
        </p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match teams.await {
                    Ok(teams) => view! {
                        <crate::shell::TableScroll><table class="data">
                            <thead><tr>
                                <th scope="col">{t("队名", "Team")}</th>
                                <th scope="col">{t("社区", "Community")}</th>
                                <th scope="col">{t("负责人", "Leader")}</th>
                                <th scope="col">{t("队员", "Members")}</th>
                            </tr></thead>
                            <tbody>{teams.into_iter().map(|team| {
                                let name = (team.name_zh.clone(), team.name_en.clone());
                                let community = (team.community_zh.clone(), team.community_en.clone());
                                view! { <tr>
                                    <td><A href=format!("/staff/teams/{}", team.id)>{move || lang.get().pick(&name.0, &name.1).to_owned()}</A></td>
                                    <td>{move || lang.get().pick(&community.0, &community.1).to_owned()}</td>
                                    <td>{team.leader}</td>
                                    <td>{team.members}</td>
                                </tr> }
                            }).collect_view()}</tbody>
                        </table></crate::shell::TableScroll>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewTeamPage() -> impl IntoView {
    let places = resource(|| (), |_| place_choices());
    let form = RwSignal::new(RawTeam::default());
    let save = ServerAction::<SaveTeam>::new();
    keep_draft("team-form", form, StoredValue::new(None))
        .until(move || matches!(save.value().get(), Some(Ok(_))));
    let outcome = Signal::derive(move || save.value().get().and_then(Result::err));
    let send = Callback::new(move |team| {
        save.dispatch(SaveTeam { id: None, team });
    });
    view! {
        <PageHead title=("新增志愿队", "Add a team") />
        <h1>{t("新增志愿队", "Add a team")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let places = match places.await {
                    Ok(places) => places,
                    Err(error) => return view! { <ErrorNote error /> }.into_any(),
                };
                view! {
                    {move || match save.value().get() {
                        Some(Ok(saved)) => view! {
                            <div class="notice" role="status">
                                <p>{t("已新增，居民现在可以在志愿队列表中找到这支队伍。", "Added: residents can find the team now.")}</p>
                                <p><A href=format!("/volunteers/teams/{}", saved.id)>{t("查看公开页面", "See its public page")}</A>
                                   " · " <A href=format!("/staff/activities/new?team={}", saved.id)>{t("为这支队伍发布活动", "Publish an activity for it")}</A></p>
                            </div>
                        }.into_any(),
                        _ => {
                            let outcome_error = move || outcome.get().filter(|e| !matches!(e, AppError::Invalid(_)));
                            view! {
                                {move || outcome_error().map(|error| view! { <ErrorNote error /> })}
                                <TeamForm form send outcome pending=save.pending().into() label=("保存", "Save") places=places.clone() />
                            }.into_any()
                        }
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn EditTeamPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    // One resource for everything the page reads: one round trip when reached by a link.
    let page = resource(id, |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        Ok::<_, AppError>((open_team(id).await?, place_choices().await?))
    });
    view! {
        <PageHead title=("编辑志愿队", "Edit a team") />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((team, places)) => view! { <TeamEditor team places /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TeamEditor(team: super::StaffTeam, places: crate::services::staff::CityPlaces) -> impl IntoView {
    let id = team.id;
    let form = RwSignal::new(team.team.clone());
    let save = ServerAction::<SaveTeam>::new();
    keep_draft("team-form", form, StoredValue::new(None))
        .until(move || matches!(save.value().get(), Some(Ok(_))));
    let outcome = Signal::derive(move || save.value().get().and_then(Result::err));
    let send = Callback::new(move |team| {
        save.dispatch(SaveTeam { id: Some(id), team });
    });
    view! {
        <h1>{team.team.name_zh.clone()}</h1>
        <p>
            <A href=format!("/volunteers/teams/{id}")>{t("公开页面", "Public page")}</A>
            " · " <A href=format!("/staff/activities/new?team={id}")>{t("为这支队伍发布活动", "Publish an activity for it")}</A>
        </p>
        {move || save.value().get().map(|outcome| match outcome {
            Ok(_) => view! { <p class="notice" role="status">{t("已保存。", "Saved.")}</p> }.into_any(),
            Err(AppError::Invalid(_)) => ().into_any(),
            Err(error) => view! { <ErrorNote error /> }.into_any(),
        })}
        <TeamForm form send outcome pending=save.pending().into() label=("保存修改", "Save changes") places />
        <section class="stack" aria-labelledby="team-activities">
            <h2 id="team-activities">{t("近期活动", "Activities")}</h2>
            {if team.activities.is_empty() {
                view! { <p class="muted">{t("近两个月没有活动。", "Nothing in the coming two months.")}</p> }.into_any()
            } else {
                view! { <ul class="plain">{team.activities.into_iter().map(|a| {
                    let repeat = a.repeat.as_deref().and_then(Repeat::parse).map(Repeat::label);
                    view! { <li>
                        <A href=format!("/staff/activities/{}/edit", a.id)>{a.title}</A>
                        " · " {beijing_datetime(a.starts_at)}
                        {repeat.map(|(zh, en)| view! { " · " {localized(Name { zh, en })} })}
                        " · " {format!("{}/{}", a.held, a.capacity)}
                        {a.cancelled.then(|| view! { " · " <strong>{t("已取消", "Called off")}</strong> })}
                    </li> }
                }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <crate::staff::TeamLeaderAccount team=id />
    }
}
