//! How the client starts on a page the server rendered, in place of Leptos's
//! `HydrationScripts`. The main script and wasm are preloaded from the head, as Leptos does;
//! the page's lazy pieces are not. Leptos preloads those from the head too, so on a phone their
//! 285 kB share the network with the stylesheet and the main wasm before anything is
//! painted. Here the page names its pieces in a `<meta name="qh-pieces">` and `start.js`
//! fetches them once the text has painted, then hydrates, in turns (`turns`).

use leptos::prelude::*;
use std::sync::LazyLock;

#[cfg(feature = "hydrate")]
mod clock;
#[cfg(any(feature = "hydrate", test))]
mod guard;
mod turns;
#[cfg(feature = "hydrate")]
pub use clock::{start as start_turns, take_turn};
#[cfg(feature = "hydrate")]
pub use guard::hydrate_body;
pub use turns::{building_later, later, turn};

/// The split build's loader, named so while files are not hashed (`hash-files` is off).
const SPLIT_LOADER: &str = "__wasm_split.______________________.js";

/// `start.js` without its comments, which are for this repository's readers, not sent in every
/// page; lines stay lines, so the script means what it says where it leaves out a semicolon.
static START_SCRIPT: LazyLock<String> = LazyLock::new(|| {
    include_str!("start.js")
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
});

/// The head's preloads of the main script and wasm, and the script that starts the client.
#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let split = pieces::load_manifest(&options);
    #[cfg(not(feature = "ssr"))]
    let split = false;
    let pkg = format!("/{}", options.site_pkg_dir);
    let name = options.output_name.to_string();
    // cargo-leptos names the wasm after the crate when it builds the server; without it,
    // wasm-bindgen's `_bg` suffix stays (as `HydrationScripts` reasons).
    let wasm = match option_env!("LEPTOS_OUTPUT_NAME") {
        Some(_) => name.clone(),
        None => format!("{name}_bg"),
    };
    let start = format!("{}({pkg:?}, {name:?}, {wasm:?});", *START_SCRIPT);
    view! {
        <link rel="modulepreload" href=format!("{pkg}/{name}.js") crossorigin="anonymous" />
        <link
            rel="preload"
            href=format!("{pkg}/{wasm}.wasm")
            r#as="fetch"
            r#type="application/wasm"
            crossorigin="anonymous"
        />
        // The main script imports the split build's loader: fetched beside it, not after it.
        {split.then(|| view! {
            <link rel="modulepreload" href=format!("{pkg}/{SPLIT_LOADER}") crossorigin="anonymous" />
        })}
        <script type="module" nonce=leptos::nonce::use_nonce()>{start}</script>
    }
}

#[cfg(feature = "ssr")]
pub use pieces::announce_pieces;

#[cfg(feature = "ssr")]
mod pieces {
    use leptos::{PrefetchLazyFn, prelude::*};
    use leptos_meta::Meta;
    use std::{
        collections::{BTreeSet, HashMap},
        sync::OnceLock,
    };

    /// Lazy function → the wasm files it needs, as `cargo leptos build --split` wrote them.
    static MANIFEST: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();

    /// Reads the split build's manifest once; a build without pieces has none (false).
    pub fn load_manifest(options: &LeptosOptions) -> bool {
        let manifest = MANIFEST.get_or_init(|| {
            let path = std::path::Path::new(options.site_root.as_ref())
                .join(options.site_pkg_dir.as_ref())
                .join("__wasm_split_manifest.json");
            std::fs::read(path)
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or_default()
        });
        !manifest.is_empty()
    }

    /// Names, in the head, the files the lazy functions rendered so far need. Called once a
    /// route's piece has rendered; it takes the functions Leptos noted meanwhile. Files named
    /// twice are fetched once: `start.js` keeps a set.
    pub fn announce_pieces() {
        let (Some(PrefetchLazyFn(noted)), Some(manifest)) =
            (use_context::<PrefetchLazyFn>(), MANIFEST.get())
        else {
            return;
        };
        let functions: Vec<&str> = noted
            .try_update_value(|set| set.drain().collect())
            .unwrap_or_default();
        let files: BTreeSet<&str> = functions
            .iter()
            .filter_map(|function| manifest.get(*function))
            .flatten()
            .map(String::as_str)
            .collect();
        if files.is_empty() {
            return;
        }
        let content = files.into_iter().collect::<Vec<_>>().join(" ");
        // Rendered for the head only, as leptos_axum registers its own preload links.
        _ = view! { <Meta name="qh-pieces" content=content /> }.to_html();
    }
}
