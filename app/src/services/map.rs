//! The living circle drawn as SVG by the app itself (no map tiles can be fetched): home in the
//! middle, the 5/10/15-minute rings, and a marker per service coloured by its category's circle.

use crate::{
    domain::{category, circle::Circle, geo::LatLng, service::ServiceSummary},
    i18n::{t, use_lang},
};
use leptos::prelude::*;

/// Half the view box: the 15-minute ring (1000 m) is drawn at 260 of these units.
const HALF: f64 = 300.0;
const UNITS_PER_M: f64 = 260.0 / 1000.0;
const M_PER_DEG_LAT: f64 = 111_195.0;

/// Where a place is drawn, relative to home (north up).
pub fn project(home: LatLng, p: (f64, f64)) -> (f64, f64) {
    let m_per_deg_lng = M_PER_DEG_LAT * home.lat().to_radians().cos();
    let east = (p.1 - home.lng()) * m_per_deg_lng;
    let north = (p.0 - home.lat()) * M_PER_DEG_LAT;
    (east * UNITS_PER_M, -north * UNITS_PER_M)
}

/// The place drawn at a point of the view box: the inverse of [`project`], for taps.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn unproject(home: LatLng, x: f64, y: f64) -> Option<LatLng> {
    let m_per_deg_lng = M_PER_DEG_LAT * home.lat().to_radians().cos();
    let lat = home.lat() - y / UNITS_PER_M / M_PER_DEG_LAT;
    let lng = home.lng() + x / UNITS_PER_M / m_per_deg_lng;
    LatLng::new(lat, lng).ok()
}

/// The place a tap on a map drawn around `centre` points at (only in the browser).
pub fn tap_position(event: &leptos::ev::MouseEvent, centre: LatLng) -> Option<LatLng> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let svg = event
            .current_target()?
            .dyn_into::<web_sys::Element>()
            .ok()?;
        let rect = svg.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        let x = (f64::from(event.client_x()) - rect.left()) / rect.width() * 2.0 * HALF - HALF;
        let y = (f64::from(event.client_y()) - rect.top()) / rect.height() * 2.0 * HALF - HALF;
        unproject(centre, x, y)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (event, centre);
        None
    }
}

/// The view box of every map: north up, 300 units each way from the centre.
pub fn view_box() -> String {
    format!("{} {} {} {}", -HALF, -HALF, 2.0 * HALF, 2.0 * HALF)
}

pub(crate) fn ring_class(category_id: &str) -> &'static str {
    match category::find(category_id).map(|c| c.circle) {
        Some(Circle::Five) => "marker five",
        Some(Circle::Ten) => "marker ten",
        _ => "marker fifteen",
    }
}

