//! Mainland mobile numbers: 11 digits, 1 then 3–9 (1[3-9]xxxxxxxxx).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Mobile(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MobileError {
    #[error("a mobile number has 11 digits")]
    Length,
    #[error("a mobile number starts with 13 to 19")]
    Prefix,
}

impl Mobile {
    /// Accepts what people type: spaces, dashes and a +86 / 86 prefix are dropped first.
    pub fn parse(text: &str) -> Result<Mobile, MobileError> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
            .collect();
        let digits = digits
            .strip_prefix("+86")
            .or_else(|| digits.strip_prefix("0086"))
            .or_else(|| digits.strip_prefix("86").filter(|rest| rest.len() == 11))
            .unwrap_or(&digits);
        if digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MobileError::Length);
        }
        let bytes = digits.as_bytes();
        if bytes[0] != b'1' || !(b'3'..=b'9').contains(&bytes[1]) {
            return Err(MobileError::Prefix);
        }
        Ok(Mobile(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For every public place: 138****5678.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

/// A form's mobile-number field: the number, or `None` with a message saying how to fix it.
pub fn field(errors: &mut Vec<super::form::FieldError>, field: &str, text: &str) -> Option<Mobile> {
    use super::form::FieldError;
    match Mobile::parse(text) {
        Ok(mobile) => Some(mobile),
        Err(MobileError::Length) => {
            errors.push(FieldError::new(
                field,
                "手机号应为11位数字，例如 13812345678",
                "A mobile number has 11 digits, e.g. 13812345678",
            ));
            None
        }
        Err(MobileError::Prefix) => {
            errors.push(FieldError::new(
                field,
                "手机号应以13至19开头，请检查是否输错",
                "A mobile number starts with 13 to 19; please check it",
            ));
            None
        }
    }
}

impl TryFrom<String> for Mobile {
    type Error = MobileError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Mobile::parse(&value)
    }
}

impl From<Mobile> for String {
    fn from(mobile: Mobile) -> String {
        mobile.0
    }
}

impl fmt::Display for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_normalised() {
        assert_eq!(
            Mobile::parse("138 0013 8000").unwrap().as_str(),
            "13800138000"
        );
        assert_eq!(
            Mobile::parse("+86 139-0371-1234").unwrap().as_str(),
            "13903711234"
        );
        assert_eq!(
            Mobile::parse("8613903711234").unwrap().as_str(),
            "13903711234"
        );
    }

    #[test]
    fn landlines_and_short_numbers_are_refused_with_the_reason() {
        assert_eq!(Mobile::parse("0371-65996275"), Err(MobileError::Length));
        assert_eq!(Mobile::parse("1380013800"), Err(MobileError::Length));
        assert_eq!(Mobile::parse("12800138000"), Err(MobileError::Prefix));
        assert_eq!(Mobile::parse("1380013800x"), Err(MobileError::Length));
    }

    #[test]
    fn the_public_only_sees_a_masked_number() {
        let m = Mobile::parse("13812345678").unwrap();
        assert_eq!(m.masked(), "138****5678");
        assert_eq!(
            m.to_string(),
            "138****5678",
            "Display never leaks the full number"
        );
    }
}
