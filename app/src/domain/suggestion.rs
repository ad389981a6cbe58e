//! A resident's suggestion about the directory: a correction to a service, or a new one.
//! It changes nothing public until staff approve it.

use super::{
    category::Categories,
    form::{FieldError, bounded_text},
    phone::Mobile,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    WrongHours,
    Closed,
    Moved,
    OtherCorrection,
    NewService,
}

impl SuggestionKind {
    pub const ALL: [SuggestionKind; 5] = [
        SuggestionKind::WrongHours,
        SuggestionKind::Closed,
        SuggestionKind::Moved,
        SuggestionKind::OtherCorrection,
        SuggestionKind::NewService,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SuggestionKind::WrongHours => "wrong_hours",
            SuggestionKind::Closed => "closed",
            SuggestionKind::Moved => "moved",
            SuggestionKind::OtherCorrection => "other_correction",
            SuggestionKind::NewService => "new_service",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            SuggestionKind::WrongHours => ("开放时间有误", "Wrong opening hours"),
            SuggestionKind::Closed => ("已经关闭", "Closed for good"),
            SuggestionKind::Moved => ("已经搬迁", "Has moved"),
            SuggestionKind::OtherCorrection => ("其他信息有误", "Something else is wrong"),
            SuggestionKind::NewService => ("推荐新的服务点", "Suggest a new service"),
        }
    }

    pub fn parse(code: &str) -> Option<SuggestionKind> {
        SuggestionKind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
    }
}

/// The form as typed: all text, so each field can be checked and named on its own.
// Fields the checks require are `required` in the API document, though a missing one reads as
// empty here: the check then names it in a 422.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = ServiceSuggestion))]
pub struct RawSuggestion {
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = SuggestionKind, inline, required = true))]
    pub kind: String,
    /// Required for corrections.
    #[serde(default)]
    pub service_id: Option<i64>,
    /// New services only.
    #[serde(default)]
    pub name: String,
    /// New services only: a category id.
    #[serde(default)]
    pub category: String,
    /// New services only.
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 5, max_length = 1000, required = true)
    )]
    pub details: String,
    /// Optional mainland mobile number, to follow the suggestion up with its reference.
    #[serde(default)]
    pub phone: String,
}

/// A valid suggestion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub service_id: Option<i64>,
    pub new_service: Option<NewService>,
    pub details: String,
    pub phone: Option<Mobile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewService {
    pub name: String,
    pub category: String,
    pub address: String,
}

impl Suggestion {
    /// The form as it would have been typed, to correct after staff return it.
    pub fn to_raw(&self) -> RawSuggestion {
        let new = self.new_service.clone();
        RawSuggestion {
            kind: self.kind.code().to_owned(),
            service_id: self.service_id,
            name: new.as_ref().map(|n| n.name.clone()).unwrap_or_default(),
            category: new.as_ref().map(|n| n.category.clone()).unwrap_or_default(),
            address: new.map(|n| n.address).unwrap_or_default(),
            details: self.details.clone(),
            phone: self
                .phone
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
        }
    }
}

impl RawSuggestion {
    /// Checks every field and names each one that is wrong, in both languages.
    pub fn parse(&self, categories: &Categories) -> Result<Suggestion, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = SuggestionKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "请选择要反映的问题",
                "Please choose what is wrong",
            ));
        }
        let new_service = if kind == Some(SuggestionKind::NewService) {
            let name = bounded_text(
                &mut errors,
                "name",
                ("服务点名称", "name of the place"),
                &self.name,
                (2, 60),
            );
            let category = categories
                .choose(self.category.trim())
                .map(|c| c.id.clone());
            if category.is_none() {
                errors.push(FieldError::new(
                    "category",
                    "请选择服务类别",
                    "Please choose a category",
                ));
            }
            let address = bounded_text(
                &mut errors,
                "address",
                ("地址", "address"),
                &self.address,
                (4, 100),
            );
            match (name, category, address) {
                (Some(name), Some(category), Some(address)) => Some(NewService {
                    name,
                    category,
                    address,
                }),
                _ => None,
            }
        } else {
            if kind.is_some() && self.service_id.is_none() {
                errors.push(FieldError::new(
                    "service_id",
                    "请从服务页面提出更正，以便我们知道是哪一处",
                    "Please suggest a correction from the service's page, so we know which one",
                ));
            }
            None
        };
        let details = bounded_text(
            &mut errors,
            "details",
            ("情况说明", "details"),
            &self.details,
            (5, 1000),
        );
        let phone = match self.phone.trim() {
            "" => None,
            typed => {
                let before = errors.len();
                let mobile = super::phone::field(&mut errors, "phone", typed);
                if let Some(error) = errors.get_mut(before) {
                    // Optional here: say so, so no one thinks a number is required.
                    error.zh.push_str("；也可以不填");
                    error.en.push_str("; or leave it empty");
                }
                mobile
            }
        };
        match (kind, details) {
            (Some(kind), Some(details)) if errors.is_empty() => Ok(Suggestion {
                kind,
                service_id: if kind == SuggestionKind::NewService {
                    None
                } else {
                    self.service_id
                },
                new_service,
                details,
                phone,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