#[component]
pub fn ServiceMap(
    home: LatLng,
    items: Vec<ServiceSummary>,
    /// Called with the place a resident taps, to move home there.
    #[prop(optional)]
    on_pick: Option<Callback<LatLng>>,
) -> impl IntoView {
    let lang = use_lang();
    let count = items.len();
    let label = move || match lang.get() {
        crate::domain::lang::Lang::Zh => format!(
            "地图：家在中心，三个圆圈为步行5、10、15分钟，共 {count} 处服务；点按圆点显示名称，点按空白处可把家移到那里"
        ),
        crate::domain::lang::Lang::En => format!(
            "Map: home in the middle, rings at 5, 10 and 15 minutes' walk, {count} services; tap a dot for its name, or elsewhere to move home"
        ),
    };
    let chosen = RwSignal::new(None::<ServiceSummary>);
    let on_click = move |event: leptos::ev::MouseEvent| {
        chosen.set(None);
        if let (Some(pick), Some(place)) = (on_pick, tap_position(&event, home)) {
            pick.run(place);
        }
    };
    view! {
        <figure class="circle-map">
            <svg
                viewBox=view_box()
                role="group"
                aria-label=label
                on:click=on_click
            >
                <rect x=-HALF y=-HALF width=2.0 * HALF height=2.0 * HALF class="map-ground" />
                {Circle::ALL
                    .into_iter()
                    .rev()
                    .map(|c| {
                        let r = c.radius_m() * UNITS_PER_M;
                        view! {
                            <circle r=r class=format!("ring ring-{}", c.minutes()) />
                            <text x=4 y=-r + 16.0 class="ring-label">
                                {c.minutes()} {t("分钟", " min")}
                            </text>
                        }
                    })
                    .collect_view()}
                {items
                    .iter()
                    .cloned()
                    .map(|s| {
                        let (x, y) = project(home, (s.lat, s.lng));
                        let label = s.name.clone();
                        let id = s.id;
                        // Markers are a visual aid: the list beside the map carries the links for
                        // keyboards and screen readers. A tap on one names it (home stays).
                        view! {
                            <circle
                                cx=x
                                cy=y
                                r=9
                                class=ring_class(&s.category)
                                class:chosen=move || chosen.get().is_some_and(|c| c.id == id)
                                role="img"
                                aria-label=label
                                on:click=move |ev| {
                                    ev.stop_propagation();
                                    chosen.set(Some(s.clone()));
                                }
                            >
                                <title>{s.name.clone()}</title>
                            </circle>
                        }
                    })
                    .collect_view()}
                {move || chosen.get().map(|s| {
                    let (x, y) = project(home, (s.lat, s.lng));
                    // Above the marker, kept inside the map's edges.
                    let x = x.clamp(-HALF + 90.0, HALF - 90.0);
                    let y = (y - 18.0).max(-HALF + 20.0);
                    view! { <text x=x y=y class="marker-name" text-anchor="middle">{s.name}</text> }
                })}
                <g class="home" aria-hidden="true">
                    <circle r=10 />
                    <path d="M-6 2 L0 -5 L6 2 M-4 1 V6 H4 V1" />
                </g>
            </svg>
            <figcaption class="legend">
                {move || chosen.get().map(|s| {
                    let href = format!("/services/{}", s.id);
                    let walk = s.walk_minutes.zip(s.distance_m);
                    view! {
                        <p class="chosen-place" role="status">
                            <strong>{s.name.clone()}</strong>
                            {walk.map(|(minutes, metres)| view! {
                                " · " {move || match lang.get() {
                                    crate::domain::lang::Lang::Zh => format!("步行约 {minutes} 分钟 · {metres} 米"),
                                    crate::domain::lang::Lang::En => format!("{minutes} min walk · {metres} m"),
                                }}
                            })}
                            " " <a href=href>{t("查看详情", "Details")}</a>
                        </p>
                    }
                })}
                <span class="legend-title">{t("圆点颜色：这类服务应在步行几分钟内", "Dot colours: the walk a kind of service should be within")}</span>
                <span class="key five">{t("5分钟（便利店、早餐、快递…）", "5 min (shops, breakfast, parcels…)")}</span>
                <span class="key ten">{t("10分钟（菜市场、药店、银行…）", "10 min (markets, pharmacies, banks…)")}</span>
                <span class="key fifteen">{t("15分钟（卫生站、养老院、中学…）", "15 min (clinics, care homes, schools…)")}</span>
                <span class="key home-key">{t("房子：家", "House: home")}</span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_is_drawn_in_the_middle_and_north_is_up() {
        let home = LatLng::new(34.75, 113.63).unwrap();
        assert_eq!(project(home, (34.75, 113.63)), (0.0, 0.0));
        let (x, y) = project(home, (34.755, 113.63));
        assert!(x.abs() < 1e-9 && y < 0.0);
    }

    #[test]
    fn a_place_a_kilometre_away_is_on_the_fifteen_minute_ring() {
        let home = LatLng::new(34.75, 113.63).unwrap();
        let (_, y) = project(home, (34.75 - 1000.0 / M_PER_DEG_LAT, 113.63));
        assert!((y - 260.0).abs() < 1e-6);
    }

    #[test]
    fn a_tap_lands_where_the_place_is_drawn() {
        let home = LatLng::new(34.75, 113.63).unwrap();
        let place = (34.7531, 113.6262);
        let (x, y) = project(home, place);
        let back = unproject(home, x, y).unwrap();
        assert!((back.lat() - place.0).abs() < 1e-9 && (back.lng() - place.1).abs() < 1e-9);
    }
}
