//! Setting up the second factor: a QR code shown once, a first code to prove the app has it,
//! then ten recovery codes shown once. An admin can reset another account's second factor.

pub use crate::domain::staff::{Enrolment, SecondFactorState};
use crate::{
    error::AppError,
    i18n::{t, use_lang},
    shell::{ErrorNote, PageHead},
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "staff/second-factor", input = GetUrl)]
pub async fn second_factor_status() -> Result<SecondFactorState, AppError> {
    use crate::error::with_status;
    let (state, parts) = super::request()?;
    let user = super::auth::signed_in(&state.db, &parts.headers)
        .await
        .map_err(with_status)?;
    Ok(super::db::second_factor_status(&state.db, user.id).await?)
}

/// A new secret for one's own account, shown once; 409 when it has a second factor already.
#[server(endpoint = "staff/second-factor/start")]
pub async fn start_second_factor() -> Result<Enrolment, AppError> {
    use crate::error::with_status;
    let (state, parts) = super::request()?;
    let user = open_to_enrol(&state, &parts).await?;
    super::second_factor::start(&state.db, &user)
        .await
        .map_err(with_status)
}

/// The first code from the app: the second factor is on, and the recovery codes come back.
#[server(endpoint = "staff/second-factor/confirm")]
pub async fn confirm_second_factor(code: String) -> Result<Vec<String>, AppError> {
    use crate::error::with_status;
    let (state, parts) = super::request()?;
    let user = open_to_enrol(&state, &parts).await?;
    super::second_factor::confirm(&state.db, &user, &code)
        .await
        .map_err(with_status)
}

/// Enrolment is open to a signed-in account once its generated password is changed.
#[cfg(feature = "ssr")]
async fn open_to_enrol(
    state: &crate::state::AppState,
    parts: &axum::http::request::Parts,
) -> Result<crate::domain::staff::StaffUser, AppError> {
    use crate::error::with_status;
    let user = super::auth::signed_in(&state.db, &parts.headers)
        .await
        .map_err(with_status)?;
    if user.must_change_password {
        return Err(with_status(AppError::PasswordChangeFirst));
    }
    Ok(user)
}

/// An admin's reset: the account sets up a second factor again at its next sign-in.
#[server(endpoint = "staff/accounts/reset-second-factor")]
pub async fn reset_second_factor(id: i64) -> Result<(), AppError> {
    use crate::error::with_status;
    let (state, admin) = super::require(crate::domain::staff::Role::Admin).await?;
    super::second_factor::reset(&state.db, &admin, id)
        .await
        .map_err(with_status)
}

/// `/staff/second-factor`: one's own second factor.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let status = crate::data::resource(|| (), |_| second_factor_status());
    view! {
        <PageHead title=("两步验证", "Two-step verification") />
        <h1>{t("两步验证", "Two-step verification")}</h1>
        <Suspense fallback=crate::shell::Loading>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(SecondFactorState { enrolled: true, recovery_codes_left }) => view! {
                        <p class="notice">{t("两步验证已启用。登录时需要输入验证器应用中的6位数字。", "Two-step verification is on: signing in asks for the 6 digits the authenticator app shows.")}</p>
                        <p>{move || use_lang().get().pick(
                            &format!("还剩 {recovery_codes_left} 个未用的恢复码。手机丢失时，请管理员重置两步验证。"),
                            &format!("{recovery_codes_left} recovery codes are left unused. If the phone is lost, ask an administrator to reset it."),
                        ).to_owned()}</p>
                    }.into_any(),
                    Ok(_) => {
                        let done = Callback::new(move |()| status.refetch());
                        view! { <SecondFactorSetup done /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The setup itself, also shown in place of every staff page until it is done; `done` runs
/// once the recovery codes have been read.
#[component]
pub fn SecondFactorSetup(done: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let start = ServerAction::<StartSecondFactor>::new();
    let confirm = ServerAction::<ConfirmSecondFactor>::new();
    let message = move || {
        let error = confirm.value().get()?.err()?;
        crate::domain::form::error_for(error.field_errors(), "code")
            .map(|e| e.message(lang.get()).to_owned())
    };
    view! {
        <p class="notice" role="status">{t(
            "这个账号能查看居民的手机号，登录时除了密码，还需要手机验证器应用（如微信小程序“腾讯身份验证器”、Microsoft Authenticator、Google Authenticator）中的6位动态码。",
            "This account can read residents' mobile numbers: signing in needs, besides the password, the 6-digit code of an authenticator app on a phone.",
        )}</p>
        {move || match (start.value().get(), confirm.value().get()) {
            (_, Some(Ok(codes))) => view! { <RecoveryCodes codes /> }.into_any(),
            (Some(Ok(enrolment)), _) => view! {
                <ol class="stack">
                    <li>{t("用验证器应用扫描下面的二维码（只显示这一次）：", "Scan this QR code with the authenticator app (it is shown this once):")}</li>
                </ol>
                <figure class="qr" role="img" aria-label=t("两步验证二维码", "Two-step verification QR code")
                    inner_html=enrolment.qr_svg.clone()></figure>
                <p>{t("无法扫码时，在应用中手动输入密钥：", "If it cannot scan, type this key into the app:")}
                    " " <code class="secret">{enrolment.secret.clone()}</code></p>
                <ActionForm action=confirm attr:class="stack narrow">
                    <div class="field" class:invalid=move || message().is_some()>
                        <label for="enrol-code">{t("应用中显示的6位数字", "The 6 digits the app shows")}</label>
                        <input id="enrol-code" name="code" inputmode="numeric" autocomplete="one-time-code"
                            aria-describedby="enrol-code-error" required />
                        <p class="field-error" id="enrol-code-error" aria-live="polite">{message}</p>
                    </div>
                    <button type="submit" class="button primary">{t("启用两步验证", "Turn it on")}</button>
                </ActionForm>
            }.into_any(),
            (Some(Err(error)), _) => view! { <ErrorNote error /> }.into_any(),
            (None, _) => view! {
                <ActionForm action=start attr:class="inline">
                    <button type="submit" class="button primary">{t("开始设置两步验证", "Set up two-step verification")}</button>
                </ActionForm>
            }.into_any(),
        }}
        {move || matches!(confirm.value().get(), Some(Ok(_))).then(|| view! {
            <button type="button" class="button primary" on:click=move |_| done.run(())>
                {t("我已抄下恢复码，继续", "I have copied the recovery codes: go on")}
            </button>
        })}
    }
}

#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <h2>{t("两步验证已启用", "Two-step verification is on")}</h2>
        <p>{t(
            "下面是10个恢复码，只显示这一次。手机不在身边时，每个恢复码可代替动态码登录一次。请抄下或打印，放在安全的地方。",
            "These 10 recovery codes are shown this once. Without the phone, each signs in once in place of a code. Copy or print them and keep them safe.",
        )}</p>
        <ul class="recovery-codes">
            {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
        </ul>
    }
}
