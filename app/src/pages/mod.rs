//! Pages that belong to no single feature: the home page.

mod home;

pub use home::HomePage;
