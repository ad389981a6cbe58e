//! Services as a street office keeps them in a spreadsheet: one row per service, columns named
//! in Chinese or English in any order. The same columns go out in an export and come back in
//! an import; each row is checked by the service form's own rules, and every problem is named
//! by its row and column.

use super::{
    category::Categories,
    form::FieldError,
    lang::Lang,
    service::{
        ErrandGuide,
        edit::{Coordinate, HoursInput, RawService, ServiceInput},
    },
};
use serde::{Deserialize, Serialize};

mod column;
pub use column::Column;

/// One service read from a row: its id when it updates one, and the fields as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetRow {
    /// The row's number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub id: Option<i64>,
    pub service: ServiceInput,
}

/// What is wrong in one cell (or, with no row, with the sheet itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RowError {
    /// The spreadsheet's row number (the header is 1); 0 for the file as a whole.
    pub row: usize,
    /// The column's header as the template writes it.
    pub column: String,
    pub message: String,
    /// The same in Chinese, for the staff page.
    pub message_zh: String,
}

impl RowError {
    pub fn new(row: usize, column: &str, zh: &str, en: &str) -> RowError {
        RowError {
            row,
            column: column.to_owned(),
            message: en.to_owned(),
            message_zh: zh.to_owned(),
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.message_zh, &self.message)
    }
}

/// Reads every row below the header. All or nothing: any problem in any row is reported, with
/// the others, and no row is given back.
pub fn read(
    categories: &Categories,
    cells: &[Vec<String>],
) -> Result<Vec<SheetRow>, Vec<RowError>> {
    match read_all(categories, cells) {
        (rows, errors) if errors.is_empty() => Ok(rows),
        (_, errors) => Err(errors),
    }
}

/// The rows that read well and the problems of the others, so that checks against the
/// database can add theirs and every problem is told at once.
pub fn read_all(categories: &Categories, cells: &[Vec<String>]) -> (Vec<SheetRow>, Vec<RowError>) {
    let mut rows = cells.iter().enumerate().filter(|(_, r)| !blank(r));
    let Some((header_at, header)) = rows.next() else {
        let empty = RowError::new(0, "", "文件里没有内容", "The file is empty");
        return (Vec::new(), vec![empty]);
    };
    let mut errors = Vec::new();
    let mut columns: Vec<Option<Column>> = Vec::new();
    for (i, text) in header.iter().enumerate() {
        let column = Column::of_header(text);
        if column.is_none() && !text.trim().is_empty() {
            errors.push(RowError::new(
                header_at + 1,
                text.trim(),
                &format!(
                    "第 {} 列的列名“{}”无法识别，请使用模板中的列名",
                    i + 1,
                    text.trim()
                ),
                &format!(
                    "Column {} is headed “{}”, which is not a column of the template",
                    i + 1,
                    text.trim()
                ),
            ));
        }
        if column.is_some() && columns.contains(&column) {
            errors.push(RowError::new(
                header_at + 1,
                text.trim(),
                "这一列重复出现",
                "This column appears twice",
            ));
        }
        columns.push(column);
    }
    for needed in Column::REQUIRED {
        if !columns.contains(&Some(needed)) {
            let (zh, en) = needed.header();
            errors.push(RowError::new(
                header_at + 1,
                zh,
                &format!("缺少“{zh}”列"),
                &format!("The column “{zh}” ({en}) is missing"),
            ));
        }
    }
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    let mut read = Vec::new();
    let mut seen_ids = std::collections::HashSet::new();
    for (at, cells) in rows {
        let row = at + 1;
        let cell = |c: Column| {
            columns
                .iter()
                .position(|k| *k == Some(c))
                .and_then(|i| cells.get(i))
                .map(|t| t.trim().to_owned())
                .unwrap_or_default()
        };
        match one_row(categories, row, &cell) {
            Ok(found) => {
                if let Some(id) = found.id
                    && !seen_ids.insert(id)
                {
                    errors.push(RowError::new(
                        row,
                        Column::Id.header().0,
                        &format!("编号 {id} 在文件中出现了不止一次"),
                        &format!("The id {id} appears more than once in the file"),
                    ));
                }
                read.push(found);
            }
            Err(mut found) => errors.append(&mut found),
        }
    }
    if read.is_empty() && errors.is_empty() {
        errors.push(RowError::new(
            0,
            "",
            "文件里只有列名，没有服务点",
            "The file has a header and no services",
        ));
    }
    (read, errors)
}

fn blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

