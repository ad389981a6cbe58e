//! Keeping each account inside its area: one check for a thing opened by its id or reference,
//! and one condition for every list. Outside the area is answered as if nothing were there
//! (404), so that an address tried from outside confirms nothing.

use crate::{
    domain::staff::{Scope, StaffUser},
    error::AppError,
    storage::{Db, StorageError},
};

/// Something staff open, by what names it in an address.
#[derive(Clone, Copy, Debug)]
pub enum Place<'a> {
    Submission(&'a str),
    Service(i64),
    Team(i64),
    Activity(i64),
    /// A street of the merchant scheme (`governance_streets`).
    ShopStreet(i64),
}

impl Place<'_> {
    /// The community it belongs to: `None` when there is no such thing, `Some(None)` when it
    /// has no community (a resident's suggestion of a new place).
    async fn community(self, db: &Db) -> Result<Option<Option<i64>>, StorageError> {
        let (query, id) = match self {
            Place::Submission(reference) => {
                let reference = crate::domain::reference::normalize_reference(reference);
                return Ok(sqlx::query_scalar(
                    "SELECT community_id FROM submissions WHERE reference = $1",
                )
                .bind(reference)
                .fetch_optional(db.pool())
                .await?);
            }
            Place::Service(id) => ("SELECT community_id FROM services WHERE id = $1", id),
            Place::Team(id) => ("SELECT community_id FROM teams WHERE id = $1", id),
            Place::Activity(id) => (
                "SELECT t.community_id FROM activities a JOIN teams t ON t.id = a.team_id
                 WHERE a.id = $1",
                id,
            ),
            Place::ShopStreet(id) => (
                "SELECT community_id FROM governance_streets WHERE id = $1",
                id,
            ),
        };
        let community: Option<i64> = sqlx::query_scalar(query)
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
        Ok(community.map(Some))
    }
}

impl Place<'_> {
    /// The volunteer team it belongs to, if any: a team, an activity, an application, or a team
    /// leader's activity waiting in the queue.
    async fn team(self, db: &Db) -> Result<Option<i64>, StorageError> {
        let found = match self {
            Place::Team(id) => Some(id),
            Place::Activity(id) => {
                sqlx::query_scalar("SELECT team_id FROM activities WHERE id = $1")
                    .bind(id)
                    .fetch_optional(db.pool())
                    .await?
            }
            Place::Submission(reference) => {
                sqlx::query_scalar(
                    "SELECT t.team_id FROM submissions s
                     JOIN team_submissions t ON t.submission_id = s.id
                     WHERE s.reference = $1",
                )
                .bind(crate::domain::reference::normalize_reference(reference))
                .fetch_optional(db.pool())
                .await?
            }
            Place::Service(_) | Place::ShopStreet(_) => None,
        };
        Ok(found)
    }
}

/// Whether `place` lies in `scope`; the city holds everything, even what does not exist (the
/// caller answers that itself).
pub async fn holds(db: &Db, scope: Scope, place: Place<'_>) -> Result<bool, StorageError> {
    match scope {
        Scope::City => return Ok(true),
        Scope::Team(team) => return Ok(place.team(db).await? == Some(team)),
        Scope::District(_) | Scope::Street(_) | Scope::Community(_) => {}
    }
    let Some(community) = place.community(db).await? else {
        return Ok(false);
    };
    let districts = crate::neighbourhoods::db::overview(db).await?;
    Ok(scope.holds(&districts, community))
}

/// 404 for anything outside the account's area.
pub async fn require(db: &Db, user: &StaffUser, place: Place<'_>) -> Result<(), AppError> {
    if holds(db, user.scope, place).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The two values a list's area condition ([`in_area`]) binds, in this order.
pub fn binds(scope: Scope) -> (&'static str, i64) {
    (scope.level().code(), scope.area_id())
}

/// The condition that keeps a list to the area bound at `$n` and `$n+1` (see [`binds`]), for
/// rows whose community is the column `community`. The view has no team rows, so a team's area
/// holds no community.
pub fn in_area(community: &str, n: u8) -> String {
    let m = n + 1;
    format!(
        "(${n} = 'city' OR {community} IN (SELECT community_id FROM area_communities
                                            WHERE level = ${n} AND area_id = ${m}))"
    )
}

/// As [`in_area`], and for a team leader the rows whose team is `team`.
pub fn in_area_or_team(community: &str, team: &str, n: u8) -> String {
    let m = n + 1;
    format!(
        "({} OR (${n} = 'team' AND {team} = ${m}))",
        in_area(community, n)
    )
}

/// [`in_area_or_team`] for `s`, the submissions: a team's are its volunteers' applications
/// and its leader's activities.
pub fn submissions_in_area(n: u8) -> String {
    in_area_or_team(
        "s.community_id",
        "(SELECT ts.team_id FROM team_submissions ts WHERE ts.submission_id = s.id)",
        n,
    )
}

/// Whether an area names a district, street, community or team that exists.
pub async fn exists(db: &Db, scope: Scope) -> Result<bool, StorageError> {
    Ok(name(db, scope).await?.is_some())
}

/// The area's name: the city, a district, a street, a community, or a team's name.
pub async fn name(
    db: &Db,
    scope: Scope,
) -> Result<Option<crate::domain::neighbourhood::Name>, StorageError> {
    if let Scope::Team(id) = scope {
        #[derive(sqlx::FromRow)]
        struct TeamName {
            name_zh: String,
            name_en: String,
        }
        let team: Option<TeamName> =
            sqlx::query_as("SELECT name_zh, name_en FROM teams WHERE id = $1")
                .bind(id)
                .fetch_optional(db.pool())
                .await?;
        return Ok(team.map(|t| crate::domain::neighbourhood::Name {
            zh: t.name_zh,
            en: t.name_en,
        }));
    }
    let districts = crate::neighbourhoods::db::overview(db).await?;
    Ok(scope.name(&districts))
}

/// Whether `scope` holds `community`, read inside a transaction (a write that places
/// something checks where it puts it).
pub async fn holds_community(
    conn: &mut sqlx::AnyConnection,
    scope: Scope,
    community: i64,
) -> Result<bool, StorageError> {
    if scope.is_city() {
        return Ok(true);
    }
    let (level, area) = binds(scope);
    let found: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM area_communities
         WHERE level = $1 AND area_id = $2 AND community_id = $3",
    )
    .bind(level)
    .bind(area)
    .bind(community)
    .fetch_one(conn)
    .await?;
    Ok(found > 0)
}

/// 422 on `field` when a write would put something in a community outside the account's area.
pub async fn require_community(
    conn: &mut sqlx::AnyConnection,
    user: &StaffUser,
    field: &str,
    community: i64,
) -> Result<(), AppError> {
    if holds_community(conn, user.scope, community).await? {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![outside(field)]))
    }
}

pub fn outside(field: &str) -> crate::domain::form::FieldError {
    crate::domain::form::FieldError::new(
        field,
        "这个地方不在您负责的范围内",
        "This place is outside your area",
    )
}
