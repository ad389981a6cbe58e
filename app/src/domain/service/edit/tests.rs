use super::*;
use crate::domain::category::standard;

fn pharmacy() -> RawService {
    RawService {
        name: " 益丰大药房（经三路店） ".into(),
        category: "pharmacy".into(),
        address: "金水区经三路与纬五路交叉口东北角".into(),
        phone: Some("0371 6588 1234".into()),
        lat: Coordinate::Text("34.7750".into()),
        lng: Coordinate::Number(113.6810),
        hours: HoursInput::Text("每天 08:00-22:00".into()),
        hours_note: Some("春节期间另行通知".into()),
        ..Default::default()
    }
}

fn fields(errors: Vec<FieldError>) -> Vec<String> {
    errors.into_iter().map(|e| e.field).collect()
}

#[test]
fn a_new_pharmacy_typed_as_staff_type_it_is_read_whole() {
    let input = pharmacy().parse(&standard()).unwrap();
    assert_eq!(input.name, "益丰大药房（经三路店）");
    assert_eq!(input.phone.as_deref(), Some("0371-65881234"));
    assert_eq!(input.place.lat(), 34.775);
    assert_eq!(input.hours.days[6].len(), 1);
    assert_eq!(input.hours.note.as_deref(), Some("春节期间另行通知"));
    assert_eq!(input.guide, None);
}

#[test]
fn every_wrong_field_is_named_at_once() {
    let raw = RawService {
        name: "药".into(),
        category: "nowhere".into(),
        address: "".into(),
        phone: Some("12345".into()),
        lat: Coordinate::Text("北纬34度".into()),
        lng: Coordinate::Number(200.0),
        hours: HoursInput::Text("周一至周五 9点到5点".into()),
        ..Default::default()
    };
    assert_eq!(
        fields(raw.parse(&standard()).unwrap_err()),
        [
            "name", "category", "address", "phone", "lat", "lng", "hours"
        ]
    );
}

#[test]
fn hours_as_data_are_checked_and_keep_their_note() {
    let mut raw = pharmacy();
    let mut week = WeeklyHours::every_day(crate::domain::hours::parse_day("08:00-12:00").unwrap());
    week.note = Some("国庆休息".into());
    raw.hours = HoursInput::Week(week.clone());
    assert_eq!(raw.parse(&standard()).unwrap().hours, week);
    week.days[0].push(crate::domain::hours::Interval {
        open: 600,
        close: 900,
    });
    raw.hours = HoursInput::Week(week);
    assert_eq!(fields(raw.parse(&standard()).unwrap_err()), ["hours"]);
}

#[test]
fn the_api_body_reads_hours_as_data_or_as_text() {
    let body: RawService = serde_json::from_value(serde_json::json!({
        "name": "社区卫生服务站", "category": "health_station", "address": "经三路 12 号",
        "lat": 34.77, "lng": 113.68,
        "hours": { "days": [[{"open": 480, "close": 1020}], [], [], [], [], [], []] }
    }))
    .unwrap();
    assert!(matches!(body.hours, HoursInput::Week(_)));
    let typed: RawService =
        serde_json::from_value(serde_json::json!({ "hours": "每天 8:00-17:00" })).unwrap();
    assert_eq!(typed.hours, HoursInput::Text("每天 8:00-17:00".into()));
}

#[test]
fn a_guide_drops_blank_lines_and_an_empty_one_is_none() {
    let mut raw = pharmacy();
    raw.guide = Some(ErrandGuide {
        materials: vec!["身份证原件".into(), "".into(), "  户口本 ".into()],
        ..Default::default()
    });
    let guide = raw.parse(&standard()).unwrap().guide.unwrap();
    assert_eq!(guide.materials, ["身份证原件", "户口本"]);
    raw.guide = Some(ErrandGuide {
        steps: vec!["".into(), " ".into()],
        ..Default::default()
    });
    assert_eq!(raw.parse(&standard()).unwrap().guide, None);
}

#[test]
fn a_closing_needs_a_reason_and_other_needs_words() {
    let close = |reason: &str, note: Option<&str>| {
        RawClose {
            reason: reason.into(),
            note: note.map(Into::into),
            suggestion: None,
        }
        .parse()
    };
    assert_eq!(close("moved", None).unwrap().reason, CloseReason::Moved);
    assert_eq!(fields(close("", None).unwrap_err()), ["reason"]);
    assert_eq!(fields(close("other", None).unwrap_err()), ["note"]);
    let words = close("店主退休，已停止营业", None).unwrap();
    assert_eq!(words.reason, CloseReason::Other);
    assert_eq!(words.note.as_deref(), Some("店主退休，已停止营业"));
}
