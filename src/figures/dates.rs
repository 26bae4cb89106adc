//! Dates and periods: written dates (2024年11月, 9月2日, 15日, 2025/08/29),
//! Taiwan's ROC years (民國114年), quarters, half years, fiscal years
//! (2025/26年度), periods from January (前11月, 首8個月), and days, years and
//! months named relative to the reference date (今日, 今（9）日, 今年, 上月,
//! 周三). Separate because they resolve against the calendar, not against
//! units.

use std::sync::LazyLock;

use crate::date::{Date, days_in_month};
use crate::numbers;
use crate::offsets::{ceil_char_boundary, floor_char_boundary};
use crate::region::Region;
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
    ("来年", 1),
];

/// Links between the two ends of a period: 7月至9月, 1月3日-2月10日.
const PERIOD_LINKS: &[&str] = &["至", "到", "-", "—", "–", "－", "~", "～", "〜"];

/// Where a sentence ends: the clause a cue is looked for in.
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '；', '!', '?', ';', '\n'];

/// Words that put what a sentence says in the future (将, 预计, 计划): a
/// month or quarter named there is still to come, in the reference year.
const FUTURE_CUES: &[&str] = &[
    "将",
    "预计",
    "预期",
    "预测",
    "预估",
    "计划",
    "规划",
    "拟",
    "明年",
    "下阶段",
    "展望",
    "有望",
    "可望",
    "即将",
    "力争",
    "争取",
    "目标",
    "届时",
    "下次",
];

/// The year of a month, quarter or half year written without one, whose
/// month that decides is `month` (the first, or for a period from January
/// the last): the reference year, unless the month lies well ahead of the
/// reference date (a quarter of a year or more) in a sentence that reports
/// what happened; news reports last year's 第四季 in January, while 10月底
/// in September is a plan.
fn undated_year(text: &str, at: usize, month: u32, today: Date) -> i32 {
    if month < today.month + 3 || speaks_of_future(text, at) {
        today.year
    } else {
        today.year - 1
    }
}

/// How far from a figure its sentence is read for a word of the future, in
/// bytes each way (about 200 characters): a text with no sentence end (a
/// table, a list) was read whole for every figure in it.
const SENTENCE_REACH: usize = 600;

/// Whether the sentence around `at` has a word that puts it in the future.
fn speaks_of_future(text: &str, at: usize) -> bool {
    let from = floor_char_boundary(text, at.saturating_sub(SENTENCE_REACH));
    let to = ceil_char_boundary(text, at + SENTENCE_REACH);
    let start = text[from..at]
        .char_indices()
        .rev()
        .find(|(_, c)| SENTENCE_ENDS.contains(c))
        .map_or(from, |(i, c)| from + i + c.len_utf8());
    let end = text[at..to].find(SENTENCE_ENDS).map_or(to, |i| at + i);
    let sentence = &text[start..end];
    FUTURE_CUES.iter().any(|cue| sentence.contains(cue))
}

/// The year of Taiwan's Republic of China calendar `roc` (民國114年 is 2025).
fn roc_year(roc: i32) -> i32 {
    roc + 1911
}

/// The ROC era name before a year: 民國114年.
const ROC_ERA: &[(&str, ())] = &[("民国", ())];

/// The year a period names just before it (今年, 去年, 2024年, 民國114年,
/// in Taiwan 114年), and the bytes that name it, if any.
fn year_written_before(head: &str, region: Region) -> Option<(i32, usize)> {
    if let Some(digits) = head.strip_suffix('年') {
        let start = digits.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let roc_era = ends_with_any(&digits[..start], ROC_ERA);
        let year: Option<i32> = digits[start..].parse().ok();
        match (digits.len() - start, year) {
            (4, Some(year)) => return Some((year, head.len() - start)),
            (1..=3, Some(roc)) if roc_era.is_some() => {
                let era = roc_era.map_or(0, |(w, _)| w.len());
                return Some((roc_year(roc), head.len() - start + era));
            }
            (3, Some(roc)) if region == Region::Tw && (100..200).contains(&roc) => {
                return Some((roc_year(roc), head.len() - start));
            }
            _ => {}
        }
    }
    None
}

/// The year a period names just before it, relative (今年) or written
/// (2024年, 民國114年), and the bytes that name it.
fn year_before(head: &str, today: Date, region: Region) -> Option<(i32, usize)> {
    if let Some((word, offset)) = ends_with_any(head, RELATIVE_YEARS) {
        return Some((today.year + offset, word.len()));
    }
    year_written_before(head, region)
}

