//! The frame around every page: header with navigation and the language switch, footer, 404.

mod badges;
mod confirm;
mod draft;
mod form;
mod inputs;
mod language;
mod large_text;
mod reference;
mod switch;
pub use badges::{MemberBadge, OpenBadge};
pub use confirm::Confirm;
pub use draft::{Kept, keep_draft};
#[cfg(feature = "hydrate")]
pub use form::typed_fields;
pub use form::{ErrorSummary, SearchForm, SubmitButton, failed_attempts};
pub use inputs::Checked;
pub use large_text::{LargeTextSwitch, provide_large_text};
pub use reference::{ReferenceLine, status_address};
pub use switch::{SwitchForm, remember_in_browser};

use crate::domain::form::FieldError;
use crate::i18n::{t, title_text, use_lang};
use language::LanguageSwitch;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="bar">
                <a href="/" class="brand">
                    <span class="brand-zh" lang="zh-CN">"一刻钟"</span>
                    <span class="brand-en" lang="en">"Quarter Hour"</span>
                </a>
                <div class="switches">
                    <LargeTextSwitch />
                    <LanguageSwitch />
                </div>
            </div>
            <nav aria-label=t("主导航", "Main")>
                <ul>
                    <li><A href="/services">{t("服务", "Services")}</A></li>
                    <li><A href="/volunteers">{t("志愿者", "Volunteers")}</A></li>
                    <li><A href="/merchants">{t("商户自治", "Merchants")}</A></li>
                    <li><A href="/staff">{t("工作人员", "Staff")}</A></li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                {t(
                    "一刻钟 · 郑州市15分钟生活圈便民门户。步行一刻钟，生活所需都在身边。",
                    "Quarter Hour · Zhengzhou's 15-minute living circle: daily life within a quarter hour's walk.",
                )}
            </p>
            <p>
                <a href="/status">{t("查询办理进度", "Check a submission")}</a>
            </p>
            <p>
                {t("市民服务热线", "Citizens' hotline")} " "
                <a href="tel:12345">"12345"</a>
            </p>
        </footer>
    }
}

/// The page for an address that leads nowhere; answered with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=title_text("页面不存在", "Page not found") />
        <Meta name="robots" content="noindex" />
        <section class="not-found">
            <h1>{t("没有找到这个页面", "We could not find this page")}</h1>
            <p>
                {t(
                    "地址可能输错了，或者页面已经搬走。",
                    "The address may be mistyped, or the page has moved.",
                )}
            </p>
            <p>
                <a href="/" class="button">{t("回到首页", "Back to the home page")}</a>
            </p>
        </section>
    }
}

/// A wide table in a box of its own that scrolls sideways on a phone, reachable by keyboard.
#[component]
pub fn TableScroll(children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="group" aria-label=t("表格（可左右滑动）", "Table (scrolls sideways)")>
            {children()}
        </div>
    }
}

/// What a section shows while its data is on the way.
/// False until this page is hydrated. A form sent before its script runs would go as a plain
/// form: its submit button waits, and `method="post"` keeps what was typed out of the address
/// even so.
///
/// Set once, when the client has finished hydrating the page it started on; not by an effect
/// made in the form, which never ran once the form was hydrated asynchronously (in turns).
pub fn hydrated() -> Signal<bool> {
    #[cfg(feature = "hydrate")]
    {
        let ready = HYDRATED.with(Clone::clone);
        Signal::derive(move || ready.get())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Signal::stored(false)
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    static HYDRATED: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Called once the page the client started on is hydrated.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    HYDRATED.with(|ready| ready.set(true));
}

/// For a receipt's heading: it takes the keyboard focus when it appears, since the form it
/// replaces (and the button that had the focus) is gone and the focus would fall to the page.
pub fn focus_on_mount() -> NodeRef<leptos::html::H2> {
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let heading: &leptos::web_sys::HtmlElement = &heading;
            let _ = heading.focus();
        }
    });
    heading
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="muted">{t("正在加载…", "Loading…")}</p> }
}

/// An error in the visitor's language, announced to screen readers.
#[component]
pub fn ErrorNote(error: crate::error::AppError) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! { <p role="alert" class="error">{move || error.message(lang.get())}</p> }
}

/// The page's title and search-engine description, in the visitor's language.
#[component]
pub fn PageHead(
    title: (&'static str, &'static str),
    #[prop(optional)] description: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <Title text=title_text(title.0, title.1) />
        {description.map(|(zh, en)| view! { <Meta name="description" content=t(zh, en) /> })}
    }
}

/// A reader of the address's query: a parameter's value when it is there and not empty.
pub fn use_query_param() -> impl Fn(&str) -> Option<String> + Copy + Send + Sync + 'static {
    let params = use_query_map();
    move |name: &str| params.with(|p| p.get(name)).filter(|v| !v.is_empty())
}

/// The page of a paged list the address asks for (`?page=`), counting from 1.
pub fn page_number(param: impl Fn(&str) -> Option<String>) -> u32 {
    param("page")
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Previous and next links for a paged list, keeping the rest of the query; pages count from 1.
#[component]
pub fn Pager(current: u32, pages: u32) -> impl IntoView {
    let params = use_query_map();
    let link = move |page: u32| {
        let mut query = params.get_untracked();
        query.replace("page", page.to_string());
        format!("?{}", query.to_query_string().trim_start_matches('?'))
    };
    (pages > 1).then(|| view! {
        <nav class="pager" aria-label=t("翻页", "Pages")>
            {(current > 1).then(|| view! { <a href=link(current - 1) rel="prev">{t("上一页", "Previous")}</a> })}
            <span>{format!("{current} / {pages}")}</span>
            {(current < pages).then(|| view! { <a href=link(current + 1) rel="next">{t("下一页", "Next")}</a> })}
        </nav>
    })
}

/// A labelled field with its error underneath, announced to screen readers. Hydration builds it
/// at its turn (`hydration::later`) unless it is `in_place`, as a field must be whose children
/// make a resource or a `<Suspense>`.
#[component]
pub fn Field(
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    name: &'static str,
    errors: impl Fn() -> Vec<FieldError> + Send + Sync + 'static,
    #[prop(optional)] in_place: bool,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let message = Signal::derive(move || {
        errors()
            .into_iter()
            .find(|e| e.field == name)
            .map(|e| e.message(lang.get()).to_owned())
    });
    let field = move || {
        view! {
            <div class="field" class:invalid=move || message.with(Option::is_some)>
                <label for=name>{label}</label>
                {children()}
                <p class="field-error" id=format!("{name}-error") aria-live="polite">{message}</p>
            </div>
        }
    };
    if in_place {
        crate::hydration::turn(field())
    } else {
        crate::hydration::later(field)
    }
}

/// The errors a form shows: its own checks for the fields already visited (all of them, `*`,
/// once it was submitted), then whatever else the server refused.
pub fn visible_errors(
    local: Vec<FieldError>,
    touched: &std::collections::HashSet<&'static str>,
    server: Option<crate::error::AppError>,
) -> Vec<FieldError> {
    let mut shown: Vec<FieldError> = local
        .into_iter()
        .filter(|e| touched.contains(e.field.as_str()) || touched.contains("*"))
        .collect();
    if let Some(server) = server {
        let extra: Vec<FieldError> = server
            .field_errors()
            .iter()
            .filter(|e| crate::domain::form::error_for(&shown, &e.field).is_none())
            .cloned()
            .collect();
        shown.extend(extra);
    }
    shown
}
