use super::*;

fn application() -> RawApplication {
    RawApplication {
        name: "王秀兰".into(),
        phone: "138 1234 5678".into(),
        activity_id: Some(3),
        skills: vec!["elderly_care".into()],
        skills_other: "会做饭，会做饭".into(),
        consent: true,
        ..Default::default()
    }
}

fn failing_fields(raw: &RawApplication) -> Vec<String> {
    raw.parse()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect()
}

#[test]
fn an_activity_application_needs_a_name_a_mobile_and_consent() {
    let a = application().parse().unwrap();
    assert_eq!(a.target, Target::Activity(3));
    assert_eq!(a.phone.as_str(), "13812345678");
    assert_eq!(a.skills, ["elderly_care", "会做饭"], "own words, once");
    assert_eq!(a.note, None);
}

#[test]
fn every_bad_field_is_named_at_once() {
    let raw = RawApplication {
        name: "王".into(),
        phone: "1381234567".into(),
        note: "很".repeat(301),
        consent: false,
        ..application()
    };
    assert_eq!(failing_fields(&raw), ["name", "phone", "note", "consent"]);
}

#[test]
fn joining_a_team_asks_when_one_can_serve() {
    let raw = RawApplication {
        team_id: Some(1),
        activity_id: None,
        ..application()
    };
    assert_eq!(failing_fields(&raw), ["availability"]);
    let raw = RawApplication {
        availability_other: "周二下午".into(),
        ..raw
    };
    assert_eq!(raw.parse().unwrap().availability, ["周二下午"]);
}

#[test]
fn an_application_is_for_a_team_or_an_activity() {
    let raw = RawApplication {
        activity_id: None,
        ..application()
    };
    assert_eq!(failing_fields(&raw), ["team_id"]);
}

#[test]
fn long_lists_and_long_items_are_refused() {
    let raw = RawApplication {
        skills_other: "很长".repeat(20),
        ..application()
    };
    assert_eq!(failing_fields(&raw), ["skills"]);
}

#[test]
fn stored_codes_read_as_words_and_own_words_as_themselves() {
    assert_eq!(
        choice_label(&SKILLS, "tutoring"),
        ("辅导功课", "Tutoring children")
    );
    assert_eq!(choice_label(&SKILLS, "会做饭"), ("会做饭", "会做饭"));
    assert_eq!(Speciality::parse("patrol"), Some(Speciality::Patrol));
}
