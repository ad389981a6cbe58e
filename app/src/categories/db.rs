//! The categories table: read whole and kept beside the pool, seeded with the standard list
//! on a new database, and changed by admins, each change in the audit log.

use super::{CategoryId, StaffCategory};
use crate::{
    domain::{
        category::{Categories, Category, edit::RawCategory, standard},
        circle::Circle,
        staff::StaffUser,
    },
    error::AppError,
    staff::audit,
    storage::{Db, StorageError, unix_now},
};
use serde_json::json;
use sqlx::AnyConnection;
use std::{collections::HashMap, sync::Arc};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name_zh: String,
    name_en: String,
    icon: String,
    circle_minutes: i64,
    sells_food: i64,
    shop: i64,
    words: String,
    retired_at: Option<i64>,
}

impl Row {
    fn category(self) -> Category {
        Category {
            // The table's CHECK holds it to 5, 10 or 15.
            circle: u32::try_from(self.circle_minutes)
                .ok()
                .and_then(|m| Circle::try_from(m).ok())
                .unwrap_or(Circle::Fifteen),
            id: self.id,
            name_zh: self.name_zh,
            name_en: self.name_en,
            icon: self.icon,
            sells_food: self.sells_food != 0,
            shop: self.shop != 0,
            retired: self.retired_at.is_some(),
            words: self.words.lines().map(str::to_owned).collect(),
        }
    }
}

async fn read(conn: &mut AnyConnection) -> Result<Categories, StorageError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name_zh, name_en, icon, circle_minutes, sells_food, shop, words, retired_at
         FROM categories ORDER BY position, id",
    )
    .fetch_all(conn)
    .await?;
    Ok(Categories::new(
        rows.into_iter().map(Row::category).collect(),
    ))
}

/// Every category, kept until a change.
pub async fn all(db: &Db) -> Result<Arc<Categories>, StorageError> {
    db.categories(async {
        let mut conn = db.pool().acquire().await?;
        read(&mut conn).await
    })
    .await
}

/// Seeds the standard list into a database that has no categories yet: every database needs
/// them before a service can be added, demo data or not. Two instances starting together on
/// one PostgreSQL may both find it empty; the second's rows are then left out, not an error.
pub async fn seed_if_empty(db: &Db) -> Result<(), StorageError> {
    let mut tx = db.begin_write().await?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories")
        .fetch_one(&mut *tx)
        .await?;
    if count > 0 {
        return Ok(());
    }
    seed(&mut tx).await?;
    db.commit(tx).await?;
    Ok(())
}

async fn seed(conn: &mut AnyConnection) -> Result<(), StorageError> {
    for category in standard().all() {
        insert(&mut *conn, category, " ON CONFLICT DO NOTHING").await?;
    }
    Ok(())
}

/// Adds a category after the others; `tail` is a fixed clause for the statement's end.
async fn insert(
    conn: &mut AnyConnection,
    c: &Category,
    tail: &'static str,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO categories (id, name_zh, name_en, icon, circle_minutes, sells_food, shop,
                                 words, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM categories)){tail}"
    );
    sqlx::query(&sql)
        .bind(&c.id)
        .bind(&c.name_zh)
        .bind(&c.name_en)
        .bind(&c.icon)
        .bind(i64::from(c.circle.minutes()))
        .bind(i64::from(c.sells_food))
        .bind(i64::from(c.shop))
        .bind(c.words.join("\n"))
        .execute(conn)
        .await?;
    Ok(())
}

/// How many listed services are of each category.
async fn listed(conn: &mut AnyConnection) -> Result<HashMap<String, u32>, StorageError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT category, COUNT(*) FROM services WHERE listed = 1 GROUP BY category",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

fn staff_view(category: &Category, listed: &HashMap<String, u32>) -> StaffCategory {
    StaffCategory {
        category: RawCategory::of(category),
        retired: category.retired,
        listed: listed.get(&category.id).copied().unwrap_or(0),
    }
}

pub async fn staff_list(db: &Db) -> Result<Vec<StaffCategory>, StorageError> {
    let mut conn = db.pool().acquire().await?;
    let (list, listed) = (read(&mut conn).await?, listed(&mut conn).await?);
    Ok(list.all().iter().map(|c| staff_view(c, &listed)).collect())
}

