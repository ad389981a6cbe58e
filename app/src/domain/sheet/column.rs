//! The columns of the services sheet: their headers in Chinese and English, and the form
//! field each one fills.

/// A column of the services sheet, in the template's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Id,
    Name,
    Category,
    Address,
    Lat,
    Lng,
    Phone,
    Hours,
    HoursNote,
    Description,
    Materials,
    Steps,
    TimeLimit,
    Fees,
    Notes,
    Proxy,
    /// Written by the export for people to read; an import passes over them.
    Community,
    Status,
    Verified,
}

impl Column {
    pub const ALL: [Column; 19] = [
        Column::Id,
        Column::Name,
        Column::Category,
        Column::Address,
        Column::Lat,
        Column::Lng,
        Column::Phone,
        Column::Hours,
        Column::HoursNote,
        Column::Description,
        Column::Materials,
        Column::Steps,
        Column::TimeLimit,
        Column::Fees,
        Column::Notes,
        Column::Proxy,
        Column::Community,
        Column::Status,
        Column::Verified,
    ];

    /// The header as written in the template and the export, and its English name.
    pub fn header(self) -> (&'static str, &'static str) {
        match self {
            Column::Id => ("编号", "id"),
            Column::Name => ("名称", "name"),
            Column::Category => ("类别", "category"),
            Column::Address => ("地址", "address"),
            Column::Lat => ("纬度", "lat"),
            Column::Lng => ("经度", "lng"),
            Column::Phone => ("电话", "phone"),
            Column::Hours => ("营业时间", "hours"),
            Column::HoursNote => ("节假日安排", "hours_note"),
            Column::Description => ("简介", "description"),
            Column::Materials => ("所需材料", "materials"),
            Column::Steps => ("办理步骤", "steps"),
            Column::TimeLimit => ("办理时限", "time_limit"),
            Column::Fees => ("收费标准", "fees"),
            Column::Notes => ("注意事项", "notes"),
            Column::Proxy => ("全程代办", "proxy"),
            Column::Community => ("所属社区", "community"),
            Column::Status => ("状态", "status"),
            Column::Verified => ("信息核实于", "verified_on"),
        }
    }

    /// The form field whose errors belong to this column.
    pub(super) fn field(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Category => "category",
            Column::Address => "address",
            Column::Lat => "lat",
            Column::Lng => "lng",
            Column::Phone => "phone",
            Column::Hours => "hours",
            Column::HoursNote => "hours_note",
            Column::Description => "description",
            Column::Materials => "guide_materials",
            Column::Steps => "guide_steps",
            Column::TimeLimit => "guide_time_limit",
            Column::Fees => "guide_fees",
            Column::Notes => "guide_notes",
            Column::Proxy => "guide_proxy",
            Column::Community => "community",
            Column::Status => "status",
            Column::Verified => "verified_on",
        }
    }

    /// Whether an import reads it: the export's extra columns are for people.
    pub(super) fn imported(self) -> bool {
        !matches!(self, Column::Community | Column::Status | Column::Verified)
    }

    /// The column a header names: Chinese or English, any case, a note in brackets allowed
    /// ("名称（必填）", "Name").
    pub fn of_header(text: &str) -> Option<Column> {
        let text = text.trim().trim_start_matches('\u{feff}');
        let bare = text
            .split(['（', '('])
            .next()
            .unwrap_or(text)
            .trim()
            .to_lowercase();
        Column::ALL.into_iter().find(|c| {
            let (zh, en) = c.header();
            bare == zh || bare == en
        })
    }

    /// Columns a sheet must have.
    pub(super) const REQUIRED: [Column; 6] = [
        Column::Name,
        Column::Category,
        Column::Address,
        Column::Lat,
        Column::Lng,
        Column::Hours,
    ];
}
