//! Every service as the rows of an export, in the import's columns.

use super::ServiceRow;
use crate::{
    domain::{
        sheet::{cells_of, header_row},
        staff::Scope,
        time::beijing_date,
    },
    storage::{Db, StorageError},
};

/// The header and one row per service in `scope`, listed or closed, in id order.
pub async fn export_rows(db: &Db, scope: Scope) -> Result<Vec<Vec<String>>, StorageError> {
    let (level, area) = crate::staff::scope::binds(scope);
    let rows: Vec<ServiceRow> = sqlx::query_as(&format!(
        "SELECT s.id, s.version, s.name, s.category, s.address, s.description, s.phone, s.lat,
                s.lng, s.community_id, s.grid_id, s.hours, s.guide, s.verified_at,
                s.closed_reason, s.closed_note, s.closed_at, s.listed, c.name_zh AS community_zh,
                c.name_en AS community_en, g.name_zh AS grid
         FROM services s
         JOIN communities c ON c.id = s.community_id
         LEFT JOIN grids g ON g.id = s.grid_id
         WHERE {}
         ORDER BY s.id",
        crate::staff::scope::in_area("s.community_id", 1)
    ))
    .bind(level)
    .bind(area)
    .fetch_all(db.pool())
    .await?;
    let categories = crate::categories::db::all(db).await?;
    let mut out = vec![header_row()];
    for row in rows {
        let Some(input) = row.input() else {
            continue;
        };
        let verified = row.verified_at.map(beijing_date).unwrap_or_default();
        let closed = row.closed_at.is_some() || row.listed == 0;
        out.push(cells_of(
            &categories,
            row.id,
            &input,
            &row.community_zh,
            closed,
            &verified,
        ));
    }
    Ok(out)
}
