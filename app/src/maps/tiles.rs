//! The same scene over the deployment's map tiles, drawn by Leaflet (served from this site's
//! `/leaflet/`, fetched the first time a map needs it). Only in the browser: the SVG stays
//! until Leaflet has drawn, and stays for good if it cannot load.

use super::Scene;
use crate::domain::{
    circle::Circle,
    gcj02,
    geo::LatLng,
    tiles::{MapCrs, TileSource},
};
use js_sys::{Array, Object, Reflect};
use leaflet as lf;
use leptos::prelude::*;
use std::{cell::RefCell, collections::HashMap};
use wasm_bindgen::{JsCast, JsValue, prelude::Closure};

/// A drawn map and its pin, kept here because Leaflet's objects cannot cross threads and the
/// owner's cleanup must: the cleanup holds the key alone.
struct Drawn {
    map: lf::Map,
    pin: lf::CircleMarker,
    crs: MapCrs,
    /// The map's event handlers, dropped with it.
    _handlers: Vec<Closure<dyn Fn(JsValue)>>,
}

thread_local! {
    static DRAWN: RefCell<HashMap<u64, Drawn>> = RefCell::new(HashMap::new());
}

/// The tile source the server wrote into the page's head, if any.
fn configured() -> Option<TileSource> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name='qh-map-tiles']")
        .ok()??;
    serde_json::from_str(&meta.get_attribute("content")?).ok()
}

pub fn mount(
    figure: NodeRef<leptos::html::Figure>,
    scene: Scene,
    picked: Option<Signal<Option<LatLng>>>,
    on_pick: Option<Callback<LatLng>>,
    chosen: RwSignal<Option<i64>>,
) {
    let Some(source) = configured() else {
        return;
    };
    let key = js_sys::Math::random().to_bits();
    let lang = crate::i18n::use_lang();
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let Some(figure) = figure.get() else {
            return false;
        };
        let (source, scene) = (source.clone(), scene.clone());
        leptos::task::spawn_local(async move {
            if !leaflet_ready().await {
                return;
            }
            let lang = lang.get_untracked();
            if let Some(drawn) = draw(&figure, &source, &scene, lang, on_pick, chosen) {
                DRAWN.with(|d| d.borrow_mut().insert(key, drawn));
                move_pin(key, picked.and_then(|p| p.get_untracked()));
            }
        });
        true
    });
    if let Some(picked) = picked {
        Effect::new(move |_| move_pin(key, picked.get()));
    }
    on_cleanup(move || {
        if let Some(drawn) = DRAWN.with(|d| d.borrow_mut().remove(&key)) {
            drawn.map.remove();
        }
    });
}

fn move_pin(key: u64, place: Option<LatLng>) {
    DRAWN.with(|d| {
        if let Some(drawn) = d.borrow().get(&key) {
            match place {
                Some(place) => {
                    drawn.pin.set_lat_lng(&lat_lng(drawn.crs, place));
                    drawn.pin.add_to(&drawn.map);
                }
                None => {
                    drawn.pin.remove();
                }
            }
        }
    });
}

/// Where a place is drawn on these tiles.
fn lat_lng(crs: MapCrs, place: LatLng) -> lf::LatLng {
    let drawn = match crs {
        MapCrs::Wgs84 => place,
        MapCrs::Gcj02 => gcj02::to_gcj02(place),
    };
    lf::LatLng::new(drawn.lat(), drawn.lng())
}

/// The place drawn at a point of these tiles.
fn place_at(crs: MapCrs, drawn: &lf::LatLng) -> Option<LatLng> {
    let drawn = LatLng::new(drawn.lat(), drawn.lng()).ok()?;
    Some(match crs {
        MapCrs::Wgs84 => drawn,
        MapCrs::Gcj02 => gcj02::from_gcj02(drawn),
    })
}

/// A plain options object.
fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object
}

