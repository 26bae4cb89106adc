//! The first pass over the text: maximal runs of digits and numerals read
//! as [`Number`]s, before their meaning is decided. Separate because every
//! reading starts from its output; not to be confused with
//! [`crate::scan`], the one-pass word search.

use std::ops::Range;

use crate::numbers::{self, Decimal};

use super::words::{APPROX_BEFORE, ends_with_any, unit_at};

/// A number found in the text before its meaning is decided.
#[derive(Clone, Debug)]
pub(super) struct Number {
    pub(super) range: Range<usize>,
    pub(super) value: Decimal,
    /// Written with Arabic digits (any part).
    pub(super) arabic: bool,
    /// 多, 余 or 几 stands for a digit place (500多亿, 十几万): more than
    /// the value.
    pub(super) vague: bool,
}

/// Whether `c` stands for the digits of a place before the unit `next`:
/// 多 and 余 before 万 or 亿 (500多亿, 二百三十余万), 几 before any unit
/// (十几万, 三千四百五十几万).
fn is_vague_digit(c: char, next: Option<char>) -> bool {
    let power = next.and_then(numbers::unit).unwrap_or(0);
    match c {
        '多' | '余' | '餘' => power >= 4,
        '几' | '幾' => power >= 1,
        _ => false,
    }
}

pub(super) fn is_number_char(c: char) -> bool {
    numbers::may_be_numeral(c)
        && (numbers::digit(c).is_some() || numbers::unit(c).is_some() || matches!(c, '廿' | '卅'))
}

/// Maximal runs that read as numbers, with decimals and thousands
/// separators inside them.
pub(super) fn find_numbers(text: &str) -> Vec<Number> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_number_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            let next_is_digit = text[i + n.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|d| numbers::digit(d).is_some());
            let joins = is_number_char(n)
                || matches!(n, '.' | '点' | '點' | ',') && next_is_digit
                || is_vague_digit(n, text[i + n.len_utf8()..].chars().next())
                // 177.1 亿元: a space before 亿; 两个亿: 个 before 亿 or 万.
                || (n == ' ' && text[..i].ends_with(|c: char| c.is_ascii_digit())
                    || matches!(n, '个' | '個') && text[..i].ends_with(|c| numbers::digit(c).is_some()))
                    && text[i + n.len_utf8()..].starts_with(['亿', '億', '万', '萬']);
            if !joins {
                break;
            }
            end = i + n.len_utf8();
            chars.next();
        }
        let mut span = start..end;
        // 12千米, 五十兆字节: 千 and 兆 begin the unit (kilo-, mega-); 0.02百分点:
        // 百 begins the percentage point.
        if let Some(last) = text[span.clone()]
            .chars()
            .next_back()
            .filter(|_| end > start)
        {
            let at = end - last.len_utf8();
            let unit_prefix = matches!(last, '千' | '兆') && unit_at(&text[at..]).is_some()
                || text[at..].starts_with("百分点");
            if at > start && unit_prefix {
                span.end = at;
            }
        }
        // No Chinese numeral is longer than numbers' cap; cutting longer
        // runs keeps the shrinking below linear in the text.
        if let Some((cut, _)) = text[span.clone()]
            .char_indices()
            .filter(|(_, c)| !c.is_ascii_digit())
            .nth(numbers::MAX_RUN_CHARS)
        {
            span.end = start + cut;
        }
        // 零下5℃: 零 starts a sign, not a number.
        if &text[span.clone()] == "零" && text[end..].starts_with('下') {
            continue;
        }
        // A financial numeral alone is a word: 參 in 參加, 伍 in 隊伍.
        if text[span.clone()].chars().count() == 1 && numbers::is_financial(c) {
            continue;
        }
        // A run that starts with a bare unit is a word (千萬, 萬一), except
        // after a qualifier: 近千人, 超萬人.
        let first = text[span.clone()].chars().next().unwrap_or(' ');
        if numbers::unit(first).is_some_and(|p| p > 1) {
            if ends_with_any(&text[..start], APPROX_BEFORE).is_some()
                && end == start + first.len_utf8()
            {
                let value = numbers::parse(&format!("一{first}")).expect("一 and a unit");
                found.push(Number {
                    range: span,
                    value,
                    arabic: false,
                    vague: false,
                });
            }
            continue;
        }
        // The sign before the number: 負3%, 零下5℃, -2.
        let sign = ["零下", "负", "負", "-", "－", "−"]
            .iter()
            .find(|s| text[..start].ends_with(**s))
            .map_or(0, |s| s.len());
        // Trailing 十/百 of a run like 一百 stay; a trailing big unit of a
        // run is kept (218.8億).
        while !span.is_empty() {
            let written = &text[span.clone()];
            let vague = written.contains(['多', '余', '餘', '几', '幾']);
            let parsed = if vague || written.contains([' ', '个', '個']) {
                let loose: String = written
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '个' | '個' | '多' | '余' | '餘' | '几' | '幾'))
                    .collect();
                numbers::parse(&loose)
                    .filter(|_| !written.ends_with([' ', '个', '個', '多', '余', '餘', '几', '幾']))
            } else {
                numbers::parse(written)
            };
            if let Some(value) = parsed {
                let arabic = text[span.clone()].chars().any(|c| c.is_ascii_digit());
                let (range, value) = if sign > 0 && !numbers::is_range_dash(text, start - sign) {
                    (span.start - sign..span.end, value.negated())
                } else {
                    (span.clone(), value)
                };
                found.push(Number {
                    range,
                    value,
                    arabic,
                    vague,
                });
                break;
            }
            // Drop the last character and try again (三會: 三).
            let last = text[span.clone()]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            span.end -= last;
        }
    }
    found
}
