//! A team leader's activity as the moderator reads it before publishing: the team, what and
//! where, when in Beijing time, how many places, and how it repeats.

use super::review::{Both, Names, named, same};
use crate::domain::{activity::Proposal, time::beijing_datetime};
use serde_json::Value;

/// The fields in the order the activity form asks them: key, label, value in words.
pub fn fields(payload: &Value, names: &Names) -> Vec<(String, Both, Both)> {
    let Ok(p) = serde_json::from_value::<Proposal>(payload.clone()) else {
        return Vec::new();
    };
    let minutes = (p.ends_at - p.starts_at) / 60;
    let rows: [(&str, (&str, &str), Both); 9] = [
        (
            "team_id",
            ("志愿队", "Team"),
            named(Some(p.team_id), &names.teams),
        ),
        ("title", ("活动名称", "Title"), same(p.title.clone())),
        (
            "description",
            ("活动介绍", "Description"),
            same(p.description.clone()),
        ),
        (
            "place",
            ("集合地点", "Where to meet"),
            same(p.place.clone()),
        ),
        (
            "location",
            ("位置（纬度, 经度）", "Location (latitude, longitude)"),
            same(format!("{:.6}, {:.6}", p.location.lat, p.location.lng)),
        ),
        (
            "starts_at",
            ("开始时间", "Starts"),
            same(beijing_datetime(p.starts_at)),
        ),
        (
            "ends_at",
            ("结束时间", "Ends"),
            (
                format!("{}（{minutes} 分钟）", beijing_datetime(p.ends_at)),
                format!("{} ({minutes} min)", beijing_datetime(p.ends_at)),
            ),
        ),
        ("capacity", ("名额", "Places"), same(p.capacity.to_string())),
        ("repeat", ("是否重复", "Repeats"), p.repeat_label()),
    ];
    rows.into_iter()
        .filter(|(_, _, value)| !value.0.is_empty())
        .map(|(key, (zh, en), value)| (key.to_owned(), (zh.to_owned(), en.to_owned()), value))
        .collect()
}
