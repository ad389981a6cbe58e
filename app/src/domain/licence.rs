//! The identifiers a shop displays (亮证经营): its unified social credit code and, for food
//! businesses, its food-business licence number.

use serde::{Deserialize, Serialize};

/// The characters of a unified social credit code, in value order (no I, O, S, V or Z).
const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Uscc(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    #[error("a unified social credit code has 18 characters")]
    Length,
    #[error("a unified social credit code uses digits and capital letters except I, O, S, V, Z")]
    Character,
    /// The check character does not match: most likely one character was mistyped.
    #[error("the check character does not match")]
    Check,
}

impl Uscc {
    /// Accepts what people type: spaces dropped, letters in either case.
    pub fn parse(text: &str) -> Result<Uscc, UsccError> {
        let code: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.chars().count() != 18 {
            return Err(UsccError::Length);
        }
        let values: Vec<u32> = code
            .chars()
            .map(|c| USCC_ALPHABET.find(c).map(|i| i as u32))
            .collect::<Option<_>>()
            .ok_or(UsccError::Character)?;
        if values[17] != check_value(&values[..17]) {
            return Err(UsccError::Check);
        }
        Ok(Uscc(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The check value of the first 17: 31 − (weighted sum mod 31), with 31 written as 0.
fn check_value(values: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

/// The check character for 17 leading characters, for making demo data.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let values: Vec<u32> = first17
        .chars()
        .map(|c| USCC_ALPHABET.find(c).map(|i| i as u32))
        .collect::<Option<_>>()?;
    (values.len() == 17).then(|| USCC_ALPHABET.as_bytes()[check_value(&values) as usize] as char)
}

impl TryFrom<String> for Uscc {
    type Error = UsccError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Uscc::parse(&value)
    }
}

impl From<Uscc> for String {
    fn from(code: Uscc) -> String {
        code.0
    }
}

/// 食品经营许可证 number: JY, then 1 (sales), 2 (catering) or 3 (canteen), then 13 digits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FoodLicence(String);

impl FoodLicence {
    pub fn parse(text: &str) -> Option<FoodLicence> {
        let code: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let digits = code.strip_prefix("JY")?;
        let ok = digits.len() == 14
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(digits.as_bytes()[0], b'1'..=b'3');
        ok.then_some(FoodLicence(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for FoodLicence {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        FoodLicence::parse(&value).ok_or("not a food-business licence number")
    }
}

impl From<FoodLicence> for String {
    fn from(licence: FoodLicence) -> String {
        licence.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes published on the national enterprise credit information system.
    const PUBLISHED: [&str; 6] = [
        "914403001922038216",
        "9144030071526726XG",
        "91330100799655058B",
        "91110000802100433B",
        "91110108551385082Q",
        "91440300708461136T",
    ];

    #[test]
    fn published_codes_pass_the_check() {
        for code in PUBLISHED {
            assert_eq!(Uscc::parse(code).map(|c| c.0), Ok(code.to_owned()));
        }
        assert!(Uscc::parse(" 9144030071526726xg ").is_ok(), "typed loosely");
    }

    #[test]
    fn every_single_character_mistype_is_caught() {
        let code = PUBLISHED[1];
        let mut tried = 0;
        for (i, original) in code.char_indices() {
            for other in USCC_ALPHABET.chars().filter(|c| *c != original) {
                let mut typed = code.to_owned();
                typed.replace_range(i..i + 1, &other.to_string());
                assert_eq!(Uscc::parse(&typed), Err(UsccError::Check), "{typed}");
                tried += 1;
            }
        }
        assert_eq!(tried, 18 * 30);
    }

    #[test]
    fn letters_may_stand_anywhere_but_not_the_ambiguous_ones() {
        let first17 = "91410102MA44ABCD1";
        let code = format!("{first17}{}", uscc_check_char(first17).unwrap());
        assert!(Uscc::parse(&code).is_ok(), "{code}");
        assert_eq!(Uscc::parse("9144030071526726OG"), Err(UsccError::Character));
        assert_eq!(Uscc::parse("91440300715267"), Err(UsccError::Length));
    }

    #[test]
    fn a_food_licence_is_jy_then_one_two_or_three_then_thirteen_digits() {
        assert!(FoodLicence::parse("JY24101030012345").is_some());
        assert!(FoodLicence::parse("jy1 4101 0300 12345").is_some());
        assert!(
            FoodLicence::parse("JY44101030012345").is_none(),
            "4 is no kind"
        );
        assert!(FoodLicence::parse("JY2410103001234").is_none(), "too short");
        assert!(FoodLicence::parse("SP24101030012345").is_none());
    }
}
