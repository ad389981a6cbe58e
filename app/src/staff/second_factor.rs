//! The second factor: TOTP (RFC 6238, SHA-1, six digits, 30 s, as every authenticator app
//! reads it) and ten one-time recovery codes. A code is accepted once: the step it belongs to
//! is recorded, and a code of that step or an earlier one is refused after.

use super::{audit, db};
use crate::{
    domain::staff::{
        Enrolment, RECOVERY_ALPHABET, RECOVERY_CODES, RECOVERY_LEN, SecondFactor, StaffUser,
        show_recovery,
    },
    error::AppError,
    storage::{Db, StorageError},
};
use serde_json::json;
use totp_rs::{Algorithm, Secret, TOTP};

const ISSUER: &str = "一刻钟 Quarter Hour";
const STEP_SECS: i64 = 30;

fn totp(secret_base32: &str, username: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_owned()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECS as u64,
        bytes,
        Some(ISSUER.into()),
        username.into(),
    )
    .ok()
}

/// A new secret of 160 random bits (RFC 4226's recommendation), as base32.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

/// The code of one 30-second step: what the app shows then.
pub fn code_at(secret_base32: &str, step: i64) -> Option<String> {
    totp(secret_base32, "-").map(|t| t.generate((step * STEP_SECS).max(0) as u64))
}

/// The step a Unix time falls in.
pub fn step_of(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECS)
}

/// The `otpauth://` address an authenticator app enrols from.
pub fn enrolment_uri(secret_base32: &str, username: &str) -> Option<String> {
    totp(secret_base32, username).map(|t| t.get_url())
}

/// The QR code of that address, as an SVG image.
pub fn qr_svg(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

/// The step a six-digit code belongs to, if it is one of this step, the one before or the one
/// after (a phone's clock may be half a minute off).
pub fn matching_step(secret_base32: &str, username: &str, code: &str, now: i64) -> Option<i64> {
    let totp = totp(secret_base32, username)?;
    let current = now.div_euclid(STEP_SECS);
    (current - 1..=current + 1).find(|step| {
        let expected = totp.generate((step * STEP_SECS).max(0) as u64);
        constant_time_eq(expected.as_bytes(), code.as_bytes())
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Ten fresh recovery codes, as typed (no dash).
fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            (0..RECOVERY_LEN)
                .map(|_| RECOVERY_ALPHABET[rand::random_range(0..RECOVERY_ALPHABET.len())] as char)
                .collect()
        })
        .collect()
}

/// Whether the code typed at sign-in is right for this account, using it up if so. An account
/// without a second factor needs none (and is sent to enrol, if its role needs one).
pub async fn accept(
    db: &Db,
    account: &db::SignInAccount,
    typed: Option<SecondFactor>,
    now: i64,
) -> Result<bool, StorageError> {
    let Some(secret) = account.totp_secret.as_deref() else {
        return Ok(true);
    };
    match typed {
        None => Ok(false),
        Some(SecondFactor::Totp(code)) => {
            match matching_step(secret, &account.user.username, &code, now) {
                Some(step) => db::use_totp_step(db, account.user.id, step).await,
                None => Ok(false),
            }
        }
        Some(SecondFactor::Recovery(code)) => {
            db::use_recovery_code(db, account.user.id, &super::auth::token_hash(&code), now).await
        }
    }
}

/// Starts enrolment: a new secret, kept aside until a code from it is typed. Refused (409)
/// for an account that has a second factor: an admin resets it first.
pub async fn start(db: &Db, user: &StaffUser) -> Result<Enrolment, AppError> {
    let secret = new_secret();
    let uri = enrolment_uri(&secret, &user.username).ok_or(AppError::Unavailable)?;
    let qr_svg = qr_svg(&uri).ok_or(AppError::Unavailable)?;
    if !db::set_pending_secret(db, user.id, &secret).await? {
        return Err(AppError::Conflict);
    }
    Ok(Enrolment {
        uri,
        qr_svg,
        secret,
    })
}

/// Confirms enrolment with a code from the new secret: the second factor is on, and the ten
/// recovery codes are returned, to be shown once.
pub async fn confirm(db: &Db, user: &StaffUser, code: &str) -> Result<Vec<String>, AppError> {
    let wrong = || {
        AppError::Invalid(vec![crate::domain::form::FieldError::new(
            "code",
            "验证码不正确：请输入验证器应用中这个账号当前显示的6位数字",
            "The code is not right: type the 6 digits the app shows for this account now",
        )])
    };
    let pending = db::pending_secret(db, user.id)
        .await?
        .ok_or(AppError::Conflict)?;
    let Ok(Some(SecondFactor::Totp(code))) = SecondFactor::parse("code", code) else {
        return Err(wrong());
    };
    let now = db.clock().now();
    let step = matching_step(&pending, &user.username, &code, now).ok_or_else(wrong)?;
    turn_on(db, Some(user), user, &pending, step).await
}

/// Turns the second factor on for an account from the command line, with a new secret: the
/// operator enrols the account's owner from the address it prints. Returns the address and
/// the recovery codes.
pub async fn enrol_new(db: &Db, user: &StaffUser) -> Result<(String, Vec<String>), AppError> {
    let secret = new_secret();
    let uri = enrolment_uri(&secret, &user.username).ok_or(AppError::Unavailable)?;
    let codes = turn_on(db, None, user, &secret, 0).await?;
    Ok((uri, codes))
}

/// Turns the second factor of `user` on with this secret (tests enrol with one they know),
/// `step` used; `by` is `None` for the command line.
pub async fn turn_on(
    db: &Db,
    by: Option<&StaffUser>,
    user: &StaffUser,
    secret: &str,
    step: i64,
) -> Result<Vec<String>, AppError> {
    let codes = new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| super::auth::token_hash(c)).collect();
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    db::enrol(&mut tx, user.id, secret, step, &hashes).await?;
    let entry = audit::Record {
        by,
        action: "staff.second_factor_enrol",
        target: &format!("staff:{}", user.username),
        before: None,
        after: Some(json!({ "recovery_codes": RECOVERY_CODES })),
    };
    audit::record(&mut tx, entry, db.clock().now()).await?;
    tx.commit().await.map_err(StorageError::from)?;
    Ok(codes.iter().map(|c| show_recovery(c)).collect())
}

