//! The second reading of percentages, discounts and percentage points, in
//! the clauses that can hold one (百分之十二, 七成六, 7 2 折, 个百分点).
//! Separate because it reads numbers with [`crate::numbers::scan`], which
//! keeps spaces inside them, not with the first pass.

use std::ops::Range;

use crate::numbers::{self, Found};
use crate::scan::find_words;

use super::words::{APPROX_AFTER, qualifier_before, starts_with_any};
use super::{Figure, FigureKind, keep_first_of_overlaps, number_figure};

fn skip_spaces(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\u{3000}']).len()
}

fn skip_spaces_back(text: &str, at: usize) -> usize {
    text[..at].trim_end_matches([' ', '\u{3000}']).len()
}

/// The words of `text` from `at` in order, spaces between them allowed: the
/// end of the last, or `None`.
fn spaced_words(text: &str, at: usize, words: &[&[char]]) -> Option<usize> {
    let mut at = at;
    for (i, choices) in words.iter().enumerate() {
        if i > 0 {
            at = skip_spaces(text, at);
        }
        let c = text[at..].chars().next().filter(|c| choices.contains(c))?;
        at += c.len_utf8();
    }
    Some(at)
}

/// `百分之`, `千分之`, `万分之` (spaces allowed) ending at `end`: where it
/// starts and the percent one part is worth (1, 0.1, 0.01).
fn per_before(text: &str, end: usize) -> Option<(usize, f64)> {
    let mut at = skip_spaces_back(text, end);
    let expect = |at: &mut usize, chars: &[char]| -> bool {
        let c = text[..*at].chars().next_back();
        if c.is_some_and(|c| chars.contains(&c)) {
            *at -= c.map_or(0, char::len_utf8);
            *at = skip_spaces_back(text, *at);
            true
        } else {
            false
        }
    };
    if !expect(&mut at, &['之']) || !expect(&mut at, &['分']) {
        return None;
    }
    // The denominator: units only (百, 千, 万, 百万, 万万); after a numeral
    // it is a fraction (五百分之二).
    let mut power = 0;
    let mut start = at;
    while let Some(c) = text[..start].chars().next_back() {
        match numbers::unit(c) {
            Some(p) if (2..=8).contains(&p) => {
                power += p;
                start -= c.len_utf8();
            }
            _ => break,
        }
    }
    if power == 0 || text[..start].ends_with(numbers::is_numeral) {
        return None;
    }
    Some((start, 100.0 / 10f64.powi(power)))
}

/// Whether the numeral `written` is two digits written one by one (三八,
/// 九 九, 75): the form of a discount of 75%.
fn two_digits(written: &str) -> bool {
    let digits: Vec<char> = written.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 2 && digits.iter().all(|&c| numbers::digit(c).is_some())
}

/// The clauses that can hold a percentage: one with %, 成 or 折 right
/// after a numeral (spaces between allowed), or 分之 (百分之十二) or 分点
/// (个百分点). Only they are scanned for numbers a second time; a clause
/// ends at Chinese punctuation or a line break, which no number spans.
fn percent_clauses(text: &str) -> Vec<Range<usize>> {
    let mut clauses = Vec::new();
    let (mut start, mut marked, mut previous) = (0, false, ' ');
    for (at, c) in text.char_indices() {
        if matches!(c, '，' | '。' | '；' | '！' | '？' | '\n') {
            if marked {
                clauses.push(start..at);
            }
            (start, marked) = (at + c.len_utf8(), false);
        } else if c != ' ' {
            marked |= match c {
                '%' | '成' | '折' => numbers::is_numeral(previous),
                '之' | '点' | '點' => previous == '分',
                _ => false,
            };
            previous = c;
        }
    }
    if marked {
        clauses.push(start..text.len());
    }
    clauses
}

