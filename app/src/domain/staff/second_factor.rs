//! The second factor as a person types it: six digits from an authenticator app, or one of the
//! ten recovery codes given at enrolment. Spaces and dashes are forgiven, case too.

use crate::domain::form::FieldError;
use serde::{Deserialize, Serialize};

/// A recovery code's letters and digits: no 0/O, 1/I/L, so it can be copied by hand.
pub const RECOVERY_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in a recovery code (shown as two groups of five).
pub const RECOVERY_LEN: usize = 10;
/// Recovery codes given at enrolment; each works once.
pub const RECOVERY_CODES: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecondFactor {
    /// A time-based code: six digits.
    Totp(String),
    /// A recovery code, upper-cased without its dash.
    Recovery(String),
}

impl SecondFactor {
    /// `None` for nothing typed; an error for something that is neither kind of code.
    pub fn parse(field: &str, typed: &str) -> Result<Option<SecondFactor>, FieldError> {
        let compact: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            Ok(None)
        } else if compact.len() == 6 && compact.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Some(SecondFactor::Totp(compact)))
        } else if compact.len() == RECOVERY_LEN
            && compact.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))
        {
            Ok(Some(SecondFactor::Recovery(compact)))
        } else {
            Err(FieldError::new(
                field,
                "验证码是验证器应用显示的6位数字，或一个10位恢复码",
                "The code is the 6 digits the authenticator app shows, or a 10-character recovery code",
            ))
        }
    }
}

/// What the enrolment page shows once: the address, its QR code and the secret to type in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub uri: String,
    /// An SVG image, made on the server.
    pub qr_svg: String,
    pub secret: String,
}

/// Whether one's own account has a second factor, and how many recovery codes are left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorState {
    pub enrolled: bool,
    pub recovery_codes_left: u32,
}

/// A recovery code as shown: ABCDE-FGHJK.
pub fn show_recovery(code: &str) -> String {
    let (first, second) = code.split_at(code.len().min(RECOVERY_LEN / 2));
    format!("{first}-{second}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digits_and_recovery_codes_are_read_with_spaces_and_dashes_forgiven() {
        let parse = |t: &str| SecondFactor::parse("code", t);
        assert_eq!(
            parse(" 123 456 "),
            Ok(Some(SecondFactor::Totp("123456".into())))
        );
        assert_eq!(
            parse("abcde-fghjk"),
            Ok(Some(SecondFactor::Recovery("ABCDEFGHJK".into())))
        );
        assert_eq!(parse("  "), Ok(None));
        for wrong in ["12345", "1234567", "ABCDE-FGHJ0", "一二三四五六"] {
            assert!(parse(wrong).is_err(), "{wrong}");
        }
        assert_eq!(show_recovery("ABCDEFGHJK"), "ABCDE-FGHJK");
    }
}
