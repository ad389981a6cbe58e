//! The categories of daily life as data: every page that names or offers one reads the list
//! from here, and admins add, rename, retire and restore them.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod options;
mod pages;

pub use options::{CategoryOptions, known};
pub use pages::{EditCategoryPage, StaffCategoriesPage};

use crate::{
    data::{Json as Handed, resource},
    domain::{
        category::{Categories, Category, edit::RawCategory},
        circle::Circle,
    },
    error::AppError,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

/// A category as admins keep it: its fields as the form shows them, whether it is retired, and
/// how many listed services are of it (a category is retired only when none is).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffCategory {
    pub category: RawCategory,
    pub retired: bool,
    pub listed: u32,
}

impl StaffCategory {
    /// The category as the list holds it: what a form checks a new id or name against.
    pub fn as_category(&self) -> Category {
        let c = &self.category;
        Category {
            id: c.id.clone(),
            name_zh: c.name_zh.clone(),
            name_en: c.name_en.clone(),
            icon: c.icon.clone(),
            circle: Circle::try_from(c.circle_minutes).unwrap_or(Circle::Fifteen),
            sells_food: c.sells_food,
            shop: c.shop,
            retired: self.retired,
            words: Vec::new(),
        }
    }
}

/// The id of a category saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryId {
    pub id: String,
}

/// Every category, retired ones marked, as pages name and offer them.
#[server(endpoint = "categories", input = GetUrl)]
pub async fn list_categories() -> Result<Categories, AppError> {
    let state = crate::state::AppState::current()?;
    Ok(db::all(&state.db).await?.for_pages())
}

/// The category list as a page's resource.
pub type CategoryList = Resource<Result<Categories, AppError>, Handed>;

/// The list as a page's resource, read with the page's other data.
pub fn use_categories() -> CategoryList {
    resource(|| (), |_| list_categories())
}

#[server(endpoint = "staff/categories", input = GetUrl)]
pub async fn staff_categories() -> Result<Vec<StaffCategory>, AppError> {
    let (state, _) = crate::staff::require(crate::domain::staff::Role::Admin).await?;
    Ok(db::staff_list(&state.db).await?)
}

/// Adds a category (`id` none) or changes one.
#[server(endpoint = "staff/categories/save", input = Json)]
pub async fn save_category(
    id: Option<String>,
    category: RawCategory,
) -> Result<CategoryId, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Admin).await?;
    match id {
        None => db::create(&state.db, &user, &category).await,
        Some(id) => db::update(&state.db, &user, &id, &category).await,
    }
    .map_err(with_status)
}

/// Retires a category no listed service is of, or restores a retired one.
#[server(endpoint = "staff/categories/retire", input = Json)]
pub async fn retire_category(id: String, retired: bool) -> Result<CategoryId, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Admin).await?;
    db::set_retired(&state.db, &user, &id, retired)
        .await
        .map_err(with_status)
}
