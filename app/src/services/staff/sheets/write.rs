//! Rows out as a file Excel opens as it is: CSV in UTF-8 with a byte-order mark (without one,
//! Excel in China reads it as GBK and garbles it), or an `.xlsx` workbook.

/// The rows as CSV, UTF-8 with a byte-order mark.
pub fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for row in rows {
            // Writing to memory fails only if a row cannot be encoded, which strings always can.
            let _ = writer.write_record(row);
        }
        let _ = writer.flush();
    }
    out
}

/// The rows as one sheet of an `.xlsx` workbook, the first row bold and frozen.
pub fn xlsx_bytes(
    sheet: &str,
    rows: &[Vec<String>],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet)?;
    let bold = Format::new().set_bold();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match r {
                0 => worksheet.write_string_with_format(r, c, text, &bold)?,
                _ => worksheet.write_string(r, c, text)?,
            };
        }
    }
    if !rows.is_empty() {
        worksheet.set_freeze_panes(1, 0)?;
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_the_same() {
        let rows = vec![
            vec!["名称".to_owned(), "所需材料".to_owned()],
            vec![
                "经八路社区卫生服务站".to_owned(),
                "身份证\n医保卡, 病历本".to_owned(),
            ],
        ];
        let csv = csv_bytes(&rows);
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(
            super::super::read::cells(super::super::read::Format::Csv, &csv).unwrap(),
            rows
        );
        let xlsx = xlsx_bytes("服务点", &rows).unwrap();
        assert_eq!(
            super::super::read::cells(super::super::read::Format::Xlsx, &xlsx).unwrap(),
            rows
        );
    }
}