pub(super) fn find_percents(text: &str) -> Vec<Figure> {
    let found: Vec<Found> = percent_clauses(text)
        .into_iter()
        .flat_map(|clause| {
            numbers::scan(&text[clause.clone()])
                .into_iter()
                .map(move |f| Found {
                    range: clause.start + f.range.start..clause.start + f.range.end,
                    ..f
                })
        })
        .collect();
    let mut out = Vec::new();
    let percent = |range: Range<usize>, value: f64, unit: &str| {
        number_figure(FigureKind::Percent, range, value, Some(unit))
    };
    for (i, n) in found.iter().enumerate() {
        let Found { range, value, .. } = n;
        let (start, end) = (range.start, range.end);
        let written = &text[range.clone()];
        if let Some((head, part)) = per_before(text, start) {
            out.push(percent(head..end, value * part, "%"));
            continue;
        }
        let after = skip_spaces(text, end);
        let rest = &text[after..];
        if rest.starts_with('%') && after == end {
            out.push(percent(
                start..end + rest.chars().next().map_or(0, char::len_utf8),
                *value,
                "%",
            ));
        } else if let Some(e) = spaced_words(
            text,
            after,
            &[&['个', '個'], &['百'], &['分'], &['点', '點']],
        )
        .or_else(|| spaced_words(text, after, &[&['百'], &['分'], &['点', '點']]))
        {
            out.push(percent(start..e, *value, "pp"));
        } else if rest.starts_with('成') && *value <= 10.0 && *value > 0.0 {
            let mut e = after + '成'.len_utf8();
            let mut v = value * 10.0;
            // 七成六, 七成 六: and six tenths; 三成半: and a half.
            let next_at = skip_spaces(text, e);
            let next = text[next_at..].chars().next();
            if next == Some('半') {
                e = next_at + '半'.len_utf8();
                v += 5.0;
            } else if let Some(d) = next
                .and_then(numbers::digit)
                .filter(|_| {
                    !text[next_at..]
                        .chars()
                        .nth(1)
                        .is_some_and(numbers::is_numeral)
                })
                .filter(|&d| d > 0)
            {
                e = next_at + next.map_or(0, char::len_utf8);
                v += f64::from(d);
            }
            out.push(percent(start..e, v, "%"));
        } else if rest.starts_with('折') {
            let e = after + '折'.len_utf8();
            // 7 2 折: two digits written apart.
            if let Some(prev) = i.checked_sub(1).map(|j| &found[j]) {
                let gap = &text[prev.range.end..start];
                if !gap.is_empty()
                    && gap.chars().all(|c| c == ' ')
                    && two_digits(&format!("{}{}", &text[prev.range.clone()], written))
                {
                    if out.last().is_some_and(|f| f.range.end > prev.range.start) {
                        out.pop();
                    }
                    out.push(percent(prev.range.start..e, prev.value * 10.0 + value, "%"));
                    continue;
                }
            }
            let v = if *value > 0.0 && *value < 10.0 {
                Some(value * 10.0)
            } else if two_digits(written) && value.fract() == 0.0 {
                Some(*value)
            } else {
                None
            };
            if let Some(v) = v {
                out.push(percent(start..e, v, "%"));
            }
        }
    }
    // 百分之百; 半成, 半折; 打对折.
    const WHOLE_WORDS: &[(&str, f64)] = &[
        ("百分之百", 100.0),
        ("百分之佰", 100.0),
        ("半成", 5.0),
        ("半折", 50.0),
        ("打对折", 50.0),
    ];
    for (at, &(word, value)) in find_words(text, WHOLE_WORDS, |e| e.0) {
        let end = at + word.len();
        if text[end..].starts_with(numbers::is_numeral) {
            continue;
        }
        let start = if word.starts_with('打') {
            at + '打'.len_utf8()
        } else {
            at
        };
        out.push(percent(start..end, value, "%"));
    }
    // 约九成五, 七成以上: the qualifiers around a percentage are its own.
    for f in &mut out {
        if let Some((start, approx)) = qualifier_before(text, f.range.start) {
            f.range.start = start;
            f.approx = Some(approx);
        }
        if let Some((word, approx)) = starts_with_any(&text[f.range.end..], APPROX_AFTER) {
            f.range.end += word.len();
            f.approx = Some(approx);
        }
    }
    out.sort_by_key(|f| f.range.start);
    keep_first_of_overlaps(&mut out);
    out
}
