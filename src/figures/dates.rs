//! Dates and periods: written dates (2024年11月, 9月2日, 15日), quarters,
//! half years, and years and months named relative to the reference date
//! (今年, 上月, 今年以來). Separate because they resolve against the
//! calendar, not against units.

use crate::date::Date;
use crate::numbers;
use crate::scan::find_words;

use super::scan::Number;
use super::words::{ends_with_any, starts_with_any};
use super::{Figure, FigureKind, Value, iso};

pub(super) const RELATIVE_YEARS: &[(&str, i32)] = &[
    ("今年", 0),
    ("本年", 0),
    ("去年", -1),
    ("上年", -1),
    ("前年", -2),
    ("明年", 1),
    ("來年", 1),
    ("来年", 1),
];

pub(super) fn quarter_after(text: &str) -> Option<usize> {
    ["季度", "季"]
        .iter()
        .find(|q| text.starts_with(**q))
        .map(|q| q.len())
}

/// The year a period names just before it (今年, 去年, 2024年), and the
/// bytes that name it; the reference year when none does.
pub(super) fn year_before(head: &str, today: Date) -> (i32, usize) {
    if let Some((word, offset)) = ends_with_any(head, RELATIVE_YEARS) {
        return (today.year + offset, word.len());
    }
    if let Some(digits) = head.strip_suffix('年') {
        let start = digits.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits.len() - start == 4 {
            if let Ok(year) = digits[start..].parse() {
                return (year, head.len() - start);
            }
        }
    }
    (today.year, 0)
}

/// Months named by their distance from the reference month.
const RELATIVE_MONTHS: &[(&str, i32)] = &[
    ("本月", 0),
    ("當月", 0),
    ("当月", 0),
    ("上個月", -1),
    ("上个月", -1),
    ("上月", -1),
    ("下個月", 1),
    ("下个月", 1),
    ("下月", 1),
];

/// Words before 去年 or 上月 that make it the basis of a comparison (比上年,
/// 與去年), not a date of its own.
const COMPARED_WITH: &[&str] = &["比", "較", "较", "與", "与", "同", "跟"];

