//! Reading teams and activities: one function per read, called by the pages' server functions
//! and by the API's handlers alike, so both parse the same input and refuse it the same way.
//! Lists that may carry a home stay POSTs: a home is kept out of addresses and logs.

use super::{ActivityPage, ActivitySummary, PagedTeams, TeamDetail};
use crate::{
    domain::listing::{RawActivityQuery, RawTeamQuery},
    error::AppError,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Activities listed on one page.
pub const ACTIVITIES_PER_PAGE: u32 = 20;
/// Teams listed on one page.
pub const TEAMS_PER_PAGE: u32 = 20;

#[cfg(feature = "ssr")]
pub mod work {
    use super::*;
    use crate::{
        storage::Db,
        volunteers::{TeamSummary, db},
    };

    /// How many to skip for a page numbered from 1.
    fn skipped(page: u32, per_page: u32) -> u32 {
        page.max(1).saturating_sub(1).saturating_mul(per_page)
    }

    pub async fn teams(db: &Db, raw: &RawTeamQuery) -> Result<Vec<TeamSummary>, AppError> {
        let query = raw.parse().map_err(AppError::Invalid)?;
        Ok(db::teams(db, &query).await?)
    }

    /// One page (from 1) of what `teams` lists, and the count of all of it.
    pub async fn team_page(db: &Db, raw: &RawTeamQuery, page: u32) -> Result<PagedTeams, AppError> {
        let query = raw.parse().map_err(AppError::Invalid)?;
        let skip = skipped(page, TEAMS_PER_PAGE);
        let (items, total) = db::team_page(db, &query, skip, TEAMS_PER_PAGE).await?;
        Ok(PagedTeams { items, total })
    }

    pub async fn team(db: &Db, id: i64, now: i64) -> Result<TeamDetail, AppError> {
        db::team(db, id, now).await?.ok_or(AppError::NotFound)
    }

    /// The filter a query asks for. An unknown team is a 404, not an empty list.
    async fn filter(
        db: &Db,
        raw: &RawActivityQuery,
        now: i64,
    ) -> Result<crate::domain::listing::ActivityFilter, AppError> {
        let filter = raw.parse(now).map_err(AppError::Invalid)?;
        if let Some(id) = filter.team
            && !db::team_exists(db, id).await?
        {
            return Err(AppError::NotFound);
        }
        Ok(filter)
    }

    pub async fn activities(
        db: &Db,
        raw: &RawActivityQuery,
        now: i64,
    ) -> Result<Vec<ActivitySummary>, AppError> {
        let filter = filter(db, raw, now).await?;
        Ok(db::activities(db, &filter).await?)
    }

    /// One page (from 1) of what `activities` lists, and the count of all of it.
    pub async fn activity_page(
        db: &Db,
        raw: &RawActivityQuery,
        now: i64,
        page: u32,
    ) -> Result<ActivityPage, AppError> {
        let filter = filter(db, raw, now).await?;
        let skip = skipped(page, ACTIVITIES_PER_PAGE);
        let (items, total) = db::activity_page(db, &filter, skip, ACTIVITIES_PER_PAGE).await?;
        Ok(ActivityPage { items, total })
    }

    pub async fn activity(db: &Db, id: i64) -> Result<ActivitySummary, AppError> {
        db::activity(db, id).await?.ok_or(AppError::NotFound)
    }
}

/// One page of the teams a query finds, by community and speciality; nearest first when a home
/// is given.
#[server(endpoint = "volunteers/teams")]
pub async fn list_teams(
    #[server(default)] query: RawTeamQuery,
    page: Option<u32>,
) -> Result<PagedTeams, AppError> {
    let state = crate::state::AppState::current()?;
    work::team_page(&state.db, &query, page.unwrap_or(1))
        .await
        .map_err(crate::error::with_status)
}

#[server(endpoint = "volunteers/team", input = GetUrl)]
pub async fn get_team(id: i64) -> Result<TeamDetail, AppError> {
    let state = crate::state::AppState::current()?;
    work::team(&state.db, id, crate::storage::unix_now())
        .await
        .map_err(crate::error::with_status)
}

/// One page of the activities a query finds (the coming month's unless it says otherwise).
#[server(endpoint = "volunteers/activities")]
pub async fn list_activities(
    #[server(default)] query: RawActivityQuery,
    page: Option<u32>,
) -> Result<ActivityPage, AppError> {
    let state = crate::state::AppState::current()?;
    let now = crate::storage::unix_now();
    (work::activity_page(&state.db, &query, now, page.unwrap_or(1)).await)
        .map_err(crate::error::with_status)
}

#[server(endpoint = "volunteers/activity", input = GetUrl)]
pub async fn get_activity(id: i64) -> Result<ActivitySummary, AppError> {
    let state = crate::state::AppState::current()?;
    work::activity(&state.db, id)
        .await
        .map_err(crate::error::with_status)
}
