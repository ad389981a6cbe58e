use super::*;
use crate::domain::time::beijing_datetime;

fn activity() -> RawActivity {
    RawActivity {
        team_id: Some(1),
        title: "为老测血压".into(),
        description: "社区医生为 60 岁以上老人免费测血压。".into(),
        place: "经八路社区卫生服务站门口".into(),
        lat: Coordinate::default(),
        lng: Coordinate::default(),
        starts_at: Moment::Text("2026-12-15 09:00".into()),
        ends_at: Moment::Text("2026-12-15T11:00".into()),
        capacity: Whole::Text("6".into()),
        repeat: "none".into(),
    }
}

#[test]
fn a_one_off_reads_in_beijing_time_at_the_teams_place() {
    let input = activity().parse().unwrap();
    assert_eq!(beijing_datetime(input.starts_at), "2026-12-15 09:00");
    assert_eq!(input.ends_at - input.starts_at, 7200);
    assert_eq!((input.capacity, input.at, input.repeat), (6, None, None));
}

#[test]
fn the_rule_follows_the_first_date() {
    let raw = RawActivity {
        repeat: "monthly_on_weekday".into(),
        ..activity()
    };
    let rule = raw.parse().unwrap().repeat.unwrap();
    assert_eq!(rule.code(), "nth:3:2", "the third Tuesday");
    // A stored rule is taken back when the date is one of its days, and named when not.
    let same = RawActivity {
        repeat: "monthly:15".into(),
        ..activity()
    };
    assert_eq!(same.parse().unwrap().repeat, Some(Repeat::MonthlyOnDay(15)));
    let other = RawActivity {
        repeat: "monthly:16".into(),
        ..activity()
    };
    let errors = other.parse().unwrap_err();
    assert_eq!(errors[0].field, "repeat");
    assert!(errors[0].zh.contains("每月16日"), "{:?}", errors[0]);
}

#[test]
fn times_places_and_capacity_are_checked() {
    let raw = RawActivity {
        team_id: None,
        title: "测".into(),
        lat: Coordinate::Text("34.77".into()),
        starts_at: Moment::Text("12月15日上午".into()),
        capacity: Whole::Text("0".into()),
        repeat: "fortnightly".into(),
        ..activity()
    };
    let fields: Vec<String> = raw
        .parse()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["team_id", "title", "lng", "starts_at", "capacity"]);
    let backwards = RawActivity {
        ends_at: Moment::Text("2026-12-15 08:00".into()),
        ..activity()
    };
    assert_eq!(
        backwards.parse().unwrap_err()[0].zh,
        "结束时间应晚于开始时间"
    );
    let too_long = RawActivity {
        ends_at: Moment::Unix(activity().starts_at.value().unwrap() + 13 * 3600),
        ..activity()
    };
    assert!(too_long.parse().unwrap_err()[0].zh.contains("12 小时"));
}

#[test]
fn a_cancellation_needs_a_reason() {
    let raw = RawCancel {
        reason: " ".into(),
        series: false,
    };
    assert_eq!(raw.parse().unwrap_err()[0].field, "reason");
    let raw = RawCancel {
        reason: "暴雨预警，改期另行通知".into(),
        series: false,
    };
    assert_eq!(raw.parse().unwrap(), "暴雨预警，改期另行通知");
}
