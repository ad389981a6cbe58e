use super::*;
use crate::domain::category::standard;

fn raw(pairs: &[(&str, &str)]) -> RawServiceQuery {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    };
    RawServiceQuery {
        lat: get("lat"),
        lng: get("lng"),
        minutes: get("minutes"),
        category: get("category"),
        q: get("q"),
        open_now: get("open_now"),
        limit: get("limit"),
        offset: get("offset"),
    }
}

#[test]
fn an_empty_search_lists_everything_a_page_at_a_time() {
    let q = raw(&[]).parse(&standard()).unwrap();
    assert_eq!(q.near, None);
    assert_eq!((q.limit, q.offset, q.open_now), (DEFAULT_LIMIT, 0, false));
}

#[test]
fn a_nearby_search_defaults_to_the_fifteen_minute_circle() {
    let q = raw(&[("lat", "34.75"), ("lng", "113.63")])
        .parse(&standard())
        .unwrap();
    assert_eq!(q.near.unwrap().1, Circle::Fifteen);
    let q = raw(&[("lat", "34.75"), ("lng", "113.63"), ("minutes", "5")])
        .parse(&standard())
        .unwrap();
    assert_eq!(q.near.unwrap().1, Circle::Five);
}

#[test]
fn every_bad_parameter_is_named() {
    let errors = raw(&[
        ("lat", "91"),
        ("lng", "abc"),
        ("minutes", "20"),
        ("limit", "101"),
        ("offset", "-1"),
        ("category", "casino"),
        ("open_now", "maybe"),
    ])
    .parse(&standard())
    .unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field()).collect();
    for field in [
        "lat", "lng", "minutes", "limit", "offset", "category", "open_now",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
}

#[test]
fn a_latitude_out_of_range_is_refused() {
    let errors = raw(&[("lat", "-90.5"), ("lng", "113")])
        .parse(&standard())
        .unwrap_err();
    assert_eq!(errors, vec![QueryError::Lat]);
}

#[test]
fn half_a_location_is_refused() {
    let errors = raw(&[("lat", "34.75")]).parse(&standard()).unwrap_err();
    assert_eq!(errors, vec![QueryError::Pair]);
}

#[test]
fn search_text_is_trimmed_and_bounded() {
    let long = "养".repeat(80);
    let q = raw(&[("q", "  养老 ")]).parse(&standard()).unwrap();
    assert_eq!(q.text.as_deref(), Some("养老"));
    let q = raw(&[("q", &long)]).parse(&standard()).unwrap();
    assert_eq!(q.text.unwrap().chars().count(), 50);
}

#[test]
fn messages_exist_in_both_languages() {
    for e in [QueryError::Lat, QueryError::Minutes, QueryError::Limit] {
        assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
    }
}
