//! For staff: which categories each community has within its walking circles, and which it
//! lacks, judged from the community's centre.

use super::community_coverage;
use crate::data::resource;
use crate::shell::{ErrorNote, Loading, PageHead};
use crate::{
    domain::lang::Lang,
    i18n::{localized, t, use_lang},
};
use leptos::prelude::*;

#[component]
pub fn CoveragePage() -> impl IntoView {
    let lang = use_lang();
    let rows = resource(|| (), |_| community_coverage());
    view! {
        <PageHead title=("生活圈覆盖情况", "Living-circle coverage") />
        <h1>{t("生活圈覆盖情况", "Living-circle coverage")}</h1>
        <p class="lead">
            {t(
                "以社区中心为圆心，各类服务是否在其应有的步行范围（5、10、15分钟）内。✗ 为缺口。",
                "From each community's centre: is every kind of service within its walking circle (5, 10 or 15 minutes)? ✗ marks a gap.",
            )}
        </p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(coverage) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=t("覆盖情况表", "Coverage table")>
                            <table class="coverage">
                                <thead>
                                    <tr>
                                        <th scope="col">{t("社区", "Community")}</th>
                                        <th scope="col">{t("缺口", "Gaps")}</th>
                                        {coverage.categories.into_iter().map(|c| view! {
                                            <th scope="col" class="category">
                                                {localized(c.name())}
                                            </th>
                                        }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {coverage.rows.into_iter().map(|row| {
                                        let gaps = row.covered.iter().filter(|c| !**c).count();
                                        view! {
                                            <tr>
                                                <th scope="row">{localized(row.community)}</th>
                                                <td class:gap={gaps > 0}>{gaps}</td>
                                                {row.covered.into_iter().map(|covered| view! {
                                                    <td class:gap={!covered}>
                                                        {if covered { "✓" } else { "✗" }}
                                                        <span class="visually-hidden">
                                                            {move || match (covered, lang.get()) {
                                                                (true, Lang::Zh) => "有",
                                                                (false, Lang::Zh) => "缺",
                                                                (true, Lang::En) => "covered",
                                                                (false, Lang::En) => "missing",
                                                            }}
                                                        </span>
                                                    </td>
                                                }).collect_view()}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
