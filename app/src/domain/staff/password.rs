//! What a new password must be: long enough to resist guessing, short enough to hash quickly,
//! not the account's own name, and (on the server) not one of the most common passwords.

use crate::domain::form::FieldError;

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;

/// Checks a new password for the account `username`. The list of common passwords stays on
/// the server (it would add 80 kB to the browser's code): there, and only there, it is checked
/// too, and its error comes back as this field's.
pub fn check_new_password(field: &str, password: &str, username: &str) -> Result<(), FieldError> {
    let count = password.chars().count();
    let folded = password.trim().to_lowercase();
    let username = username.trim().to_lowercase();
    if count < PASSWORD_MIN {
        Err(FieldError::new(
            field,
            &format!("密码至少需要 {PASSWORD_MIN} 个字符（现在 {count} 个）"),
            &format!("A password needs at least {PASSWORD_MIN} characters (now {count})"),
        ))
    } else if count > PASSWORD_MAX {
        Err(FieldError::new(
            field,
            &format!("密码最多 {PASSWORD_MAX} 个字符"),
            &format!("A password can have at most {PASSWORD_MAX} characters"),
        ))
    } else if !username.is_empty() && folded.contains(&username) {
        Err(FieldError::new(
            field,
            "密码不能包含用户名",
            "A password cannot contain the username",
        ))
    } else if is_common(&folded) {
        Err(FieldError::new(
            field,
            "这个密码太常见，很容易被猜到：请换一个",
            "This password is too common and easy to guess: please choose another",
        ))
    } else {
        Ok(())
    }
}

/// Whether a lower-cased password is among the 10,000 most common (zxcvbn's list, MIT licence,
/// with common Chinese ones added). Only those of the minimum length or more are kept in
/// memory: a shorter one is refused for its length anyway.
#[cfg(any(feature = "ssr", test))]
fn is_common(folded: &str) -> bool {
    use std::{collections::HashSet, sync::LazyLock};
    static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        include_str!("common-passwords.txt")
            .lines()
            .filter(|line| line.chars().count() >= PASSWORD_MIN)
            .collect()
    });
    COMMON.contains(folded)
}

#[cfg(not(any(feature = "ssr", test)))]
fn is_common(_folded: &str) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_common_and_own_name_passwords_are_refused() {
        let refused = |p: &str| check_new_password("password", p, "wang.li").unwrap_err();
        assert!(refused("short").zh.contains("至少需要 10 个字符"));
        assert!(refused(&"长".repeat(129)).zh.contains("最多 128"));
        assert!(refused("1234567890").zh.contains("太常见"));
        assert!(refused("QWERTYUIOP").zh.contains("太常见"), "any case");
        assert!(refused("woaini1314").zh.contains("太常见"));
        assert!(refused("my-wang.li-2026").zh.contains("用户名"));
        assert!(check_new_password("password", "测试用的密码-2026", "wang.li").is_ok());
        assert!(check_new_password("password", "gentle-river-71", "wang.li").is_ok());
    }

    #[test]
    fn the_list_holds_ten_thousand_passwords_in_lower_case() {
        let list = include_str!("common-passwords.txt");
        assert!(list.lines().count() >= 10_000);
        assert!(list.lines().all(|p| p == p.to_lowercase() && !p.is_empty()));
    }
}
