//! Staff keep the member list true: suspend a shop (after a failed front-of-shop inspection,
//! say), which takes it off every public page, or reinstate it.

use super::{SetMemberActive, StaffShop, staff_member_shops};
use crate::data::resource;
use crate::{
    domain::form::error_for,
    error::AppError,
    i18n::{t, use_lang},
    shell::{ErrorNote, Loading, PageHead},
};
use leptos::prelude::*;

#[component]
pub fn MemberShopsPage() -> impl IntoView {
    let action = ServerAction::<SetMemberActive>::new();
    // Which row asked last, so a refusal is shown beside that row only.
    let last = RwSignal::new(None::<i64>);
    let shops = resource(move || action.version().get(), |_| staff_member_shops());
    view! {
        <PageHead title=("成员店铺", "Member shops") />
        <h1>{t("商户自治成员店铺", "Member shops")}</h1>
        <p><leptos_router::components::A href="/staff/streets">{t("编辑自治街区的说明、路长、自治会和承诺书", "Edit the streets' scheme, road chief, council and pledge")}</leptos_router::components::A></p>
        <p class="muted">{t("暂停后，店铺立即从街区页面和生活服务目录中下架；恢复后重新显示。", "A suspended shop leaves the street page and the directory at once; reinstating shows it again.")}</p>
        {move || action.value().get().and_then(Result::err).filter(|e| !matches!(e, AppError::Invalid(_))).map(|error| view! { <ErrorNote error /> })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match shops.await {
                    Ok(list) => view! {
                        <crate::shell::TableScroll><table class="data">
                            <thead><tr>
                                <th scope="col">{t("店铺", "Shop")}</th>
                                <th scope="col">{t("统一社会信用代码", "Credit code")}</th>
                                <th scope="col">{t("状态", "Status")}</th>
                                <th scope="col">{t("操作", "Action")}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|shop| view! { <Row shop action last /> }).collect_view()}</tbody>
                        </table></crate::shell::TableScroll>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Row(
    shop: StaffShop,
    action: ServerAction<SetMemberActive>,
    last: RwSignal<Option<i64>>,
) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let id = shop.service_id;
    let name = shop.name.clone();
    let error = move || {
        if last.get() != Some(id) {
            return None;
        }
        action.value().with(|v| match v {
            Some(Err(e)) => {
                error_for(e.field_errors(), "reason").map(|e| e.message(lang.get()).to_owned())
            }
            _ => None,
        })
    };
    view! {
        <tr>
            <td>{shop.name}<br /><span class="muted">{shop.street_zh}</span></td>
            <td>{shop.uscc}</td>
            <td>{if shop.active { t("正常", "Member") } else { t("已暂停", "Suspended") }}
                {shop.suspended_reason.map(|r| view! { <br /><span class="muted">{r}</span> })}</td>
            <td>
                {if shop.active {
                    view! {
                        <form class="inline" method="post" on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            last.set(Some(id));
                            action.dispatch(SetMemberActive { service_id: id, active: false, reason: Some(reason.get_untracked()) });
                        }>
                            <input type="text" aria-label=format!("{name} 暂停原因") placeholder=t("暂停原因", "Reason")
                                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                            <button type="submit" class="button danger">{t("暂停", "Suspend")}</button>
                            <p class="field-error" aria-live="polite">{error}</p>
                        </form>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button" on:click=move |_| {
                            action.dispatch(SetMemberActive { service_id: id, active: true, reason: None });
                        }>{t("恢复", "Reinstate")}</button>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