/// The month `offset` months from `today`'s: (year, month).
fn month_from(today: Date, offset: i32) -> (i32, u32) {
    let index = today.year * 12 + today.month as i32 - 1 + offset;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// Years and months named relative to the reference date, with no number:
/// 今年 (a date, the year), 今年以來 (a period up to the reference month),
/// 今年年初 and 年底 (its first or last month), 上月 and 本月 (a month).
/// Inside a longer figure (今年1至7月, 去年12月) they go when figures that
/// hold others are merged.
pub(super) fn find_relative_dates(text: &str, today: Date) -> Vec<Figure> {
    let years = RELATIVE_YEARS.iter().map(|&(w, offset)| (w, offset, true));
    let months = RELATIVE_MONTHS
        .iter()
        .map(|&(w, offset)| (w, offset, false));
    let words: Vec<(&str, i32, bool)> = years.chain(months).collect();
    let mut found = Vec::new();
    for (at, &(word, offset, is_year)) in find_words(text, &words, |e| e.0) {
        if COMPARED_WITH.iter().any(|w| text[..at].ends_with(w)) {
            continue;
        }
        let word_end = at + word.len();
        let after = &text[word_end..];
        let (year, month) = if is_year {
            (today.year + offset, None)
        } else {
            let (year, month) = month_from(today, offset);
            (year, Some(month))
        };
        let (kind, end, value) =
            if let Some(since) = ["以來", "以来"].iter().find(|w| after.starts_with(**w)) {
                let first = month.unwrap_or(1);
                let value = format!("{year:04}-{first:02}/{:04}-{:02}", today.year, today.month);
                (FigureKind::Period, word_end + since.len(), value)
            } else if let Some(month) = month {
                (FigureKind::Date, word_end, format!("{year:04}-{month:02}"))
            } else if let Some((edge, month)) = starts_with_any(after, YEAR_EDGES) {
                (
                    FigureKind::Date,
                    word_end + edge.len(),
                    format!("{year:04}-{month:02}"),
                )
            } else {
                (FigureKind::Date, word_end, format!("{year:04}"))
            };
        found.push(iso(kind, at..end, value));
    }
    found
}

/// The start or end of a year (今年年初, 去年底) and its month.
const YEAR_EDGES: &[(&str, u32)] = &[
    ("年初", 1),
    ("初", 1),
    ("年底", 12),
    ("年末", 12),
    ("底", 12),
];

/// Half years and their first and last months.
const HALF_YEARS: &[(&str, u32, u32)] = &[("上半年", 1, 6), ("下半年", 7, 12)];

/// Half years, which carry no number: 上半年, 今年下半年.
pub(super) fn find_half_years(text: &str, today: Date) -> Vec<Figure> {
    let mut found = Vec::new();
    for (at, &(word, first, last)) in find_words(text, HALF_YEARS, |h| h.0) {
        let (year, year_len) = year_before(&text[..at], today);
        found.push(iso(
            FigureKind::Period,
            at - year_len..at + word.len(),
            format!("{year:04}-{first:02}/{year:04}-{last:02}"),
        ));
    }
    found
}

/// Dates: 2024年11月, 9月2日, 去年12月, 2021年, 10月底.
pub(super) fn read_date(
    text: &str,
    numbers: &[Number],
    i: usize,
    today: Date,
    out: &mut Vec<Figure>,
) -> Option<usize> {
    let n = &numbers[i];
    let after = &text[n.range.end..];
    let value = n.value.to_f64();
    let whole = |v: f64| v.fract() == 0.0 && v >= 0.0;
    let mut used = 1;
    let mut start = n.range.start;
    let (year, mut end, month) = if after.starts_with('年') && whole(value) && is_year(text, n) {
        let year = if value < 100.0 {
            2000 + value as i32
        } else {
            value as i32
        };
        let end = n.range.end + '年'.len_utf8();
        match numbers
            .get(i + 1)
            .filter(|m| m.range.start == end && text[m.range.end..].starts_with('月'))
        {
            Some(m) => {
                used += 1;
                (year, m.range.end + '月'.len_utf8(), Some(m.value.to_f64()))
            }
            None => (year, end, None),
        }
    } else if after.starts_with('月') && (1.0..=12.0).contains(&value) && whole(value) {
        let mut year = today.year;
        if let Some((word, offset)) = ends_with_any(&text[..start], RELATIVE_YEARS) {
            year += offset;
            start -= word.len();
        }
        (year, n.range.end + '月'.len_utf8(), Some(value))
    } else if let Some(day) = bare_day(text, n) {
        // 15日 with no month: a month named before it (本月20日), the month
        // of the last date written with one (3月10日電 … 15日), else this
        // month, or last month when the day is still to come (news reports
        // what happened).
        let head = &text[..start];
        let relative = ends_with_any(head, RELATIVE_MONTHS);
        let (year, month) = if let Some((word, offset)) = relative {
            start -= word.len();
            month_from(today, offset)
        } else if let Some(month) = month_of_last_day(text, out) {
            month
        } else {
            month_from(today, if day > today.day { -1 } else { 0 })
        };
        let end = n.range.end + '日'.len_utf8();
        out.push(iso(
            FigureKind::Date,
            start..end,
            format!("{year:04}-{month:02}-{day:02}"),
        ));
        return Some(1);
    } else {
        return None;
    };
    let Some(month) = month else {
        out.push(iso(FigureKind::Date, start..end, format!("{year:04}")));
        return Some(used);
    };
    if !(1.0..=12.0).contains(&month) || !whole(month) {
        return None;
    }
    let month = month as u32;
    // A day: 9月2日, 2日 after the month.
    if let Some(d) = numbers.get(i + used).filter(|d| d.range.start == end) {
        let day_marker = ["日", "號", "号"]
            .iter()
            .find(|m| text[d.range.end..].starts_with(**m));
        let day = d.value.to_f64();
        if let Some(marker) = day_marker.filter(|_| (1.0..=31.0).contains(&day) && whole(day)) {
            end = d.range.end + marker.len();
            out.push(iso(
                FigureKind::Date,
                start..end,
                format!("{year:04}-{month:02}-{:02}", day as u32),
            ));
            return Some(used + 1);
        }
    }
    // 10月底, 10月初: the month itself.
    if ["底", "初", "末", "中旬", "上旬", "下旬"]
        .iter()
        .any(|w| text[end..].starts_with(*w))
    {
        let w = ["中旬", "上旬", "下旬", "底", "初", "末"]
            .iter()
            .find(|w| text[end..].starts_with(**w))
            .unwrap();
        end += w.len();
    }
    out.push(iso(
        FigureKind::Date,
        start..end,
        format!("{year:04}-{month:02}"),
    ));
    Some(used)
}

/// The year and month of the last date written with its month and day
/// before: a dateline (新華社北京3月10日電) or the start of a range (3月10日至
/// 15日) sets the month of the days after it.
fn month_of_last_day(text: &str, out: &[Figure]) -> Option<(i32, u32)> {
    let date = out.iter().rev().find_map(|f| match (&f.kind, &f.value) {
        (FigureKind::Date, Value::Iso(date))
            if date.len() == "2025-09-15".len() && text[f.range.clone()].contains('月') =>
        {
            Some(date)
        }
        _ => None,
    })?;
    Some((date[..4].parse().ok()?, date[5..7].parse().ok()?))
}

/// The day of 15日 written alone, in digits: not a count of days (15日內,
/// 為期15日, 每日), not yen (15日元).
fn bare_day(text: &str, n: &Number) -> Option<u32> {
    let after = text[n.range.end..].strip_prefix('日')?;
    let day = n.value.to_f64();
    let counted = [
        "內", "内", "以內", "以内", "之內", "之内", "後", "后", "元", "圓", "圆",
    ]
    .iter()
    .any(|w| after.starts_with(w))
        || [
            "為期", "为期", "每", "近", "連續", "连续", "數", "数", "幾", "几",
        ]
        .iter()
        .any(|w| text[..n.range.start].ends_with(w));
    (n.arabic && !counted && (1.0..=31.0).contains(&day) && day.fract() == 0.0)
        .then_some(day as u32)
}

/// Four-digit numbers from 1000 to 2999 and two-digit Arabic years (09年)
/// before 年 are years; 5年 is a duration.
fn is_year(text: &str, n: &Number) -> bool {
    let digits = text[n.range.clone()]
        .chars()
        .filter(|c| numbers::digit(*c).is_some())
        .count();
    let v = n.value.to_f64();
    (digits == 4 && (1000.0..3000.0).contains(&v))
        || (n.arabic && digits == 2 && text[n.range.clone()].starts_with('0'))
}
