use super::*;
use crate::domain::category::standard;

/// The fields a suggestion is refused for, in order.
fn failing_fields(raw: &RawSuggestion) -> Vec<String> {
    raw.parse(&standard())
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect()
}

fn correction() -> RawSuggestion {
    RawSuggestion {
        kind: "wrong_hours".into(),
        service_id: Some(7),
        details: "周六下午也开门，到18:00".into(),
        ..Default::default()
    }
}

#[test]
fn a_correction_needs_a_service_and_details_but_no_phone() {
    let s = correction().parse(&standard()).unwrap();
    assert_eq!(
        (s.kind, s.service_id, s.phone),
        (SuggestionKind::WrongHours, Some(7), None)
    );
}

#[test]
fn a_new_service_needs_its_name_category_and_address() {
    let raw = RawSuggestion {
        kind: "new_service".into(),
        details: "小区门口新开的社区食堂".into(),
        ..Default::default()
    };
    assert_eq!(failing_fields(&raw), ["name", "category", "address"]);
    let ok = RawSuggestion {
        name: "康桥华城长者食堂".into(),
        category: "community_canteen".into(),
        address: "二七区大学南路88号".into(),
        ..raw
    };
    assert_eq!(
        ok.parse(&standard()).unwrap().new_service.unwrap().category,
        "community_canteen"
    );
}

#[test]
fn a_suggestion_returns_to_the_form_it_was_typed_in() {
    let raw = RawSuggestion {
        kind: "new_service".into(),
        name: "康桥华城长者食堂".into(),
        category: "community_canteen".into(),
        address: "二七区大学南路88号".into(),
        details: "小区门口新开的社区食堂".into(),
        phone: "13812345678".into(),
        ..Default::default()
    };
    assert_eq!(raw.parse(&standard()).unwrap().to_raw(), raw);
    assert_eq!(
        correction().parse(&standard()).unwrap().to_raw(),
        correction()
    );
}

#[test]
fn every_bad_field_is_named_at_once() {
    let raw = RawSuggestion {
        kind: "nonsense".into(),
        details: "短".into(),
        phone: "12345".into(),
        ..Default::default()
    };
    assert_eq!(failing_fields(&raw), ["kind", "details", "phone"]);
}

#[test]
fn a_phone_when_given_must_be_a_mobile() {
    let raw = RawSuggestion {
        phone: "12812345678".into(),
        ..correction()
    };
    let errors = raw.parse(&standard()).unwrap_err();
    assert!(errors[0].zh.contains("13至19"));
    let raw = RawSuggestion {
        phone: "138 1234 5678".into(),
        ..correction()
    };
    assert_eq!(
        raw.parse(&standard()).unwrap().phone.unwrap().as_str(),
        "13812345678"
    );
}
