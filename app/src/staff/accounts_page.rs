//! Staff accounts, for admins: create one, disable or enable it, reset its password or its
//! second factor.

use super::enrolment::ResetSecondFactor;
use super::pages::field_message;
use super::{
    CreateAccount, ResetAccountPassword, SetAccountDisabled, SetAccountScope, TeamChoice,
    list_accounts, team_choices, use_staff,
};
use crate::data::resource;
use crate::{
    domain::{
        neighbourhood::DistrictOverview,
        staff::{Role, Scope},
    },
    i18n::{localized, t, use_lang},
    neighbourhoods::list_neighbourhoods,
    shell::{ErrorNote, Loading, PageHead},
};
use leptos::prelude::*;

/// Every area an account can work in, widest first, each under the one that holds it; then
/// the teams, for team leaders.
fn area_options(
    districts: &[DistrictOverview],
    teams: &[TeamChoice],
    chosen: Scope,
) -> impl IntoView + use<> {
    let option = move |scope: Scope, depth: usize, name: crate::domain::neighbourhood::Name| {
        let indent = "\u{3000}".repeat(depth);
        view! { <option value=scope.code() selected=scope == chosen>{indent}{localized(name)}</option> }
    };
    let city = crate::domain::neighbourhood::Name {
        zh: "全市".into(),
        en: "The whole city".into(),
    };
    let mut options = vec![option(Scope::City, 0, city)];
    for district in districts {
        options.push(option(
            Scope::District(district.id),
            1,
            district.name.clone(),
        ));
        for street in &district.streets {
            options.push(option(Scope::Street(street.id), 2, street.name.clone()));
            for community in &street.communities {
                options.push(option(
                    Scope::Community(community.id),
                    3,
                    community.name.clone(),
                ));
            }
        }
    }
    let teams = teams
        .iter()
        .map(|team| {
            let scope = Scope::Team(team.id);
            let (name, community) = (team.name.clone(), team.community.clone());
            view! {
                <option value=scope.code() selected=scope == chosen>
                    {localized(name)} "（" {localized(community)} "）"
                </option>
            }
        })
        .collect_view();
    view! {
        {options.collect_view()}
        <optgroup label=t("志愿队（队长账号）", "Teams (team leaders)")>{teams}</optgroup>
    }
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateAccount>::new();
    let disable = ServerAction::<SetAccountDisabled>::new();
    let reset = ServerAction::<ResetAccountPassword>::new();
    let reset_factor = ServerAction::<ResetSecondFactor>::new();
    let move_to = ServerAction::<SetAccountScope>::new();
    let accounts = resource(
        move || {
            let versions = (disable.version().get(), reset_factor.version().get());
            (create.version().get(), versions, move_to.version().get())
        },
        |_| list_accounts(),
    );
    let places = resource(|| (), |_| list_neighbourhoods());
    let teams = resource(|| (), |_| team_choices());
    let create_message =
        move |field: &'static str| field_message(lang, create.value().get(), field);
    view! {
        <PageHead title=("账号管理", "Staff accounts") />
        <h1>{t("账号管理", "Staff accounts")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let districts = places.await.unwrap_or_default();
                let team_list = teams.await.unwrap_or_default();
                match accounts.await {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(rows) => view! {
                        <crate::shell::TableScroll><table class="data">
                            <thead><tr>
                                <th scope="col">{t("用户名", "Username")}</th>
                                <th scope="col">{t("角色", "Role")}</th>
                                <th scope="col">{t("负责范围", "Area")}</th>
                                <th scope="col">{t("状态", "State")}</th>
                                <th scope="col">{t("两步验证", "Two-step")}</th>
                                <th scope="col">{t("操作", "Actions")}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| {
                                    let (zh, en) = row.role.label();
                                    let own = use_staff().map(|u| u.id) == Some(row.id);
                                    let name = row.username.clone();
                                    let area = match row.scope {
                                        Scope::Team(id) => team_list.iter().find(|t| t.id == id).map(|t| t.name.clone()),
                                        scope => scope.name(&districts),
                                    }.map(localized);
                                    let movable = row.role != Role::Admin;
                                    let options = area_options(&districts, &team_list, row.scope);
                                    let (id, who) = (row.id, row.username.clone());
                                    view! {
                                        <tr>
                                            <td>{row.username.clone()}</td>
                                            <td>{t(zh, en)}</td>
                                            <td>
                                                {area}
                                                {movable.then(|| view! {
                                                    <ActionForm action=move_to attr:class="inline">
                                                        <input type="hidden" name="id" value=id />
                                                        <label for=format!("scope-{id}") class="visually-hidden">
                                                            {t("负责范围", "Area")} " " {who.clone()}
                                                        </label>
                                                        <select id=format!("scope-{id}") name="scope">{options}</select>
                                                        <button type="submit" class="button">
                                                            {t("更改范围", "Change area")}
                                                            <span class="visually-hidden">" " {who}</span>
                                                        </button>
                                                    </ActionForm>
                                                })}
                                            </td>
                                            <td>{if row.disabled { t("已停用", "Disabled") } else { t("正常", "Active") }}</td>
                                            <td>{if row.second_factor { t("已启用", "On") } else { t("未设置", "Not set up") }}</td>
                                            <td class="actions">
                                                {(row.second_factor && !own).then(|| view! {
                                                    <ActionForm action=reset_factor attr:class="inline">
                                                        <input type="hidden" name="id" value=row.id />
                                                        <button type="submit" class="button">
                                                            {t("重置两步验证", "Reset two-step")}
                                                            <span class="visually-hidden">" " {name.clone()}</span>
                                                        </button>
                                                    </ActionForm>
                                                })}
                                                {(!own).then(|| view! {
                                                    <ActionForm action=disable attr:class="inline">
                                                        <input type="hidden" name="id" value=row.id />
                                                        <input type="hidden" name="disabled" value=(!row.disabled).to_string() />
                                                        <button type="submit" class="button">
                                                            {if row.disabled { t("启用", "Enable") } else { t("停用", "Disable") }}
                                                        </button>
                                                    </ActionForm>
                                                })}
                                                <ActionForm action=reset attr:class="inline">
                                                    <input type="hidden" name="id" value=row.id />
                                                    <label for=format!("reset-{}", row.id) class="visually-hidden">
                                                        {t("新密码", "New password")} " " {row.username.clone()}
                                                    </label>
                                                    <input id=format!("reset-{}", row.id) name="password" type="password" autocomplete="new-password" minlength="10" required />
                                                    <button type="submit" class="button">{t("重置密码", "Reset password")}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></crate::shell::TableScroll>
                    }.into_any(),
                }
            })}
        </Suspense>
        {move || move_to.value().get().map(|done| match done {
            Err(error) => view! { <ErrorNote error /> }.into_any(),
            Ok(()) => view! { <p role="status" class="notice">{t("负责范围已更改。", "Area changed.")}</p> }.into_any(),
        })}
        {move || match (disable.value().get(), reset.value().get(), reset_factor.value().get()) {
            (Some(Err(error)), _, _) | (_, Some(Err(error)), _) | (_, _, Some(Err(error))) => {
                Some(view! { <ErrorNote error /> }.into_any())
            }
            (_, Some(Ok(())), _) => Some(view! { <p role="status" class="notice">{t("密码已重置。", "Password reset.")}</p> }.into_any()),
            (_, _, Some(Ok(()))) => Some(view! {
                <p role="status" class="notice">{t(
                    "两步验证已重置：这个账号已退出登录，下次登录时需重新设置。",
                    "Two-step verification reset: the account is signed out, and sets it up again at its next sign-in.",
                )}</p>
            }.into_any()),
            _ => None,
        }}
        <h2>{t("新建账号", "New account")}</h2>
        <ActionForm action=create attr:class="stack narrow">
            <div class="field" class:invalid=move || create_message("username").is_some()>
                <label for="new-username">{t("用户名", "Username")}</label>
                <input id="new-username" name="account[username]" type="text" autocomplete="off" aria-describedby="username-error" required />
                <p class="field-error" id="username-error" aria-live="polite">{move || create_message("username")}</p>
            </div>
            <div class="field" class:invalid=move || create_message("role").is_some()>
                <label for="new-role">{t("角色", "Role")}</label>
                <select id="new-role" name="account[role]" aria-describedby="role-error">
                    {[Role::Moderator, Role::TeamLeader, Role::Admin].into_iter().map(|role| {
                        let (zh, en) = role.label();
                        view! { <option value=role.code()>{t(zh, en)}</option> }
                    }).collect_view()}
                </select>
                <p class="field-error" id="role-error" aria-live="polite">{move || create_message("role")}</p>
            </div>
            <div class="field" class:invalid=move || create_message("scope").is_some()>
                <label for="new-scope">{t("负责范围（管理员为全市）", "Area (administrators: the whole city)")}</label>
                <select id="new-scope" name="account[scope]" aria-describedby="scope-error">
                    <Suspense>
                        {move || Suspend::new(async move {
                            let (districts, teams) = (places.await.unwrap_or_default(), teams.await.unwrap_or_default());
                            area_options(&districts, &teams, Scope::City)
                        })}
                    </Suspense>
                </select>
                <p class="field-error" id="scope-error" aria-live="polite">{move || create_message("scope")}</p>
            </div>
            <div class="field" class:invalid=move || create_message("password").is_some()>
                <label for="new-password">{t("初始密码（至少10个字符）", "First password (10 characters or more)")}</label>
                <input id="new-password" name="account[password]" type="password" autocomplete="new-password" aria-describedby="password-error" required />
                <p class="field-error" id="password-error" aria-live="polite">{move || create_message("password")}</p>
            </div>
            <button type="submit" class="button primary">{t("创建", "Create")}</button>
        </ActionForm>
    }
}
