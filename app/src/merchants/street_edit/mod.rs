//! Staff keep a self-governance street's public words true: the scheme, the road chief, the
//! council (public names and roles) and the pledge its shops sign.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod page;

pub use page::{EditStreetPage, StaffStreetsPage};

use crate::{domain::street::RawStreet, error::AppError, volunteers::staff::Created};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

/// A street as staff edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffStreet {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub street: RawStreet,
}

#[server(endpoint = "staff/street", input = GetUrl)]
pub async fn open_street(id: i64) -> Result<StaffStreet, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::street(&state.db, user.scope, id)
        .await?
        .ok_or_else(|| with_status(AppError::NotFound))
}

#[server(endpoint = "staff/streets/save", input = Json)]
pub async fn save_street(id: i64, street: RawStreet) -> Result<Created, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    db::update(&state.db, &user, id, &street)
        .await
        .map_err(with_status)
}
