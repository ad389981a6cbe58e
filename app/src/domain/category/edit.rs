//! A category as an admin writes it: the form's and the API's body as typed, and the checks
//! both run. Ids and Chinese names are unique across the whole list, retired ones included, so
//! a retired category is restored rather than made again under its old name.

use super::{Categories, Category};
use crate::domain::{
    circle::Circle,
    form::{FieldError, bounded_text},
};
use serde::{Deserialize, Serialize};

/// A category as admins write it, in the form and in `POST /api/v1/staff/categories`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawCategory {
    /// Lowercase letters, digits and `_`, starting with a letter (`photo_print`). Given when
    /// a category is added; it never changes after, so a change leaves it out.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(pattern = "^[a-z][a-z0-9_]{1,39}$"))]
    pub id: String,
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 2, max_length = 16, required = true)
    )]
    pub name_zh: String,
    /// The Chinese name when left empty.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 40))]
    pub name_en: String,
    /// One emoji or glyph, shown before the name in lists and on the map.
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 1, max_length = 8, required = true)
    )]
    pub icon: String,
    /// The walking circle, in minutes: 5, 10 or 15.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true, schema_with = crate::domain::circle::minutes_schema))]
    pub circle_minutes: u32,
    #[serde(default)]
    pub sells_food: bool,
    /// Whether a shop under the merchant scheme may register as this kind of business.
    #[serde(default)]
    pub shop: bool,
    /// Everyday words residents search with, separated by 、 or commas.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 400))]
    pub words: String,
}

const MAX_WORDS: usize = 20;

impl RawCategory {
    /// The form's fields for a category as it is.
    pub fn of(category: &Category) -> RawCategory {
        RawCategory {
            id: category.id.clone(),
            name_zh: category.name_zh.clone(),
            name_en: category.name_en.clone(),
            icon: category.icon.clone(),
            circle_minutes: category.circle.minutes(),
            sells_food: category.sells_food,
            shop: category.shop,
            words: category.words.join("、"),
        }
    }

    /// Checks every field against the list as it is and names each one that is wrong. `editing`
    /// is the id of the category being changed (its own id and name are no clash), or `None`
    /// for a new one, whose id is then checked too.
    pub fn parse(
        &self,
        list: &Categories,
        editing: Option<&str>,
    ) -> Result<Category, Vec<FieldError>> {
        let mut e = Vec::new();
        let id = match editing {
            Some(id) => Some(id.to_owned()),
            None => new_id(&mut e, list, self.id.trim()),
        };
        let name_zh = bounded_text(
            &mut e,
            "name_zh",
            ("中文名称", "Chinese name"),
            &self.name_zh,
            (2, 16),
        );
        if let Some(name) = &name_zh
            && let Some(other) = list
                .all()
                .iter()
                .find(|c| &c.name_zh == name && Some(c.id.as_str()) != editing)
        {
            let retired = if other.retired {
                "（已停用，可在列表中恢复）"
            } else {
                ""
            };
            e.push(FieldError::new(
                "name_zh",
                &format!("已有名为“{name}”的类别{retired}"),
                &format!("There is already a category named “{name}”"),
            ));
        }
        let name_en = bounded_text(
            &mut e,
            "name_en",
            ("英文名称", "English name"),
            &self.name_en,
            (0, 40),
        );
        let icon = bounded_text(&mut e, "icon", ("图标", "icon"), &self.icon, (1, 8));
        if icon
            .as_ref()
            .is_some_and(|i| i.chars().any(char::is_whitespace))
        {
            e.push(FieldError::new(
                "icon",
                "图标是一个符号，不能有空格",
                "The icon is one glyph, without spaces",
            ));
        }
        let circle = Circle::try_from(self.circle_minutes).ok();
        if circle.is_none() {
            e.push(FieldError::new(
                "circle_minutes",
                "请选择步行 5、10 或 15 分钟",
                "Choose a walk of 5, 10 or 15 minutes",
            ));
        }
        let words = words(&mut e, &self.words);
        let (Some(id), Some(name_zh), Some(name_en), Some(icon), Some(circle), Some(words)) =
            (id, name_zh, name_en, icon, circle, words)
        else {
            return Err(e);
        };
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Category {
            id,
            name_en: if name_en.is_empty() {
                name_zh.clone()
            } else {
                name_en
            },
            name_zh,
            icon,
            circle,
            sells_food: self.sells_food,
            shop: self.shop,
            retired: false,
            words,
        })
    }
}

