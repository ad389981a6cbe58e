use crate::{
    hydration::{Hydration, later, turn},
    i18n::provide_locale,
    pages::HomePage,
    routes,
    shell::{Footer, Header, NotFound, provide_large_text},
};
use leptos::prelude::*;
use leptos_meta::{Html, MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
    components::{FlatRoutes, Route, Router},
    path,
};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let tiles = map_tiles();
    content_security_policy(tiles.as_deref());
    // The browser's maps read the tile source from here (see `maps::tiles`).
    let tiles = tiles.and_then(|t| serde_json::to_string(&*t).ok());
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0f766e" />
                // Fixed for every page, so written here, where only the server renders, rather
                // than through leptos_meta in the hydrated app (its builders cost the wasm kBs).
                <meta name="application-name" content="一刻钟 Quarter Hour" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href="/pkg/quarterhour.css" />
                {tiles.map(|content| view! { <meta name="qh-map-tiles" content=content /> })}
                <AutoReload options=options.clone() />
                <Hydration options />
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

    // Built at its turn, not only hydrated then: the router and its routes make no resource
    // (a page makes its own as the router hydrates), and building them is the first call of
    // much of the app's code, which should not share a task with the app's start.
    later(move || {
        view! {
            <Html {..} lang=move || lang.get().html_tag() class=move || large.get().then_some("large-text") />
            <Title formatter=|page: String| format!("{page} · 一刻钟 Quarter Hour") />
            <Router>
                // `target` keeps the router's hands off the link; `tabindex` lets main take the focus.
                <a class="skip-link" href="#main" target="_self">{crate::i18n::t("跳到正文", "Skip to content")}</a>
                // Built at their turns too: the header and footer make no resource.
                {later(|| view! { <Header /> })}
                <main id="main" tabindex="-1">
                    // Flat: Leptos's nested routes hydrate a page in one go, flat ones in turns (see
                    // `hydration::turn`). The staff pages each sit in the staff gate (`routes::gated`).
                    // In a turn of its own: matching the address and starting the page's piece
                    // are the first calls of much of the router's code.
                    {turn(view! {
                        <FlatRoutes fallback=NotFound>
                            // Async throughout: a page is sent whole, once its data is in, so nothing
                            // shifts as parts stream in (and a missing service is a 404 from the start).
                            <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                            <Route path=path!("/services") view={Lazy::<routes::Services>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/services/:id") view={Lazy::<routes::Service>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/suggest") view={Lazy::<routes::Suggest>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/near") view={Lazy::<routes::Near>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/status") view={Lazy::<routes::Status>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/volunteers") view={Lazy::<routes::Teams>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/volunteers/teams/:id") view={Lazy::<routes::Team>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/volunteers/activities") view={Lazy::<routes::Activities>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/volunteers/apply") view={Lazy::<routes::Apply>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/merchants") view={Lazy::<routes::Streets>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/merchants/streets/:id") view={Lazy::<routes::Street>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/merchants/register") view={Lazy::<routes::Register>::new()} ssr=SsrMode::Async />
                            // Async: a page refused to a visitor who is not signed in answers 401, and
                            // that status must be known before the first byte.
                            <Route path=path!("/staff") view={Lazy::<routes::Dashboard>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/queue") view={Lazy::<routes::Queue>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/submissions/:reference") view={Lazy::<routes::Submission>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/services") view={Lazy::<routes::StaffServices>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/services/new") view={Lazy::<routes::NewService>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/services/import") view={Lazy::<routes::ImportServices>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/services/:id") view={Lazy::<routes::EditService>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/services/:id/history") view={Lazy::<routes::ServiceHistory>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/coverage") view={Lazy::<routes::Coverage>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/activities") view={Lazy::<routes::StaffActivities>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/activities/new") view={Lazy::<routes::NewActivity>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/activities/propose") view={Lazy::<routes::ProposeActivity>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/activities/:id") view={Lazy::<routes::Attendance>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/activities/:id/edit") view={Lazy::<routes::EditActivity>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/teams") view={Lazy::<routes::StaffTeams>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/teams/new") view={Lazy::<routes::NewTeam>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/teams/:id") view={Lazy::<routes::EditTeam>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/member-shops") view={Lazy::<routes::MemberShops>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/streets") view={Lazy::<routes::StaffStreets>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/streets/:id") view={Lazy::<routes::EditStreet>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/categories") view={Lazy::<routes::StaffCategories>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/categories/:id") view={Lazy::<routes::EditCategory>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/accounts") view={Lazy::<routes::Accounts>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/audit") view={Lazy::<routes::Audit>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/password") view={Lazy::<routes::Password>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/second-factor") view={Lazy::<routes::SecondFactor>::new()} ssr=SsrMode::Async />
                        </FlatRoutes>
                    })}
                </main>
                {later(|| view! { <Footer /> })}
            </Router>
        }
    })
}

/// The deployment's map tiles, if it has any.
fn map_tiles() -> Option<std::sync::Arc<crate::domain::tiles::TileSource>> {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>().and_then(|s| s.map_tiles)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The page's Content-Security-Policy: scripts only from this site or carrying this response's
/// nonce (the inline hydration scripts), WebAssembly allowed to compile, nothing inline else;
/// images from this site and from the map tiles' hosts alone.
fn content_security_policy(tiles: Option<&crate::domain::tiles::TileSource>) {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let tile_hosts: String = tiles
            .map(|t| t.origins().into_iter().map(|o| format!(" {o}")).collect())
            .unwrap_or_default();
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:{tile_hosts}; connect-src 'self'; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = tiles;
}
