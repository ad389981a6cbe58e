use super::*;

#[test]
fn codes_read_back_as_the_same_scope() {
    for scope in [
        Scope::City,
        Scope::District(1),
        Scope::Street(12),
        Scope::Community(305),
    ] {
        assert_eq!(Scope::parse(&scope.code()), Ok(scope));
    }
    assert_eq!(Scope::parse(" community:7 "), Ok(Scope::Community(7)));
    assert_eq!(Scope::parse(""), Ok(Scope::City));
}

#[test]
fn a_code_without_a_positive_id_or_with_an_unknown_level_is_refused() {
    for typed in [
        "community",
        "community:",
        "community:0",
        "street:-3",
        "grid:4",
        "city:1",
        "district:x",
    ] {
        let error = Scope::parse(typed).unwrap_err();
        assert_eq!(error.field, "scope", "{typed}");
    }
}

fn city() -> Vec<DistrictOverview> {
    use crate::domain::{geo::LatLng, neighbourhood::*};
    let name = |zh: &str| Name {
        zh: zh.into(),
        en: zh.into(),
    };
    let community = |id, zh: &str| CommunityOverview {
        id,
        name: name(zh),
        location: LatLng::new(34.75, 113.66).unwrap(),
        grid_count: 2,
    };
    let street = |id, zh: &str, communities| StreetOverview {
        id,
        name: name(zh),
        communities,
    };
    vec![
        DistrictOverview {
            id: 1,
            name: name("金水区"),
            streets: vec![
                street(
                    10,
                    "丰产路街道",
                    vec![community(100, "黄河社区"), community(101, "省建社区")],
                ),
                street(11, "经八路街道", vec![community(110, "纬五路社区")]),
            ],
        },
        DistrictOverview {
            id: 2,
            name: name("二七区"),
            streets: vec![street(20, "大学路街道", vec![community(200, "康桥社区")])],
        },
    ]
}

#[test]
fn each_area_holds_its_own_communities_and_nothing_else() {
    let city = city();
    let holds = |scope: Scope, community| scope.holds(&city, community);
    assert!(holds(Scope::City, Some(200)) && holds(Scope::City, None));
    assert!(holds(Scope::District(1), Some(110)));
    assert!(!holds(Scope::District(1), Some(200)));
    assert!(holds(Scope::Street(10), Some(101)));
    assert!(!holds(Scope::Street(10), Some(110)));
    assert!(holds(Scope::Community(100), Some(100)));
    assert!(!holds(Scope::Community(100), Some(101)));
    // What has no community (a new place a resident suggests) is for the city's staff.
    assert!(!holds(Scope::District(1), None));
    // An id of another level is not taken for this one.
    assert!(!holds(Scope::Street(100), Some(100)));
}

#[test]
fn an_area_keeps_its_part_of_the_hierarchy_and_its_name() {
    let city = city();
    let street = Scope::Street(10).within(&city);
    assert_eq!(street.len(), 1);
    assert_eq!(street[0].streets.len(), 1);
    assert_eq!(street[0].streets[0].communities.len(), 2);
    assert_eq!(Scope::District(2).within(&city)[0].name.zh, "二七区");
    assert_eq!(Scope::City.within(&city), city);
    assert!(Scope::Community(999).within(&city).is_empty());
    assert_eq!(Scope::Community(110).name(&city).unwrap().zh, "纬五路社区");
    assert_eq!(Scope::Street(20).name(&city).unwrap().zh, "大学路街道");
    assert_eq!(Scope::City.name(&city).unwrap().zh, "全市");
    assert_eq!(Scope::District(9).name(&city), None);
}

#[test]
fn a_scope_travels_as_its_code() {
    let json = serde_json::to_string(&Scope::Street(4)).unwrap();
    assert_eq!(json, "\"street:4\"");
    assert_eq!(
        serde_json::from_str::<Scope>("\"city\"").unwrap(),
        Scope::City
    );
    assert!(serde_json::from_str::<Scope>("\"grid:1\"").is_err());
}
