//! A file as the cells of its first sheet: `.xlsx` read with calamine, CSV with csv in UTF-8
//! (with or without a byte-order mark) or GBK, as Excel in China saves it.

use crate::domain::sheet::RowError;

/// What kind of file came, from its media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl Format {
    /// An xlsx file by its bytes (a zip archive starts with "PK") or its media type, else CSV
    /// text: browsers label a .csv file text/csv, application/vnd.ms-excel or nothing at all.
    /// `None` for what is plainly not a spreadsheet (an image, a PDF).
    pub fn of(content_type: Option<&str>, bytes: &[u8]) -> Option<Format> {
        let media = content_type
            .map(|t| t.split(';').next().unwrap_or(t).trim().to_ascii_lowercase())
            .unwrap_or_default();
        let foreign = [
            "image/",
            "audio/",
            "video/",
            "application/pdf",
            "application/json",
        ];
        if bytes.starts_with(b"PK\x03\x04") || media == XLSX_TYPE {
            Some(Format::Xlsx)
        } else if foreign.iter().any(|f| media.starts_with(f)) {
            None
        } else {
            Some(Format::Csv)
        }
    }
}

/// The old binary Excel format (.xls), which the import does not read.
pub fn is_old_excel(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn unreadable(zh: &str, en: &str) -> Vec<RowError> {
    vec![RowError::new(0, "", zh, en)]
}

pub fn cells(format: Format, bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<RowError>> {
    match format {
        Format::Csv => csv_cells(bytes),
        Format::Xlsx => xlsx_cells(bytes),
    }
}

/// UTF-8 when the bytes are UTF-8 (a byte-order mark dropped), else GBK; neither is refused,
/// never guessed past.
pub fn decode(bytes: &[u8]) -> Result<String, Vec<RowError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, _, had_errors) = encoding_rs::GBK.decode(bytes);
    if had_errors {
        return Err(unreadable(
            "文件的文字编码无法识别：请在 Excel 中另存为“CSV UTF-8”或“Excel 工作簿 (.xlsx)”",
            "The file's text encoding cannot be read: save it from Excel as CSV UTF-8 or as an Excel workbook (.xlsx)",
        ));
    }
    Ok(text.into_owned())
}

fn csv_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<RowError>> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            record
                .map(|r| r.iter().map(str::to_owned).collect())
                .map_err(|e| {
                    let row = e.position().map_or(0, |p| p.line() as usize);
                    vec![RowError::new(
                        row,
                        "",
                        "这一行不是有效的 CSV（可能有未闭合的引号）",
                        "This line is not valid CSV (perhaps an unclosed quote)",
                    )]
                })
        })
        .collect()
}

fn xlsx_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<RowError>> {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let not_xlsx = || {
        unreadable(
            "无法读取这个 Excel 文件：请确认它是 .xlsx 格式（不是 .xls）且没有损坏",
            "This Excel file cannot be read: check it is .xlsx (not .xls) and not damaged",
        )
    };
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(not_xlsx)?
        .map_err(|_| not_xlsx())?;
    // The range starts at the first cell used; rows and columns before it are empty.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![String::new(); left as usize];
        cells.extend(row.iter().map(|cell| match cell {
            Data::Empty => String::new(),
            // Whole numbers as a person wrote them: 12, not 12.0.
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            other => other.to_string(),
        }));
        rows.push(cells);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_text_from_excel_reads_as_utf8_does() {
        let (gbk, _, _) = encoding_rs::GBK.encode("名称,类别\n益丰大药房,药店\n");
        let cells = csv_cells(&gbk).unwrap();
        assert_eq!(cells[1], ["益丰大药房", "药店"]);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), "名称\n药店\n".as_bytes()].concat();
        assert_eq!(csv_cells(&with_bom).unwrap()[0], ["名称"]);
    }

    #[test]
    fn bytes_that_are_neither_utf8_nor_gbk_are_refused() {
        assert!(decode(&[0x81, 0x20, 0xff, 0xfe]).is_err());
    }

    #[test]
    fn the_format_comes_from_the_media_type_or_the_bytes() {
        assert_eq!(
            Format::of(Some("text/csv; charset=gbk"), b""),
            Some(Format::Csv)
        );
        assert_eq!(Format::of(Some(XLSX_TYPE), b""), Some(Format::Xlsx));
        assert_eq!(Format::of(None, b"PK\x03\x04rest"), Some(Format::Xlsx));
        assert_eq!(
            Format::of(Some("application/vnd.ms-excel"), b"a,b"),
            Some(Format::Csv)
        );
        assert_eq!(Format::of(Some("image/png"), b""), None);
    }
}
