//! One team's page: what it does, who leads it, where it meets, and its activities.

use super::{activities::ActivityList, get_team};
use crate::data::resource;
use crate::{
    domain::{lang::Lang, volunteer::Speciality},
    i18n::{t, use_lang},
    shell::{ErrorNote, Loading},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TeamPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let team = resource(id, |id| async move {
        match id {
            Some(id) => get_team(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let detail = match team.await {
                    Ok(detail) => detail,
                    Err(error) => return view! { <ErrorNote error /> }.into_any(),
                };
                let team = detail.team;
                let (zh, en) = Speciality::parse(&team.speciality).map_or(("", ""), Speciality::label);
                let name = (team.name_zh.clone(), team.name_en.clone());
                let community = (team.community_zh.clone(), team.community_en.clone());
                let members = team.members;
                view! {
                    <Title text=lang.get_untracked().pick(&team.name_zh, &team.name_en).to_owned() />
                    <p><a href="/volunteers">{t("← 全部志愿者队伍", "← All volunteer teams")}</a></p>
                    <h1>{move || lang.get().pick(&name.0, &name.1).to_owned()}</h1>
                    <p class="lead">{detail.description}</p>
                    <dl class="facts-list">
                        <dt>{t("服务方向", "Speciality")}</dt><dd>{t(zh, en)}</dd>
                        <dt>{t("所在社区", "Community")}</dt><dd>{move || lang.get().pick(&community.0, &community.1).to_owned()}</dd>
                        <dt>{t("队长", "Leader")}</dt><dd>{team.leader.clone()}</dd>
                        <dt>{t("集合地点", "Meeting place")}</dt><dd>{team.meeting_place.clone()}</dd>
                        <dt>{t("队员人数", "Members")}</dt><dd>{move || match lang.get() {
                            Lang::Zh => format!("{members} 人"),
                            Lang::En => members.to_string(),
                        }}</dd>
                        <dt>{t("联系电话", "Phone")}</dt><dd><a href=format!("tel:{}", detail.contact)>{detail.contact.clone()}</a></dd>
                    </dl>
                    <p><a class="button primary" href=format!("/volunteers/apply?team={}", team.id)>{t("申请加入这支队伍", "Apply to join this team")}</a></p>
                    <h2>{t("近期活动", "Coming up")}</h2>
                    <ActivityList items=detail.activities />
                }.into_any()
            })}
        </Suspense>
    }
}
