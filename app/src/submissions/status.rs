//! Where a submitter follows up: reference and phone in, status and any staff note out.
//! A POST form, so the phone never lands in a URL or a log. A submission returned for
//! correction opens here in its own form, with the note beside it.

use super::{Correction, EraseSubmission, Kind, LookupSubmission, Status, show_outcome};
use crate::{
    error::AppError,
    i18n::{t, use_lang},
    merchants::RegistrationCorrection,
    services::{ResubmitSuggestion, SuggestionForm},
    shell::{Confirm, ErrorNote, PageHead},
    volunteers::VolunteerRecordView,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StatusPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<LookupSubmission>::new();
    // A receipt's link fills the reference in; the mobile is always typed.
    let given = use_query_map()
        .with_untracked(|q| q.get("reference"))
        .unwrap_or_default();
    let reference = RwSignal::new(given.clone());
    let phone = RwSignal::new(String::new());
    view! {
        <PageHead
            title=("查询办理进度", "Check a submission")
            description=(
                "凭受理编号和手机号查询建议、志愿者报名和商户登记的办理进度。",
                "Follow up a suggestion, a volunteer application or a shop registration with its reference and your mobile number.",
            )
        />
        <h1>{t("查询办理进度", "Check a submission")}</h1>
        <p class="lead">{t("请输入受理编号和提交时留下的手机号。", "Enter the reference and the mobile number you gave.")}</p>
        <ActionForm action=action attr:class="stack">
            <div class="field">
                <label for="reference">{t("受理编号", "Reference")}</label>
                <input id="reference" name="reference" type="text" autocomplete="off" placeholder="QH-XXXXXXXX" required value=given
                    on:input=move |ev| reference.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="phone">{t("手机号", "Mobile number")}</label>
                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" required
                    on:input=move |ev| phone.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="button primary">{t("查询", "Check")}</button>
        </ActionForm>
        {move || action.value().get().map(|outcome| match outcome {
            Ok(found) => {
                // What is done below (withdrawn, sent again) shows here at once.
                let shown = RwSignal::new(found.status);
                let label = move || {
                    let (zh, en) = shown.get().label();
                    lang.get().pick(zh, en)
                };
                view! {
                    <section class="card receipt" role="status">
                        <p>{t("受理编号", "Reference")} ": " <strong class="reference">{found.reference.clone()}</strong></p>
                        <p>{t("状态", "Status")} ": " <strong>{label}</strong></p>
                        {found.note.map(|note| view! { <p class="notice">{note}</p> })}
                        {found.adopted.map(|adopted| view! {
                            <p class="notice">
                                {t("您的建议已被采纳：服务目录已于 ", "Your suggestion was adopted: the directory was updated on ")}
                                {crate::domain::time::beijing_date(adopted.at)}
                                {t(" 更新。", ". ")}
                                <a href=format!("/services/{}", adopted.service_id)>{t("查看服务点", "See the place")}</a>
                            </p>
                        })}
                    </section>
                    {if found.kind == Kind::VolunteerApplication {
                        view! { <VolunteerRecordView reference=found.reference.clone() phone=phone.get_untracked() shown /> }.into_any()
                    } else {
                        view! { <Erase reference=found.reference.clone() phone=phone.get_untracked() /> }.into_any()
                    }}
                    {found.correction.map(|correction| view! {
                        <Correct reference=found.reference phone=phone.get_untracked() correction shown />
                    })}
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

/// The returned submission's form, filled in as it was sent: fix what the note asks, send again.
#[component]
fn Correct(
    reference: String,
    phone: String,
    correction: Correction,
    shown: RwSignal<Status>,
) -> impl IntoView {
    let raw = match correction {
        Correction::ServiceSuggestion(raw) => raw,
        Correction::MerchantRegistration(raw) => {
            return view! { <RegistrationCorrection reference phone raw shown /> }.into_any();
        }
    };
    let form = RwSignal::new(raw);
    let categories = crate::categories::use_categories();
    let action = ServerAction::<ResubmitSuggestion>::new();
    show_outcome(move || action.value().get(), shown);
    let send = Callback::new(move |suggestion| {
        action.dispatch(ResubmitSuggestion {
            reference: reference.clone(),
            phone: phone.clone(),
            suggestion,
        });
    });
    view! {
        <section class="card">
            <h2>{t("修改后重新提交", "Correct and send again")}</h2>
            {move || match action.value().get() {
                Some(Ok(_)) => view! {
                    <p role="status" class="notice">
                        {t("已重新提交，状态：待审核。", "Sent again; status: pending review.")}
                    </p>
                }.into_any(),
                outcome => view! {
                    <SuggestionForm form categories send outcome=Signal::derive(move || outcome.clone().and_then(Result::err))
                        pending=action.pending().into() with_phone=false />
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}

/// Deleting one's personal data from a suggestion or a shop registration, after a warning.
#[component]
fn Erase(reference: String, phone: String) -> impl IntoView {
    let erase = ServerAction::<EraseSubmission>::new();
    let confirm = RwSignal::new(false);
    view! {
        <section class="card">
            {move || match erase.value().get() {
                Some(Ok(())) => view! {
                    <p role="status" class="notice">{t("您的个人信息已删除。", "Your personal data is deleted.")}</p>
                }.into_any(),
                outcome => {
                    let (reference, phone) = (reference.clone(), phone.clone());
                    view! {
                        <button type="button" class="button" on:click=move |_| confirm.set(true)>
                            {t("删除我的个人信息", "Delete my personal data")}
                        </button>
                        <Confirm open=confirm
                            question=("删除后，手机号和填写的全部内容都会删除，无法恢复，也无法再凭编号查询；尚在审核的将一并撤回。确定删除吗？", "This deletes your mobile number and everything you wrote, for good; the reference will no longer find it, and anything still in review is withdrawn. Delete?")
                            yes=("确定删除", "Delete")
                            on_yes=Callback::new(move |()| { erase.dispatch(EraseSubmission { reference: reference.clone(), phone: phone.clone() }); }) />
                        {outcome.and_then(Result::err).map(|error| view! { <ErrorNote error /> })}
                    }.into_any()
                }
            }}
        </section>
    }
}
