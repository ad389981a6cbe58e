//! The near-me map: home in the middle, the 5/10/15-minute rings, a marker per service coloured
//! by its category's circle, and around them the self-governance streets and communities.

use super::WithinReach;
use crate::{
    domain::{category::Categories, geo::LatLng, lang::Lang},
    i18n::{t, use_lang},
    maps::{MapView, Scene},
};
use leptos::prelude::*;

#[component]
pub fn NearMap(
    home: LatLng,
    found: WithinReach,
    categories: Categories,
    /// Called with the place a resident taps, to move home there.
    on_pick: Callback<LatLng>,
) -> impl IntoView {
    let lang = use_lang();
    let count = found.items.len();
    let label = Signal::derive(move || match lang.get() {
        Lang::Zh => format!(
            "地图：家在中心，三个圆圈为步行5、10、15分钟，共 {count} 处服务；点按圆点显示名称，点按空白处可把家移到那里"
        ),
        Lang::En => format!(
            "Map: home in the middle, rings at 5, 10 and 15 minutes' walk, {count} services; tap a dot for its name, or elsewhere to move home"
        ),
    });
    let scene = Scene::around_home(home, &found.items, &categories, found.streets, found.places);
    let chosen = RwSignal::new(None::<i64>);
    let items = found.items;
    let has_streets = !scene.streets.is_empty();
    view! {
        <MapView scene label on_pick=Some(on_pick) chosen>
            <figcaption class="legend">
                {move || chosen.get().and_then(|id| items.iter().find(|s| s.id == id).cloned()).map(|s| {
                    let href = format!("/services/{}", s.id);
                    let walk = s.walk_minutes.zip(s.distance_m);
                    view! {
                        <p class="chosen-place" role="status">
                            <strong>{s.name.clone()}</strong>
                            {walk.map(|(minutes, metres)| view! {
                                " · " {move || match lang.get() {
                                    Lang::Zh => format!("步行约 {minutes} 分钟 · {metres} 米"),
                                    Lang::En => format!("{minutes} min walk · {metres} m"),
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
                {has_streets.then(|| view! { <span class="key street-key">{t("橙色线：商户自治街", "Orange line: a self-governance street")}</span> })}
            </figcaption>
        </MapView>
    }
}
