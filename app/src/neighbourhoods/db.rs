use crate::{
    domain::{
        geo::LatLng,
        neighbourhood::{CommunityOverview, DistrictOverview, Name, StreetOverview},
    },
    storage::{Db, StorageError},
};

#[derive(sqlx::FromRow)]
struct Row {
    district_id: i64,
    district_zh: String,
    district_en: String,
    street_id: i64,
    street_zh: String,
    street_en: String,
    community_id: i64,
    community_zh: String,
    community_en: String,
    lat: f64,
    lng: f64,
    grid_count: i64,
}

/// The whole hierarchy, kept beside the pool until a change.
pub async fn overview(db: &Db) -> Result<Vec<DistrictOverview>, StorageError> {
    Ok(Vec::clone(&*db.neighbourhoods(read(db)).await?))
}

/// The whole hierarchy in one query, ordered so that it can be grouped in a single pass.
async fn read(db: &Db) -> Result<Vec<DistrictOverview>, StorageError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT d.id AS district_id, d.name_zh AS district_zh, d.name_en AS district_en,
                s.id AS street_id, s.name_zh AS street_zh, s.name_en AS street_en,
                c.id AS community_id, c.name_zh AS community_zh, c.name_en AS community_en,
                c.lat, c.lng,
                (SELECT COUNT(*) FROM grids g WHERE g.community_id = c.id) AS grid_count
         FROM communities c
         JOIN streets s ON s.id = c.street_id
         JOIN districts d ON d.id = s.district_id
         ORDER BY d.id, s.id, c.id",
    )
    .fetch_all(db.pool())
    .await?;

    let mut districts: Vec<(i64, DistrictOverview)> = Vec::new();
    let mut current_street = None;
    for row in rows {
        if districts.last().map(|(id, _)| *id) != Some(row.district_id) {
            districts.push((
                row.district_id,
                DistrictOverview {
                    id: row.district_id,
                    name: Name {
                        zh: row.district_zh,
                        en: row.district_en,
                    },
                    streets: Vec::new(),
                },
            ));
            current_street = None;
        }
        let district = &mut districts.last_mut().expect("pushed above").1;
        if current_street != Some(row.street_id) {
            district.streets.push(StreetOverview {
                id: row.street_id,
                name: Name {
                    zh: row.street_zh,
                    en: row.street_en,
                },
                communities: Vec::new(),
            });
            current_street = Some(row.street_id);
        }
        let location = LatLng::new(row.lat, row.lng)
            .map_err(|e| StorageError::Sqlx(sqlx::Error::Decode(Box::new(e))))?;
        district
            .streets
            .last_mut()
            .expect("pushed above")
            .communities
            .push(CommunityOverview {
                id: row.community_id,
                name: Name {
                    zh: row.community_zh,
                    en: row.community_en,
                },
                location,
                grid_count: row.grid_count,
            });
    }
    Ok(districts.into_iter().map(|(_, d)| d).collect())
}