pub async fn staff_one(db: &Db, id: &str) -> Result<Option<StaffCategory>, StorageError> {
    Ok(staff_list(db)
        .await?
        .into_iter()
        .find(|c| c.category.id == id))
}

fn described(c: &Category) -> serde_json::Value {
    json!({
        "name_zh": c.name_zh, "name_en": c.name_en, "icon": c.icon,
        "circle_minutes": c.circle.minutes(), "sells_food": c.sells_food, "shop": c.shop,
        "words": c.words, "retired": c.retired,
    })
}

async fn log(
    conn: &mut AnyConnection,
    by: &StaffUser,
    action: &str,
    id: &str,
    before: Option<&Category>,
    after: &Category,
) -> Result<(), StorageError> {
    let entry = audit::Record {
        by: Some(by),
        action,
        target: &format!("category:{id}"),
        before: before.map(described),
        after: Some(described(after)),
    };
    audit::record(conn, entry, unix_now()).await
}

pub async fn create(db: &Db, by: &StaffUser, raw: &RawCategory) -> Result<CategoryId, AppError> {
    let mut tx = db.begin_write().await?;
    let category = raw
        .parse(&read(&mut tx).await?, None)
        .map_err(AppError::Invalid)?;
    insert(&mut tx, &category, "").await?;
    log(
        &mut tx,
        by,
        "category.create",
        &category.id,
        None,
        &category,
    )
    .await?;
    db.commit(tx).await?;
    Ok(CategoryId { id: category.id })
}

pub async fn update(
    db: &Db,
    by: &StaffUser,
    id: &str,
    raw: &RawCategory,
) -> Result<CategoryId, AppError> {
    let mut tx = db.begin_write().await?;
    let list = read(&mut tx).await?;
    let before = list.find(id).ok_or(AppError::NotFound)?;
    let after = Category {
        retired: before.retired,
        ..raw.parse(&list, Some(id)).map_err(AppError::Invalid)?
    };
    sqlx::query(
        "UPDATE categories SET name_zh = $1, name_en = $2, icon = $3, circle_minutes = $4,
                sells_food = $5, shop = $6, words = $7
         WHERE id = $8",
    )
    .bind(&after.name_zh)
    .bind(&after.name_en)
    .bind(&after.icon)
    .bind(i64::from(after.circle.minutes()))
    .bind(i64::from(after.sells_food))
    .bind(i64::from(after.shop))
    .bind(after.words.join("\n"))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    log(&mut tx, by, "category.edit", id, Some(before), &after).await?;
    db.commit(tx).await?;
    Ok(CategoryId { id: id.to_owned() })
}

/// Retires a category, refused while a listed service is of it; or restores one.
pub async fn set_retired(
    db: &Db,
    by: &StaffUser,
    id: &str,
    retired: bool,
) -> Result<CategoryId, AppError> {
    let mut tx = db.begin_write().await?;
    let list = read(&mut tx).await?;
    let before = list.find(id).ok_or(AppError::NotFound)?;
    if before.retired == retired {
        // Already so: nothing to change or record.
        return Ok(CategoryId { id: id.to_owned() });
    }
    if retired && let Some(&count) = listed(&mut tx).await?.get(id) {
        return Err(AppError::InUse(count));
    }
    sqlx::query("UPDATE categories SET retired_at = $1 WHERE id = $2")
        .bind(retired.then(unix_now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let after = Category {
        retired,
        ..before.clone()
    };
    let action = if retired {
        "category.retire"
    } else {
        "category.restore"
    };
    log(&mut tx, by, action, id, Some(before), &after).await?;
    db.commit(tx).await?;
    Ok(CategoryId { id: id.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_second_instance_seeding_at_the_same_time_adds_nothing_and_fails_nothing() {
        let (db, dir) = crate::storage::scratch_sqlite("seed").await;
        db.migrate().await.unwrap();
        seed_if_empty(&db).await.unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        // As if it had found the table empty just before the first instance's rows went in.
        seed(&mut conn).await.unwrap();
        let list = read(&mut conn).await.unwrap();
        assert_eq!(list.all().len(), standard().all().len());
        assert_eq!(
            list.find("photo_print").unwrap().words,
            standard().find("photo_print").unwrap().words
        );
        drop(conn);
        db.close().await;
        std::fs::remove_dir_all(dir).unwrap();
    }
}
