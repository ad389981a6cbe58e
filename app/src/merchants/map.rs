//! A street's member shops drawn around the street's centre (the app draws it; no tiles can be
//! fetched). Also where a merchant taps to place a new shop.

use crate::{
    domain::{geo::LatLng, service::ServiceSummary},
    i18n::t,
    services::map::{project, ring_class, tap_position, view_box},
};
use leptos::prelude::*;

#[component]
pub fn StreetMap(
    centre: LatLng,
    shops: Vec<ServiceSummary>,
    /// A place picked on the form, marked with a pin.
    #[prop(optional, into)]
    picked: Option<Signal<Option<LatLng>>>,
    /// Called with the place a merchant taps.
    #[prop(optional)]
    on_pick: Option<Callback<LatLng>>,
) -> impl IntoView {
    let on_click = move |event: leptos::ev::MouseEvent| {
        if let (Some(pick), Some(place)) = (on_pick, tap_position(&event, centre)) {
            pick.run(place);
        }
    };
    let label = if on_pick.is_some() {
        t("地图：点按店铺所在位置", "Map: tap where the shop is")
    } else {
        t("地图：街区上的成员店铺", "Map: the street's member shops")
    };
    view! {
        <figure class="circle-map street-map">
            <svg viewBox=view_box() role="group" aria-label=label on:click=on_click>
                <rect x=-300 y=-300 width=600 height=600 class="map-ground" />
                {shops.into_iter().map(|s| {
                    let (x, y) = project(centre, (s.lat, s.lng));
                    let label = s.name.clone();
                    view! {
                        <circle cx=x cy=y r=7 class=ring_class(&s.category) role="img" aria-label=label>
                            <title>{s.name}</title>
                        </circle>
                    }
                }).collect_view()}
                {move || picked.and_then(|p| p.get()).map(|place| {
                    let (x, y) = project(centre, (place.lat(), place.lng()));
                    view! { <circle cx=x cy=y r=10 class="picked" aria-hidden="true" /> }
                })}
            </svg>
        </figure>
    }
}
