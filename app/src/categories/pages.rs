//! The admins' categories: the list with what each holds, a new one, and one being changed.

use super::{RetireCategory, SaveCategory, StaffCategory, staff_categories};
use crate::{
    data::resource,
    domain::{
        category::{Categories, edit::RawCategory},
        circle::Circle,
        lang::Lang,
        neighbourhood::Name,
    },
    error::AppError,
    i18n::{localized, t, use_lang},
    shell::{Checked, ErrorNote, ErrorSummary, Field, Loading, PageHead, SubmitButton, keep_draft},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

#[component]
pub fn StaffCategoriesPage() -> impl IntoView {
    let retire = ServerAction::<RetireCategory>::new();
    let list = resource(move || retire.version().get(), |_| staff_categories());
    let lang = use_lang();
    view! {
        <PageHead title=("服务类别", "Categories") />
        <h1>{t("服务类别", "Categories")}</h1>
        {move || retire.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error /> })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! {
                        <p class="lead">{t(
                            "居民按类别查找服务，“生活圈还缺什么”和覆盖情况也按这里的类别计算。没有在列服务的类别可以停用；停用后不再供新增或修改服务时选择，可随时恢复。",
                            "Residents find services by these categories, and gaps and coverage are counted by them. A category no listed service is of can be retired: it is no longer offered for new or changed entries, and can be restored at any time.",
                        )}</p>
                        <p><A href="/staff/categories/new" attr:class="button primary">{t("新增类别", "Add a category")}</A></p>
                        <crate::shell::TableScroll><table class="data">
                            <thead><tr>
                                <th scope="col">{t("类别", "Category")}</th>
                                <th scope="col">{t("步行圈", "Circle")}</th>
                                <th scope="col">{t("在列服务", "Listed services")}</th>
                                <th scope="col">{t("状态", "State")}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|row| view! { <Row row retire lang /> }).collect_view()}</tbody>
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
    row: StaffCategory,
    retire: ServerAction<RetireCategory>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let c = row.category;
    let name = localized(Name {
        zh: c.name_zh.clone(),
        en: c.name_en.clone(),
    });
    let (id, retired) = (c.id.clone(), row.retired);
    let minutes = c.circle_minutes;
    let flags = [
        c.sells_food.then_some(("售食品", "sells food")),
        c.shop.then_some(("商户可登记", "shops may register")),
    ];
    view! {
        <tr>
            <td>
                {c.icon.clone()} " "
                <A href=format!("/staff/categories/{}", c.id)>{name}</A>
                <br /><span class="muted">{c.id.clone()}
                    {flags.into_iter().flatten().map(|(zh, en)| view! { " · " {t(zh, en)} }).collect_view()}
                </span>
            </td>
            <td>{move || match lang.get() {
                Lang::Zh => format!("{minutes} 分钟"),
                Lang::En => format!("{minutes} min"),
            }}</td>
            <td>{row.listed}</td>
            <td>
                {if retired { t("已停用", "Retired") } else { t("在用", "In use") }}
                " "
                <button type="button" class="button" on:click=move |_| {
                    retire.dispatch(RetireCategory { id: id.clone(), retired: !retired });
                }>
                    {if retired { t("恢复", "Restore") } else { t("停用", "Retire") }}
                </button>
            </td>
        </tr>
    }
}

