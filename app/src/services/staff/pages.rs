//! The staff's directory: the list of services, a new one, and one being changed, closed,
//! reopened or confirmed.

use super::{
    CloseService, ConfirmService, ReopenService, SaveService,
    form::ServiceForm,
    open_service, place_choices, staff_services,
    suggestion::{SuggestionPanel, adopting, suggested},
};
use crate::data::resource;
use crate::{
    categories::use_categories,
    domain::{service::edit::RawService, time::beijing_date},
    error::AppError,
    i18n::{localized, t, use_lang},
    shell::{ErrorNote, Loading, PageHead, SearchForm},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map, hooks::use_query_map};

#[component]
pub fn StaffServicesPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.with(|q| q.get("q").unwrap_or_default());
    let closed = move || query.with(|q| q.get("closed").is_some_and(|c| c == "1"));
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0u32));
    let list = resource(
        move || (q(), closed(), page()),
        |(q, closed, page)| staff_services(Some(q), Some(closed), Some(page)),
    );
    let categories = use_categories();
    let lang = use_lang();
    view! {
        <PageHead title=("服务目录维护", "Directory") />
        <h1>{t("服务目录维护", "Keep the directory true")}</h1>
        <p>
            <A href="/staff/services/new" attr:class="button primary">{t("新增服务点", "Add a service")}</A>
            " "
            <A href="/staff/services/import" attr:class="button">{t("批量导入导出", "Import and export")}</A>
        </p>
        <SearchForm>
            <label>{t("名称或地址", "Name or address")}
                <input type="search" name="q" prop:value=q /></label>
            <label class="choice">
                <input type="checkbox" name="closed" value="1" prop:checked=closed />
                {t("只看已关闭的", "Closed ones only")}
            </label>
            <button type="submit" class="button">{t("查找", "Find")}</button>
        </SearchForm>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let categories = categories.await.unwrap_or_default();
                match list.await {
                    Ok(list) => view! {
                        <p class="muted">{move || lang.get().pick(&format!("共 {} 处", list.total), &format!("{} in all", list.total)).to_owned()}</p>
                        <crate::shell::TableScroll><table class="data">
                            <thead><tr>
                                <th scope="col">{t("名称", "Name")}</th>
                                <th scope="col">{t("类别", "Category")}</th>
                                <th scope="col">{t("社区", "Community")}</th>
                                <th scope="col">{t("信息核实于", "Confirmed on")}</th>
                            </tr></thead>
                            <tbody>{list.items.into_iter().map(|row| {
                                let kind = categories.find(&row.category).map(|c| localized(c.name()));
                                view! {
                                    <tr>
                                        <td><A href=format!("/staff/services/{}", row.id)>{row.name}</A>
                                            {row.closed.then(|| view! { " " <span class="badge">{t("已关闭", "Closed")}</span> })}
                                            <br /><span class="muted">{row.address}</span></td>
                                        <td>{kind}</td>
                                        <td>{localized(row.community)}</td>
                                        <td>{row.verified_at.map(beijing_date).unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table></crate::shell::TableScroll>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewServicePage() -> impl IntoView {
    let form = RwSignal::new(RawService::default());
    let action = ServerAction::<SaveService>::new();
    crate::shell::keep_draft("service-form", form, StoredValue::new(None))
        .until(move || matches!(action.value().get(), Some(Ok(_))));
    let suggestion = suggested();
    let places = resource(|| (), |_| place_choices());
    let categories = use_categories();
    // A suggested new service opens as a draft of it, unless something is typed already.
    Effect::new(move |_| {
        if let Some(Some(s)) = suggestion.get()
            && form.with_untracked(|f| *f == RawService::default())
        {
            form.set(RawService {
                name: s.name,
                category: s.category,
                address: s.address,
                ..Default::default()
            });
        }
    });
    let send = Callback::new(move |service| {
        let suggestion = adopting(suggestion);
        action.dispatch(SaveService {
            id: None,
            version: None,
            suggestion,
            service,
        });
    });
    let outcome = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <PageHead title=("新增服务点", "Add a service") />
        <h1>{t("新增服务点", "Add a service")}</h1>
        // Drawn once the city's places are in, and hydrated with them in one go: the form's
        // parts then never wait for their turn while its Suspenses hydrate on their own.
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let _ = (places.await, categories.await, suggestion.await);
                view! {
                    {move || match action.value().get() {
                        Some(Ok(saved)) => view! {
                            <div class="notice" role="status">
                                <p>{t("已新增，居民现在可以查到这个服务点。", "Added: residents can find it now.")}</p>
                                <p><A href=format!("/services/{}", saved.id)>{t("查看公开页面", "See its public page")}</A>
                                   " · " <A href=format!("/staff/services/{}", saved.id)>{t("继续编辑", "Edit it")}</A></p>
                            </div>
                        }.into_any(),
                        _ => view! {
                            {move || suggestion.get().flatten().map(|suggestion| view! { <SuggestionPanel suggestion current=None /> })}
                            {move || outcome.get().filter(|e| !matches!(e, AppError::Invalid(_))).map(|error| view! { <ErrorNote error /> })}
                            <ServiceForm id="service-form" form send outcome pending=action.pending().into() label=("保存", "Save") places categories />
                        }.into_any(),
                    }}
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditServicePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let close = ServerAction::<CloseService>::new();
    let reopen = ServerAction::<ReopenService>::new();
    let confirm = ServerAction::<ConfirmService>::new();
    // Made before the wait for the service: see `Location`.
    let places = resource(|| (), |_| place_choices());
    let categories = use_categories();
    let suggestion = suggested();
    let service = resource(
        move || {
            (
                id(),
                close.version().get(),
                reopen.version().get(),
                confirm.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => open_service(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <PageHead title=("编辑服务点", "Edit a service") />
        <Suspense fallback=Loading>
            // Every resource the editor reads is in before it is drawn, so the form and its
            // map and selects hydrate in one go, as on the new-service page.
            {move || Suspend::new(async move {
                let _ = (places.await, categories.await, suggestion.await);
                match service.await {
                    Ok(service) => view! { <super::edit::Editor service close reopen confirm places categories suggestion /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
