use super::*;

fn team() -> RawTeam {
    RawTeam {
        name_zh: "经八路社区助老服务队".into(),
        name_en: String::new(),
        community_id: Some(3),
        grid_id: None,
        speciality: "elderly_help".into(),
        description: "每周为独居老人上门探访。".into(),
        leader: "王书记".into(),
        meeting_place: "经八路社区党群服务中心".into(),
        lat: Coordinate::Number(34.7712),
        lng: Coordinate::Text("113.6601".into()),
        contact: "0371-65990123".into(),
    }
}

#[test]
fn a_team_reads_with_its_english_name_from_the_chinese_one() {
    let input = team().parse().unwrap();
    assert_eq!(input.name_en, "经八路社区助老服务队");
    assert_eq!(input.speciality, Speciality::ElderlyHelp);
    assert_eq!(input.contact, "0371-65990123");
}

#[test]
fn every_wrong_field_is_named() {
    let raw = RawTeam {
        name_zh: "队".into(),
        community_id: None,
        speciality: "cooking".into(),
        leader: "王 13803711234".into(),
        meeting_place: String::new(),
        lat: Coordinate::Text("north".into()),
        contact: "call us".into(),
        ..team()
    };
    let fields: Vec<String> = raw
        .parse()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        [
            "name_zh",
            "community_id",
            "speciality",
            "leader",
            "meeting_place",
            "lat",
            "contact"
        ]
    );
}