#[component]
pub fn EditCategoryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");
    // The whole list, admins only: the category changed is in it, and its ids and names are
    // what a new name must not take.
    let page = resource(id, |id| async move {
        let all = staff_categories().await?;
        let current = match id {
            Some(id) => Some(
                all.iter()
                    .find(|c| c.category.id == id)
                    .cloned()
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        Ok::<_, AppError>((
            current,
            Categories::new(all.iter().map(StaffCategory::as_category).collect()),
        ))
    });
    view! {
        <PageHead title=("编辑服务类别", "Edit a category") />
        <p><A href="/staff/categories">{t("← 全部类别", "← All categories")}</A></p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((current, list)) => view! { <CategoryEditor current list /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CategoryEditor(current: Option<StaffCategory>, list: Categories) -> impl IntoView {
    let editing = current.as_ref().map(|c| c.category.id.clone());
    let form = RwSignal::new(
        current
            .as_ref()
            .map(|c| c.category.clone())
            .unwrap_or_default(),
    );
    let save = ServerAction::<SaveCategory>::new();
    keep_draft("category-form", form, StoredValue::new(None))
        .until(move || matches!(save.value().get(), Some(Ok(_))));
    let outcome = Signal::derive(move || save.value().get().and_then(Result::err));
    let id = editing.clone();
    let send = Callback::new(move |category| {
        save.dispatch(SaveCategory {
            id: id.clone(),
            category,
        });
    });
    let heading = match &current {
        Some(c) => c.category.name_zh.clone().into_any(),
        None => t("新增类别", "Add a category").into_any(),
    };
    let retired = current.as_ref().is_some_and(|c| c.retired);
    view! {
        <h1>{heading}</h1>
        {retired.then(|| view! { <p class="notice">{t("这个类别已停用：可在类别列表中恢复。", "This category is retired: restore it from the list.")}</p> })}
        {move || save.value().get().map(|outcome| match outcome {
            Ok(saved) => view! {
                <p class="notice" role="status">
                    {t("已保存，各页面的类别列表已更新。", "Saved: every list of categories shows it now.")}
                    " " <A href=format!("/services?category={}", saved.id)>{t("查看这一类服务", "See its services")}</A>
                </p>
            }.into_any(),
            Err(AppError::Invalid(_)) => ().into_any(),
            Err(error) => view! { <ErrorNote error /> }.into_any(),
        })}
        <CategoryForm form list editing send outcome pending=save.pending().into() />
    }
}

#[component]
fn CategoryForm(
    form: RwSignal<RawCategory>,
    /// Every category, to keep ids and names unique.
    list: Categories,
    /// The id of the category changed; none for a new one.
    editing: Option<String>,
    send: Callback<RawCategory>,
    outcome: Signal<Option<AppError>>,
    pending: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let own = editing.clone();
    let check = move |c: &RawCategory| c.parse(&list, own.as_deref()).err().unwrap_or_default();
    let checked = Checked::new(form, check, outcome);
    let errors = move || checked.errors();
    let flag = move |name: &'static str,
                     label: (&'static str, &'static str),
                     get: fn(&RawCategory) -> bool,
                     set: fn(&mut RawCategory, bool)| {
        view! {
            <label class="choice">
                <input type="checkbox" name=name checked=form.with_untracked(get) prop:checked=move || form.with(get)
                    on:change=move |ev| form.update(|f| set(f, event_target_checked(&ev))) />
                {t(label.0, label.1)}
            </label>
        }
    };
    view! {
        <form id="category-form" class="stack" method="post" novalidate
            on:submit=move |ev| checked.submit(ev, |category| send.run(category))>
            <ErrorSummary errors=Signal::derive(errors) attempts=checked.attempts.into() />
            {editing.is_none().then(|| checked.input("id", ("编号（小写英文、数字或下划线，如 photo_print；保存后不能修改）", "Id (lowercase letters, digits or _, like photo_print; fixed once saved)"), "text", |f| f.id.clone(), |f, v| f.id = v))}
            {checked.input("name_zh", ("中文名称", "Chinese name"), "text", |f| f.name_zh.clone(), |f, v| f.name_zh = v)}
            {checked.input("name_en", ("英文名称（选填，空着则用中文名称）", "English name (optional; the Chinese when empty)"), "text", |f| f.name_en.clone(), |f, v| f.name_en = v)}
            {checked.input("icon", ("图标（一个表情符号，如 📷）", "Icon (one emoji, like 📷)"), "text", |f| f.icon.clone(), |f, v| f.icon = v)}
            <Field label=t("居民应在步行几分钟内找到一处", "A resident should find one within a walk of") name="circle_minutes" errors in_place=true>
                <select id="circle_minutes" name="circle_minutes" aria-describedby="circle_minutes-error"
                    on:change=move |ev| { form.update(|f| f.circle_minutes = event_target_value(&ev).parse().unwrap_or(0)); checked.touch("circle_minutes"); }>
                    <option value="">{t("请选择…", "Choose…")}</option>
                    {Circle::ALL.map(|circle| {
                        let minutes = circle.minutes();
                        view! { <option value=minutes.to_string() selected=move || form.with(|f| f.circle_minutes == minutes)>
                            {move || match lang.get() {
                                Lang::Zh => format!("{minutes} 分钟"),
                                Lang::En => format!("{minutes} minutes"),
                            }}
                        </option> }
                    }).collect_view()}
                </select>
            </Field>
            {flag("sells_food", ("销售或制作食品（商户登记时须填食品经营许可证）", "Sells or serves food (shops then give a food-business licence)"), |f| f.sells_food, |f, v| f.sells_food = v)}
            {flag("shop", ("商户可以登记为这一类经营", "Shops under the merchant scheme may register as this kind"), |f| f.shop, |f, v| f.shop = v)}
            {checked.input("words", ("居民搜索时常用的词（用顿号分隔，如：打印、复印、证件照）", "Words residents search with (separated by 、 or commas)"), "text", |f| f.words.clone(), |f, v| f.words = v)}
            <SubmitButton label=("保存", "Save") pending />
        </form>
    }
}
