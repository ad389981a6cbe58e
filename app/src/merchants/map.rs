//! A self-governance street's map: its road, its member shops by name, and, on the
//! registration form, where the merchant taps to place a new shop.

use super::StreetSummary;
use crate::{
    domain::{category::Categories, geo::LatLng, service::ServiceSummary},
    i18n::t,
    maps::{MapView, Scene},
};
use leptos::prelude::*;

#[component]
pub fn StreetMap(
    street: StreetSummary,
    shops: Vec<ServiceSummary>,
    /// To colour the shops' markers by their circle.
    #[prop(optional)]
    categories: Categories,
    /// A place picked on the form, marked with a pin.
    #[prop(default = None)]
    picked: Option<Signal<Option<LatLng>>>,
    /// Called with the place a merchant taps.
    #[prop(default = None)]
    on_pick: Option<Callback<LatLng>>,
) -> impl IntoView {
    let centre = LatLng::new(street.lat, street.lng)
        .unwrap_or_else(|_| LatLng::new(34.75, 113.63).expect("Zhengzhou"));
    let scene = Scene::of_street(centre, street.line(), &shops, &categories);
    let label = if on_pick.is_some() {
        t("地图：点按店铺所在位置", "Map: tap where the shop is")
    } else {
        t("地图：街区上的成员店铺", "Map: the street's member shops")
    };
    let label = Signal::derive(move || label().to_owned());
    view! { <MapView scene label picked on_pick /> }
}
