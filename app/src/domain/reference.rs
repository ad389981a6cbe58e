//! Reference numbers (受理编号) like QH-7K3M9P2X, and reading them back as people type them.

/// Characters for references: Crockford's base 32, no I, L, O or U, so a reference read out
/// over the phone is not misheard or mistyped.
pub const REFERENCE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A reference looks like QH-7K3M9P2X: eight random characters, 40 bits, not guessable.
pub fn format_reference(random: u64) -> String {
    format!("QH-{}", code(random, 8))
}

/// `len` characters (at most 12, 60 bits) of the alphabet, five bits each from `random`.
pub fn code(random: u64, len: u32) -> String {
    (0..len.min(12))
        .map(|i| REFERENCE_ALPHABET[((random >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// The reference as it was issued, from what a person typed or pasted: any case, spaces,
/// full-width characters from a Chinese keyboard, a missing hyphen or `QH-`, and O for 0, I or
/// L for 1 (letters the alphabet leaves out). Text that cannot be a reference is returned
/// trimmed and upper-cased, and matches nothing.
pub fn normalize_reference(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | '—'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let code = match plain.len() {
        10 if plain.starts_with("QH") => &plain[2..],
        8 => plain.as_str(),
        _ => return text.trim().to_ascii_uppercase(),
    };
    let code: Option<String> = code
        .chars()
        .map(|c| match c {
            'O' => Some('0'),
            'I' | 'L' => Some('1'),
            c if c.is_ascii() && REFERENCE_ALPHABET.contains(&(c as u8)) => Some(c),
            _ => None,
        })
        .collect();
    match code {
        Some(code) => format!("QH-{code}"),
        None => text.trim().to_ascii_uppercase(),
    }
}

/// A full-width form (Ｑ, ７, －) as its ASCII character; anything else as it is.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
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

    #[test]
    fn a_reference_is_read_back_however_it_was_typed() {
        for typed in [
            "QH-7K3M9P20",
            "qh-7k3m9p20",
            " QH 7K3M 9P20 ",
            "QH7K3M9P20",
            "7K3M9P20",
            "7k3m-9p20",
            "QH-7K3M9P2O",
            "ＱＨ－７Ｋ３Ｍ９Ｐ２０",
        ] {
            assert_eq!(normalize_reference(typed), "QH-7K3M9P20", "{typed:?}");
        }
        assert_eq!(normalize_reference("qh-1ab2c3d4"), "QH-1AB2C3D4");
        assert_eq!(normalize_reference("QH-IAB2C3D4"), "QH-1AB2C3D4");
        assert_eq!(normalize_reference("QH-LAB2C3D4"), "QH-1AB2C3D4");
    }

    #[test]
    fn what_cannot_be_a_reference_stays_as_typed() {
        assert_eq!(normalize_reference(" qh-123 "), "QH-123");
        assert_eq!(
            normalize_reference("QH-7K3M9P2U"),
            "QH-7K3M9P2U",
            "U is never issued"
        );
        assert_eq!(normalize_reference("受理编号"), "受理编号");
    }
}
