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

/// The numbers of the text, read by [`numbers::read_run`] as `numbers()`
/// reads them, with what only figures need: a vague digit place marked, a
/// unit's prefix left to the unit, words that begin with a numeral left
/// alone, and the sign before a number.
pub(super) fn find_numbers(text: &str) -> Vec<Number> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find(numbers::is_numeral) {
        let start = at + offset;
        let c = text[start..].chars().next().unwrap_or(' ');
        let mut end = numbers::run_end(text, start);
        at = end.max(start + c.len_utf8());
        // 12千米, 五十兆字节: 千 and 兆 begin the unit (kilo-, mega-); 0.02百分点:
        // 百 begins the percentage point.
        if let Some(last) = text[start..end].chars().next_back() {
            let last_at = end - last.len_utf8();
            let unit_prefix = matches!(last, '千' | '兆') && unit_at(&text[last_at..]).is_some()
                || text[last_at..].starts_with("百分点");
            if last_at > start && unit_prefix {
                end = last_at;
            }
        }
        // 零下5℃: 零 starts a sign, not a number, even after one (0000零下5).
        if text[start..end].ends_with('零') && text[end..].starts_with('下') {
            end -= '零'.len_utf8();
            if end == start {
                continue;
            }
        }
        // A financial numeral alone is a word: 參 in 參加, 伍 in 隊伍.
        if end == start + c.len_utf8() && numbers::is_financial(c) {
            continue;
        }
        // A run that starts with a bare unit is a word (千萬, 萬一), except
        // after a qualifier: 近千人, 超萬人.
        if numbers::unit(c).is_some_and(|p| p > 1) {
            if ends_with_any(&text[..start], APPROX_BEFORE).is_some() && end == start + c.len_utf8()
            {
                let value = numbers::parse(&format!("一{c}")).expect("一 and a unit");
                found.push(Number {
                    range: start..end,
                    value,
                    arabic: false,
                    vague: false,
                });
            }
            continue;
        }
        let Some((end, value)) = numbers::read_run(text, start, end) else {
            continue;
        };
        let written = &text[start..end];
        let vague = written.contains(['多', '余', '餘', '几', '幾']);
        let arabic = written.contains(|c: char| c.is_ascii_digit());
        // The sign before the number: 負3%, 零下5℃, -2.
        let sign = ["零下", "负", "負", "-", "－", "−"]
            .iter()
            .find(|s| text[..start].ends_with(**s))
            .map_or(0, |s| s.len());
        // A sign is never part of the number before it.
        let after_previous = found
            .last()
            .is_none_or(|p: &Number| p.range.end <= start - sign);
        let (range, value) =
            if sign > 0 && after_previous && !numbers::is_range_dash(text, start - sign) {
                (start - sign..end, value.negated())
            } else {
                (start..end, value)
            };
        found.push(Number {
            range,
            value,
            arabic,
            vague,
        });
    }
    found
}