fn new_id(e: &mut Vec<FieldError>, list: &Categories, id: &str) -> Option<String> {
    // `new` names the page that adds one (/staff/categories/new).
    let well_formed = id != "new"
        && (2..=40).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !well_formed {
        e.push(FieldError::new(
            "id",
            "编号用 2–40 个小写英文字母、数字或下划线，以字母开头（如 photo_print）",
            "Use 2–40 lowercase letters, digits or underscores, starting with a letter (photo_print)",
        ));
        return None;
    }
    if list.find(id).is_some() {
        e.push(FieldError::new(
            "id",
            &format!("编号 {id} 已被使用"),
            &format!("The id {id} is taken"),
        ));
        return None;
    }
    Some(id.to_owned())
}

/// Search words as typed: separated by 、，, ；; or new lines; each used once.
fn words(e: &mut Vec<FieldError>, text: &str) -> Option<Vec<String>> {
    let mut words: Vec<String> = Vec::new();
    for word in text
        .split(['、', '，', ',', '；', ';', '\n'])
        .map(str::trim)
    {
        if !word.is_empty() && !words.iter().any(|w| w == word) {
            words.push(word.to_owned());
        }
    }
    if let Some(long) = words.iter().find(|w| w.chars().count() > 20) {
        e.push(FieldError::new(
            "words",
            &format!("每个搜索用词最多 20 个字（“{long}”太长）"),
            &format!("Each search word can have at most 20 characters (“{long}” is longer)"),
        ));
        return None;
    }
    if words.len() > MAX_WORDS {
        e.push(FieldError::new(
            "words",
            &format!("搜索用词最多 {MAX_WORDS} 个（现在 {} 个）", words.len()),
            &format!("At most {MAX_WORDS} search words (now {})", words.len()),
        ));
        return None;
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::category::standard;

    fn raw() -> RawCategory {
        RawCategory {
            id: "key_cutting".into(),
            name_zh: "配钥匙".into(),
            name_en: String::new(),
            icon: "🔑".into(),
            circle_minutes: 10,
            sells_food: false,
            shop: true,
            words: "钥匙、开锁, 门禁卡\n钥匙".into(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_new_category_is_read_with_its_words_and_english_name_filled() {
        let made = raw().parse(&standard(), None).unwrap();
        assert_eq!(made.id, "key_cutting");
        assert_eq!(
            made.name_en, "配钥匙",
            "English takes the Chinese when left empty"
        );
        assert_eq!(made.circle, Circle::Ten);
        assert_eq!(made.words, ["钥匙", "开锁", "门禁卡"]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = RawCategory {
            id: "Key Cutting".into(),
            name_zh: "药".into(),
            icon: String::new(),
            circle_minutes: 20,
            words: "很长很长很长很长很长很长很长很长很长很长很长".into(),
            ..raw()
        };
        assert_eq!(
            fields(bad.parse(&standard(), None).unwrap_err()),
            ["id", "name_zh", "icon", "circle_minutes", "words"]
        );
    }

    #[test]
    fn ids_and_chinese_names_are_not_taken_twice_but_a_category_keeps_its_own() {
        let list = standard();
        let clash = RawCategory {
            id: "pharmacy".into(),
            name_zh: "药店".into(),
            ..raw()
        };
        let errors = clash.parse(&list, None).unwrap_err();
        assert_eq!(fields(errors.clone()), ["id", "name_zh"]);
        assert!(errors[1].zh.contains("已有名为“药店”的类别"));
        let renamed = RawCategory {
            name_zh: "药店".into(),
            name_en: "Chemist".into(),
            ..raw()
        };
        let kept = renamed.parse(&list, Some("pharmacy")).unwrap();
        assert_eq!(
            (kept.id.as_str(), kept.name_en.as_str()),
            ("pharmacy", "Chemist")
        );
        let taken = RawCategory {
            name_zh: "便利店".into(),
            ..raw()
        };
        assert_eq!(
            fields(taken.parse(&list, Some("pharmacy")).unwrap_err()),
            ["name_zh"]
        );
    }

    #[test]
    fn the_form_shows_a_category_as_it_is() {
        let list = standard();
        let pharmacy = list.find("pharmacy").unwrap();
        let raw = RawCategory::of(pharmacy);
        assert_eq!(raw.words, "买药、药房、大药房");
        assert_eq!(&raw.parse(&list, Some("pharmacy")).unwrap(), pharmacy);
    }
}
