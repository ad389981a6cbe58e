//! Where a service is: a tap on the map or the coordinates typed; its community and grid
//! follow the place unless staff choose them.

use super::CityPlaces;
use crate::error::AppError;
use crate::{
    domain::{
        form::{FieldError, error_for},
        geo::LatLng,
        service::edit::{Coordinate, RawService},
    },
    i18n::{t, use_lang},
    maps::{MapView, Scene},
};
use leptos::prelude::*;
use std::collections::HashSet;

/// Where a new service's map starts: the middle of the portal's streets in Jinshui and Erqi.
const CITY_CENTRE: (f64, f64) = (34.7466, 113.6253);

/// Where the service is: a tap on the map or the coordinates typed. A new place lets the
/// community and grid follow it again.
#[component]
pub fn Location(
    form: RwSignal<RawService>,
    touched: RwSignal<HashSet<&'static str>>,
    errors: Signal<Vec<FieldError>>,
    /// Made by the page, before anything it waits for: a resource made after a wait takes its
    /// id out of the server's order.
    places: Resource<Result<CityPlaces, AppError>, crate::data::Json>,
) -> impl IntoView {
    let lang = use_lang();
    let picked: Signal<Option<LatLng>> =
        Memo::new(move |_| form.with(|f| LatLng::new(f.lat.value()?, f.lng.value()?).ok())).into();
    let centre = picked
        .get_untracked()
        .unwrap_or_else(|| LatLng::new(CITY_CENTRE.0, CITY_CENTRE.1).expect("Zhengzhou"));
    let moved = move || {
        form.update(|f| {
            f.community_id = None;
            f.grid_id = None;
        });
        touched.update(|t| {
            t.insert("lat");
            t.insert("lng");
        });
    };
    let pick = Callback::new(move |place: LatLng| {
        form.update(|f| {
            f.lat = Coordinate::Text(format!("{:.6}", place.lat()));
            f.lng = Coordinate::Text(format!("{:.6}", place.lng()));
        });
        moved();
    });
    let message = move || {
        let errors = errors.get();
        error_for(&errors, "lat")
            .or_else(|| error_for(&errors, "lng"))
            .map(|e| e.message(lang.get()).to_owned())
    };
    let community = Memo::new(move |_| form.with(|f| f.community_id));
    let label = Signal::derive(move || {
        t("地图：点按服务点所在位置", "Map: tap where the place is")().to_owned()
    });
    view! {
        <fieldset class="field" class:invalid=move || message().is_some() aria-describedby="location-error">
            <legend>{t("位置：在地图上点按，或填写经纬度", "Where it is: tap the map, or enter coordinates")}</legend>
            <Suspense>
                {move || Suspend::new(async move {
                    let places = places.await.map(|p| p.districts).unwrap_or_default().iter()
                        .flat_map(|d| d.streets.iter().flat_map(|s| s.communities.iter()))
                        .map(|c| crate::domain::map::PlaceName { name: c.name.clone(), at: c.location })
                        .collect();
                    let scene = Scene { centre, reach_m: 1500.0, home: false, markers: Vec::new(), streets: Vec::new(), places };
                    view! { <MapView scene label picked=Some(picked) on_pick=Some(pick) /> }
                })}
            </Suspense>
            <div class="filters">
                <label>{t("纬度", "Latitude")}
                    <input name="lat" inputmode="decimal" value=form.with_untracked(|f| f.lat.text()) prop:value=move || form.with(|f| f.lat.text())
                        on:input=move |ev| { form.update(|f| f.lat = Coordinate::Text(event_target_value(&ev))); moved(); } /></label>
                <label>{t("经度", "Longitude")}
                    <input name="lng" inputmode="decimal" value=form.with_untracked(|f| f.lng.text()) prop:value=move || form.with(|f| f.lng.text())
                        on:input=move |ev| { form.update(|f| f.lng = Coordinate::Text(event_target_value(&ev))); moved(); } /></label>
            </div>
            <div class="filters">
                <label>{t("所属社区", "Community")}
                    <select name="community_id" on:change=move |ev| {
                        let chosen = event_target_value(&ev).parse().ok();
                        form.update(|f| { f.community_id = chosen; f.grid_id = None; });
                    }>
                        <option value="">{t("按位置自动确定", "From the place")}</option>
                        <Suspense>
                            {move || Suspend::new(async move {
                                places.await.map(|p| p.districts).unwrap_or_default().iter()
                                    .flat_map(|d| d.streets.iter().flat_map(|s| s.communities.iter()))
                                    .map(|c| {
                                        let (id, name) = (c.id, c.name.clone());
                                        view! { <option value=id.to_string() selected=move || community.get() == Some(id)>
                                            {move || lang.get().pick(&name.zh, &name.en).to_owned()}</option> }
                                    })
                                    .collect_view()
                            })}
                        </Suspense>
                    </select></label>
                <label>{t("网格", "Grid")}
                    <select name="grid_id" disabled=move || community.get().is_none() on:change=move |ev| {
                        let chosen = event_target_value(&ev).parse().ok();
                        form.update(|f| f.grid_id = chosen);
                    }>
                        <option value="">{t("按位置自动确定", "From the place")}</option>
                        <Suspense>
                            {move || {
                                let chosen = community.get();
                                Suspend::new(async move {
                                    let grids = places.await.map(|p| p.grids).unwrap_or_default();
                                    grids.into_iter().filter(|g| Some(g.community_id) == chosen).map(|g| {
                                        let (id, name) = (g.id, g.name);
                                        view! { <option value=id.to_string() selected=move || form.with(|f| f.grid_id == Some(id))>
                                            {move || lang.get().pick(&name.zh, &name.en).to_owned()}</option> }
                                    }).collect_view()
                                })
                            }}
                        </Suspense>
                    </select></label>
            </div>
            <p class="muted">{t("所属社区和网格默认按位置自动确定，如有不同可在此更正。", "The community and grid follow from the place unless chosen here.")}</p>
            <p class="field-error" id="location-error" aria-live="polite">{message}</p>
        </fieldset>
    }
}
