use super::*;

fn street() -> RawStreet {
    RawStreet {
        scheme_zh: "沿街商户自愿加入，推选自治会，落实门前三包、错时经营、共同维护街面秩序。"
            .into(),
        scheme_en: String::new(),
        road_chief: "李路长".into(),
        council: vec![
            RawCouncilMember {
                name: "张会长".into(),
                role_zh: "自治会会长".into(),
                role_en: "Chair".into(),
            },
            RawCouncilMember::default(),
        ],
        pledge_zh: "门前市容整洁、门前绿化美化、门前秩序良好，不占道经营。".into(),
        pledge_en: String::new(),
    }
}

#[test]
fn empty_english_takes_the_chinese_and_blank_council_rows_drop() {
    let text = street().parse().unwrap();
    assert_eq!(text.scheme_en, text.scheme_zh);
    assert_eq!(text.pledge_en, text.pledge_zh);
    assert_eq!(text.council.len(), 1);
}

#[test]
fn phones_and_missing_roles_are_named_by_row() {
    let raw = RawStreet {
        road_chief: "李 13812345678".into(),
        council: vec![
            RawCouncilMember::default(),
            RawCouncilMember {
                name: "王".into(),
                role_zh: String::new(),
                role_en: String::new(),
            },
        ],
        pledge_zh: "短".into(),
        ..street()
    };
    let fields: Vec<String> = raw
        .parse()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["road_chief", "council-1-role_zh", "pledge_zh"]);
}
