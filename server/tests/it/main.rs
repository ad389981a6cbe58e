//! Integration tests: each starts the real server on a random port over a fresh database,
//! SQLite always and PostgreSQL whenever TEST_POSTGRES_URL is set.

mod common;

mod activity_editing;
mod assets;
mod categories;
mod cli;
mod demo_data;
mod health;
mod instances;
mod maps;
mod merchants;
mod moderation;
mod openapi;
mod page_cache;
mod pages;
mod postgres_roles;
mod privacy;
mod privacy_erasure;
mod privacy_http;
mod proposals;
mod scoped_imports;
mod scopes;
mod second_factor;
mod security;
mod service_editing;
mod service_sheets;
mod services;
mod sign_in;
mod staff;
mod storage;
mod street_editing;
mod suggestions;
mod team_leaders;
mod volunteer_repeats;
mod volunteers;
