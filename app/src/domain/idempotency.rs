//! The key a form makes once per load and sends with its POST (the API's `Idempotency-Key`
//! header): a repeat carrying the same key gets the first receipt, and only such a repeat.

use super::form::FieldError;

/// Enough to hold a UUID or 32 hex characters; long keys are refused rather than stored.
const MAX_LEN: usize = 128;
/// Short keys could be guessed, and the key is what hands out a reference.
const MIN_LEN: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A key of 16 to 128 visible ASCII characters; an empty one is no key at all.
    pub fn parse(text: &str) -> Result<Option<IdempotencyKey>, FieldError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let visible = text.bytes().all(|b| b.is_ascii_graphic());
        if !visible || !(MIN_LEN..=MAX_LEN).contains(&text.len()) {
            return Err(FieldError::new(
                "idempotency_key",
                "请求的重复提交标识无效：请刷新页面后重新提交",
                "Idempotency-Key must be 16 to 128 visible ASCII characters",
            ));
        }
        Ok(Some(IdempotencyKey(text.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 32 lower-case hex characters from 16 random bytes, as a form makes its key.
    pub fn from_random(bytes: [u8; 16]) -> IdempotencyKey {
        IdempotencyKey(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_not_an_error_and_a_bad_key_is_named() {
        assert_eq!(IdempotencyKey::parse("  "), Ok(None));
        let uuid = "3f2b8c1e-9d4a-4e7b-8f00-1a2b3c4d5e6f";
        assert_eq!(IdempotencyKey::parse(uuid).unwrap().unwrap().as_str(), uuid);
        for bad in [
            "short",
            "has a space inside it!!",
            &"x".repeat(129),
            "钥匙钥匙钥匙钥匙钥匙钥匙",
        ] {
            let error = IdempotencyKey::parse(bad).unwrap_err();
            assert_eq!(error.field, "idempotency_key", "{bad}");
        }
    }

    #[test]
    fn a_random_key_is_long_enough_to_be_taken() {
        let key = IdempotencyKey::from_random([0xab; 16]);
        assert_eq!(key.as_str().len(), 32);
        assert_eq!(IdempotencyKey::parse(key.as_str()), Ok(Some(key)));
    }
}
