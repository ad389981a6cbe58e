use crate::{
    i18n::provide_locale,
    merchants::{MemberShopsPage, RegisterPage, StreetPage, StreetsPage},
    moderation::{DashboardPage, QueuePage, SubmissionPage},
    pages::HomePage,
    services::{CoveragePage, NearPage, ServicePage, ServicesPage, SuggestPage},
    shell::{Footer, Header, NotFound, provide_large_text},
    staff::{AccountsPage, AuditPage, PasswordPage, StaffArea},
    submissions::StatusPage,
    volunteers::{
        ActivitiesPage, ApplyPage, AttendancePage, StaffActivitiesPage, TeamPage, TeamsPage,
    },
};
use leptos::prelude::*;
use leptos_meta::{Html, Link, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0f766e" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = provide_locale();
    let large = provide_large_text();
    mark_hydrated();

    view! {
        <Html {..} lang=move || lang.get().html_tag() class=move || large.get().then_some("large-text") />
        <Title formatter=|page: String| format!("{page} · 一刻钟 Quarter Hour") />
        <Meta name="application-name" content="一刻钟 Quarter Hour" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Link rel="stylesheet" href="/pkg/quarterhour.css" />
        <Router>
            <a class="skip-link" href="#main">{crate::i18n::t("跳到正文", "Skip to content")}</a>
            <Header />
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/services") view=ServicesPage />
                    // Async: the status (404 for a missing service) is known before the first byte.
                    <Route path=path!("/services/:id") view=ServicePage ssr=SsrMode::Async />
                    <Route path=path!("/suggest") view=SuggestPage />
                    <Route path=path!("/near") view=NearPage />
                    <Route path=path!("/status") view=StatusPage />
                    <Route path=path!("/volunteers") view=TeamsPage />
                    <Route path=path!("/volunteers/teams/:id") view=TeamPage ssr=SsrMode::Async />
                    <Route path=path!("/volunteers/activities") view=ActivitiesPage />
                    <Route path=path!("/volunteers/apply") view=ApplyPage />
                    <Route path=path!("/merchants") view=StreetsPage />
                    <Route path=path!("/merchants/streets/:id") view=StreetPage ssr=SsrMode::Async />
                    <Route path=path!("/merchants/register") view=RegisterPage />
                    // Async: a page refused to a visitor who is not signed in answers 401, and
                    // that status must be known before the first byte.
                    <ParentRoute path=path!("/staff") view=StaffArea ssr=SsrMode::Async>
                        <Route path=path!("") view=DashboardPage />
                        <Route path=path!("queue") view=QueuePage />
                        <Route path=path!("submissions/:reference") view=SubmissionPage />
                        <Route path=path!("coverage") view=CoveragePage />
                        <Route path=path!("activities") view=StaffActivitiesPage />
                        <Route path=path!("activities/:id") view=AttendancePage />
                        <Route path=path!("member-shops") view=MemberShopsPage />
                        <Route path=path!("accounts") view=AccountsPage />
                        <Route path=path!("audit") view=AuditPage />
                        <Route path=path!("password") view=PasswordPage />
                    </ParentRoute>
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// The page's Content-Security-Policy: scripts only from this site or carrying this response's
/// nonce (the inline hydration scripts), WebAssembly allowed to compile, nothing inline else.
fn content_security_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// Marks the document once the app is interactive, so that browser tests (and anyone curious)
/// can tell a hydrated page from one still waiting for its script.
fn mark_hydrated() {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        let _ = gloo_utils::document_element().set_attribute("data-hydrated", "true");
    });
}
