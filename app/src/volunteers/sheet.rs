//! The shapes of the attendance sheet, shared by the staff pages and the records behind them.

use super::ActivitySummary;
use serde::{Deserialize, Serialize};

/// An activity in the staff list, with how far its records have got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StaffActivity {
    pub id: i64,
    pub title: String,
    pub team_zh: String,
    pub starts_at: i64,
    pub capacity: i64,
    pub approved: i64,
    pub recorded: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendanceSheet {
    pub activity: ActivitySummary,
    pub rows: Vec<AttendanceRow>,
}

/// One approved volunteer; the phone in full, for staff only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendanceRow {
    pub reference: String,
    pub name: String,
    pub phone: String,
    pub attended: Option<bool>,
    pub minutes: Option<i64>,
}

/// One row as staff filled it in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawAttendance {
    pub reference: String,
    pub attended: bool,
    pub hours: String,
}