/// Months named by their distance from the reference month; not 當月 "that
/// month", which refers to a month named before it (11月當月).
const RELATIVE_MONTHS: &[(&str, i32)] = &[
    ("本月", 0),
    ("上个月", -1),
    ("上月", -1),
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

fn month_iso(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

/// The months `first` to `last` of `year` as a period.
fn months_of(year: i32, first: u32, last: u32) -> String {
    format!("{}/{}", month_iso(year, first), month_iso(year, last))
}

/// Dates and periods written without a number of their own, or in forms
/// the number readers do not take apart: relative years, months and days,
/// half years, Taiwan datelines, slash and dot dates, quarters in letters,
/// fiscal years, weekdays and holidays.
pub(super) fn find_date_words(text: &str, today: Date, region: Region) -> Vec<Figure> {
    let words = DateWordsFound::in_text(text);
    let mut found = find_half_years(text, &words.halves, today, region);
    found.extend(find_relative_dates(text, &words.relative, today));
    found.extend(find_relative_days(text, &words.days, today));
    found.extend(find_datelines(text, &words.datelines, today));
    found.extend(find_numeric_dates(text));
    found.extend(find_letter_quarters(text, today, region));
    found.extend(find_named_quarters(text, &words.quarters, today, region));
    found.extend(find_fiscal_years(text));
    found.extend(find_years_to_date(
        text,
        &words.years_to_date,
        today,
        region,
    ));
    found.extend(find_weekdays(text, &words.weeks, today));
    found.extend(find_holidays(text, &words.holidays, today, region));
    found
}

/// The date words of a text by kind, each with where it starts, in text order.
#[derive(Default)]
struct DateWordsFound {
    relative: Vec<(usize, &'static str, i32, bool)>,
    halves: Vec<(usize, &'static HalfYear)>,
    days: Vec<(usize, &'static (&'static str, i64))>,
    datelines: Vec<(usize, &'static (&'static str, i64))>,
    quarters: Vec<(usize, &'static (&'static str, Option<u32>))>,
    years_to_date: Vec<usize>,
    weeks: Vec<(usize, &'static str)>,
    holidays: Vec<(usize, &'static (&'static str, u32, u32))>,
}

impl DateWordsFound {
    fn in_text(text: &str) -> Self {
        let mut found = DateWordsFound::default();
        for (at, word) in find_words(text, &DATE_WORDS, |w| w.word()) {
            match *word {
                DateWord::Relative(w, offset, is_year) => {
                    found.relative.push((at, w, offset, is_year))
                }
                DateWord::HalfYear(e) => found.halves.push((at, e)),
                DateWord::Day(e) => found.days.push((at, e)),
                DateWord::Dateline(e) => found.datelines.push((at, e)),
                DateWord::NamedQuarter(e) => found.quarters.push((at, e)),
                DateWord::YearToDate(_) => found.years_to_date.push(at),
                DateWord::Week(w) => found.weeks.push((at, w)),
                DateWord::Holiday(e) => found.holidays.push((at, e)),
            }
        }
        found
    }
}

/// A word a date finder looks for, with its table's entry. The finders'
/// tables are searched together, in one pass over the text.
enum DateWord {
    /// A relative year or month: its offset, and whether it is a year.
    Relative(&'static str, i32, bool),
    HalfYear(&'static HalfYear),
    Day(&'static (&'static str, i64)),
    Dateline(&'static (&'static str, i64)),
    NamedQuarter(&'static (&'static str, Option<u32>)),
    YearToDate(&'static str),
    Week(&'static str),
    Holiday(&'static (&'static str, u32, u32)),
}

impl DateWord {
    fn word(&self) -> &'static str {
        match self {
            DateWord::Relative(w, ..) | DateWord::YearToDate(w) | DateWord::Week(w) => w,
            DateWord::HalfYear(e) => e.0,
            DateWord::Day(e) | DateWord::Dateline(e) => e.0,
            DateWord::NamedQuarter(e) => e.0,
            DateWord::Holiday(e) => e.0,
        }
    }
}

static DATE_WORDS: LazyLock<Vec<DateWord>> = LazyLock::new(|| {
    let years = RELATIVE_YEARS
        .iter()
        .map(|&(w, offset)| DateWord::Relative(w, offset, true));
    let months = RELATIVE_MONTHS
        .iter()
        .map(|&(w, offset)| DateWord::Relative(w, offset, false));
    years
        .chain(months)
        .chain(HALF_YEARS.iter().map(DateWord::HalfYear))
        .chain(RELATIVE_DAYS.iter().map(DateWord::Day))
        .chain(DATELINE_WORDS.iter().map(DateWord::Dateline))
        .chain(QUARTER_WORDS.iter().map(DateWord::NamedQuarter))
        .chain([DateWord::YearToDate(YEAR_TO_DATE)])
        .chain(WEEK_WORDS.iter().map(|&w| DateWord::Week(w)))
        .chain(HOLIDAYS.iter().map(DateWord::Holiday))
        .collect()
});

