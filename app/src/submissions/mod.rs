//! Submissions from the public, of every kind, held for staff moderation. The staff queue
//! and decisions build on this table; here each kind files its submissions and gets a
//! reference number back.

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};

/// What a submitter is told on success.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub reference: String,
    pub status: String,
}

/// Characters for references: Crockford's base 32, no I, L, O or U, so a reference read out
/// over the phone is not misheard or mistyped.
pub const REFERENCE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A reference looks like QH-7K3M9P2X: eight random characters, 40 bits, not guessable.
pub fn format_reference(random: u64) -> String {
    let chars: String = (0..8)
        .map(|i| REFERENCE_ALPHABET[((random >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("QH-{chars}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_have_eight_unambiguous_characters() {
        let r = format_reference(0xDEAD_BEEF_CAFE);
        assert_eq!(r.len(), 11);
        assert!(r.starts_with("QH-"));
        assert!(
            r[3..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() && !"ILOU".contains(c))
        );
        assert_ne!(format_reference(1), format_reference(2));
    }
}
