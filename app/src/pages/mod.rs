//! Pages that belong to no single feature: the home page and the section landing pages.

mod home;
mod section;

pub use home::HomePage;
pub use section::MerchantsPage;