/// Years and months named relative to the reference date, with no number:
/// 今年 (a date, the year), 今年以來 (a period up to the reference month),
/// 今年年初 and 年底 (its first or last month), 去年全年 and 明年度 (the
/// year), 上月 and 本月 (a month). Inside a longer figure (今年1至7月,
/// 去年12月) they go when figures that hold others are merged.
fn find_relative_dates(text: &str, words: &[(usize, &str, i32, bool)], today: Date) -> Vec<Figure> {
    let mut found = Vec::new();
    for &(at, word, offset, is_year) in words {
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
                let value = format!(
                    "{}/{}",
                    month_iso(year, first),
                    month_iso(today.year, today.month)
                );
                (FigureKind::Period, word_end + since.len(), value)
            } else if let Some(month) = month {
                (FigureKind::Date, word_end, month_iso(year, month))
            } else if let Some((edge, month)) = starts_with_any(after, YEAR_EDGES) {
                (
                    FigureKind::Date,
                    word_end + edge.len(),
                    month_iso(year, month),
                )
            } else {
                let whole = ["全年", "度"].iter().find(|w| after.starts_with(**w));
                let end = word_end + whole.map_or(0, |w| w.len());
                (FigureKind::Date, end, format!("{year:04}"))
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
    ("末", 12),
];

/// A half year's word, its first and last months, and whether it needs a
/// year before it.
type HalfYear = (&'static str, u32, u32, bool);

/// Half years, their first and last months, and whether they need a year
/// before them (2025年半年度; 半年度 alone is a kind of report).
const HALF_YEARS: &[HalfYear] = &[
    ("上半年", 1, 6, false),
    ("下半年", 7, 12, false),
    ("半年度", 1, 6, true),
];

/// Half years, which carry no number: 上半年, 今年下半年, 2025年半年度.
fn find_half_years(
    text: &str,
    words: &[(usize, &HalfYear)],
    today: Date,
    region: Region,
) -> Vec<Figure> {
    let mut found = Vec::new();
    for &(at, &(word, first, last, needs_year)) in words {
        // 半年度 after 上/下 is 上半年度, read as 上半年.
        if needs_year && text[..at].ends_with(['上', '下']) {
            continue;
        }
        let (year, year_len) = match year_before(&text[..at], today, region) {
            Some(year) => year,
            None if needs_year => continue,
            None => (undated_year(text, at, first, today), 0),
        };
        found.push(iso(
            FigureKind::Period,
            at - year_len..at + word.len(),
            months_of(year, first, last),
        ));
    }
    found
}

/// Days named relative to the reference date: 今日, 昨天, 昨晚. A word
/// that holds one (今日頭條) is a word of the segmentation, and figures
/// inside longer words go later.
const RELATIVE_DAYS: &[(&str, i64)] = &[
    ("今日", 0),
    ("今天", 0),
    ("今晨", 0),
    ("今早", 0),
    ("今晚", 0),
    ("昨日", -1),
    ("昨天", -1),
    ("昨晚", -1),
    ("前天", -2),
    ("明日", 1),
    ("明天", 1),
];

/// What makes a relative day the start of a name: 今日頭條, 明日之星.
const NAMES_AFTER_DAYS: &[&str] = &["头条", "之"];

fn find_relative_days(text: &str, words: &[(usize, &(&str, i64))], today: Date) -> Vec<Figure> {
    words
        .iter()
        .filter(|(at, (word, _))| {
            let after = &text[at + word.len()..];
            !NAMES_AFTER_DAYS.iter().any(|w| after.starts_with(w))
        })
        .filter_map(|&(at, &(word, offset))| {
            let date = today.add_days(offset)?;
            Some(iso(FigureKind::Date, at..at + word.len(), date.to_string()))
        })
        .collect()
}

/// The words that open a dateline, and the day each names.
const DATELINE_WORDS: &[(&str, i64)] = &[("今(", 0), ("昨(", -1), ("明(", 1)];

/// Taiwan datelines: 今（9）日, 昨（22）日, 明（3）日 (the view folds the
/// brackets to ASCII). The day in brackets is the day the word names; it is
/// sought in the reference month, or the month before or after when the
/// word says so (昨（31）日 on the 1st).
fn find_datelines(text: &str, words: &[(usize, &(&str, i64))], today: Date) -> Vec<Figure> {
    let mut found = Vec::new();
    for &(at, &(word, offset)) in words {
        let rest = &text[at + word.len()..];
        let Some((day, digits)) = ascii_number(rest.trim_start_matches(' ')) else {
            continue;
        };
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let tail = rest[spaces + digits..].trim_start_matches(' ');
        let Some(after) = tail.strip_prefix(")日") else {
            continue;
        };
        let Some(named) = today.add_days(offset) else {
            continue;
        };
        let date = [0, -1, 1]
            .iter()
            .filter_map(|&shift| {
                let (year, month) = month_from(named, shift);
                Date::new(year, month, day)
            })
            .min_by_key(|d| d.days_until(named).abs())
            .filter(|d| d.days_until(named).abs() <= 7);
        if let Some(date) = date {
            let end = text.len() - after.len();
            found.push(iso(FigureKind::Date, at..end, date.to_string()));
        }
    }
    found
}

/// The ASCII digits at the start of `text` (at most four) and their count.
fn ascii_number(text: &str) -> Option<(u32, usize)> {
    let count = text.bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 || count > 4 {
        return None;
    }
    Some((text[..count].parse().ok()?, count))
}

/// Dates in digits with slashes, dots or dashes: 2025/08/29, 2025.8.29,
/// 2025-08-29, and the month 2025/8. Not a version (1.2.3.4), not a fiscal
/// year (2025/26年度), not a decimal (2025.8).
fn find_numeric_dates(text: &str) -> Vec<Figure> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // Where the last date found ends: none starts inside it.
    let mut covered = 0;
    // Every such date has a separator right after its four-digit year: the
    // search goes from the separators back, not through every character.
    for (separator, _) in bytes
        .iter()
        .enumerate()
        .filter(|&(_, b)| matches!(b, b'/' | b'.' | b'-'))
    {
        let Some(start) = separator.checked_sub(4) else {
            continue;
        };
        let year_alone = bytes[start..separator].iter().all(u8::is_ascii_digit)
            && (start == 0 || !matches!(bytes[start - 1], b'0'..=b'9' | b'.' | b'/' | b'-'));
        if !year_alone || start < covered {
            continue;
        }
        if let Some((figure, end)) = numeric_date_at(text, start) {
            found.push(figure);
            covered = end;
        }
    }
    found
}

fn numeric_date_at(text: &str, at: usize) -> Option<(Figure, usize)> {
    let rest = &text[at..];
    let (year, 4) = ascii_number(rest)? else {
        return None;
    };
    let separator = rest[4..]
        .chars()
        .next()
        .filter(|c| matches!(c, '/' | '.' | '-'))?;
    let (month, month_digits) = ascii_number(&rest[5..]).filter(|(_, n)| *n <= 2)?;
    let after_month = &rest[5 + month_digits..];
    let (day, end) = match after_month.strip_prefix(separator).map(ascii_number) {
        Some(Some((day, n))) if n <= 2 => (Some(day), 5 + month_digits + 1 + n),
        _ => (None, 5 + month_digits),
    };
    let tail = &rest[end..];
    let continues = tail.starts_with(|c: char| c.is_ascii_digit())
        || tail.len() > 1
            && tail.starts_with(['/', '.', '-'])
            && tail.as_bytes()[1].is_ascii_digit();
    if continues || !(1900..2100).contains(&year) {
        return None;
    }
    let value = match day {
        Some(day) => Date::new(year as i32, month, day)?.to_string(),
        // 2025/8 is a month; 2025.8 a decimal, 2025-26 and 2025/26年度
        // fiscal years.
        None if separator == '/'
            && (1..=12).contains(&month)
            && !tail.starts_with(['年', '财']) =>
        {
            month_iso(year as i32, month)
        }
        None => return None,
    };
    Some((iso(FigureKind::Date, at..at + end, value), at + end))
}

/// The first and last month of quarter `quarter` of `year`.
fn quarter_of(year: i32, quarter: u32) -> String {
    months_of(year, quarter * 3 - 2, quarter * 3)
}

/// Whether an ASCII byte belongs to a word of letters and digits.
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Quarters in letters: Q4, 2025年Q4, 2025Q4, 4Q25.
fn find_letter_quarters(text: &str, today: Date, region: Region) -> Vec<Figure> {
    text.match_indices('Q')
        .filter_map(|(at, _)| {
            quarter_then_year(text, at).or_else(|| year_then_quarter(text, at, today, region))
        })
        .collect()
}

/// 4Q25: the quarter, Q, then the year's last two digits.
fn quarter_then_year(text: &str, at: usize) -> Option<Figure> {
    let bytes = text.as_bytes();
    let start = at.checked_sub(1)?;
    let quarter = u32::from(bytes[start]).checked_sub(u32::from(b'0'))?;
    let end = at + 3;
    let year: i32 = text.get(at + 1..end)?.parse().ok()?;
    let alone = (start == 0 || !is_ascii_word(bytes[start - 1]))
        && !bytes.get(end).is_some_and(|b| is_ascii_word(*b));
    ((1..=4).contains(&quarter) && text[at + 1..end].bytes().all(|b| b.is_ascii_digit()) && alone)
        .then(|| {
            iso(
                FigureKind::Period,
                start..end,
                quarter_of(2000 + year, quarter),
            )
        })
}

/// Q4, 2025Q4, 2025年Q4, 今年Q4: the year before Q, if any.
fn year_then_quarter(text: &str, at: usize, today: Date, region: Region) -> Option<Figure> {
    let bytes = text.as_bytes();
    let quarter = match bytes.get(at + 1) {
        Some(q @ b'1'..=b'4') => u32::from(q - b'0'),
        _ => return None,
    };
    let end = at + 2;
    if bytes.get(end).is_some_and(|b| is_ascii_word(*b)) {
        return None;
    }
    let head = &text[..at];
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (start, year) = match digits {
        4 if head.len() == 4 || !is_ascii_word(bytes[at - 5]) => {
            (at - 4, head[at - 4..].parse().ok()?)
        }
        0 if at == 0 || !is_ascii_word(bytes[at - 1]) => match year_before(head, today, region) {
            Some((year, len)) => (at - len, year),
            None => (at, undated_year(text, at, quarter * 3 - 2, today)),
        },
        _ => return None,
    };
    Some(iso(
        FigureKind::Period,
        start..end,
        quarter_of(year, quarter),
    ))
}

/// Quarters named without a number, and which: the first, or the
/// reference date's (None).
const QUARTER_WORDS: &[(&str, Option<u32>)] = &[
    ("首季度", Some(1)),
    ("首季", Some(1)),
    ("本季度", None),
    ("本季", None),
];

/// Quarters named without a number: 首季 (the first), 本季 (the reference
/// date's).
fn find_named_quarters(
    text: &str,
    words: &[(usize, &(&str, Option<u32>))],
    today: Date,
    region: Region,
) -> Vec<Figure> {
    let mut found = Vec::new();
    for &(at, &(word, quarter)) in words {
        // 首季 inside 首季度 is found twice.
        if word.ends_with('季') && text[at + word.len()..].starts_with('度') {
            continue;
        }
        let current = (today.month - 1) / 3 + 1;
        let (year, year_len) = match year_before(&text[..at], today, region) {
            Some(year) => year,
            None => (today.year, 0),
        };
        found.push(iso(
            FigureKind::Period,
            at - year_len..at + word.len(),
            quarter_of(year, quarter.unwrap_or(current)),
        ));
    }
    found
}

/// A year in four digits, Arabic (2025) or Chinese (二零二五), or its last
/// two (26, 二六), at the start of `text`: the value, the bytes, the digits.
fn digit_year(text: &str) -> Option<(i32, usize, usize)> {
    let mut value = 0;
    let mut len = 0;
    let mut count = 0;
    for c in text.chars().take(5) {
        let Some(d) = numbers::digit(c).filter(|_| !matches!(c, '两' | '兩' | '倆' | '俩' | '幺'))
        else {
            break;
        };
        value = value * 10 + i32::from(d);
        len += c.len_utf8();
        count += 1;
    }
    matches!(count, 2 | 4).then_some((value, len, count))
}

/// Where the digits that end at `end` begin, if they are four, with no
/// digit before them: where a year may start.
fn four_digits_before(text: &str, end: usize) -> Option<usize> {
    let mut digits = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| numbers::digit(c).is_some());
    let start = digits.nth(3)?.0;
    digits.next().is_none().then_some(start)
}

