//! Pure domain types shared by the browser and the server: no leptos, no sqlx.
//! Values are parsed once at the edge into these types, so code further in can trust them.

pub mod activity;
pub mod category;
pub mod circle;
pub mod coverage;
pub mod fields;
pub mod form;
pub mod gcj02;
pub mod geo;
pub mod hours;
pub mod idempotency;
pub mod lang;
pub mod licence;
pub mod listing;
pub mod map;
pub mod merchant;
pub mod neighbourhood;
pub mod open_now;
pub mod phone;
pub mod preference;
pub mod public_phone;
pub mod reference;
pub mod repeat;
pub mod schedule;
pub mod service;
pub mod sheet;
pub mod staff;
pub mod street;
pub mod submission;
pub mod suggestion;
pub mod team;
pub mod tiles;
pub mod time;
pub mod volunteer;
pub mod week;
