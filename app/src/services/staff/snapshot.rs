//! A service's fields in words, as its history shows them, and what changed between two.

use super::FieldChange;
use crate::domain::{service::ErrandGuide, service::edit::ServiceInput, week::format_week};

/// Where a service is in the city's places: its community and grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    pub community_id: i64,
    pub grid_id: Option<i64>,
}

/// Every field a person writes, named as the API names it, with its value in words.
pub fn fields(input: &ServiceInput, placed: Placed) -> Vec<(&'static str, String)> {
    vec![
        ("name", input.name.clone()),
        ("category", input.category.clone()),
        ("address", input.address.clone()),
        ("description", input.description.clone()),
        ("phone", input.phone.clone().unwrap_or_default()),
        (
            "location",
            format!("{:.6},{:.6}", input.place.lat(), input.place.lng()),
        ),
        ("community_id", placed.community_id.to_string()),
        (
            "grid_id",
            placed.grid_id.map(|g| g.to_string()).unwrap_or_default(),
        ),
        ("hours", format_week(&input.hours.days)),
        ("hours_note", input.hours.note.clone().unwrap_or_default()),
        ("guide", input.guide.as_ref().map(guide).unwrap_or_default()),
    ]
}

/// The fields that differ, each with its value before and after.
pub fn changes(
    before: &[(&'static str, String)],
    after: &[(&'static str, String)],
) -> Vec<FieldChange> {
    after
        .iter()
        .filter_map(|(field, now)| {
            let was = before
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, v)| v.as_str())
                .unwrap_or_default();
            (was != now).then(|| FieldChange {
                field: (*field).to_owned(),
                before: was.to_owned(),
                after: now.clone(),
            })
        })
        .collect()
}

fn guide(g: &ErrandGuide) -> String {
    let mut parts = Vec::new();
    let list = |label: &str, items: &[String]| {
        (!items.is_empty()).then(|| format!("{label}：{}", items.join("、")))
    };
    parts.extend(list("材料", &g.materials));
    parts.extend(list("步骤", &g.steps));
    if !g.time_limit.is_empty() {
        parts.push(format!("时限：{}", g.time_limit));
    }
    if !g.fees.is_empty() {
        parts.push(format!("收费：{}", g.fees));
    }
    parts.extend(list("注意", &g.notes));
    if g.proxy {
        parts.push("可全程代办".into());
    }
    parts.join("；")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_fields_that_differ_are_changes() {
        let before = vec![("name", "旧名".to_owned()), ("phone", String::new())];
        let after = vec![
            ("name", "旧名".to_owned()),
            ("phone", "0371-65881234".into()),
        ];
        assert_eq!(
            changes(&before, &after),
            vec![FieldChange {
                field: "phone".into(),
                before: String::new(),
                after: "0371-65881234".into()
            }]
        );
        assert!(changes(&after, &after).is_empty());
    }
}
