//! /api/v1/teams, /api/v1/activities and /api/v1/volunteer-applications. Times are Unix
//! seconds; `from` and `to` also take a Beijing date (2026-12-01). Phone numbers never appear.

use super::{ActivitySummary, TeamDetail, TeamSummary, db, places};
use crate::{
    api::ApiError,
    domain::{geo::LatLng, time::parse_date, volunteer::RawApplication, volunteer::Speciality},
    state::AppState,
    storage::unix_now,
    submissions::Receipt,
};
use axum::{
    Json, Router,
    extract::{
        Path, Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
    http::{HeaderMap, StatusCode},
    routing::{get, post},
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/teams", get(teams))
        .route("/api/v1/teams/{id}", get(team))
        .route("/api/v1/activities", get(activities))
        .route("/api/v1/volunteer-applications", post(apply))
}

/// Parameters as text, so each bad one is named in a 422.
#[derive(Deserialize)]
struct TeamsQuery {
    community: Option<String>,
    speciality: Option<String>,
    near: Option<String>,
}

fn query<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    query
        .map(|Query(q)| q)
        .map_err(|rejection| ApiError::bad_request(rejection.body_text()))
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The community, speciality and home (`near`) of a teams or activities query; each bad one
/// is named in `bad`.
fn where_and_what(
    community: &Option<String>,
    speciality: &Option<String>,
    near: &Option<String>,
    bad: &mut Vec<(String, String)>,
) -> (Option<i64>, Option<Speciality>, Option<LatLng>) {
    let community = given(community).and_then(|c| {
        let id = c.parse::<i64>().ok();
        if id.is_none() {
            bad.push((
                "community".to_owned(),
                "community must be a community id".to_owned(),
            ));
        }
        id
    });
    let speciality = given(speciality).and_then(|s| {
        let parsed = Speciality::parse(s);
        if parsed.is_none() {
            bad.push((
                "speciality".to_owned(),
                "speciality must be one of elderly_help, medical, education, patrol, civility"
                    .to_owned(),
            ));
        }
        parsed
    });
    let near = given(near).and_then(|n| {
        let parsed = LatLng::parse_pair(n);
        if parsed.is_none() {
            bad.push((
                "near".to_owned(),
                "near must be lat,lng in degrees".to_owned(),
            ));
        }
        parsed
    });
    (community, speciality, near)
}

async fn teams(
    State(state): State<AppState>,
    raw: Result<Query<TeamsQuery>, QueryRejection>,
) -> Result<Json<Vec<TeamSummary>>, ApiError> {
    let raw = query(raw)?;
    let mut bad = Vec::new();
    let (community, speciality, near) =
        where_and_what(&raw.community, &raw.speciality, &raw.near, &mut bad);
    if !bad.is_empty() {
        return Err(ApiError::invalid(bad));
    }
    let speciality = speciality.map(|s| s.code());
    Ok(Json(
        db::teams(&state.db, community, speciality, near).await?,
    ))
}

async fn team(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<TeamDetail>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found())?;
    db::team(&state.db, id, unix_now())
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

#[derive(Deserialize)]
struct ActivitiesQuery {
    team: Option<String>,
    from: Option<String>,
    to: Option<String>,
    community: Option<String>,
    speciality: Option<String>,
    near: Option<String>,
}

/// A time given as Unix seconds or as a Beijing date.
fn moment(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().or_else(|| parse_date(text))
}

async fn activities(
    State(state): State<AppState>,
    raw: Result<Query<ActivitiesQuery>, QueryRejection>,
) -> Result<Json<Vec<ActivitySummary>>, ApiError> {
    let raw = query(raw)?;
    let mut bad = Vec::new();
    let team = given(&raw.team).and_then(|t| {
        let id = t.parse::<i64>().ok();
        if id.is_none() {
            bad.push(("team".to_owned(), "team must be a team id".to_owned()));
        }
        id
    });
    let mut time = |name: &str, value: &Option<String>| {
        given(value).and_then(|v| {
            let at = moment(v);
            if at.is_none() {
                bad.push((
                    name.to_owned(),
                    format!("{name} must be Unix seconds or a date like 2026-12-01"),
                ));
            }
            at
        })
    };
    let from = time("from", &raw.from);
    let to = time("to", &raw.to);
    let (community, speciality, home) =
        where_and_what(&raw.community, &raw.speciality, &raw.near, &mut bad);
    if !bad.is_empty() {
        return Err(ApiError::invalid(bad));
    }
    let from = from.unwrap_or_else(unix_now);
    let to = to.unwrap_or(from + db::DEFAULT_WINDOW_SECS);
    if let Some(id) = team
        && !db::team_exists(&state.db, id).await?
    {
        // An unknown team is a 404, not an empty list.
        return Err(ApiError::not_found());
    }
    let filter = super::ActivityFilter {
        team,
        community,
        speciality,
        from,
        to,
        home,
    };
    Ok(Json(db::activities(&state.db, &filter).await?))
}

/// A repeat with the same `Idempotency-Key` header gets the first receipt; a repeat without it
/// gets 409 and no reference.
async fn apply(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<RawApplication>, JsonRejection>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let Json(raw) = body.map_err(ApiError::from)?;
    // Bytes that are not text become U+FFFD, which the key's rule refuses like any other.
    let key = headers
        .get("idempotency-key")
        .map(|v| String::from_utf8_lossy(v.as_bytes()));
    let receipt = places::apply(&state.db, &raw, key.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