/// Links between the two years of a fiscal year: 2025/26, 2025-26, 二零二五至二六.
const FISCAL_LINKS: &[char] = &['/', '-', '－', '至', '—'];

/// The names of a fiscal year after its two years.
const FISCAL_NAMES: &[&str] = &["财政年度", "年度", "财年"];

/// A fiscal year from April to March (Hong Kong's): 2025/26年度,
/// 2025-26財政年度, 二零二五至二六年度; its first year and byte length.
fn fiscal_year_at(text: &str) -> Option<(i32, usize)> {
    let (first, first_len, 4) = digit_year(text)? else {
        return None;
    };
    let rest = &text[first_len..];
    let link = FISCAL_LINKS.iter().find(|&&l| rest.starts_with(l))?;
    let rest = &rest[link.len_utf8()..];
    let (second, second_len, digits) = digit_year(rest)?;
    let follows = if digits == 4 {
        second == first + 1
    } else {
        second == (first + 1) % 100
    };
    let rest = &rest[second_len..];
    let name = FISCAL_NAMES.iter().find(|n| rest.starts_with(**n))?;
    follows.then_some((first, text.len() - rest.len() + name.len()))
}

/// Fiscal years from April to March, and periods of them
/// (2025/26年度至2029/30年度).
fn find_fiscal_years(text: &str) -> Vec<Figure> {
    let mut found = Vec::new();
    // Where the last fiscal year found ends: none starts inside it.
    let mut covered = 0;
    // Every fiscal year has a link right after its first year: the search
    // goes from the links back to where the digits before one begin, not
    // through every character.
    let mut links: Vec<usize> = FISCAL_LINKS
        .iter()
        .flat_map(|&l| text.match_indices(l).map(|(at, _)| at))
        .collect();
    links.sort_unstable();
    for link in links {
        let Some(at) = four_digits_before(text, link).filter(|&at| at >= covered) else {
            continue;
        };
        let Some((first, len)) = fiscal_year_at(&text[at..]) else {
            continue;
        };
        let mut end = at + len;
        let mut last = first;
        if let Some(link) = PERIOD_LINKS.iter().find(|l| text[end..].starts_with(**l)) {
            if let Some((to, len)) = fiscal_year_at(&text[end + link.len()..]) {
                if to >= first {
                    last = to;
                    end += link.len() + len;
                }
            }
        }
        found.push(iso(
            FigureKind::Period,
            at..end,
            format!("{}/{}", month_iso(first, 4), month_iso(last + 1, 3)),
        ));
        covered = end;
    }
    found
}

