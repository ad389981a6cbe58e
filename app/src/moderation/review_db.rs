//! What the staff review reads besides the submission itself: the names its ids point at, and
//! who or what a queue row is about.

use super::Version;
use crate::storage::{Db, StorageError};
use serde_json::Value;

/// Who or what a queue row is about: the applicant, the shop, the activity, the new place, or
/// the service a correction is for.
pub async fn queue_name(db: &Db, payload: Option<&str>) -> Result<Option<String>, StorageError> {
    let payload: Value = payload
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or(Value::Null);
    let named = ["name", "shop_name", "title"]
        .iter()
        .find_map(|key| payload[key].as_str())
        .or_else(|| payload["new_service"]["name"].as_str());
    if let Some(named) = named {
        return Ok(Some(named.to_owned()));
    }
    match payload["service_id"].as_i64() {
        Some(id) => Ok(
            sqlx::query_scalar("SELECT name FROM services WHERE id = $1")
                .bind(id)
                .fetch_optional(db.pool())
                .await?,
        ),
        None => Ok(None),
    }
}

/// The versions, newest first, each with its fields as staff read them and its place.
pub async fn review_versions(
    db: &Db,
    kind: crate::domain::submission::Kind,
    rows: Vec<(i64, i64, String)>,
) -> Result<Vec<Version>, StorageError> {
    let payloads: Vec<Value> = rows
        .iter()
        .map(|(_, _, payload)| serde_json::from_str(payload).unwrap_or(Value::Null))
        .collect();
    let mut names = super::review::Names {
        categories: crate::categories::db::all(db).await?,
        ..Default::default()
    };
    // The streets the versions name: their names for the fields, their map for the place.
    let mut streets = std::collections::HashMap::new();
    for payload in &payloads {
        let [street, service, team, activity] = super::review::ids(payload);
        if let Some(id) = street
            && let Some(found) = crate::merchants::db::street_summary(db, id).await?
        {
            names
                .streets
                .insert(id, (found.name_zh.clone(), found.name_en.clone()));
            streets.insert(id, found);
        }
        for (id, sql, into) in [
            (
                service,
                "SELECT name FROM services WHERE id = $1",
                &mut names.services,
            ),
            (
                team,
                "SELECT name_zh FROM teams WHERE id = $1",
                &mut names.teams,
            ),
            (
                activity,
                "SELECT title FROM activities WHERE id = $1",
                &mut names.activities,
            ),
        ] {
            if let Some(id) = id {
                let name: Option<String> = sqlx::query_scalar(sql)
                    .bind(id)
                    .fetch_optional(db.pool())
                    .await?;
                if let Some(name) = name {
                    into.insert(id, name);
                }
            }
        }
    }
    use crate::domain::submission::Kind;
    let fields = |p: &Value| match kind {
        Kind::ActivityProposal => super::review_proposal::fields(p, &names),
        Kind::ServiceSuggestion | Kind::VolunteerApplication | Kind::MerchantRegistration => {
            super::review::fields(p, &names)
        }
    };
    let all: Vec<_> = payloads.iter().map(fields).collect();
    let shown = super::review::shown(&all);
    Ok(rows
        .into_iter()
        .zip(payloads)
        .zip(shown)
        .map(|(((version, created_at, _), payload), shown)| {
            let place = payload["location"]["lat"]
                .as_f64()
                .zip(payload["location"]["lng"].as_f64())
                .map(|(lat, lng)| {
                    let street = payload["street_id"]
                        .as_i64()
                        .and_then(|id| streets.get(&id).cloned());
                    super::ReviewPlace {
                        lat,
                        lng,
                        centre: street.as_ref().map_or((lat, lng), |s| (s.lat, s.lng)),
                        street,
                    }
                });
            Version {
                version,
                created_at,
                fields: flatten(&payload),
                shown,
                place,
            }
        })
        .collect())
}

/// A payload as label/value pairs: nested objects as `outer.inner`, lists joined, nulls left out.
pub fn flatten(value: &Value) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Null => {}
            Value::Object(map) => {
                for (key, value) in map {
                    let key = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&key, value, out);
                }
            }
            Value::Array(items) => {
                let text: Vec<String> = items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect();
                out.push((prefix.to_owned(), text.join("、")));
            }
            Value::String(text) => out.push((prefix.to_owned(), text.clone())),
            other => out.push((prefix.to_owned(), other.to_string())),
        }
    }
    let mut out = Vec::new();
    walk("", value, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn payloads_flatten_to_labelled_values() {
        let payload = json!({
            "kind": "new_service",
            "new_service": { "name": "康桥食堂", "category": "community_canteen" },
            "skills": ["助老", "医疗"],
            "phone": null,
            "service_id": 7,
        });
        assert_eq!(
            flatten(&payload),
            [
                ("kind".to_owned(), "new_service".to_owned()),
                (
                    "new_service.category".to_owned(),
                    "community_canteen".to_owned()
                ),
                ("new_service.name".to_owned(), "康桥食堂".to_owned()),
                ("service_id".to_owned(), "7".to_owned()),
                ("skills".to_owned(), "助老、医疗".to_owned()),
            ]
        );
    }
}
