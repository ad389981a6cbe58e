use crate::shell::PageHead;
use crate::{i18n::t, neighbourhoods::NeighbourhoodOverview};
use leptos::prelude::*;

/// The three walking circles of GB 50180-2018, as residents meet them.
const CIRCLES: [(u32, u32, &str, &str); 3] = [
    (
        5,
        300,
        "便利店、早餐、菜店",
        "convenience store, breakfast, greengrocer",
    ),
    (
        10,
        500,
        "菜市场、药店、养老驿站",
        "food market, pharmacy, elderly care",
    ),
    (
        15,
        1000,
        "社区服务中心、卫生服务站、学校",
        "service centre, health station, school",
    ),
];

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageHead
            title=("15分钟生活圈", "The 15-minute living circle")
            description=(
                "郑州市15分钟生活圈便民门户：查找步行一刻钟内的服务，报名社区志愿者，商户自治登记。",
                "Zhengzhou's 15-minute living circle: find services within a quarter hour's walk, volunteer in your neighbourhood, register your shop.",
            )
        />
        <section class="hero">
            <h1>{t("步行一刻钟，生活所需都在身边", "Daily life within a quarter hour's walk")}</h1>
            <p class="lead">
                {t(
                    "查找家门口的社区服务、卫生站、养老驿站和菜市场，报名社区志愿服务，为店铺登记商户自治。",
                    "Find the service centres, clinics, elderly care and food markets near your home, volunteer in your neighbourhood, and register your shop with the street's merchant council.",
                )}
            </p>
        </section>
        <section aria-labelledby="circles-title">
            <h2 id="circles-title">{t("三个生活圈", "Three walking circles")}</h2>
            <ol class="circles">
                {CIRCLES
                    .iter()
                    .map(|&(minutes, metres, zh, en)| {
                        view! {
                            <li class="card">
                                <span class="minutes">{minutes} {t(" 分钟", " min")}</span>
                                <span class="metres">{t("约", "about ")} {metres} {t(" 米", " m")}</span>
                                <span>{t(zh, en)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        <section aria-labelledby="communities-title">
            <h2 id="communities-title">{t("覆盖的街道和社区", "Streets and communities covered")}</h2>
            <NeighbourhoodOverview />
        </section>
    }
}