/// An admin's reset of another account's second factor: it enrols again at its next sign-in,
/// and every session of it ends.
pub async fn reset(db: &Db, by: &StaffUser, id: i64) -> Result<(), AppError> {
    let account = db::account(db, id).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    db::clear_second_factor(&mut tx, id).await?;
    db::end_sessions_of(&mut tx, id, None).await?;
    let entry = audit::Record {
        by: Some(by),
        action: "staff.second_factor_reset",
        target: &format!("staff:{}", account.username),
        before: Some(json!({ "second_factor": account.second_factor })),
        after: Some(json!({ "second_factor": false })),
    };
    audit::record(&mut tx, entry, db.clock().now()).await?;
    tx.commit().await.map_err(StorageError::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_step_and_the_ones_beside_it_only() {
        let secret = new_secret();
        let totp = totp(&secret, "wang.li").unwrap();
        let now = 1_765_000_000;
        let code = totp.generate(now as u64);
        let step = now / STEP_SECS;
        assert_eq!(matching_step(&secret, "wang.li", &code, now), Some(step));
        assert_eq!(
            matching_step(&secret, "wang.li", &code, now + 30),
            Some(step)
        );
        assert_eq!(
            matching_step(&secret, "wang.li", &code, now - 30),
            Some(step)
        );
        assert_eq!(matching_step(&secret, "wang.li", &code, now + 90), None);
        assert_eq!(
            matching_step(&secret, "wang.li", "000000", now).filter(|_| code != "000000"),
            None
        );
    }

    #[test]
    fn the_enrolment_address_names_the_portal_and_the_account() {
        let secret = new_secret();
        let uri = enrolment_uri(&secret, "wang.li").unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(
            uri.contains("wang.li") && uri.contains(&format!("secret={secret}")),
            "{uri}"
        );
        assert!(qr_svg(&uri).unwrap().starts_with("<?xml"));
    }

    #[test]
    fn recovery_codes_are_ten_distinct_codes_of_the_alphabet() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        assert!(codes.iter().all(|c| c.len() == 10));
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), 10);
    }
}
