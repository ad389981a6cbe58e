//! Where home is kept: on this device (localStorage) and in the address's fragment
//! (`#home=lat,lng`), which browsers never send to the server.

use crate::domain::geo::LatLng;
use leptos::prelude::*;

const HOME_KEY: &str = "qh_home";

/// Keeps home on this device, so the page opens there next time.
pub(super) fn remember(place: LatLng) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(HOME_KEY, &place.to_pair());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (place, HOME_KEY);
}

/// The home this device remembers, if any: only the browser knows it.
pub fn remembered_home() -> Option<LatLng> {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(HOME_KEY).ok().flatten())
            .and_then(|text| LatLng::parse_pair(&text))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Once hydrated, home comes from the fragment, else a `?home=`, else this device's memory,
/// and the address then shows it as `/near#home=…`; a fragment changed later (a shared link
/// opened over this page) moves home too.
pub(super) fn take_home_from_address(home: RwSignal<Option<LatLng>>) {
    #[cfg(feature = "hydrate")]
    {
        // Only once the whole page is hydrated: hydration comes in turns, and a home changed
        // before the results' turn would hydrate them against other markup than the server's.
        let hydrated = crate::shell::hydrated();
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) || !hydrated.get() {
                return done.unwrap_or(false);
            }
            let place = fragment_home()
                .or_else(|| home.get_untracked())
                .or_else(remembered_home);
            if let Some(place) = place {
                show_in_address(place);
                if home.get_untracked() != Some(place) {
                    home.set(Some(place));
                }
            }
            true
        });
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            if let Some(place) = fragment_home().filter(|p| home.get_untracked() != Some(*p)) {
                remember(place);
                home.set(Some(place));
            }
        });
        on_cleanup(move || listener.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = home;
}

/// `#home=lat,lng` in the address, if it is there and makes sense.
#[cfg(feature = "hydrate")]
fn fragment_home() -> Option<LatLng> {
    let hash = web_sys::window()?.location().hash().ok()?;
    LatLng::parse_pair(hash.strip_prefix("#home=")?)
}

/// Puts home in the address's fragment, in place of the address shown (no new history entry
/// for every tap on the map); any `?home=` leaves the address with it.
pub(super) fn show_in_address(place: LatLng) {
    #[cfg(feature = "hydrate")]
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let address = format!("/near#home={}", place.to_pair());
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = place;
}

/// Asks the browser for its position (it asks the resident first).
pub(super) fn locate(set_home: Callback<LatLng>, failed: RwSignal<bool>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{JsCast, closure::Closure};
        failed.set(false);
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok())
        else {
            failed.set(true);
            return;
        };
        let found = Closure::once_into_js(move |position: web_sys::Position| {
            let coords = position.coords();
            match LatLng::new(coords.latitude(), coords.longitude()) {
                Ok(place) => set_home.run(place),
                Err(_) => failed.set(true),
            }
        });
        let refused = Closure::once_into_js(move |_: wasm_bindgen::JsValue| failed.set(true));
        if geolocation
            .get_current_position_with_error_callback(
                found.unchecked_ref(),
                Some(refused.unchecked_ref()),
            )
            .is_err()
        {
            failed.set(true);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (set_home, failed);
}