fn one_row(
    categories: &Categories,
    row: usize,
    cell: &dyn Fn(Column) -> String,
) -> Result<SheetRow, Vec<RowError>> {
    let mut errors = Vec::new();
    let id = match cell(Column::Id).as_str() {
        "" => None,
        text => match text.trim_end_matches(".0").parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                errors.push(RowError::new(
                    row,
                    Column::Id.header().0,
                    "编号应为正整数；新增的服务点请留空",
                    "The id must be a whole number; leave it empty for a new service",
                ));
                None
            }
        },
    };
    let proxy = match cell(Column::Proxy).to_lowercase().as_str() {
        "" | "否" | "no" | "false" | "0" => false,
        "是" | "yes" | "true" | "1" => true,
        _ => {
            errors.push(RowError::new(
                row,
                Column::Proxy.header().0,
                "请填写“是”或“否”",
                "Write 是 (yes) or 否 (no)",
            ));
            false
        }
    };
    let guide = ErrandGuide {
        materials: items(&cell(Column::Materials)),
        steps: items(&cell(Column::Steps)),
        time_limit: cell(Column::TimeLimit),
        fees: cell(Column::Fees),
        notes: items(&cell(Column::Notes)),
        proxy,
    };
    let service = RawService {
        name: cell(Column::Name),
        category: category_id(categories, &cell(Column::Category)),
        address: cell(Column::Address),
        description: cell(Column::Description),
        phone: Some(cell(Column::Phone)),
        lat: Coordinate::Text(cell(Column::Lat)),
        lng: Coordinate::Text(cell(Column::Lng)),
        hours: HoursInput::Text(cell(Column::Hours)),
        hours_note: Some(cell(Column::HoursNote)),
        guide: Some(guide),
        community_id: None,
        grid_id: None,
    };
    match service.parse(categories) {
        Ok(service) if errors.is_empty() => Ok(SheetRow { row, id, service }),
        Ok(_) => Err(errors),
        Err(found) => {
            errors.extend(found.into_iter().map(|e| in_column(row, e)));
            Err(errors)
        }
    }
}

/// A form field's error, put in its column.
fn in_column(row: usize, error: FieldError) -> RowError {
    let column = Column::ALL
        .into_iter()
        .filter(|c| c.imported())
        .find(|c| c.field() == error.field)
        .map_or(error.field.clone(), |c| c.header().0.to_owned());
    RowError {
        row,
        column,
        message: error.en,
        message_zh: error.zh,
    }
}

/// A category as a sheet names it: its id, or its Chinese or English name.
fn category_id(categories: &Categories, text: &str) -> String {
    let text = text.trim();
    categories
        .all()
        .iter()
        .find(|c| c.id == text || c.name_zh == text || c.name_en.eq_ignore_ascii_case(text))
        .map_or_else(|| text.to_owned(), |c| c.id.to_owned())
}

/// A list written in one cell: one item a line, or separated by ；or ;.
fn items(text: &str) -> Vec<String> {
    text.split(['\n', '；', ';'])
        .map(|i| i.trim().to_owned())
        .filter(|i| !i.is_empty())
        .collect()
}

/// The cells of an exported row, in `Column::ALL` order.
pub fn cells_of(
    categories: &Categories,
    id: i64,
    service: &ServiceInput,
    community: &str,
    closed: bool,
    verified_on: &str,
) -> Vec<String> {
    let guide = service.guide.clone().unwrap_or_default();
    let category = categories
        .find(&service.category)
        .map_or(service.category.as_str(), |c| c.name_zh.as_str());
    vec![
        id.to_string(),
        service.name.clone(),
        category.to_owned(),
        service.address.clone(),
        format!("{:.6}", service.place.lat()),
        format!("{:.6}", service.place.lng()),
        service.phone.clone().unwrap_or_default(),
        super::week::format_week(&service.hours.days),
        service.hours.note.clone().unwrap_or_default(),
        service.description.clone(),
        guide.materials.join("\n"),
        guide.steps.join("\n"),
        guide.time_limit,
        guide.fees,
        guide.notes.join("\n"),
        if guide.proxy { "是" } else { "否" }.to_owned(),
        community.to_owned(),
        if closed { "已关闭" } else { "公开" }.to_owned(),
        verified_on.to_owned(),
    ]
}

/// The header row, in `Column::ALL` order.
pub fn header_row() -> Vec<String> {
    Column::ALL
        .iter()
        .map(|c| c.header().0.to_owned())
        .collect()
}

#[cfg(test)]
mod tests;
