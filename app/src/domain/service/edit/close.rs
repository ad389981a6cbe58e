//! Why a service point leaves the directory, as staff give it.

use crate::domain::form::{FieldError, bounded_text};
use serde::{Deserialize, Serialize};

/// Why a service point leaves the directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    Moved,
    ShutDown,
    Duplicate,
    Other,
}

impl CloseReason {
    pub const ALL: [CloseReason; 4] = [
        CloseReason::Moved,
        CloseReason::ShutDown,
        CloseReason::Duplicate,
        CloseReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CloseReason::Moved => "moved",
            CloseReason::ShutDown => "shut_down",
            CloseReason::Duplicate => "duplicate",
            CloseReason::Other => "other",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            CloseReason::Moved => ("已搬迁", "Moved"),
            CloseReason::ShutDown => ("已停业", "Shut down"),
            CloseReason::Duplicate => ("重复条目", "Duplicate entry"),
            CloseReason::Other => ("其他原因", "Other reason"),
        }
    }
}

/// A closing as typed: a reason's code (moved, shut_down, duplicate, other) or the reason in
/// words, and a note (needed for "other").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawClose {
    #[serde(default)]
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 2, max_length = 200, required = true)
    )]
    pub reason: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub note: Option<String>,
    /// The reference of a resident's suggestion that the service closed, to adopt with it.
    #[serde(default)]
    pub suggestion: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub reason: CloseReason,
    pub note: Option<String>,
}

impl RawClose {
    pub fn parse(&self) -> Result<Closure, Vec<FieldError>> {
        let mut e = Vec::new();
        let note = bounded_text(
            &mut e,
            "note",
            ("说明", "note"),
            self.note.as_deref().unwrap_or_default(),
            (0, 200),
        )
        .filter(|n| !n.is_empty());
        let typed = self.reason.trim();
        let coded = CloseReason::ALL.into_iter().find(|r| r.code() == typed);
        let closure = match coded {
            Some(CloseReason::Other) if note.is_none() => {
                e.push(FieldError::new(
                    "note",
                    "选择“其他原因”时请写明原因",
                    "Please say what the other reason is",
                ));
                None
            }
            Some(reason) => Some(Closure { reason, note }),
            None if typed.is_empty() => {
                e.push(FieldError::new(
                    "reason",
                    "请选择关闭原因：已搬迁、已停业、重复条目或其他",
                    "Please give the reason: moved, shut down, duplicate or other",
                ));
                None
            }
            // A reason in words is the "other" reason, with those words as its note.
            None => bounded_text(&mut e, "reason", ("关闭原因", "reason"), typed, (2, 200)).map(
                |words| Closure {
                    reason: CloseReason::Other,
                    note: Some(words),
                },
            ),
        };
        match closure {
            Some(closure) if e.is_empty() => Ok(closure),
            _ => Err(e),
        }
    }
}
