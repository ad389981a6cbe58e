//! A team leader's account, made from the team's page by the moderators whose area holds the
//! team (and by admins): the team is fixed, so only a username and a first password are asked.

use super::CreateAccount;
use super::pages::field_message;
use crate::{
    domain::staff::{Role, Scope},
    i18n::{t, use_lang},
    shell::ErrorNote,
};
use leptos::prelude::*;

#[component]
pub fn TeamLeaderAccount(team: i64) -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateAccount>::new();
    let message = move |field: &'static str| field_message(lang, create.value().get(), field);
    view! {
        <section class="stack" aria-labelledby="team-leader">
            <h2 id="team-leader">{t("队长账号", "Team leader's account")}</h2>
            <p class="muted">{t(
                "队长登录后可查看本队的报名，并登记本队活动的出勤和服务时长。",
                "A team leader reads the team's applications and records its activities' attendance and hours.",
            )}</p>
            {move || create.value().get().map(|outcome| match outcome {
                Ok(account) => view! {
                    <p class="notice" role="status">{t("已建立队长账号：", "Account made: ")} {account.username}</p>
                }.into_any(),
                Err(crate::error::AppError::Invalid(_)) => ().into_any(),
                Err(error) => view! { <ErrorNote error /> }.into_any(),
            })}
            <ActionForm action=create attr:class="stack narrow">
                <input type="hidden" name="account[role]" value=Role::TeamLeader.code() />
                <input type="hidden" name="account[scope]" value=Scope::Team(team).code() />
                <div class="field" class:invalid=move || message("username").is_some()>
                    <label for="leader-username">{t("队长的用户名", "The leader's username")}</label>
                    <input id="leader-username" name="account[username]" type="text" autocomplete="off" aria-describedby="leader-username-error" required />
                    <p class="field-error" id="leader-username-error" aria-live="polite">{move || message("username")}</p>
                </div>
                <div class="field" class:invalid=move || message("password").is_some()>
                    <label for="leader-password">{t("队长的初始密码（至少10个字符）", "The leader's first password (10 characters or more)")}</label>
                    <input id="leader-password" name="account[password]" type="password" autocomplete="new-password" aria-describedby="leader-password-error" required />
                    <p class="field-error" id="leader-password-error" aria-live="polite">{move || message("password")}</p>
                </div>
                <button type="submit" class="button">{t("新建队长账号", "Make the account")}</button>
            </ActionForm>
        </section>
    }
}
