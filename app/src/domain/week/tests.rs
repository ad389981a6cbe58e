use super::*;

fn day(text: &str) -> Vec<Interval> {
    parse_day(text).unwrap()
}

#[test]
fn a_street_office_week_with_a_lunch_break_and_a_saturday_morning() {
    let week =
        parse_week("周一至周五 08:30-12:00，14:30-17:30；周六 09:00-12:00；周日休息").unwrap();
    for (d, openings) in week.iter().enumerate().take(5) {
        assert_eq!(*openings, day("08:30-12:00, 14:30-17:30"), "day {d}");
    }
    assert_eq!(week[5], day("09:00-12:00"));
    assert!(week[6].is_empty());
}

#[test]
fn days_are_written_in_every_way_a_sheet_holds_them() {
    let weekdays = |text: &str| {
        let week = parse_week(text).unwrap();
        (0..7).filter(|d| !week[*d].is_empty()).collect::<Vec<_>>()
    };
    assert_eq!(weekdays("每天 8:00-20:00"), vec![0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(weekdays("08:00-20:00"), vec![0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(weekdays("工作日 9:00~17:00"), vec![0, 1, 2, 3, 4]);
    assert_eq!(weekdays("周末：10:00—16:00"), vec![5, 6]);
    assert_eq!(weekdays("星期一到星期三 9:00-17:00"), vec![0, 1, 2]);
    assert_eq!(weekdays("周一、三、五 9:00-11:00"), vec![0, 2, 4]);
    assert_eq!(weekdays("周六、周日 9:00-11:00"), vec![5, 6]);
    assert_eq!(weekdays("周二-周四 9:00-11:00"), vec![1, 2, 3]);
    assert_eq!(weekdays("Mon-Fri 09:00-17:00"), vec![0, 1, 2, 3, 4]);
    assert_eq!(weekdays("周天 9:00-11:00"), vec![6]);
}

#[test]
fn times_are_read_with_full_width_colons_dashes_and_words() {
    let week = parse_week("每天 ０８：３０至12：00、14:30到17:30").unwrap();
    assert_eq!(week[3], day("08:30-12:00, 14:30-17:30"));
    let all_day = parse_week("全天").unwrap();
    assert!(all_day.iter().all(|d| *d == day("00:00-24:00")));
    assert_eq!(parse_week("每天 24小时").unwrap(), all_day);
}

#[test]
fn a_later_part_overrides_an_earlier_one_for_its_days() {
    let week = parse_week("每天 08:00-20:00；周日休息").unwrap();
    assert_eq!(week[5], day("08:00-20:00"));
    assert!(week[6].is_empty());
}

#[test]
fn a_night_span_runs_past_midnight() {
    let week = parse_week("周五、周六 18:00-02:00").unwrap();
    assert_eq!(
        week[4],
        vec![Interval {
            open: 1080,
            close: 1560
        }]
    );
}

#[test]
fn what_cannot_be_read_is_named_not_guessed() {
    assert_eq!(parse_week("  "), Err(WeekError::Empty));
    assert_eq!(
        parse_week("周八 9:00-17:00"),
        Err(WeekError::Days("周八 9:00-17:00".into()))
    );
    assert_eq!(
        parse_week("周五至周一 9:00-17:00"),
        Err(WeekError::Days("周五至周一 9:00-17:00".into()))
    );
    let error = parse_week("周一至周五 9点到5点").unwrap_err();
    assert_eq!(
        error,
        WeekError::Times {
            part: "周一至周五 9点到5点".into(),
            error: HoursError::Format
        }
    );
    assert!(error.message(Lang::Zh).contains("“周一至周五 9点到5点”"));
    assert!(matches!(
        parse_week("周一 08:00-12:00, 11:00-14:00"),
        Err(WeekError::Times {
            error: HoursError::Overlap,
            ..
        })
    ));
}

#[test]
fn a_week_written_back_reads_the_same() {
    for text in [
        "周一至周五 08:30-12:00, 14:30-17:30；周六 09:00-12:00；周日 休息",
        "每天 00:00-24:00",
        "每天 休息",
        "周一 休息；周二至周日 10:00-22:00",
        "周一、周二 09:00-17:00；周三至周日 18:00-02:00",
    ] {
        let week = parse_week(text).unwrap();
        assert_eq!(format_week(&week), text);
        assert_eq!(parse_week(&format_week(&week)).unwrap(), week);
    }
}

#[test]
fn hours_sent_as_data_are_checked_as_typed_ones_are() {
    let mut hours = WeeklyHours::every_day(day("08:00-12:00"));
    assert_eq!(hours.check(), Ok(()));
    hours.days[2].push(Interval {
        open: 600,
        close: 700,
    });
    assert_eq!(hours.check(), Err(HoursError::Overlap));
    hours.days[2] = vec![Interval {
        open: 700,
        close: 600,
    }];
    assert_eq!(hours.check(), Err(HoursError::Length));
    hours.days[2] = vec![Interval {
        open: 1440,
        close: 1500,
    }];
    assert_eq!(hours.check(), Err(HoursError::Length));
}
