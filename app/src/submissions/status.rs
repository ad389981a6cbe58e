//! Where a submitter follows up: reference and phone in, status and any staff note out.
//! A POST form, so the phone never lands in a URL or a log.

use super::{LookupSubmission, status_label};
use crate::{
    error::AppError,
    i18n::{t, use_lang},
    shell::{ErrorNote, PageHead},
};
use leptos::prelude::*;

#[component]
pub fn StatusPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<LookupSubmission>::new();
    view! {
        <PageHead title=("查询办理进度", "Check a submission") />
        <h1>{t("查询办理进度", "Check a submission")}</h1>
        <p class="lead">{t("请输入受理编号和提交时留下的手机号。", "Enter the reference and the mobile number you gave.")}</p>
        <ActionForm action=action attr:class="stack">
            <div class="field">
                <label for="reference">{t("受理编号", "Reference")}</label>
                <input id="reference" name="reference" type="text" autocomplete="off" placeholder="QH-XXXXXXXX" required />
            </div>
            <div class="field">
                <label for="phone">{t("手机号", "Mobile number")}</label>
                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" required />
            </div>
            <button type="submit" class="button primary">{t("查询", "Check")}</button>
        </ActionForm>
        {move || action.value().get().map(|outcome| match outcome {
            Ok(found) => {
                let (zh, en) = status_label(&found.status);
                view! {
                    <section class="card receipt" role="status">
                        <p>{t("受理编号", "Reference")} ": " <strong class="reference">{found.reference}</strong></p>
                        <p>{t("状态", "Status")} ": " <strong>{move || lang.get().pick(zh, en)}</strong></p>
                        {found.note.map(|note| view! { <p class="notice">{note}</p> })}
                    </section>
                }
                    .into_any()
            }
            Err(AppError::NotFound) => view! {
                <p role="alert" class="error">
                    {t("没有找到：请核对受理编号和手机号。", "Not found: please check the reference and the mobile number.")}
                </p>
            }
                .into_any(),
            Err(error) => view! { <ErrorNote error /> }.into_any(),
        })}
    }
}
