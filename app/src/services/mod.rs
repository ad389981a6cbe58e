//! The services of the 15-minute living circle: search, detail, near me, gaps and coverage.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod detail;
mod list;
mod map;
mod near;

pub use detail::ServicePage;
pub use list::ServicesPage;
pub use near::NearPage;

use crate::{
    domain::service::{RawServiceQuery, ServiceDetail, ServicePage as Page, ServiceSummary},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What is within a quarter hour's walk of a home, and which categories are missing there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithinReach {
    pub items: Vec<ServiceSummary>,
    /// Category ids with nothing inside their own circle.
    pub gaps: Vec<String>,
}

/// The moment "open now" is judged at, in Zhengzhou.
#[cfg(feature = "ssr")]
fn now() -> crate::domain::hours::LocalTime {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    crate::domain::hours::LocalTime::shanghai(seconds)
}

#[server(endpoint = "services/search")]
pub async fn search_services(query: RawServiceQuery) -> Result<Page, AppError> {
    use crate::error::with_status;
    let query = query
        .parse()
        .map_err(|e| with_status(AppError::BadQuery(e)))?;
    let state = crate::state::AppState::current()?;
    db::search(&state.db, &query, now())
        .await
        .map_err(|e| with_status(e.into()))
}

#[server(endpoint = "services/get")]
pub async fn get_service(id: i64) -> Result<ServiceDetail, AppError> {
    use crate::error::with_status;
    let state = crate::state::AppState::current()?;
    db::get(&state.db, id, now())
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// Services within 15 minutes of a home, nearest first, and the categories missing there.
/// The home travels in the request body and is neither stored nor logged.
#[server(endpoint = "services/nearby")]
pub async fn nearby(lat: f64, lng: f64) -> Result<WithinReach, AppError> {
    use crate::domain::{
        circle::Circle,
        geo::{LatLng, LatLngError},
        service::{QueryError, ServiceQuery},
    };
    use crate::error::with_status;
    let home = LatLng::new(lat, lng).map_err(|e| {
        with_status(AppError::BadQuery(vec![match e {
            LatLngError::Latitude => QueryError::Lat,
            LatLngError::Longitude => QueryError::Lng,
        }]))
    })?;
    // Everything in the largest circle: the gaps need every category, not one page.
    let query = ServiceQuery {
        near: Some((home, Circle::Fifteen)),
        category: None,
        text: None,
        open_now: false,
        limit: u32::MAX,
        offset: 0,
    };
    let state = crate::state::AppState::current()?;
    let page = db::search(&state.db, &query, now())
        .await
        .map_err(|e| with_status(e.into()))?;
    let gaps = crate::domain::service::gaps(&page.items);
    Ok(WithinReach {
        items: page.items,
        gaps,
    })
}
