//! 一刻钟 Quarter Hour: the 15-minute living circle portal. Shared by the server (feature `ssr`)
//! and the browser (feature `hydrate`).

// Nested views make deep types; hydration code for them needs more than the default 128.
#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod api;
pub mod app;
pub mod categories;
pub mod data;
pub mod domain;
pub mod error;
mod hydration;
pub mod i18n;
pub mod maps;
pub mod merchants;
pub mod moderation;
pub mod neighbourhoods;
pub mod pages;
mod routes;
pub mod services;
pub mod shell;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod storage;
pub mod submissions;
pub mod volunteers;

/// Room for `cargo leptos build --split` to give each lazy piece its own constants (its text,
/// above all). The splitter lays every piece's constants out again, each piece aligned, and when
/// that comes out even a few bytes longer than the original constant segment it gives up and
/// keeps them all in the main wasm: 106 kB of every page's text that the home page would load.
/// Nothing uses these bytes, so the splitter leaves them out of every piece: they cost nothing.
#[cfg(feature = "hydrate")]
#[used]
static SPLIT_SLACK: [u8; 4096] = [0x51; 4096];

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    hydration::start_turns();
    // The page's own piece of the client (a lazy route) is loaded before it is hydrated; only
    // then is the page interactive, and marked so for browser tests (and anyone curious).
    wasm_bindgen_futures::spawn_local(async {
        hydration::hydrate_body(app::App).await;
        shell::mark_hydrated();
        let _ = gloo_utils::document_element().set_attribute("data-hydrated", "true");
    });
}