fn draw(
    figure: &web_sys::HtmlElement,
    source: &TileSource,
    scene: &Scene,
    lang: crate::domain::lang::Lang,
    on_pick: Option<Callback<LatLng>>,
    chosen: RwSignal<Option<i64>>,
) -> Option<Drawn> {
    let mut handlers = Vec::new();
    let crs = source.crs;
    let at = |p: LatLng| lat_lng(crs, p);
    let document = figure.owner_document()?;
    let holder: web_sys::HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    holder.set_class_name("map-tiles");
    figure.prepend_with_node_1(&holder).ok()?;
    let map_options = options(&[("zoomSnap", 0.5.into())]);
    let map = lf::Map::new_with_element(&holder, map_options.unchecked_ref()).ok()?;
    // Leaflet's credit without its flag: the tiles' own credit goes beside it.
    if let Ok(control) = Reflect::get(&map, &JsValue::from_str("attributionControl"))
        && let Ok(set_prefix) = Reflect::get(&control, &JsValue::from_str("setPrefix"))
    {
        let _ = set_prefix
            .unchecked_ref::<js_sys::Function>()
            .call1(&control, &JsValue::from_str("Leaflet"));
    }
    let bounds = scene.centre.bounding_box(scene.reach_m);
    map.fit_bounds(&lf::LatLngBounds::new(
        &at(LatLng::new(bounds.min_lat, bounds.min_lng).ok()?),
        &at(LatLng::new(bounds.max_lat, bounds.max_lng).ok()?),
    ));
    let subdomains: Array = source
        .subdomains
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect();
    let tile_options = options(&[
        ("attribution", source.attribution.as_str().into()),
        ("subdomains", subdomains.into()),
        ("maxZoom", 18.into()),
    ]);
    lf::TileLayer::new_options(&source.template, tile_options.unchecked_ref()).add_to(&map);
    // A label: permanent ones name things on the map, the others show on a tap or hover.
    let label = |text: &str, class: &str, permanent: bool| {
        let opts = options(&[
            ("permanent", permanent.into()),
            ("direction", if permanent { "center" } else { "top" }.into()),
            ("className", class.into()),
        ]);
        let tip = lf::Tooltip::new(opts.unchecked_ref(), None);
        // As an element with text, never as a string: Leaflet would read a string as HTML,
        // and names come from what merchants and residents typed.
        if let Ok(span) = document.create_element("span") {
            span.set_text_content(Some(text));
            tip.set_content(&span);
        }
        tip
    };
    for place in &scene.places {
        let tip = label(
            lang.pick(&place.name.zh, &place.name.en),
            "place-name",
            true,
        );
        tip.set_lat_lng(&at(place.at));
        tip.add_to(&map);
    }
    for street in &scene.streets {
        let path: Array = street.path.iter().map(|p| JsValue::from(at(*p))).collect();
        let line = lf::Polyline::new_with_options(
            &path,
            options(&[
                ("className", "street-line".into()),
                ("interactive", false.into()),
            ])
            .unchecked_ref(),
        );
        line.bind_tooltip(&label(
            lang.pick(&street.road.zh, &street.road.en),
            "street-name",
            true,
        ));
        line.add_to(&map);
    }
    if scene.home {
        for circle in Circle::ALL {
            let ring = options(&[
                ("radius", circle.radius_m().into()),
                (
                    "className",
                    format!("ring ring-{}", circle.minutes()).into(),
                ),
                ("interactive", false.into()),
                ("fill", false.into()),
            ]);
            lf::Circle::new_with_options(&at(scene.centre), ring.unchecked_ref()).add_to(&map);
        }
    }
    for marker in &scene.markers {
        let dot = lf::CircleMarker::new_with_options(
            &at(marker.at),
            &options(&[
                ("radius", 8.into()),
                ("className", marker.class().into()),
                ("fillOpacity", 1.into()),
                ("bubblingMouseEvents", false.into()),
            ]),
        );
        // The tiles name places themselves: a shop is named when tapped, not over them.
        dot.bind_tooltip(&label(&marker.name, "shop-name", false));
        let id = marker.id;
        let tapped = Closure::<dyn Fn(JsValue)>::new(move |_| chosen.set(Some(id)));
        dot.on("click", tapped.as_ref());
        handlers.push(tapped);
        dot.add_to(&map);
    }
    if scene.home {
        let home = options(&[
            ("radius", 10.into()),
            ("className", "home-dot".into()),
            ("interactive", false.into()),
        ]);
        lf::CircleMarker::new_with_options(&at(scene.centre), &home).add_to(&map);
    }
    if let Some(pick) = on_pick {
        let tapped = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            chosen.set(None);
            let event: lf::MouseEvent = event.unchecked_into();
            if let Some(place) = place_at(crs, &event.lat_lng()) {
                pick.run(place);
            }
        });
        map.on("click", tapped.as_ref());
        handlers.push(tapped);
    }
    let pin = lf::CircleMarker::new_with_options(
        &at(scene.centre),
        &options(&[
            ("radius", 10.into()),
            ("className", "picked".into()),
            ("interactive", false.into()),
            ("fillOpacity", 1.into()),
        ]),
    );
    let _ = figure.class_list().add_1("tiled");
    Some(Drawn {
        map,
        pin,
        crs,
        _handlers: handlers,
    })
}

/// Loads Leaflet's script and style once per page; true when `L` is there to use.
async fn leaflet_ready() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    if Reflect::has(&window, &JsValue::from_str("L")).unwrap_or(false) {
        return true;
    }
    let Some(document) = window.document() else {
        return false;
    };
    let script = match document
        .query_selector("script[data-leaflet]")
        .ok()
        .flatten()
    {
        Some(existing) => existing,
        None => {
            if let Ok(link) = document.create_element("link") {
                let _ = link.set_attribute("rel", "stylesheet");
                let _ = link.set_attribute("href", "/leaflet/leaflet.css");
                let _ = document.head().map(|h| h.append_child(&link));
            }
            let Ok(script) = document.create_element("script") else {
                return false;
            };
            let _ = script.set_attribute("src", "/leaflet/leaflet.js");
            let _ = script.set_attribute("data-leaflet", "");
            let _ = document.head().map(|h| h.append_child(&script));
            script
        }
    };
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    // Another map may have started the load and seen it finish meanwhile.
    if Reflect::has(&window, &JsValue::from_str("L")).unwrap_or(false) {
        return true;
    }
    wasm_bindgen_futures::JsFuture::from(loaded).await.is_ok()
}
