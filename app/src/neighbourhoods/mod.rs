//! The neighbourhoods the portal covers: districts, streets, communities and their grids.

#[cfg(feature = "ssr")]
pub mod db;

use crate::data::resource;
use crate::shell::{ErrorNote, Loading};
use crate::{
    domain::{
        lang::Lang,
        neighbourhood::{CommunityOverview, DistrictOverview, StreetOverview},
    },
    error::AppError,
    i18n::{localized, t, use_lang},
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Every district with its streets and communities, for the overview on the home page.
#[server(endpoint = "neighbourhoods", input = GetUrl)]
pub async fn list_neighbourhoods() -> Result<Vec<DistrictOverview>, AppError> {
    let state = crate::state::AppState::current()?;
    db::overview(&state.db)
        .await
        .map_err(|e| crate::error::with_status(e.into()))
}

/// The districts, streets and communities the living circle covers, with each community's grids.
#[component]
pub fn NeighbourhoodOverview() -> impl IntoView {
    let districts = resource(|| (), |_| list_neighbourhoods());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match districts.await {
                    Ok(list) if list.is_empty() => {
                        view! {
                            <p class="muted">
                                {t("还没有登记任何社区。", "No communities have been added yet.")}
                            </p>
                        }
                            .into_any()
                    }
                    Ok(list) => {
                        list.into_iter()
                            .map(|district| view! { <District district /> })
                            .collect_view()
                            .into_any()
                    }
                    Err(error) => {
                        view! { <ErrorNote error /> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn District(district: DistrictOverview) -> impl IntoView {
    let lang = use_lang();
    let (communities, grids) = (district.community_count(), district.grid_count());
    let counts = move || match lang.get() {
        Lang::Zh => format!("{communities} 个社区 · {grids} 个网格"),
        Lang::En => format!("{communities} communities · {grids} grids"),
    };
    view! {
        <section class="district card">
            <h3>{localized(district.name)} <span class="count">{counts}</span></h3>
            <ul class="streets">
                {district.streets.into_iter().map(|street| view! { <Street street /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Street(street: StreetOverview) -> impl IntoView {
    view! {
        <li>
            <strong>{localized(street.name)}</strong>
            <ul class="communities">
                {street
                    .communities
                    .into_iter()
                    .map(|community| view! { <Community community /> })
                    .collect_view()}
            </ul>
        </li>
    }
}

#[component]
fn Community(community: CommunityOverview) -> impl IntoView {
    let lang = use_lang();
    let grids = community.grid_count;
    let count = move || match lang.get() {
        Lang::Zh => format!("{grids} 个网格"),
        Lang::En => format!("{grids} grids"),
    };
    view! {
        <li>
            {localized(community.name)} " " <span class="muted">{count}</span>
        </li>
    }
}
