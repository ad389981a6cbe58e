//! A place's public phone, as residents dial it: a Zhengzhou landline (0371-6xxxxxxx, or the
//! 8 local digits), another city's with its area code, a mobile, or a 400 / 95xxx line.

use super::form::FieldError;

/// The number in the form it is shown in, or why it is not one.
pub fn parse(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}' | '(' | ')' | '（' | '）'))
        .collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits.len();
    match digits.as_bytes()[0] {
        // A landline with its area code: 010 and 02x have three digits, the rest four.
        b'0' if (n == 11 || n == 12) && digits.as_bytes()[1] != b'0' => {
            let code = if matches!(&digits[..2], "01" | "02") {
                3
            } else {
                4
            };
            let local = &digits[code..];
            (7..=8)
                .contains(&local.len())
                .then(|| format!("{}-{local}", &digits[..code]))
        }
        b'1' if n == 11 && (b'3'..=b'9').contains(&digits.as_bytes()[1]) => Some(digits.to_owned()),
        // Zhengzhou's own numbers without the area code.
        b'2'..=b'8' if n == 8 => Some(format!("0371-{digits}")),
        b'4' if n == 10 && digits.starts_with("400") => Some(format!(
            "{}-{}-{}",
            &digits[..3],
            &digits[3..6],
            &digits[6..]
        )),
        b'9' if (5..=8).contains(&n) && (digits.starts_with("95") || digits.starts_with("96")) => {
            Some(digits.to_owned())
        }
        _ => None,
    }
}

/// An optional phone field: empty is none; anything else must be a number residents can dial.
pub fn optional_field(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    let number = parse(text);
    if number.is_none() {
        errors.push(FieldError::new(
            field,
            "请填写能拨通的电话：座机如 0371-67890123，或11位手机号",
            "Please give a number that can be dialled: a landline such as 0371-67890123, or an 11-digit mobile",
        ));
    }
    number
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_write_them() {
        assert_eq!(parse("0371-67890123").as_deref(), Some("0371-67890123"));
        assert_eq!(parse("(0371) 6789 0123").as_deref(), Some("0371-67890123"));
        assert_eq!(parse("67890123").as_deref(), Some("0371-67890123"));
        assert_eq!(parse("010 12345678").as_deref(), Some("010-12345678"));
        assert_eq!(parse("138 1234 5678").as_deref(), Some("13812345678"));
        assert_eq!(parse("4001234567").as_deref(), Some("400-123-4567"));
        assert_eq!(parse("95599").as_deref(), Some("95599"));
        for bad in [
            "12345",
            "0371-123",
            "1281234567",
            "电话",
            "",
            "00371-67890123",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_empty_field_is_no_number_and_a_wrong_one_says_how() {
        let mut errors = Vec::new();
        assert_eq!(optional_field(&mut errors, "shop_phone", "  "), None);
        assert!(errors.is_empty());
        assert_eq!(optional_field(&mut errors, "shop_phone", "123"), None);
        assert_eq!(errors[0].field, "shop_phone");
    }
}