const YEAR_TO_DATE: &str = "年初至今";

/// 年初至今: from the first day of the year to the reference date, and with
/// its year written (今年年初至今, 2025年初至今).
fn find_years_to_date(text: &str, words: &[usize], today: Date, region: Region) -> Vec<Figure> {
    let mut found = Vec::new();
    for &at in words {
        // 今年初至今 and 2025年初至今 share the 年; 今年年初至今 does not.
        let head = &text[..at + '年'.len_utf8()];
        let named = year_before(head, today, region)
            .map(|(year, len)| (year, head.len() - len))
            .or_else(|| year_before(&text[..at], today, region).map(|(y, len)| (y, at - len)));
        let (year, start) = named.unwrap_or((today.year, at));
        if year > today.year {
            continue;
        }
        found.push(iso(
            FigureKind::Period,
            start..at + YEAR_TO_DATE.len(),
            format!("{year:04}-01-01/{today}"),
        ));
    }
    found
}

/// The names of the days of the week after 星期, 禮拜 or 周.
const WEEKDAYS: &[(char, u32)] = &[
    ('一', 1),
    ('二', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('日', 7),
    ('天', 7),
];

/// The words before the name of a weekday.
const WEEK_WORDS: &[&str] = &["星期", "礼拜", "周"];

/// Weekdays: 星期三, 周三 (the view writes 週 as 周), 下周三. A weekday
/// alone is the last such day on or before the reference date; 本周,
/// 上周 and 下周 name the week (weeks start on Monday).
fn find_weekdays(text: &str, words: &[(usize, &str)], today: Date) -> Vec<Figure> {
    const WEEKS: &[(&str, i64)] = &[("本", 0), ("这", 0), ("上", -1), ("下", 1)];
    let mut found = Vec::new();
    for &(at, word) in words {
        let after = &text[at + word.len()..];
        let Some((name, weekday)) = WEEKDAYS.iter().find(|(c, _)| after.starts_with(*c)) else {
            continue;
        };
        let end = at + word.len() + name.len_utf8();
        // 周天 is no weekday; 每周三 is every Wednesday; 一周三次 a count.
        let head = &text[..at];
        if word == "周" && *name == '天'
            || head.ends_with(['每', '隔'])
            || head.ends_with(|c: char| numbers::digit(c).is_some())
            || text[end..].starts_with(|c: char| numbers::digit(c).is_some() || c == '次')
        {
            continue;
        }
        let today_weekday = i64::from(today.weekday());
        let weekday = i64::from(*weekday);
        let (start, offset) = match ends_with_any(head, WEEKS) {
            Some((prefix, week)) => (at - prefix.len(), week * 7 + weekday - today_weekday),
            None if weekday <= today_weekday => (at, weekday - today_weekday),
            None => (at, weekday - today_weekday - 7),
        };
        if let Some(date) = today.add_days(offset) {
            found.push(iso(FigureKind::Date, start..end, date.to_string()));
        }
    }
    found
}

/// Words after a holiday that make it a time (元旦假期, 国庆期间, 五一前),
/// not a name (國慶演說).
const HOLIDAY_TIMES: &[&str] = &[
    "节",
    "劳动节",
    "假期",
    "假日",
    "长假",
    "小长假",
    "黄金周",
    "期间",
    "当天",
    "当日",
    "前",
    "后",
    "起",
    "以来",
    "档",
];

/// Holidays on a fixed day: 元旦, 五一, 國慶.
const HOLIDAYS: &[(&str, u32, u32)] = &[
    ("元旦", 1, 1),
    ("五一", 5, 1),
    ("国庆节", 10, 1),
    ("国庆", 10, 1),
];

/// Holidays on a fixed day named as a time (元旦假期, 国庆节前), in the
/// year written before them or the reference year: 元旦, 明年元旦, 五一,
/// 国庆.
fn find_holidays(
    text: &str,
    words: &[(usize, &(&str, u32, u32))],
    today: Date,
    region: Region,
) -> Vec<Figure> {
    let mut found = Vec::new();
    for &(at, &(word, month, day)) in words {
        let end = at + word.len();
        // 国庆 inside 国庆节; 十五一: digits of a longer numeral.
        let as_time = HOLIDAY_TIMES.iter().any(|w| text[end..].starts_with(w));
        if word == "国庆" && text[end..].starts_with('节')
            || text[..at].ends_with(|c: char| numbers::digit(c).is_some() || c == '十')
            || !as_time
        {
            continue;
        }
        let (year, year_len) = year_before(&text[..at], today, region).unwrap_or((today.year, 0));
        if let Some(date) = Date::new(year, month, day) {
            found.push(iso(FigureKind::Date, at - year_len..end, date.to_string()));
        }
    }
    found
}

/// Quarters: 第一季度, 一季度, 第3季, 首三季, and the months up to one
/// (前三季度). A number before 季 with no marker and no year is a count of
/// quarters (連續3季), not a quarter; 季度 always is one (二季度).
pub(super) fn read_quarter(
    text: &str,
    numbers: &[Number],
    i: usize,
    today: Date,
    region: Region,
    out: &mut Vec<Figure>,
) -> Option<usize> {
    let n = &numbers[i];
    let after = &text[n.range.end..];
    let q = ["季度", "季"].iter().find(|q| after.starts_with(**q))?;
    let quarter = n.value.to_f64();
    if !(1.0..=4.0).contains(&quarter) || quarter.fract() != 0.0 {
        return None;
    }
    let quarter = quarter as u32;
    let marker = ["前", "第", "首"]
        .iter()
        .find(|m| text[..n.range.start].ends_with(**m))
        .copied();
    let mut start = n.range.start - marker.map_or(0, str::len);
    let cumulative = matches!(marker, Some("前" | "首"));
    let last = quarter * 3;
    let first = if cumulative { 1 } else { last - 2 };
    let year = match year_before(&text[..start], today, region) {
        Some((year, len)) => {
            start -= len;
            year
        }
        None if marker.is_none() && *q == "季" => return None,
        None => undated_year(text, start, if cumulative { last } else { first }, today),
    };
    out.push(iso(
        FigureKind::Period,
        start..n.range.end + q.len(),
        months_of(year, first, last),
    ));
    Some(1)
}

/// A date as written: its year, and its month and day if written.
#[derive(Clone, Copy)]
struct Written {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl Written {
    fn iso(self) -> String {
        match (self.month, self.day) {
            (Some(month), Some(day)) => format!("{}-{day:02}", month_iso(self.year, month)),
            (Some(month), None) => month_iso(self.year, month),
            _ => format!("{:04}", self.year),
        }
    }
}

/// The whole number of `n` if it lies in `range`.
fn whole_in(n: &Number, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    let v = n.value.to_f64();
    (v.fract() == 0.0 && v >= 0.0 && v <= f64::from(*range.end()))
        .then_some(v as u32)
        .filter(|v| range.contains(v))
}

/// Markers of a day after its number.
const DAY_MARKERS: &[&str] = &["日", "號", "号"];

/// The day written at `numbers[j]`, right at `at`, in `year`-`month`: its
/// value and where it ends. The marker 日 may be left out before the link
/// of a period (1月3至2月10) or at its end.
fn day_at(
    text: &str,
    numbers: &[Number],
    j: usize,
    at: usize,
    year: i32,
    month: u32,
    bare: bool,
) -> Option<(u32, usize)> {
    let d = numbers.get(j).filter(|d| d.range.start == at)?;
    let day = whole_in(d, 1..=31)?;
    let after = &text[d.range.end..];
    let end = match DAY_MARKERS.iter().find(|m| after.starts_with(**m)) {
        Some(marker) => d.range.end + marker.len(),
        None if bare && d.arabic => d.range.end,
        None => return None,
    };
    Date::new(year, month, day)?;
    Some((day, end))
}

/// Two-digit years before a month (17年6月) are years; in Taiwan, those
/// from 60 up are ROC years (98年 is 2009).
fn short_year(value: u32, today: Date, region: Region) -> i32 {
    let value = value as i32;
    if region == Region::Tw && value >= 60 {
        roc_year(value)
    } else if 2000 + value <= today.year + 10 {
        2000 + value
    } else {
        1900 + value
    }
}

/// The written year at `numbers[i]` (2024年, 民國114年, in Taiwan 114年,
/// 17年 before a month): the year, the start of the span, the end of 年.
fn year_at(
    text: &str,
    numbers: &[Number],
    i: usize,
    today: Date,
    region: Region,
) -> Option<(i32, usize, usize)> {
    let n = &numbers[i];
    if !text[n.range.end..].starts_with('年') {
        return None;
    }
    let end = n.range.end + '年'.len_utf8();
    let value = whole_in(n, 0..=9999)?;
    let digits = text[n.range.clone()]
        .chars()
        .filter(|c| numbers::digit(*c).is_some())
        .count();
    let head = &text[..n.range.start];
    if let Some((era, ())) = ends_with_any(head, ROC_ERA) {
        return (1..200)
            .contains(&value)
            .then(|| (roc_year(value as i32), n.range.start - era.len(), end));
    }
    let month_follows = numbers
        .get(i + 1)
        .is_some_and(|m| m.range.start == end && text[m.range.end..].starts_with('月'));
    let year = match digits {
        4 if (1000..3000).contains(&value) => value as i32,
        3 if region == Region::Tw && n.arabic && (100..200).contains(&value) => {
            roc_year(value as i32)
        }
        // 09年; 17年6月.
        2 if n.arabic && (text[n.range.clone()].starts_with('0') || month_follows) => {
            short_year(value, today, region)
        }
        _ => return None,
    };
    Some((year, n.range.start, end))
}

/// Dates: 2024年11月, 9月2日, 去年12月, 2021年, 10月底, 民國114年, 114年度,
/// 113年全年, 9月份; periods: 2017年8月至11月, 10月1日至8日, 8月下旬,
/// 前11月, 首8個月, 截至2025年6月30日止六個月.
pub(super) fn read_date(
    text: &str,
    numbers: &[Number],
    i: usize,
    today: Date,
    region: Region,
    out: &mut Vec<Figure>,
) -> Option<usize> {
    let n = &numbers[i];
    if let Some((year, start, end)) = year_at(text, numbers, i, today, region) {
        let month = numbers
            .get(i + 1)
            .filter(|m| m.range.start == end && text[m.range.end..].starts_with('月'))
            .and_then(|m| whole_in(m, 1..=12));
        if let Some(month) = month {
            return Some(
                1 + read_month_on(text, numbers, i + 1, start, year, month, today, region, out),
            );
        }
        let after = &text[end..];
        let (end, value) = if let Some((edge, month)) = starts_with_any(after, YEAR_EDGES)
            .filter(|(edge, _)| !edge.starts_with('年') && !after[edge.len()..].starts_with("至今"))
        {
            (end + edge.len(), month_iso(year, month))
        } else {
            let whole = ["全年", "度"]
                .iter()
                .find(|w| after.starts_with(**w) && !after.starts_with("度过"));
            (end + whole.map_or(0, |w| w.len()), format!("{year:04}"))
        };
        out.push(iso(FigureKind::Date, start..end, value));
        return Some(1);
    }
    let after = &text[n.range.end..];
    let head = &text[..n.range.start];
    if let Some(month) = whole_in(n, 1..=12).filter(|_| after.starts_with('月')) {
        // 前11月, 今年前5月: the months from January.
        if let Some(marker) = ["前", "首"].iter().find(|m| head.ends_with(**m)) {
            let start = n.range.start - marker.len();
            let end = n.range.end + '月'.len_utf8();
            out.push(months_to_date(text, start..end, month, today, region));
            return Some(1);
        }
        let mut start = n.range.start;
        let year = if let Some((word, offset)) = ends_with_any(head, RELATIVE_YEARS) {
            start -= word.len();
            Some(today.year + offset)
        } else {
            None
        };
        let year = year.unwrap_or_else(|| undated_year(text, start, month, today));
        return Some(read_month_on(
            text, numbers, i, start, year, month, today, region, out,
        ));
    }
    // 首8個月, 今年前两个月 (前两个月 alone may be two months ago): the
    // months from January.
    if let Some(month) = whole_in(n, 1..=12) {
        let counted = ["个月", "個月"].iter().find(|w| after.starts_with(**w));
        let first = head.strip_suffix('首').or_else(|| {
            head.strip_suffix('前')
                .filter(|h| year_before(h, today, region).is_some())
        });
        if let (Some(word), Some(before)) = (counted, first) {
            let end = n.range.end + word.len();
            out.push(months_to_date(
                text,
                before.len()..end,
                month,
                today,
                region,
            ));
            return Some(1);
        }
    }
    let day = bare_day(text, n)?;
    // 15日 with no month: a month named before it (本月20日), the month of
    // the last date written with one (3月10日電 … 15日), else this month,
    // or last month when the day is still to come in a sentence that does
    // not speak of the future (news reports what happened).
    let mut start = n.range.start;
    let (year, month) = if let Some((word, offset)) = ends_with_any(head, RELATIVE_MONTHS) {
        start -= word.len();
        month_from(today, offset)
    } else if let Some(month) = month_of_last_day(text, out) {
        month
    } else {
        let past = day > today.day && !speaks_of_future(text, start);
        month_from(today, if past { -1 } else { 0 })
    };
    // A day the month does not have (30日 in February) is no date, nor a
    // number.
    if let Some(date) = Date::new(year, month, day) {
        let end = n.range.end + '日'.len_utf8();
        out.push(iso(FigureKind::Date, start..end, date.to_string()));
    }
    Some(1)
}

/// The months from January to `month` (前11月, 首8個月, 今年前5月)
/// written at `range`, marker included, and the year before it.
fn months_to_date(
    text: &str,
    range: std::ops::Range<usize>,
    month: u32,
    today: Date,
    region: Region,
) -> Figure {
    let (year, start) = match year_before(&text[..range.start], today, region) {
        Some((year, len)) => (year, range.start - len),
        None => (undated_year(text, range.start, month, today), range.start),
    };
    iso(
        FigureKind::Period,
        start..range.end,
        months_of(year, 1, month),
    )
}

/// The parts of a month: 上旬 (days 1–10), 中旬 (11–20), 下旬 (21 to the
/// end); None for the month's edges, which keep month precision (10月底).
const MONTH_PARTS: &[(&str, Option<(u32, u32)>)] = &[
    ("上旬", Some((1, 10))),
    ("中旬", Some((11, 20))),
    ("下旬", Some((21, 31))),
    ("底", None),
    ("末", None),
    ("初", None),
    ("份", None),
];

/// Reads the month `month` of `year` written at `numbers[j]` (with its
/// day, part or period after it), the figure starting at `start`; returns
/// the numbers used from `j` on.
#[allow(clippy::too_many_arguments)]
fn read_month_on(
    text: &str,
    numbers: &[Number],
    j: usize,
    start: usize,
    year: i32,
    month: u32,
    today: Date,
    region: Region,
    out: &mut Vec<Figure>,
) -> usize {
    let m = &numbers[j];
    let mut end = m.range.end + '月'.len_utf8();
    let mut used = 1;
    let mut date = Written {
        year,
        month: Some(month),
        day: None,
    };
    let before_link = |at: usize| PERIOD_LINKS.iter().any(|l| text[at..].starts_with(l));
    let day_end = numbers
        .get(j + 1)
        .map(|d| d.range.end)
        .filter(|&at| before_link(at));
    if let Some((day, day_end)) = day_at(text, numbers, j + 1, end, year, month, day_end.is_some())
    {
        date.day = Some(day);
        end = day_end;
        used += 1;
        // 截至2025年6月30日止六個月: the months up to that day.
        if let Some(figure) = months_ended(text, numbers, j + 2, start, end, date) {
            out.push(figure);
            return used + 1;
        }
    } else if let Some((part, days)) = starts_with_any(&text[end..], MONTH_PARTS) {
        end += part.len();
        if let Some((first, last)) = days {
            let last = last.min(days_in_month(year, month).unwrap_or(28));
            out.push(iso(
                FigureKind::Period,
                start..end,
                format!("{0}-{first:02}/{0}-{last:02}", month_iso(year, month)),
            ));
            return used;
        }
    }
    if let Some((to, to_used, to_end)) =
        period_end(text, numbers, j + used, end, date, today, region)
    {
        out.push(iso(
            FigureKind::Period,
            start..to_end,
            format!("{}/{}", date.iso(), to.iso()),
        ));
        return used + to_used;
    }
    out.push(iso(FigureKind::Date, start..end, date.iso()));
    used
}

/// The end of a period after the date `from` that ends at `at`: the link,
/// then a date that inherits what it leaves out from `from` (2017年8月至11月,
/// 10月1日至8日, 1月3至2月10); it must not lie before `from`. Returns it,
/// the numbers it used and its end.
fn period_end(
    text: &str,
    numbers: &[Number],
    j: usize,
    at: usize,
    from: Written,
    today: Date,
    region: Region,
) -> Option<(Written, usize, usize)> {
    let link = PERIOD_LINKS.iter().find(|l| text[at..].starts_with(**l))?;
    let at = at + link.len();
    let first = numbers.get(j).filter(|n| n.range.start == at)?;
    let after = &text[first.range.end..];
    let (to, used, end) = if after.starts_with('年') {
        // 2024年8月至2025年3月.
        let (year, _, year_end) = year_at(text, numbers, j, today, region)?;
        let m = numbers.get(j + 1).filter(|m| m.range.start == year_end)?;
        let month = whole_in(m, 1..=12).filter(|_| text[m.range.end..].starts_with('月'))?;
        let month_end = m.range.end + '月'.len_utf8();
        let to = Written {
            year,
            month: Some(month),
            day: None,
        };
        match from.day {
            Some(_) => {
                let (day, end) = day_at(text, numbers, j + 2, month_end, year, month, true)?;
                (
                    Written {
                        day: Some(day),
                        ..to
                    },
                    3,
                    end,
                )
            }
            None => (to, 2, month_end),
        }
    } else if after.starts_with('月') {
        let month = whole_in(first, 1..=12)?;
        let month_end = first.range.end + '月'.len_utf8();
        let to = Written {
            year: from.year,
            month: Some(month),
            day: None,
        };
        match from.day {
            Some(_) => {
                let (day, end) = day_at(text, numbers, j + 1, month_end, from.year, month, true)?;
                (
                    Written {
                        day: Some(day),
                        ..to
                    },
                    2,
                    end,
                )
            }
            None => {
                let month_end = month_end
                    + if text[month_end..].starts_with('份') {
                        3
                    } else {
                        0
                    };
                (to, 1, month_end)
            }
        }
    } else {
        // 10月1日至8日: a day of the same month.
        let month = from.month?;
        from.day?;
        let (day, end) = day_at(text, numbers, j, at, from.year, month, true)?;
        (
            Written {
                day: Some(day),
                ..from
            },
            1,
            end,
        )
    };
    (to.iso() >= from.iso()).then_some((to, used, end))
}

/// 截至2025年6月30日止六個月 (the months up to that day) and
/// 截至2025年6月30日止年度 (the twelve months): the period, if `end` is
/// followed by 止 and such a length.
fn months_ended(
    text: &str,
    numbers: &[Number],
    j: usize,
    start: usize,
    end: usize,
    date: Written,
) -> Option<Figure> {
    let head = &text[..start];
    let month = date.month?;
    let opened = ["截至", "截止"].iter().find(|w| head.ends_with(**w))?;
    let after = text[end..].strip_prefix('止')?;
    let at = end + '止'.len_utf8();
    let (count, stop) = if let Some(year) = ["年度", "财政年度", "全年"]
        .iter()
        .find(|w| after.starts_with(**w))
    {
        (12, at + year.len())
    } else {
        let n = numbers.get(j).filter(|n| n.range.start == at)?;
        let count = whole_in(n, 1..=12)?;
        let word = ["个月", "個月"]
            .iter()
            .find(|w| text[n.range.end..].starts_with(**w))?;
        (count, n.range.end + word.len())
    };
    let (first_year, first_month) = month_from(Date::new(date.year, month, 1)?, 1 - count as i32);
    Some(iso(
        FigureKind::Period,
        start - opened.len()..stop,
        format!(
            "{}/{}",
            month_iso(first_year, first_month),
            month_iso(date.year, month)
        ),
    ))
}

/// A period of months given by the figure read from the second number of a
/// range (1至7月, 今年1-7月, 去年1至7月): `first` is its first month.
pub(super) fn widen_to_period(
    text: &str,
    first: &Number,
    high: &Figure,
    today: Date,
    region: Region,
) -> Option<Figure> {
    let (FigureKind::Date, Value::Iso(end)) = (&high.kind, &high.value) else {
        return None;
    };
    let (year, last) = end.split_once('-')?;
    let last: u32 = last.parse().ok()?;
    let first_month = whole_in(first, 1..=12).filter(|m| *m <= last)?;
    let head = &text[..first.range.start];
    // 1月3至5日: the 3 is a day, not a month.
    if head.ends_with('月') {
        return None;
    }
    let (year, start) = match year_before(head, today, region) {
        Some((year, len)) => (year, head.len() - len),
        None => (year.parse().ok()?, head.len()),
    };
    Some(iso(
        FigureKind::Period,
        start..high.range.end,
        months_of(year, first_month, last),
    ))
}

/// How many figures back a day written alone looks for the date that sets
/// its month: a text of thousands of bare days and no month (a table) was
/// searched whole for each.
const LAST_DAY_REACH: usize = 200;

/// The year and month of the last date written with its month and day
/// before: a dateline (新華社北京3月10日電) or the start of a range (3月10日至
/// 15日) sets the month of the days after it.
fn month_of_last_day(text: &str, out: &[Figure]) -> Option<(i32, u32)> {
    let date = out
        .iter()
        .rev()
        .take(LAST_DAY_REACH)
        .find_map(|f| match (&f.kind, &f.value) {
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
    whole_in(n, 1..=31).filter(|_| n.arabic && !counted)
}
