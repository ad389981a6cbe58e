//! Reading the directory: one function per read, called by the pages' server functions and by
//! the API's handlers alike. Near-me stays a POST: a home is kept out of addresses and logs.

use super::{Coverage, WithinReach};
use crate::{
    domain::service::{RawServiceQuery, ServiceDetail, ServicePage},
    error::AppError,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub mod work {
    use super::*;
    use crate::{
        domain::{
            circle::Circle,
            geo::{LatLng, LatLngError},
            service::{QueryError, ServiceQuery},
            staff::Scope,
        },
        services::{COMMUNITY_REACH_M, NEAR_MAP_REACH_M, db, now},
        storage::Db,
    };

    pub async fn search(db: &Db, raw: &RawServiceQuery) -> Result<ServicePage, AppError> {
        let categories = crate::categories::db::all(db).await?;
        let query = raw.parse(&categories).map_err(AppError::BadQuery)?;
        Ok(db::search(db, &query, now()).await?)
    }

    pub async fn get(db: &Db, id: i64) -> Result<ServiceDetail, AppError> {
        db::get(db, id, now()).await?.ok_or(AppError::NotFound)
    }

    /// Everything in the largest circle around home (the gaps need every category, not one
    /// page), the community home is in, and the names and streets on the map around it.
    pub async fn nearby(db: &Db, lat: f64, lng: f64) -> Result<WithinReach, AppError> {
        let home = LatLng::new(lat, lng).map_err(|e| {
            AppError::BadQuery(vec![match e {
                LatLngError::Latitude => QueryError::Lat,
                LatLngError::Longitude => QueryError::Lng,
            }])
        })?;
        let query = ServiceQuery {
            near: Some((home, Circle::Fifteen)),
            category: None,
            text: None,
            named: Vec::new(),
            open_now: false,
            limit: u32::MAX,
            offset: 0,
        };
        let page = db::search(db, &query, now()).await?;
        let categories = crate::categories::db::all(db).await?;
        let gaps = crate::domain::coverage::gaps(&categories, &page.items);
        let communities = db::communities_near(db, home, COMMUNITY_REACH_M).await?;
        let streets = crate::merchants::db::streets(db).await?;
        let on_map = |p: LatLng| home.distance_m(p) <= NEAR_MAP_REACH_M;
        Ok(WithinReach {
            items: page.items,
            gaps,
            community: communities.first().map(|c| c.at.to_pair()),
            places: communities.into_iter().filter(|c| on_map(c.at)).collect(),
            streets: streets
                .iter()
                .filter_map(|s| s.line())
                .filter(|line| line.path.iter().any(|p| on_map(*p)))
                .collect(),
        })
    }

    /// Every community with the categories it has and lacks within their circles.
    /// The coverage of every community in `scope`.
    pub async fn coverage(db: &Db, scope: Scope) -> Result<Coverage, AppError> {
        let positions = db::positions(db).await?;
        let districts = crate::neighbourhoods::db::overview(db).await?;
        let categories = crate::categories::db::all(db).await?;
        let rows = scope
            .within(&districts)
            .into_iter()
            .flat_map(|d| d.streets)
            .flat_map(|s| s.communities)
            .map(|c| crate::services::CoverageRow {
                covered: crate::domain::coverage::coverage(&categories, c.location, &positions),
                community: c.name,
            })
            .collect();
        Ok(Coverage {
            categories: categories.choosable().cloned().collect(),
            rows,
        })
    }
}

#[server(endpoint = "services/search", input = GetUrl)]
pub async fn search_services(
    #[server(default)] query: RawServiceQuery,
) -> Result<ServicePage, AppError> {
    let state = crate::state::AppState::current()?;
    work::search(&state.db, &query)
        .await
        .map_err(crate::error::with_status)
}

#[server(endpoint = "services/get", input = GetUrl)]
pub async fn get_service(id: i64) -> Result<ServiceDetail, AppError> {
    let state = crate::state::AppState::current()?;
    work::get(&state.db, id)
        .await
        .map_err(crate::error::with_status)
}

/// Services within 15 minutes of a home, nearest first, and the categories missing there.
/// The home travels in the request body and is neither stored nor logged.
#[server(endpoint = "services/nearby")]
pub async fn nearby(lat: f64, lng: f64) -> Result<WithinReach, AppError> {
    let state = crate::state::AppState::current()?;
    work::nearby(&state.db, lat, lng)
        .await
        .map_err(crate::error::with_status)
}

/// Staff only: every community's coverage.
#[server(endpoint = "services/coverage", input = GetUrl)]
pub async fn community_coverage() -> Result<Coverage, AppError> {
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    work::coverage(&state.db, user.scope)
        .await
        .map_err(crate::error::with_status)
}
