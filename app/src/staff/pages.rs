//! The staff area: a sign-in gate around every staff page, the staff navigation, sign-in, and
//! one's own password (the first one too).

use super::enrolment::SecondFactorSetup;
use super::{ChangePassword, SignIn, SignOut, whoami};
use crate::data::resource;
use crate::{
    domain::{
        form::error_for,
        staff::{Role, StaffUser},
    },
    error::AppError,
    i18n::{t, use_lang},
    shell::{ErrorNote, Loading, PageHead},
};
use leptos::prelude::*;
use leptos_router::components::A;

/// The signed-in member of staff, for the pages inside the gate: read once the gate has let
/// the page in, so always there by the time a page's own Suspense renders.
#[derive(Clone, Copy)]
pub struct StaffContext(Resource<Result<StaffUser, AppError>, crate::data::Json>);

pub fn use_staff() -> Option<StaffUser> {
    use_context::<StaffContext>().and_then(|StaffContext(me)| me.get().and_then(Result::ok))
}

/// Every staff page sits inside this gate: without a live session it shows the sign-in form
/// (status 401) in place of the page, and the page itself once signed in.
///
/// The page is built here, before anything waits: its resources then take their ids in the
/// same order on the server and in the browser. Built inside the wait, the server built it
/// twice (once while finding what the page reads) and the browser once or twice as timing
/// fell, so a resource could read another's data and the page fail to hydrate.
#[component]
pub fn StaffArea(children: ChildrenFn) -> impl IntoView {
    let me = resource(|| (), |_| whoami());
    provide_context(StaffContext(me));
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if matches!(sign_in.value().get(), Some(Ok(_))) || sign_out.value().get().is_some() {
            me.refetch();
        }
    });
    let first = std::sync::Arc::new(std::sync::Mutex::new(Some(children().into_any())));
    view! {
        <Suspense fallback=Loading>
            {move || {
                let (children, first) = (children.clone(), first.clone());
                Suspend::new(async move {
                    match me.await {
                        Ok(user) if user.must_change_password => {
                            // Its reads were refused until the change: built afresh after it.
                            drop(first.lock().ok().and_then(|mut page| page.take()));
                            view! { <StaffNav user sign_out /> <FirstPassword me /> }.into_any()
                        }
                        Ok(user) if user.needs_second_factor => {
                            drop(first.lock().ok().and_then(|mut page| page.take()));
                            let done = Callback::new(move |()| me.refetch());
                            view! {
                                <StaffNav user sign_out />
                                <PageHead title=("设置两步验证", "Set up two-step verification") />
                                <h1>{t("设置两步验证", "Set up two-step verification")}</h1>
                                <SecondFactorSetup done />
                            }.into_any()
                        }
                        Ok(user) => {
                            // The page built above; after a sign-in, a fresh one.
                            let kept = first.lock().ok().and_then(|mut page| page.take());
                            let page = kept.unwrap_or_else(|| children().into_any());
                            view! { <StaffNav user sign_out /> {page} }.into_any()
                        }
                        Err(AppError::Unauthorized) => {
                            // Built before anyone signed in, its reads were refused: after the
                            // sign-in the page is built afresh.
                            drop(first.lock().ok().and_then(|mut page| page.take()));
                            view! { <SignInForm action=sign_in /> }.into_any()
                        }
                        Err(error) => view! { <ErrorNote error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn StaffNav(user: StaffUser, sign_out: ServerAction<SignOut>) -> impl IntoView {
    let is_admin = user.role.allows(Role::Admin);
    // A team leader keeps one team's applications and attendance, nothing of the directory.
    let is_moderator = user.role.allows(Role::Moderator);
    let (role_zh, role_en) = user.role.label();
    // The area by its name (幸福路社区), or by its level when the name is not known.
    let (level_zh, level_en) = user.scope.level().label();
    let area = user
        .area
        .clone()
        .unwrap_or(crate::domain::neighbourhood::Name {
            zh: level_zh.into(),
            en: level_en.into(),
        });
    view! {
        <nav class="staff-nav" aria-label=t("工作人员导航", "Staff")>
            <ul>
                <li><A href="/staff" exact=true>{t("工作台", "Dashboard")}</A></li>
                <li><A href="/staff/queue">{t("审核队列", "Queue")}</A></li>
                {is_moderator.then(|| view! {
                    <li><A href="/staff/services">{t("服务目录", "Directory")}</A></li>
                    <li><A href="/staff/teams">{t("志愿队与活动", "Teams")}</A></li>
                })}
                <li><A href="/staff/activities">{t("活动签到", "Attendance")}</A></li>
                {(!is_moderator).then(|| view! {
                    <li><A href="/staff/activities/propose">{t("提交活动", "Submit an activity")}</A></li>
                })}
                {is_moderator.then(|| view! {
                    <li><A href="/staff/member-shops">{t("成员店铺", "Member shops")}</A></li>
                    <li><A href="/staff/coverage">{t("覆盖情况", "Coverage")}</A></li>
                })}
                {is_admin.then(|| view! {
                    <li><A href="/staff/categories">{t("服务类别", "Categories")}</A></li>
                    <li><A href="/staff/accounts">{t("账号管理", "Accounts")}</A></li>
                    <li><A href="/staff/audit">{t("审计日志", "Audit log")}</A></li>
                })}
                <li><A href="/staff/password">{t("修改密码", "Password")}</A></li>
                <li><A href="/staff/second-factor">{t("两步验证", "Two-step")}</A></li>
            </ul>
            <ActionForm action=sign_out attr:class="inline">
                <span class="muted">{user.username} " · " {t(role_zh, role_en)} " · " {crate::i18n::localized(area)}</span>
                " "
                <button type="submit" class="button">{t("退出登录", "Sign out")}</button>
            </ActionForm>
        </nav>
    }
}

#[component]
fn SignInForm(action: ServerAction<SignIn>) -> impl IntoView {
    view! {
        <PageHead title=("工作人员登录", "Staff sign-in") />
        <h1>{t("工作人员登录", "Staff sign-in")}</h1>
        <p class="lead">{t("本页面仅供街道和社区工作人员使用。", "This area is for street-office and community staff.")}</p>
        <ActionForm action attr:class="stack narrow">
            <div class="field">
                <label for="username">{t("用户名", "Username")}</label>
                <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" required />
            </div>
            <div class="field">
                <label for="password">{t("密码", "Password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <div class="field">
                <label for="code">{t("验证码", "Code")}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                    autocapitalize="characters" aria-describedby="code-hint" />
                <p class="muted" id="code-hint">{t(
                    "验证器应用显示的6位数字，或一个恢复码；尚未设置两步验证的账号留空。",
                    "The 6 digits the authenticator app shows, or a recovery code; leave it empty if the account has no two-step verification yet.",
                )}</p>
            </div>
            {move || action.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error /> })}
            <button type="submit" class="button primary" disabled=move || action.pending().get()>
                {t("登录", "Sign in")}
            </button>
        </ActionForm>
    }
}

/// A field's message from a server answer, in the visitor's language.
pub(super) fn field_message<T>(
    lang: RwSignal<crate::domain::lang::Lang>,
    answer: Option<Result<T, AppError>>,
    field: &str,
) -> Option<String> {
    let error = answer?.err()?;
    error_for(error.field_errors(), field).map(|e| e.message(lang.get()).to_owned())
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    view! {
        <PageHead title=("修改密码", "Change password") />
        <h1>{t("修改密码", "Change password")}</h1>
        <PasswordForm action />
    }
}

/// In place of every staff page until a generated first password is changed.
#[component]
fn FirstPassword(me: Resource<Result<StaffUser, AppError>, crate::data::Json>) -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            me.refetch();
        }
    });
    view! {
        <PageHead title=("设置新密码", "Set a new password") />
        <h1>{t("设置新密码", "Set a new password")}</h1>
        <p class="notice">{t(
            "这个账号的密码是系统生成的，只在服务器控制台上显示过一次。请先换成只有您知道的新密码，再开始工作。",
            "This account's password was generated and shown once on the server's console. Please change it to one only you know before you start.",
        )}</p>
        <PasswordForm action />
    }
}

#[component]
fn PasswordForm(action: ServerAction<ChangePassword>) -> impl IntoView {
    let lang = use_lang();
    let message = move |field| field_message(lang, action.value().get(), field);
    view! {
        <ActionForm action attr:class="stack narrow">
            {[("current", ("当前密码", "Current password"), "current-password"),
              ("new_password", ("新密码（至少10个字符）", "New password (10 characters or more)"), "new-password"),
              ("confirm", ("再次输入新密码", "New password again"), "new-password")]
                .into_iter()
                .map(|(name, (zh, en), autocomplete)| view! {
                    <div class="field" class:invalid=move || message(name).is_some()>
                        <label for=name>{t(zh, en)}</label>
                        <input id=name name=name type="password" autocomplete=autocomplete
                            aria-describedby=format!("{name}-error") required />
                        <p class="field-error" id=format!("{name}-error") aria-live="polite">{move || message(name)}</p>
                    </div>
                })
                .collect_view()}
            {move || match action.value().get() {
                Some(Ok(())) => Some(view! {
                    <p role="status" class="notice">{t("密码已修改。其他设备上的登录已退出。", "Password changed. Other sessions have been signed out.")}</p>
                }.into_any()),
                Some(Err(AppError::Invalid(_))) | None => None,
                Some(Err(error)) => Some(view! { <ErrorNote error /> }.into_any()),
            }}
            <button type="submit" class="button primary">{t("保存", "Save")}</button>
        </ActionForm>
    }
}
