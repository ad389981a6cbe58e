//! Display preferences (language, text size) kept in the visitor's own cookies for a year, so
//! the server renders the first byte right. Nothing personal goes in them.

/// The value of the cookie `name` in a `Cookie:` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The `Set-Cookie` value that remembers a preference for a year.
pub fn remember(name: &str, value: &str) -> String {
    format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preference_is_found_among_other_cookies() {
        assert_eq!(cookie_value("a=1; qh_large=1; b=2", "qh_large"), Some("1"));
        assert_eq!(cookie_value("qh_largest=1", "qh_large"), None);
    }

    #[test]
    fn a_preference_is_remembered_for_a_year_on_every_page() {
        assert_eq!(
            remember("qh_large", "1"),
            "qh_large=1; Path=/; Max-Age=31536000; SameSite=Lax"
        );
    }
}
