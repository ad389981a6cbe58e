//! A submission's versions as staff read them: each field under its label in both languages,
//! its value in words (类别: 早餐店, the street's name, 是 / 否), the mobile left to the page's
//! head where it is shown once, and what changed since the version before marked.

use super::ShownField;
use crate::domain::{
    category::Categories,
    suggestion::SuggestionKind,
    volunteer::{AVAILABILITY, SKILLS, choice_label},
};
use serde_json::Value;
use std::collections::HashMap;

/// Names of what a payload points at by id, looked up in the database.
#[derive(Default)]
pub struct Names {
    pub streets: HashMap<i64, (String, String)>,
    pub services: HashMap<i64, String>,
    pub teams: HashMap<i64, String>,
    pub activities: HashMap<i64, String>,
    pub categories: std::sync::Arc<Categories>,
}

/// The ids a payload points at: (streets, services, teams, activities).
pub fn ids(payload: &Value) -> [Option<i64>; 4] {
    [
        payload["street_id"].as_i64(),
        payload["service_id"].as_i64(),
        payload["target"]["team"]
            .as_i64()
            .or_else(|| payload["team_id"].as_i64()),
        payload["target"]["activity"].as_i64(),
    ]
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        other => Some(other.to_string()),
    }
}

pub(super) fn same(value: String) -> (String, String) {
    (value.clone(), value)
}

fn yes_no(value: &Value) -> (String, String) {
    if value.as_bool().unwrap_or(false) {
        ("是".into(), "Yes".into())
    } else {
        ("否".into(), "No".into())
    }
}

fn choices(value: &Value, list: &[crate::domain::volunteer::Choice]) -> (String, String) {
    let labels: Vec<(&str, &str)> = value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|code| choice_label(list, code))
        .collect();
    (
        labels.iter().map(|l| l.0).collect::<Vec<_>>().join("、"),
        labels.iter().map(|l| l.1).collect::<Vec<_>>().join(", "),
    )
}

pub(super) fn named(id: Option<i64>, names: &HashMap<i64, String>) -> (String, String) {
    let id = id.unwrap_or_default();
    same(names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")))
}

/// Text in Chinese and English.
pub type Both = (String, String);

/// The fields of one payload in the order a form asks them: key, label, value in words.
pub fn fields(payload: &Value, names: &Names) -> Vec<(String, Both, Both)> {
    let p = payload;
    let mut out = Vec::new();
    let mut put = |key: &str, label: (&str, &str), value: Option<Both>| {
        if let Some(value) = value.filter(|v| !v.0.is_empty()) {
            out.push((
                key.to_owned(),
                (label.0.to_owned(), label.1.to_owned()),
                value,
            ));
        }
    };
    let category_of = |value: &Value| {
        value.as_str().map(|id| match names.categories.find(id) {
            Some(c) => (c.name_zh.to_owned(), c.name_en.to_owned()),
            None => same(id.to_owned()),
        })
    };
    put(
        "kind",
        ("问题类型", "What is wrong"),
        p["kind"]
            .as_str()
            .map(|code| match SuggestionKind::parse(code) {
                Some(kind) => (kind.label().0.to_owned(), kind.label().1.to_owned()),
                None => same(code.to_owned()),
            }),
    );
    put(
        "service_id",
        ("服务点", "Service"),
        p["service_id"]
            .as_i64()
            .map(|id| named(Some(id), &names.services)),
    );
    put(
        "new_service.name",
        ("名称", "Name"),
        text(&p["new_service"]["name"]).map(same),
    );
    put(
        "new_service.category",
        ("类别", "Category"),
        category_of(&p["new_service"]["category"]),
    );
    put(
        "new_service.address",
        ("地址", "Address"),
        text(&p["new_service"]["address"]).map(same),
    );
    put("name", ("姓名", "Name"), text(&p["name"]).map(same));
    put(
        "target",
        ("报名", "Applying for"),
        match (
            p["target"]["team"].as_i64(),
            p["target"]["activity"].as_i64(),
        ) {
            (Some(id), _) => {
                let (zh, en) = named(Some(id), &names.teams);
                Some((format!("队伍：{zh}"), format!("Team: {en}")))
            }
            (None, Some(id)) => {
                let (zh, en) = named(Some(id), &names.activities);
                Some((format!("活动：{zh}"), format!("Activity: {en}")))
            }
            (None, None) => None,
        },
    );
    put(
        "skills",
        ("技能", "Skills"),
        Some(choices(&p["skills"], &SKILLS)),
    );
    put(
        "availability",
        ("可服务时间", "Availability"),
        Some(choices(&p["availability"], &AVAILABILITY)),
    );
    put(
        "shop_name",
        ("店铺名称", "Shop name"),
        text(&p["shop_name"]).map(same),
    );
    put(
        "uscc",
        ("统一社会信用代码", "Unified social credit code"),
        text(&p["uscc"]).map(same),
    );
    put(
        "legal_representative",
        ("法定代表人或经营者", "Legal representative"),
        text(&p["legal_representative"]).map(same),
    );
    put(
        "contact_name",
        ("联系人", "Contact"),
        text(&p["contact_name"]).map(same),
    );
    put(
        "shop_phone",
        ("店铺电话（公开）", "Shop's phone (public)"),
        text(&p["shop_phone"]).map(same),
    );
    put(
        "category",
        ("经营类别", "Kind of business"),
        category_of(&p["category"]),
    );
    put(
        "street_id",
        ("所在自治街区", "Self-governance street"),
        p["street_id"].as_i64().map(|id| {
            names
                .streets
                .get(&id)
                .cloned()
                .unwrap_or_else(|| same(format!("#{id}")))
        }),
    );
    put(
        "address",
        ("地址", "Address"),
        text(&p["address"]).map(same),
    );
    put(
        "location",
        ("位置（纬度, 经度）", "Location (latitude, longitude)"),
        p["location"]["lat"]
            .as_f64()
            .zip(p["location"]["lng"].as_f64())
            .map(|(lat, lng)| same(format!("{lat:.6}, {lng:.6}"))),
    );
    put(
        "opening_hours",
        ("营业时间", "Opening hours"),
        text(&p["opening_hours"]).map(same),
    );
    put(
        "food_licence",
        ("食品经营许可证号", "Food-business licence"),
        text(&p["food_licence"]).map(same),
    );
    if p.get("prepackaged_only").is_some()
        && p["category"]
            .as_str()
            .and_then(|id| names.categories.find(id))
            .is_some_and(|c| c.sells_food)
    {
        put(
            "prepackaged_only",
            ("仅销售预包装食品", "Prepackaged food only"),
            Some(yes_no(&p["prepackaged_only"])),
        );
    }
    put(
        "health_certificates",
        ("持健康证人数", "Staff with health certificates"),
        text(&p["health_certificates"]).map(same),
    );
    put(
        "details",
        ("情况说明", "Details"),
        text(&p["details"]).map(same),
    );
    put("note", ("备注", "Note"), text(&p["note"]).map(same));
    out
}

/// Each version's fields, newest first as the versions come, marked where they differ from the
/// version before (the next one in the list).
pub fn shown(all: &[Vec<(String, Both, Both)>]) -> Vec<Vec<ShownField>> {
    all.iter()
        .enumerate()
        .map(|(i, version)| {
            let before = all.get(i + 1);
            version
                .iter()
                .map(|(key, label, value)| ShownField {
                    key: key.clone(),
                    label: label.clone(),
                    value: value.clone(),
                    changed: before
                        .is_some_and(|b| !b.iter().any(|(k, _, v)| k == key && v == value)),
                })
                .collect()
        })
        .collect()
}
