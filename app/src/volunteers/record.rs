//! A volunteer's own page, inside the status page after reference and phone: the application,
//! withdrawal and deletion, the service done under it with its hours, and the printable
//! certificate.

use super::{Certificate, EraseApplication, ServiceEntry, WithdrawApplication, my_volunteering};
use crate::data::resource;
use crate::{
    domain::{lang::Lang, schedule::hours_text, time::beijing_datetime},
    i18n::{t, use_lang},
    shell::{Confirm, ErrorNote, Loading},
    submissions::Status,
};
use leptos::prelude::*;

#[component]
pub fn VolunteerRecordView(
    reference: String,
    phone: String,
    /// The status the page shows above: kept to the record's after a withdrawal.
    shown: RwSignal<Status>,
) -> impl IntoView {
    let lang = use_lang();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let erase = ServerAction::<EraseApplication>::new();
    let confirm_erase = RwSignal::new(false);
    let confirm_withdraw = RwSignal::new(false);
    let (r, p) = (reference.clone(), phone.clone());
    let record = resource(
        move || (withdraw.version().get(), erase.version().get()),
        move |_| my_volunteering(r.clone(), p.clone()),
    );
    Effect::new(move |_| {
        if let Some(Ok(record)) = record.get() {
            shown.set(record.status);
        }
    });
    let args = (reference, phone);
    view! {
        <Suspense fallback=Loading>
            {move || {
                let (reference, phone) = args.clone();
                Suspend::new(async move {
                    if erase.value().with(|v| matches!(v, Some(Ok(())))) {
                        return view! {
                            <p role="status" class="notice">{t("您的个人信息已删除，只保留不含个人信息的统计。", "Your personal data is deleted; only anonymous counts remain.")}</p>
                        }.into_any();
                    }
                    let record = match record.await {
                        Ok(record) => record,
                        Err(error) => return view! { <ErrorNote error /> }.into_any(),
                    };
                    let (zh, en) = record.status.label();
                    let total = hours_text(record.total_minutes);
                    let (r1, p1, r2, p2) = (reference.clone(), phone.clone(), reference, phone);
                    view! {
                        <section class="card">
                            <h2>{t("我的报名", "My application")}</h2>
                            <dl class="facts-list">
                                <dt>{t("报名项目", "Applied for")}</dt><dd>{record.applied_for.clone()}</dd>
                                <dt>{t("姓名", "Name")}</dt><dd>{record.name.clone()}</dd>
                                <dt>{t("手机号", "Mobile")}</dt><dd>{record.phone_masked.clone()}</dd>
                                <dt>{t("状态", "Status")}</dt><dd>{move || lang.get().pick(zh, en)}</dd>
                            </dl>
                            <div class="actions">
                                {record.can_withdraw.then(|| view! {
                                    <button type="button" class="button" on:click=move |_| confirm_withdraw.set(true)>
                                        {t("撤回报名", "Withdraw")}
                                    </button>
                                })}
                                <button type="button" class="button" on:click=move |_| confirm_erase.set(true)>
                                    {t("删除我的个人信息", "Delete my personal data")}
                                </button>
                            </div>
                            <Confirm open=confirm_withdraw
                                question=("撤回后，为您保留的名额会让给候补的人，撤回后不能恢复。确定撤回吗？", "Your place goes to the next on the waitlist, and this cannot be undone. Withdraw?")
                                yes=("确定撤回", "Withdraw")
                                on_yes=Callback::new(move |()| { withdraw.dispatch(WithdrawApplication { reference: r1.clone(), phone: p1.clone() }); }) />
                            <Confirm open=confirm_erase
                                question=("删除后将撤回这次报名，姓名、手机号和填写的内容都会删除，无法恢复，也无法再凭编号查询。确定删除吗？", "This withdraws the application and deletes your name, mobile number and everything you wrote, for good; the reference will no longer find it. Delete?")
                                yes=("确定删除", "Delete")
                                on_yes=Callback::new(move |()| { erase.dispatch(EraseApplication { reference: r2.clone(), phone: p2.clone() }); }) />
                            {move || withdraw.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error /> })}
                            {move || erase.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error /> })}
                        </section>
                        <section class="card">
                            <h2>{t("这次报名的志愿服务", "Service under this application")}</h2>
                            <p>{move || match lang.get() {
                                Lang::Zh => format!("服务时长：{total} 小时"),
                                Lang::En => format!("Hours served: {total}"),
                            }}</p>
                            <p class="muted">{t("为保护您的信息，这里只显示本受理编号下的服务；其他报名请凭各自的编号查询。", "To protect your data, only the service under this reference is shown; look up other applications with their own references.")}</p>
                            <Services services=record.services />
                        </section>
                        {record.certificate.map(|certificate| view! { <CertificateView certificate /> })}
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

#[component]
fn Services(services: Vec<ServiceEntry>) -> impl IntoView {
    let lang = use_lang();
    if services.is_empty() {
        return view! { <p class="muted">{t("还没有已确认的活动。", "No confirmed activities yet.")}</p> }.into_any();
    }
    view! {
        <crate::shell::TableScroll><table class="data">
            <thead><tr>
                <th scope="col">{t("活动", "Activity")}</th>
                <th scope="col">{t("时间", "When")}</th>
                <th scope="col">{t("服务时长", "Hours")}</th>
            </tr></thead>
            <tbody>
                {services.into_iter().map(|s| view! {
                    <tr>
                        <td>{s.title} <br /> <span class="muted">{s.team_zh}</span></td>
                        <td>{beijing_datetime(s.starts_at)}</td>
                        <td>{move || match (s.minutes, lang.get()) {
                            (None, Lang::Zh) => "待登记".to_owned(),
                            (None, Lang::En) => "not yet recorded".to_owned(),
                            (Some(0), Lang::Zh) => "未出勤".to_owned(),
                            (Some(0), Lang::En) => "did not attend".to_owned(),
                            (Some(m), _) => hours_text(m),
                        }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></crate::shell::TableScroll>
    }
    .into_any()
}

/// 志愿服务记录证明, laid out to print on its own (the rest of the page is hidden in print).
#[component]
fn CertificateView(certificate: Certificate) -> impl IntoView {
    let total = hours_text(certificate.total_minutes);
    let content: Vec<String> = certificate
        .services
        .iter()
        .map(|s| {
            let hours = hours_text(s.minutes.unwrap_or(0));
            format!(
                "{} {}（{hours}小时）",
                &beijing_datetime(s.starts_at)[..10],
                s.title
            )
        })
        .collect();
    view! {
        <section class="card certificate" aria-labelledby="certificate-title">
            <h2 id="certificate-title">"志愿服务记录证明"</h2>
            <p class="muted">"Volunteer service record"</p>
            <p>"证明编号：" {certificate.number}</p>
            <p>
                "兹证明 " <strong>{certificate.name}</strong> " 同志在本组织参加志愿服务，累计服务时长 "
                <strong>{total}</strong> " 小时。"
            </p>
            <p>"服务内容："</p>
            <ul>{content.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            <p>"出具组织：" {certificate.organisation}</p>
            <p>"联系电话：" {certificate.contact}</p>
            <p>"出具日期：" {certificate.issued_on}</p>
            <button type="button" class="button no-print" on:click=move |_| print()>
                {t("打印证明", "Print the certificate")}
            </button>
        </section>
    }
}

fn print() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
