//! A week's opening hours as people write them in a form or a spreadsheet cell:
//! "周一至周五 08:30-12:00，14:30-17:30；周六 09:00-12:00；周日休息", "每天 24小时",
//! "工作日 9:00~17:00". One parser for the service form, the import and the merchant
//! registration; what it cannot read it names, and it never guesses.

use super::hours::{HoursError, Interval, WeeklyHours, format_day, parse_day};
use super::lang::Lang;

/// Why a week's hours could not be read, naming the part that failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WeekError {
    #[error("no opening hours given")]
    Empty,
    #[error("cannot read the days in “{0}”: write them as 周一至周五, 每天 or 周六、周日")]
    Days(String),
    #[error("cannot read “{part}”: {error}")]
    Times { part: String, error: HoursError },
}

impl WeekError {
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Zh, WeekError::Empty) => "请填写营业时间".into(),
            (Lang::Zh, WeekError::Days(part)) => {
                format!("无法识别“{part}”中的日期，请写成“周一至周五”“每天”或“周六、周日”")
            }
            (Lang::Zh, WeekError::Times { part, error }) => {
                let why = match error {
                    HoursError::Format => "时间请写成 08:30-12:00 的格式",
                    HoursError::Time => "时间应在 00:00 到 24:00 之间",
                    HoursError::Length => "一段营业时间不能为空，也不能超过一天",
                    HoursError::Overlap => "同一天的几段时间不能重叠",
                };
                format!("无法识别“{part}”：{why}")
            }
        }
    }
}

const EVERY_DAY: [&str; 6] = ["每天", "每日", "全周", "全年", "daily", "Daily"];
const WORKDAYS: [&str; 1] = ["工作日"];
const WEEKEND: [&str; 2] = ["周末", "双休日"];
/// Words between a first and a last day: 周一至周五, 周一到周五, 周一~周五, Mon-Fri.
const THROUGH: [char; 8] = ['至', '到', '~', '～', '-', '－', '—', '–'];
/// Where one part of the week ends and the next begins.
const PARTS: [char; 4] = [';', '；', '\n', '。'];

/// Reads a week's hours. A part without days applies to every day; a later part overrides
/// an earlier one for its days ("每天 08:00-20:00；周日休息").
pub fn parse_week(text: &str) -> Result<[Vec<Interval>; 7], WeekError> {
    let mut days: [Vec<Interval>; 7] = Default::default();
    let mut any = false;
    for part in text.split(PARTS).map(str::trim).filter(|p| !p.is_empty()) {
        any = true;
        let (which, times) = split_days(part)?;
        let openings = parse_day(times).map_err(|error| WeekError::Times {
            part: part.to_owned(),
            error,
        })?;
        for day in which {
            days[day] = openings.clone();
        }
    }
    if any { Ok(days) } else { Err(WeekError::Empty) }
}

/// The week as [`parse_week`] reads it back: days with the same hours grouped, closed days
/// named, "每天" when every day is alike.
pub fn format_week(days: &[Vec<Interval>; 7]) -> String {
    const NAMES: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    if days.iter().all(|d| *d == days[0]) {
        return match days[0].is_empty() {
            true => "每天 休息".into(),
            false => format!("每天 {}", format_day(&days[0])),
        };
    }
    let mut parts = Vec::new();
    let mut start = 0;
    while start < 7 {
        let mut end = start;
        while end + 1 < 7 && days[end + 1] == days[start] {
            end += 1;
        }
        let span = match end - start {
            0 => NAMES[start].to_owned(),
            1 => format!("{}、{}", NAMES[start], NAMES[end]),
            _ => format!("{}至{}", NAMES[start], NAMES[end]),
        };
        let hours = match days[start].is_empty() {
            true => "休息".to_owned(),
            false => format_day(&days[start]),
        };
        parts.push(format!("{span} {hours}"));
        start = end + 1;
    }
    parts.join("；")
}

impl WeeklyHours {
    /// Hours sent as data rather than typed: each opening within a day's reach, none empty,
    /// none overlapping another the same day, as [`parse_day`] would have made them.
    pub fn check(&self) -> Result<(), HoursError> {
        for day in &self.days {
            for i in day {
                if i.open >= 24 * 60 || i.close <= i.open || i.close - i.open > 24 * 60 {
                    return Err(HoursError::Length);
                }
            }
            let mut sorted = day.clone();
            sorted.sort_by_key(|i| i.open);
            if sorted.windows(2).any(|w| w[1].open < w[0].close) {
                return Err(HoursError::Overlap);
            }
        }
        Ok(())
    }
}

/// The days a part names and the rest of it (the times); every day when it names none.
fn split_days(part: &str) -> Result<(Vec<usize>, &str), WeekError> {
    let bad = || WeekError::Days(part.to_owned());
    for word in EVERY_DAY {
        if let Some(rest) = part.strip_prefix(word) {
            return Ok(((0..7).collect(), after_days(rest)));
        }
    }
    for word in WORKDAYS {
        if let Some(rest) = part.strip_prefix(word) {
            return Ok(((0..5).collect(), after_days(rest)));
        }
    }
    for word in WEEKEND {
        if let Some(rest) = part.strip_prefix(word) {
            return Ok((vec![5, 6], after_days(rest)));
        }
    }
    let Some((first, mut rest)) = day_name(part) else {
        // No day at all: the part is times for every day, unless it starts like a day word.
        if part.starts_with(['周', '星', '礼']) {
            return Err(bad());
        }
        return Ok(((0..7).collect(), part));
    };
    let mut which = vec![first];
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix(THROUGH) {
            // A range needs a day after the dash; otherwise the dash belonged to the times.
            if let Some((last, tail)) = day_name(after.trim_start()).or_else(|| bare_day(after)) {
                let from = *which.last().unwrap_or(&first);
                if last < from {
                    return Err(bad());
                }
                which.extend(from + 1..=last);
                rest = tail;
                continue;
            }
        }
        if let Some(after) = trimmed.strip_prefix(['、', ',', '，', '/'])
            && let Some((next, tail)) = day_name(after.trim_start()).or_else(|| bare_day(after))
        {
            which.push(next);
            rest = tail;
            continue;
        }
        break;
    }
    Ok((which, after_days(rest)))
}

/// Text after the days, without the colon or space that set them off.
fn after_days(rest: &str) -> &str {
    rest.trim_start()
        .trim_start_matches([':', '：'])
        .trim_start()
}

/// A day's name at the start of `text`: 周一, 星期一, 礼拜一, 周日/周天, Mon… Monday first.
fn day_name(text: &str) -> Option<(usize, &str)> {
    for prefix in ["星期", "礼拜", "周"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return bare_day(rest);
        }
    }
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    EN.iter().enumerate().find_map(|(i, name)| {
        let rest = text.strip_prefix(name)?;
        // "Monday" and "Mon" alike; not "Month".
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_lowercase());
        Some((i, rest))
    })
}

/// A day's numeral after 周 or in a list (周一、三、五): 一…六, 日 or 天.
fn bare_day(text: &str) -> Option<(usize, &str)> {
    const NUMERALS: [&str; 8] = ["一", "二", "三", "四", "五", "六", "日", "天"];
    NUMERALS
        .iter()
        .enumerate()
        .find_map(|(i, n)| text.strip_prefix(n).map(|rest| (i.min(6), rest)))
}

#[cfg(test)]
mod tests;
