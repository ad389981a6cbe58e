//! A scene drawn as SVG: what the server sends, and what stays when no tiles are configured.

use super::{
    Frame, HALF, Marker, Scene,
    frame::{Placement, beside_street, outwards},
};
use crate::{
    domain::{circle::Circle, geo::LatLng, map::StreetLine},
    i18n::{localized, t},
};
use leptos::prelude::*;

#[component]
pub fn MapView(
    scene: Scene,
    /// What the map shows, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    /// A place picked on the page's form, marked with a pin.
    #[prop(default = None)]
    picked: Option<Signal<Option<LatLng>>>,
    /// Called with the place tapped on the map's ground.
    #[prop(default = None)]
    on_pick: Option<Callback<LatLng>>,
    /// The marker tapped: its name shows above it, and the page may say more.
    #[prop(optional)]
    chosen: Option<RwSignal<Option<i64>>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let frame = scene.frame();
    let chosen = chosen.unwrap_or_else(|| RwSignal::new(None));
    let figure = NodeRef::<leptos::html::Figure>::new();
    #[cfg(feature = "hydrate")]
    super::tiles::mount(figure, scene.clone(), picked, on_pick, chosen);
    let on_click = move |event: leptos::ev::MouseEvent| {
        chosen.set(None);
        if let (Some(pick), Some(place)) = (on_pick, tap_position(&event, frame)) {
            pick.run(place);
        }
    };
    let named = scene.markers.clone();
    // The streets' segments as drawn, once: every named marker is labelled away from one.
    let segments: Vec<Segment> = scene
        .streets
        .iter()
        .flat_map(|s| {
            let points: Vec<_> = s.path.iter().map(|p| frame.project(*p)).collect();
            points.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
        })
        .collect();
    let markers = scene
        .markers
        .into_iter()
        .map(|m| marker(frame, m, &segments, chosen))
        .collect_view();
    view! {
        <figure class="circle-map" node_ref=figure>
            <svg viewBox=Frame::view_box() role="group" aria-label=label on:click=on_click>
                <rect x=-HALF y=-HALF width=2.0 * HALF height=2.0 * HALF class="map-ground" />
                {scene.places.into_iter().filter_map(|p| {
                    let (x, y) = frame.project(p.at);
                    // Just below its centre (home may be drawn on it), and inside the edges.
                    let (x, y) = (x.clamp(-HALF + 60.0, HALF - 60.0), y + 28.0);
                    (y.abs() < HALF).then(|| view! {
                        <text x=x y=y class="place-name" text-anchor="middle">{localized(p.name)}</text>
                    })
                }).collect_view()}
                {scene.streets.into_iter().map(|s| street(frame, s)).collect_view()}
                {scene.home.then(|| rings(frame))}
                {markers}
                {move || chosen.get().and_then(|id| named.iter().find(|m| m.id == id).cloned()).map(|m| {
                    let (x, y) = frame.project(m.at);
                    // Above the marker, kept inside the map's edges.
                    let x = x.clamp(-HALF + 90.0, HALF - 90.0);
                    let y = (y - 18.0).max(-HALF + 20.0);
                    view! { <text x=x y=y class="marker-name" text-anchor="middle">{m.name}</text> }
                })}
                {move || picked.and_then(|p| p.get()).map(|place| {
                    let (x, y) = frame.project(place);
                    view! { <circle cx=x cy=y r=10 class="picked" aria-hidden="true" /> }
                })}
                {scene.home.then(|| view! {
                    <g class="home" aria-hidden="true">
                        <circle r=10 />
                        <path d="M-6 2 L0 -5 L6 2 M-4 1 V6 H4 V1" />
                    </g>
                })}
            </svg>
            {children.map(|c| c())}
        </figure>
    }
}

fn rings(frame: Frame) -> impl IntoView {
    Circle::ALL
        .into_iter()
        .rev()
        .map(|c| {
            let r = c.radius_m() * frame.units_per_m();
            view! {
                <circle r=r class=format!("ring ring-{}", c.minutes()) />
                <text x=4 y=-r + 16.0 class="ring-label">{c.minutes()} {t("分钟", " min")}</text>
            }
        })
        .collect_view()
}

/// The street's line, its road's name past the end with more room, its scheme's name on tap.
fn street(frame: Frame, s: StreetLine) -> impl IntoView {
    let points: Vec<(f64, f64)> = s.path.iter().map(|p| frame.project(*p)).collect();
    let drawn = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let n = points.len();
    let ends = [
        (
            points[n - 1],
            (
                points[n - 1].0 - points[n - 2].0,
                points[n - 1].1 - points[n - 2].1,
            ),
        ),
        (
            points[0],
            (points[0].0 - points[1].0, points[0].1 - points[1].1),
        ),
    ];
    // The end nearer the middle has more room past it.
    let ((x, y), (dx, dy)) =
        ends[usize::from(ends[1].0.0.hypot(ends[1].0.1) < ends[0].0.0.hypot(ends[0].0.1))];
    let place = outwards(x, y, dx, dy, 8.0);
    view! {
        <g class="street">
            <title>{localized(s.name)}</title>
            <polyline points=drawn class="street-line" />
            <text transform=place.transform() text-anchor=place.anchor() dominant-baseline="central" class="street-name">
                {localized(s.road)}
            </text>
        </g>
    }
}

/// A street's segment from one point to the next, in view-box units.
type Segment = ((f64, f64), (f64, f64));

fn marker(
    frame: Frame,
    m: Marker,
    segments: &[Segment],
    chosen: RwSignal<Option<i64>>,
) -> impl IntoView + use<> {
    let (x, y) = frame.project(m.at);
    let id = m.id;
    let label = m.labelled.then(|| label_place((x, y), segments));
    let name = m.name.clone();
    // Markers are a visual aid: the list beside the map carries the links for keyboards and
    // screen readers. A tap on one names it (a home or a pick stays where it is).
    view! {
        <circle cx=x cy=y r=8 class=m.class() class:chosen=move || chosen.get() == Some(id)
            role="img" aria-label=name.clone()
            on:click=move |ev| { ev.stop_propagation(); chosen.set(Some(id)); }>
            <title>{name.clone()}</title>
        </circle>
        {label.map(|p| view! {
            <text transform=p.transform() text-anchor=p.anchor() dominant-baseline="central" class="shop-name" aria-hidden="true">{m.name}</text>
        })}
    }
}

/// A named marker's label: away from the nearest street's line, else to its right.
fn label_place(at: (f64, f64), segments: &[Segment]) -> Placement {
    segments
        .iter()
        .map(|&(a, b)| {
            let along = (b.0 - a.0, b.1 - a.1);
            let length_sq = (along.0 * along.0 + along.1 * along.1).max(f64::EPSILON);
            let t = (((at.0 - a.0) * along.0 + (at.1 - a.1) * along.1) / length_sq).clamp(0.0, 1.0);
            let foot = (a.0 + along.0 * t, a.1 + along.1 * t);
            ((at.0 - foot.0).hypot(at.1 - foot.1), foot, along)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(distance, ..)| *distance < 40.0)
        .map_or_else(
            || outwards(at.0, at.1, 1.0, 0.0, 10.0),
            |(_, foot, along)| beside_street(at, foot, along),
        )
}

/// The place a tap on the drawn map points at (only in the browser).
fn tap_position(event: &leptos::ev::MouseEvent, frame: Frame) -> Option<LatLng> {
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
        frame.unproject(x, y)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (event, frame);
        None
    }
}
