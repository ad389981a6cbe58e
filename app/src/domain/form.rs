//! What is wrong with a submitted form, field by field, in both languages.

use super::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub zh: String,
    pub en: String,
}

impl FieldError {
    pub fn new(field: &str, zh: &str, en: &str) -> FieldError {
        FieldError {
            field: field.into(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The message for one field, if it has one.
pub fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}

/// Text of bounded length, trimmed: `None` with an error when it is too short or too long.
pub fn bounded_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: (&str, &str),
    value: &str,
    (min, max): (usize, usize),
) -> Option<String> {
    let value = value.trim();
    let count = value.chars().count();
    if count < min {
        let (zh, en) = if min <= 1 {
            (
                format!("请填写{}", label.0),
                format!("Please enter the {}", label.1),
            )
        } else {
            (
                format!("{}至少需要 {min} 个字", label.0),
                format!("The {} needs at least {min} characters", label.1),
            )
        };
        errors.push(FieldError::new(field, &zh, &en));
        None
    } else if count > max {
        errors.push(FieldError::new(
            field,
            &format!("{}最多 {max} 个字（现在 {count} 个）", label.0),
            &format!(
                "The {} can have at most {max} characters (now {count})",
                label.1
            ),
        ));
        None
    } else {
        Some(value.to_owned())
    }
}

/// A name everyone reads: a name or title, not a number to call at home.
pub fn public_name(e: &mut Vec<FieldError>, field: &str, name: &str) -> bool {
    let digits = name.chars().filter(char::is_ascii_digit).count();
    if digits >= 5 {
        e.push(FieldError::new(
            field,
            "这里只填写公开称呼（如“王书记”），不要填写电话号码",
            "Give a public name (such as “Secretary Wang”), not a phone number",
        ));
    }
    digits < 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_its_length_checked_in_characters_not_bytes() {
        let mut errors = Vec::new();
        assert_eq!(
            bounded_text(
                &mut errors,
                "details",
                ("说明", "details"),
                "  营业时间改了  ",
                (2, 6)
            ),
            Some("营业时间改了".into())
        );
        assert!(errors.is_empty());
        assert_eq!(
            bounded_text(
                &mut errors,
                "details",
                ("说明", "details"),
                "太长了太长了太长",
                (2, 6)
            ),
            None
        );
        assert_eq!(errors[0].field, "details");
        assert!(errors[0].zh.contains("最多 6 个字"));
        assert_eq!(
            bounded_text(&mut errors, "name", ("名称", "name"), " ", (1, 6)),
            None
        );
        assert_eq!(errors[1].en, "Please enter the name");
    }
}
