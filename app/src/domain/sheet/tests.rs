use super::*;
use crate::domain::category::standard;

fn sheet(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect()
}

const HEADER: &[&str] = &[
    "名称（必填）",
    "类别",
    "地址",
    "纬度",
    "经度",
    "营业时间",
    "所需材料",
    "编号",
];

#[test]
fn a_sheet_in_the_templates_words_is_read_row_by_row() {
    let cells = sheet(&[
        HEADER,
        &[
            "益丰大药房",
            "药店",
            "金水区经三路 12 号",
            "34.7705",
            "113.6815",
            "每天 08:00-22:00",
            "",
            "",
        ],
        &["", "", "", "", "", "", "", ""],
        &[
            "经八路社区卫生服务站",
            "health_station",
            "金水区经八路 5 号",
            "34.7772",
            "113.6835",
            "周一至周五 08:00-17:30；周六 08:00-12:00",
            "身份证\n医保卡；病历本",
            "17",
        ],
    ]);
    let rows = read(&standard(), &cells).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].row, 2);
    assert_eq!(rows[0].id, None);
    assert_eq!(
        rows[0].service.category, "pharmacy",
        "a category by its Chinese name"
    );
    assert_eq!(
        rows[1].row, 4,
        "the blank row still counts in the numbering"
    );
    assert_eq!(rows[1].id, Some(17));
    let guide = rows[1].service.guide.clone().unwrap();
    assert_eq!(guide.materials, ["身份证", "医保卡", "病历本"]);
}

#[test]
fn english_headers_in_any_order_work_too() {
    let cells = sheet(&[
        &["Hours", "Name", "Category", "Address", "Lat", "Lng"],
        &[
            "24小时",
            "便民超市",
            "convenience_store",
            "二七区大学路 8 号",
            "34.7297",
            "113.6588",
        ],
    ]);
    assert_eq!(
        read(&standard(), &cells).unwrap()[0].service.name,
        "便民超市"
    );
}

#[test]
fn every_bad_cell_is_named_by_row_and_column_and_nothing_is_read() {
    let cells = sheet(&[
        HEADER,
        &[
            "益丰大药房",
            "药店",
            "金水区经三路 12 号",
            "34.7705",
            "113.6815",
            "每天 08:00-22:00",
            "",
            "",
        ],
        &[
            "药",
            "火箭发射场",
            "金水区经三路 14 号",
            "北纬",
            "113.68",
            "每天 8点到22点",
            "",
            "x",
        ],
    ]);
    let errors = read(&standard(), &cells).unwrap_err();
    let named: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(
        named,
        [
            (3, "编号"),
            (3, "名称"),
            (3, "类别"),
            (3, "纬度"),
            (3, "营业时间")
        ]
    );
    assert!(errors[4].message_zh.contains("每天 8点到22点"));
}

#[test]
fn a_sheet_without_a_needed_column_or_with_a_strange_one_is_refused_whole() {
    let errors = read(
        &standard(),
        &sheet(&[&["名称", "类别", "地址", "纬度", "经度", "备注栏"]]),
    )
    .unwrap_err();
    let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(columns, ["备注栏", "营业时间"]);
    assert_eq!(read(&standard(), &[]).unwrap_err()[0].row, 0);
}

#[test]
fn the_same_id_twice_is_refused() {
    let row = [
        "益丰大药房",
        "药店",
        "金水区经三路 12 号",
        "34.7705",
        "113.6815",
        "每天 08:00-22:00",
        "",
        "5",
    ];
    let errors = read(&standard(), &sheet(&[HEADER, &row, &row])).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].column.as_str()), (3, "编号"));
}

#[test]
fn an_exported_row_reads_back_as_the_same_service() {
    let cells = sheet(&[
        HEADER,
        &[
            "经八路社区卫生服务站",
            "health_station",
            "金水区经八路 5 号",
            "34.7772",
            "113.6835",
            "周一至周五 08:00-17:30；周六 08:00-12:00；周日 休息",
            "身份证\n医保卡",
            "17",
        ],
    ]);
    let input = read(&standard(), &cells).unwrap().remove(0).service;
    let exported = vec![
        header_row(),
        cells_of(&standard(), 17, &input, "经八路社区", false, "2026-12-01"),
    ];
    let again = read(&standard(), &exported).unwrap().remove(0);
    assert_eq!(again.id, Some(17));
    assert_eq!(again.service, input);
}
