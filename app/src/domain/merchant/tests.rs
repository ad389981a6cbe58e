use super::*;
use crate::domain::category::standard;

fn shop() -> RawRegistration {
    RawRegistration {
        shop_name: "棉纺路老街坊胡辣汤".into(),
        uscc: "92410103MA45K6LX2B".into(),
        legal_representative: "张建民".into(),
        contact_name: "张丽".into(),
        phone: "13838112233".into(),
        shop_phone: "0371-67890123".into(),
        category: "breakfast".into(),
        address: "二七区棉纺东路28号".into(),
        street_id: Some(1),
        lat: "34.7452".into(),
        lng: "113.6101".into(),
        opening_hours: "05:30-13:00".into(),
        food_licence: "JY24101030012345".into(),
        prepackaged_only: false,
        health_certificates: "4".into(),
        pledge: true,
    }
}

fn failing_fields(raw: &RawRegistration) -> Vec<String> {
    raw.parse(&standard())
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect()
}

#[test]
fn a_complete_food_shop_registers_and_reads_back_as_typed() {
    let first17 = &shop().uscc[..17];
    let code = format!(
        "{first17}{}",
        crate::domain::licence::uscc_check_char(first17).unwrap()
    );
    let raw = RawRegistration {
        uscc: code,
        ..shop()
    };
    let parsed = raw.parse(&standard()).unwrap();
    assert_eq!(parsed.health_certificates, Some(4));
    assert_eq!(parsed.to_raw(), raw);
}

fn valid() -> RawRegistration {
    let first17 = &shop().uscc[..17];
    RawRegistration {
        uscc: format!(
            "{first17}{}",
            crate::domain::licence::uscc_check_char(first17).unwrap()
        ),
        ..shop()
    }
}

#[test]
fn a_mistyped_code_is_said_to_look_mistyped() {
    let mut raw = valid();
    raw.uscc.replace_range(5..6, "7");
    let errors = raw.parse(&standard()).unwrap_err();
    assert_eq!(errors[0].field, "uscc");
    assert!(errors[0].zh.contains("输错"), "{}", errors[0].zh);
}

#[test]
fn a_food_business_needs_a_licence_unless_it_sells_only_prepackaged_food() {
    let raw = RawRegistration {
        food_licence: "".into(),
        ..valid()
    };
    assert_eq!(failing_fields(&raw), ["food_licence"]);
    let prepackaged = RawRegistration {
        category: "convenience_store".into(),
        prepackaged_only: true,
        ..raw
    };
    assert!(
        prepackaged
            .parse(&standard())
            .unwrap()
            .food_licence
            .is_none()
    );
    let wrong_kind = RawRegistration {
        food_licence: "JY54101030012345".into(),
        ..valid()
    };
    assert_eq!(failing_fields(&wrong_kind), ["food_licence"]);
}

#[test]
fn a_business_that_sells_no_food_may_not_give_a_food_licence() {
    let raw = RawRegistration {
        category: "hairdresser".into(),
        ..valid()
    };
    assert_eq!(failing_fields(&raw), ["food_licence"]);
    let without = RawRegistration {
        food_licence: "".into(),
        health_certificates: "".into(),
        ..raw
    };
    let parsed = without.parse(&standard()).unwrap();
    assert_eq!(
        (parsed.food_licence, parsed.health_certificates),
        (None, None)
    );
}

#[test]
fn every_bad_field_is_named_at_once() {
    let raw = RawRegistration {
        shop_name: "店".into(),
        uscc: "12345".into(),
        phone: "0371-6888".into(),
        category: "casino".into(),
        street_id: None,
        lat: "north".into(),
        opening_hours: "早上".into(),
        pledge: false,
        ..valid()
    };
    assert_eq!(
        failing_fields(&raw),
        [
            "shop_name",
            "uscc",
            "phone",
            "category",
            "street_id",
            "location",
            "opening_hours",
            "food_licence",
            "pledge"
        ]
    );
}

#[test]
fn numbers_may_arrive_as_json_numbers_or_as_text() {
    let raw: RawRegistration =
        serde_json::from_str(r#"{"lat": 34.7452, "lng": "113.6101", "health_certificates": 3}"#)
            .unwrap();
    assert_eq!(
        (
            raw.lat.as_str(),
            raw.lng.as_str(),
            raw.health_certificates.as_str()
        ),
        ("34.7452", "113.6101", "3")
    );
}
