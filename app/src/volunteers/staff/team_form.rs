//! The team form: everything residents read about a team, checked as it is typed by the rules
//! the server applies.

use crate::{
    domain::{service::edit::Coordinate, team::RawTeam, volunteer::Speciality},
    error::AppError,
    i18n::{t, use_lang},
    services::staff::CityPlaces,
    shell::{Checked, ErrorSummary, Field, SubmitButton},
};
use leptos::prelude::*;

fn check(team: &RawTeam) -> Vec<crate::domain::form::FieldError> {
    team.parse().err().unwrap_or_default()
}

#[component]
pub fn TeamForm(
    form: RwSignal<RawTeam>,
    send: Callback<RawTeam>,
    outcome: Signal<Option<AppError>>,
    pending: Signal<bool>,
    label: (&'static str, &'static str),
    /// The city's communities and grids, read before the form is drawn.
    places: CityPlaces,
) -> impl IntoView {
    let lang = use_lang();
    let checked = Checked::new(form, check, outcome);
    let errors = move || checked.errors();
    let communities: Vec<_> = places
        .districts
        .iter()
        .flat_map(|d| d.streets.iter().flat_map(|s| s.communities.iter().cloned()))
        .collect();
    let centres = communities.clone();
    // A team's place starts at its community's centre, until staff give its own.
    let choose_community = move |id: Option<i64>| {
        form.update(|f| {
            f.community_id = id;
            f.grid_id = None;
            let blank = f.lat.value().is_none() && f.lng.value().is_none();
            if let (true, Some(c)) = (blank, centres.iter().find(|c| Some(c.id) == id)) {
                f.lat = Coordinate::Text(format!("{:.6}", c.location.lat()));
                f.lng = Coordinate::Text(format!("{:.6}", c.location.lng()));
            }
        });
        checked.touch("community_id");
    };
    let community = Memo::new(move |_| form.with(|f| f.community_id));
    let grids = places.grids;
    view! {
        <form id="team-form" class="stack" method="post" novalidate
            on:submit=move |ev| checked.submit(ev, |team| send.run(team))>
            <ErrorSummary errors=Signal::derive(errors) attempts=checked.attempts.into() />
            {checked.input("name_zh", ("队名", "Name"), "text", |f| f.name_zh.clone(), |f, v| f.name_zh = v)}
            {checked.input("name_en", ("英文队名（选填）", "English name (optional)"), "text", |f| f.name_en.clone(), |f, v| f.name_en = v)}
            <Field label=t("所属社区", "Community") name="community_id" errors in_place=true>
                <select id="community_id" name="community_id" aria-describedby="community_id-error"
                    on:change=move |ev| choose_community(event_target_value(&ev).parse().ok())>
                    <option value="">{t("请选择…", "Choose…")}</option>
                    {communities.into_iter().map(|c| {
                        let (id, name) = (c.id, c.name);
                        view! { <option value=id.to_string() selected=move || community.get() == Some(id)>
                            {move || lang.get().pick(&name.zh, &name.en).to_owned()}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <Field label=t("网格（选填）", "Grid (optional)") name="grid_id" errors in_place=true>
                <select id="grid_id" name="grid_id" aria-describedby="grid_id-error"
                    on:change=move |ev| form.update(|f| f.grid_id = event_target_value(&ev).parse().ok())>
                    <option value="">{t("不限网格", "No one grid")}</option>
                    {grids.into_iter().map(|g| {
                        let (id, name, in_community) = (g.id, g.name, g.community_id);
                        view! { <option value=id.to_string() hidden=move || community.get() != Some(in_community)
                            selected=move || form.with(|f| f.grid_id == Some(id))>
                            {move || lang.get().pick(&name.zh, &name.en).to_owned()}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <Field label=t("服务方向", "What it does") name="speciality" errors in_place=true>
                <select id="speciality" name="speciality" aria-describedby="speciality-error"
                    on:change=move |ev| { form.update(|f| f.speciality = event_target_value(&ev)); checked.touch("speciality"); }>
                    <option value="">{t("请选择…", "Choose…")}</option>
                    {Speciality::ALL.into_iter().map(|s| {
                        let (zh, en) = s.label();
                        view! { <option value=s.code() selected=move || form.with(|f| f.speciality == s.code())>{t(zh, en)}</option> }
                    }).collect_view()}
                </select>
            </Field>
            {checked.area("description", ("队伍介绍", "About the team"), |f| f.description.clone(), |f, v| f.description = v)}
            {checked.input("leader", ("负责人（公开称呼，如“王书记”，不填电话）", "Leader (a public name, no phone)"), "text", |f| f.leader.clone(), |f, v| f.leader = v)}
            {checked.input("contact", ("联系电话（公开，如社区服务中心座机）", "Contact line (public, e.g. the service centre)"), "tel", |f| f.contact.clone(), |f, v| f.contact = v)}
            {checked.input("meeting_place", ("集合地点", "Meeting place"), "text", |f| f.meeting_place.clone(), |f, v| f.meeting_place = v)}
            <fieldset class="filters" aria-describedby="place-hint">
                <legend>{t("集合地点坐标", "Meeting place coordinates")}</legend>
                {checked.input("lat", ("纬度", "Latitude"), "text", |f| f.lat.text(), |f, v| f.lat = Coordinate::Text(v))}
                {checked.input("lng", ("经度", "Longitude"), "text", |f| f.lng.text(), |f, v| f.lng = Coordinate::Text(v))}
                <p class="muted" id="place-hint">{t("选择社区后默认填入社区中心位置，可按实际集合地点修改。", "Choosing the community fills in its centre; correct it to the real meeting place.")}</p>
            </fieldset>
            <SubmitButton label pending />
        </form>
    }
}
