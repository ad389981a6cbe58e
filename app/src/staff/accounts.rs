//! Changes to staff accounts, each written to the audit log in the same transaction.

use super::PasswordChange;
use super::{audit, auth, db};
use crate::{
    domain::{
        form::FieldError,
        staff::{NewStaff, Role, Scope, StaffUser, check_new_password, check_scope},
    },
    error::AppError,
    storage::{Db, StorageError},
};
use serde_json::json;

/// Creates an account: 422 naming the field when the username is taken or the area does not
/// exist. Below an admin, `by` makes only team leaders, for teams in their own area (another
/// team reads as none at all), and 403 for anything else.
pub async fn create(db: &Db, by: Option<&StaffUser>, account: NewStaff) -> Result<i64, AppError> {
    if let Some(by) = by.filter(|by| !by.role.allows(Role::Admin)) {
        let Scope::Team(team) = account.scope else {
            return Err(AppError::Forbidden);
        };
        if account.role != Role::TeamLeader {
            return Err(AppError::Forbidden);
        }
        let place = super::scope::Place::Team(team);
        if !super::scope::holds(db, by.scope, place).await? {
            return Err(AppError::Invalid(vec![unknown_area()]));
        }
    }
    if !super::scope::exists(db, account.scope).await? {
        return Err(AppError::Invalid(vec![unknown_area()]));
    }
    insert(db, by, account, false).await?.ok_or_else(|| {
        AppError::Invalid(vec![FieldError::new(
            "username",
            "这个用户名已被使用",
            "This username is taken",
        )])
    })
}

fn unknown_area() -> FieldError {
    FieldError::new("scope", "没有这个地区", "There is no such area")
}

/// Moves an account to another area. Its sessions stay: every request reads the area afresh.
pub async fn set_scope(db: &Db, by: &StaffUser, id: i64, scope: Scope) -> Result<(), AppError> {
    let account = db::account(db, id).await?.ok_or(AppError::NotFound)?;
    let scope = check_scope(account.role, scope).map_err(|e| AppError::Invalid(vec![e]))?;
    if !super::scope::exists(db, scope).await? {
        return Err(AppError::Invalid(vec![unknown_area()]));
    }
    let mut tx = db.begin_write().await.map_err(StorageError::from)?;
    db::set_scope(&mut tx, id, scope).await?;
    audit::record(
        &mut tx,
        audit::Record {
            by: Some(by),
            action: "staff.scope",
            target: &format!("staff:{}", account.username),
            before: Some(json!({ "scope": account.scope.code() })),
            after: Some(json!({ "scope": scope.code() })),
        },
        db.clock().now(),
    )
    .await?;
    tx.commit().await.map_err(StorageError::from)?;
    Ok(())
}

async fn insert(
    db: &Db,
    by: Option<&StaffUser>,
    account: NewStaff,
    must_change_password: bool,
) -> Result<Option<i64>, StorageError> {
    let hash = auth::hash_password(account.password).await?;
    let now = auth::now();
    let mut tx = db.begin_write().await?;
    let flags = (now, must_change_password);
    let kind = (account.role, account.scope);
    let Some(id) = db::insert_account(&mut tx, &account.username, kind, &hash, flags).await? else {
        return Ok(None);
    };
    audit::record(
        &mut tx,
        audit::Record {
            by,
            action: "staff.create",
            target: &format!("staff:{}", account.username),
            before: None,
            after: Some(json!({
                "username": account.username,
                "role": account.role.code(),
                "scope": account.scope.code(),
            })),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// On first start with no staff at all: an admin with a random password, returned once so
/// that it can be printed once, and to be changed at first sign-in. `None` when staff exist
/// already (or another instance just made the first admin).
pub async fn bootstrap_admin(db: &Db) -> Result<Option<String>, StorageError> {
    if db::count_staff(db).await? > 0 {
        return Ok(None);
    }
    let password = random_password();
    let account = NewStaff {
        username: "admin".into(),
        role: Role::Admin,
        password: password.clone(),
        scope: Scope::City,
    };
    Ok(insert(db, None, account, true).await?.map(|_| password))
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

/// Changes one's own password: the current one is asked again, so that a session left open on
/// a shared computer cannot lock its owner out. Every other session of the account ends.
pub async fn change_own(
    db: &Db,
    user: &StaffUser,
    change: PasswordChange,
    keep_session: Option<&str>,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if let Err(e) = check_new_password("new_password", &change.new_password, &user.username) {
        errors.push(e);
    } else if change.new_password != change.confirm {
        errors.push(FieldError::new(
            "confirm",
            "两次输入的新密码不一致",
            "The two new passwords differ",
        ));
    }
    let hash = db::password_hash(db, user.id).await?;
    if !auth::verify_password(change.current, hash).await? {
        errors.insert(
            0,
            FieldError::new(
                "current",
                "当前密码不正确",
                "The current password is not right",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    set_password(db, user, user.id, change.new_password, keep_session).await
}

/// An admin's reset of another account's password: every session of it ends.
pub async fn reset(db: &Db, by: &StaffUser, id: i64, password: String) -> Result<(), AppError> {
    let account = db::account(db, id).await?.ok_or(AppError::NotFound)?;
    check_new_password("password", &password, &account.username)
        .map_err(|e| AppError::Invalid(vec![e]))?;
    set_password(db, by, id, password, None).await
}

/// Sets a new password. For an admin's reset every session of the account ends; for one's own
/// change every other session does (the one in use stays).
async fn set_password(
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
