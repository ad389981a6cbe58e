//! Changes to staff accounts, each written to the audit log in the same transaction.

use super::{audit, auth, db};
use crate::{
    domain::staff::{NewStaff, Role, StaffUser},
    error::AppError,
    storage::{Db, StorageError},
};
use serde_json::json;

/// Creates an account; `Ok(None)` when the username is taken.
pub async fn create(
    db: &Db,
    by: Option<&StaffUser>,
    account: NewStaff,
) -> Result<Option<i64>, StorageError> {
    let hash = auth::hash_password(account.password).await?;
    let now = auth::now();
    let mut tx = db.begin_write().await?;
    let Some(id) = db::insert_account(&mut tx, &account.username, account.role, &hash, now).await?
    else {
        return Ok(None);
    };
    audit::record(
        &mut tx,
        audit::Record {
            by,
            action: "staff.create",
            target: &format!("staff:{}", account.username),
            before: None,
            after: Some(json!({ "username": account.username, "role": account.role.code() })),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// On first start with no staff at all: an admin with a random password, returned once so
/// that it can be printed once. `None` when staff exist already (or another instance just
/// made the first admin).
pub async fn bootstrap_admin(db: &Db) -> Result<Option<String>, StorageError> {
    if db::count_staff(db).await? > 0 {
        return Ok(None);
    }
    let password = random_password();
    let account = NewStaff {
        username: "admin".into(),
        role: Role::Admin,
        password: password.clone(),
    };
    Ok(create(db, None, account).await?.map(|_| password))
}

/// 16 characters of an unambiguous alphabet: about 80 bits.
pub fn random_password() -> String {
    let alphabet = crate::submissions::REFERENCE_ALPHABET;
    (0..16)
        .map(|_| alphabet[rand::random_range(0..alphabet.len())] as char)
        .collect()
}

/// Disables or re-enables an account; disabling ends its sessions. Admins cannot disable
/// themselves, so that there is always someone left to undo a mistake.
pub async fn set_disabled(
    db: &Db,
    by: &StaffUser,
    id: i64,
    disabled: bool,
) -> Result<(), AppError> {
    if by.id == id && disabled {
        return Err(AppError::Conflict);
    }
    let account = db::account(db, id).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    db::set_disabled(&mut tx, id, disabled).await?;
    audit::record(
        &mut tx,
        audit::Record {
            by: Some(by),
            action: if disabled {
                "staff.disable"
            } else {
                "staff.enable"
            },
            target: &format!("staff:{}", account.username),
            before: Some(json!({ "disabled": account.disabled })),
            after: Some(json!({ "disabled": disabled })),
        },
        auth::now(),
    )
    .await?;
    tx.commit().await.map_err(StorageError::from)?;
    Ok(())
}

/// Sets a new password. For an admin's reset every session of the account ends; for one's own
/// change every other session does (the one in use stays).
pub async fn set_password(
    db: &Db,
    by: &StaffUser,
    id: i64,
    password: String,
    keep_session: Option<&str>,
) -> Result<(), AppError> {
    let account = db::account(db, id).await?.ok_or(AppError::NotFound)?;
    let hash = auth::hash_password(password).await?;
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    db::set_password_hash(&mut tx, id, &hash).await?;
    db::end_sessions_of(&mut tx, id, keep_session).await?;
    audit::record(
        &mut tx,
        audit::Record {
            by: Some(by),
            action: if by.id == id {
                "staff.change_password"
            } else {
                "staff.reset_password"
            },
            target: &format!("staff:{}", account.username),
            before: None,
            after: None,
        },
        auth::now(),
    )
    .await?;
    tx.commit().await.map_err(StorageError::from)?;
    Ok(())
}
