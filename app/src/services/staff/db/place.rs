//! The community and grid a service belongs to: those staff chose, checked, or else the
//! nearest to where it is.

use super::super::snapshot::Placed;
use crate::{
    domain::{form::FieldError, geo::LatLng},
    error::AppError,
    storage::StorageError,
};

/// A place further than this from every community's centre is outside the portal's city.
const REACH_M: f64 = 5_000.0;

#[derive(sqlx::FromRow)]
struct Centre {
    id: i64,
    community_id: i64,
    lat: f64,
    lng: f64,
}

/// The city's communities and grids with their centres, read once for many places.
pub struct Places {
    communities: Vec<Centre>,
    grids: Vec<Centre>,
}

fn nearest<'a>(centres: impl Iterator<Item = &'a Centre>, at: LatLng) -> Option<(i64, f64)> {
    centres
        .filter_map(|c| Some((c.id, at.distance_m(LatLng::new(c.lat, c.lng).ok()?))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

impl Places {
    pub async fn load(conn: &mut sqlx::AnyConnection) -> Result<Places, StorageError> {
        let communities =
            sqlx::query_as("SELECT id, id AS community_id, lat, lng FROM communities")
                .fetch_all(&mut *conn)
                .await?;
        let grids = sqlx::query_as("SELECT id, community_id, lat, lng FROM grids")
            .fetch_all(&mut *conn)
            .await?;
        Ok(Places { communities, grids })
    }

    /// The community and grid chosen, if they exist and belong together, or the nearest.
    pub fn resolve(
        &self,
        at: LatLng,
        community: Option<i64>,
        grid: Option<i64>,
    ) -> Result<Placed, FieldError> {
        let community_id = match community {
            Some(id) if self.communities.iter().any(|c| c.id == id) => id,
            Some(_) => {
                return Err(FieldError::new(
                    "community_id",
                    "没有这个社区",
                    "There is no such community",
                ));
            }
            None => match nearest(self.communities.iter(), at) {
                Some((id, d)) if d <= REACH_M => id,
                _ => {
                    return Err(FieldError::new(
                        "lat",
                        "这个位置不在本平台已收录的社区附近，请检查经纬度",
                        "This place is not near any community the portal covers; check the coordinates",
                    ));
                }
            },
        };
        let in_community = || self.grids.iter().filter(|g| g.community_id == community_id);
        let grid_id = match grid {
            Some(id) if in_community().any(|g| g.id == id) => Some(id),
            Some(_) => {
                return Err(FieldError::new(
                    "grid_id",
                    "这个网格不属于所选社区",
                    "This grid is not in the chosen community",
                ));
            }
            None => nearest(in_community(), at).map(|(id, _)| id),
        };
        Ok(Placed {
            community_id,
            grid_id,
        })
    }
}

/// One service's place, read and resolved inside its write.
pub async fn resolve(
    conn: &mut sqlx::AnyConnection,
    at: LatLng,
    community: Option<i64>,
    grid: Option<i64>,
) -> Result<Placed, AppError> {
    Places::load(conn)
        .await?
        .resolve(at, community, grid)
        .map_err(|e| AppError::Invalid(vec![e]))
}
