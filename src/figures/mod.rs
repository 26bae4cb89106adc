//! Figures in news text: money, percentages, quantities, bare numbers,
//! ordinals, dates and periods, each with its span, kind and normalized
//! value.
//!
//! A figure is a number with evidence that it measures something: a
//! currency, a percent sign, a measure word, a date marker, an ordinal 第.
//! Arabic digits are numbers on their own; Chinese numerals are figures only
//! with such evidence, because in running text they are mostly parts of
//! words (一些, 統一, 一方面) and slogans (三會一課, 一對一). On top of that,
//! three rules keep numerals that are not quantities out:
//! - a Chinese numeral inside a longer word of the segmentation (統一部署,
//!   一成不變) belongs to that word;
//! - numerals in a short quoted phrase without Arabic digits are a slogan
//!   (“兩個覆蓋”, “一窗受理”);
//! - 一 before a measure word is the indefinite article (一場勝仗); a count
//!   of one is written 1個.

mod dates;
mod exclusions;
mod forms;
mod money;
mod percent;
mod ranges;
mod scan;
mod words;

use std::cmp::Reverse;
use std::ops::Range;

use crate::date::Date;
use crate::document::Document;
use crate::numbers;
use crate::{Region, Token};

use self::dates::{find_date_words, read_date, read_quarter};
pub(crate) use self::exclusions::{
    clock_times, lone_numeral_of_amount, lone_numeral_word, numeral_in_word,
};
use self::exclusions::{drop_in_urls, is_article, is_code, is_excluded};
use self::forms::{
    SPEED_UNIT, is_duration_before, is_money_without_yuan, near_means_last, speed_start,
    unit_before, unit_in_context,
};
use self::money::{
    COUNTED_CURRENCIES, CURRENCIES, CURRENCY_PREFIXES, extend_money, kuai_as_yuan,
    localize_currency,
};
use self::percent::find_percents;
use self::ranges::{is_range_start, join_bounds, widen_range};
use self::scan::{Number, find_numbers};
use self::words::{
    APPROX_AFTER, APPROX_INSIDE, is_measure, liang_is_numeral, qualifier_before, unit_at,
};
pub(crate) use self::words::{ends_with_any, starts_with_any};

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// An amount of money; the unit is an ISO 4217 code (a ticker, BTC or
    /// ETH, for cryptocurrencies).
    Money,
    /// A percentage (unit `%`) or a change in percentage points (`pp`).
    Percent,
    /// A count or measure with its unit as written (個, 畝, 公里).
    Quantity,
    /// A bare number, or a multiple (1.1倍).
    Number,
    /// A rank: 第三.
    Ordinal,
    /// A calendar date at the precision written (2024, 2024-11, 2025-09-02).
    Date,
    /// An interval of months, `start/end` in ISO 8601 (2025-01/2025-07).
    Period,
}

impl FigureKind {
    /// The kind's name: `money`, `percent`, `quantity`, `number`,
    /// `ordinal`, `date` or `period`.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Quantity => "quantity",
            FigureKind::Number => "number",
            FigureKind::Ordinal => "ordinal",
            FigureKind::Date => "date",
            FigureKind::Period => "period",
        }
    }
}

/// How a qualifier bounds a figure's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Approx {
    /// 以上, 超, 逾, 余, 多, 突破, 至少, 大于: more than the value (or
    /// at least).
    Over,
    /// 近, 不到, 以下, 最多, 小于: less than the value (or at most).
    Under,
    /// 約, 左右, 大約: about the value.
    About,
}

impl Approx {
    /// `over`, `under` or `about`.
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Over => "over",
            Approx::Under => "under",
            Approx::About => "about",
        }
    }
}

/// A figure's normalized value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FigureValue<'a> {
    /// Money in currency units, a percentage, a quantity, a number or a rank.
    Number(f64),
    /// A date or period in ISO 8601.
    Iso(&'a str),
}

#[derive(Clone, Debug, PartialEq)]
enum Value {
    Number(f64),
    Iso(String),
}

/// A figure of the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    kind: FigureKind,
    range: Range<usize>,
    value: Value,
    unit: Option<String>,
    approx: Option<Approx>,
    bounds: Option<[f64; 2]>,
}

impl Figure {
    /// What the figure measures.
    pub fn kind(&self) -> FigureKind {
        self.kind
    }

    /// The figure's byte range in the input, qualifiers included (超200人).
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// The normalized value; for a range (3至5億元), its low end.
    pub fn value(&self) -> FigureValue<'_> {
        match &self.value {
            Value::Number(n) => FigureValue::Number(*n),
            Value::Iso(s) => FigureValue::Iso(s),
        }
    }

    /// The ISO 4217 code of money (the ticker of a cryptocurrency), `%` or
    /// `pp` of a percent, the unit of a quantity as written, `倍` of a
    /// multiple; `None` otherwise.
    pub fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }

    /// The qualifier's bound, if the text has one.
    pub fn approx(&self) -> Option<Approx> {
        self.approx
    }

    /// `[low, high]` of a range (3至5億元, 10%～20%, 3万元以上25万元以下,
    /// 20和30之间).
    pub fn bounds(&self) -> Option<[f64; 2]> {
        self.bounds
    }

    /// Moves the figure's range, read in the view, to the original text. A
    /// quantity's unit is spelled as written (個, not the view's 个): it is
    /// the last occurrence of the view's unit up to the figure's end.
    pub(crate) fn move_to_original(&mut self, document: &Document) {
        if let (FigureKind::Quantity, Some(unit)) = (self.kind, &self.unit) {
            if let Some(at) = document.view()[..self.range.end].rfind(unit.as_str()) {
                let written = document.to_original(at..at + unit.len());
                self.unit = Some(document.original()[written].to_string());
            }
        }
        self.range = document.to_original(self.range.clone());
    }
}

/// Finds the figures of `text`, resolving relative dates against `today`;
/// `tokens` is the text's segmentation.
pub(crate) fn find(text: &str, tokens: &[Token], today: Date, region: Region) -> Vec<Figure> {
    let numbers = find_numbers(text);
    let mut figures: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let consumed = read_figure(text, tokens, &numbers, i, today, region, &mut figures);
        i += consumed.max(1);
        // A figure's unit may be a numeral of its own (the 两 of 〇多两):
        // numbers inside a figure are no figures of their own.
        let end = figures.last().map_or(0, |f| f.range.end);
        while numbers.get(i).is_some_and(|n| n.range.start < end) {
            i += 1;
        }
    }
    figures.extend(find_date_words(text, today, region));
    figures.sort_by_key(|f| (f.range.start, Reverse(f.range.end)));
    // 2000年下半年 is one period, not also the date 2000年; 今年1至7月 not
    // also the year 今年.
    figures.dedup_by(|inner, outer| inner.range.end <= outer.range.end);
    join_bounds(text, &mut figures);
    merge_percents(&mut figures, find_percents(text));
    drop_in_urls(text, &mut figures);
    figures.retain(|f| !is_excluded(text, tokens, f));
    // Figures never overlap (metrics and the page rely on it): where two
    // readings still claim one word, the first keeps it.
    keep_first_of_overlaps(&mut figures);
    localize_currency(text, &mut figures, region);
    figures
}

/// Drops every figure that overlaps one before it in `figures` (sorted by
/// start): the first reading of a span wins.
fn keep_first_of_overlaps(figures: &mut Vec<Figure>) {
    let mut end = 0;
    figures.retain(|f| {
        let disjoint = f.range.start >= end;
        if disjoint {
            end = f.range.end;
        }
        disjoint
    });
}

/// Percentages, discounts and percentage points read from
/// [`numbers::scan`](crate::numbers::scan)'s numbers, which keep spaces
/// inside (陆 点 五 折, 一 百 五 十 个 百 分 点), fractions of a thousand
/// (千分之二) and k (百分之15k). They replace the figures of the first
/// reading they overlap, unless one of those holds them whole (不到10%,
/// 10%～20%).
fn merge_percents(figures: &mut Vec<Figure>, percents: Vec<Figure>) {
    if percents.is_empty() {
        return;
    }
    let overlapping = |figures: &[Figure], p: &Figure| {
        let first = figures.partition_point(|f| f.range.end <= p.range.start);
        first
            ..first
                + figures[first..]
                    .iter()
                    .take_while(|f| f.range.start < p.range.end)
                    .count()
    };
    let mut dropped = vec![false; figures.len()];
    let mut added = Vec::new();
    for p in percents {
        let range = overlapping(figures, &p);
        let held = figures[range.clone()]
            .iter()
            .any(|f| f.range.start <= p.range.start && p.range.end <= f.range.end);
        if !held {
            dropped[range].iter_mut().for_each(|d| *d = true);
            added.push(p);
        }
    }
    let mut i = 0;
    figures.retain(|_| {
        i += 1;
        !dropped[i - 1]
    });
    figures.extend(added);
    figures.sort_by_key(|f| f.range.start);
}

/// Reads the figure that starts with `numbers[i]`, if any; returns how many
/// numbers it used.
fn read_figure(
    text: &str,
    tokens: &[Token],
    numbers: &[Number],
    i: usize,
    today: Date,
    region: Region,
    out: &mut Vec<Figure>,
) -> usize {
    let n = &numbers[i];
    let before = &text[..n.range.start];
    let after = &text[n.range.end..];

    // A range: 3至5億元, 1至7月, 10%～20%. Its high end is read as a figure
    // of its own, which is not a range's start (1-2-3 is not nested).
    if is_range_start(text, numbers, i) && !is_range_start(text, numbers, i.wrapping_sub(1)) {
        let mut second = Vec::new();
        let used = read_figure(text, tokens, numbers, i + 1, today, region, &mut second);
        let widened = second
            .pop()
            .and_then(|high| widen_range(text, n, high, today, region));
        if let Some(f) = widened {
            out.push(f);
            return used + 1;
        }
    }

    // 第一季度, 一季度, 前三季度: quarters, and the months up to one.
    // 連續3季 is a length of time (forms), not the third quarter.
    if !is_duration_before(before) {
        if let Some(used) = read_quarter(text, numbers, i, today, region, out) {
            return used;
        }
    }

    // 第三: an ordinal.
    if before.ends_with('第') {
        let start = n.range.start - '第'.len_utf8();
        out.push(Figure {
            kind: FigureKind::Ordinal,
            range: start..n.range.end,
            value: Value::Number(n.value.to_f64()),
            unit: None,
            approx: None,
            bounds: None,
        });
        return 1;
    }

    // 百分之十二; not 百分之二三 of 百分之二三十 (an approximation), nor the
    // fraction 五百分之2.2.
    if let Some(head) = before
        .strip_suffix("百分之")
        .filter(|h| !h.ends_with(numbers::is_numeral) && !after.starts_with(numbers::is_numeral))
    {
        out.push(number_figure(
            FigureKind::Percent,
            head.len()..n.range.end,
            n.value.to_f64(),
            Some("%"),
        ));
        return 1;
    }

    if let Some(used) = read_date(text, numbers, i, today, region, out) {
        return used;
    }

    let mut end = n.range.end;
    let mut approx = n.vague.then_some(Approx::Over);
    if let Some((word, a)) = starts_with_any(after, APPROX_INSIDE) {
        // 40余次 / 1.5億余元 / 一個多月: only with a unit after it.
        let rest = &after[word.len()..];
        if unit_at(rest).is_some() || starts_with_any(rest, CURRENCIES).is_some() {
            end += word.len();
            approx = Some(a);
        }
    }
    let rest = &text[end..];
    let mut figure = if let Some(pp) = ["个百分点", "個百分點", "百分点", "百分點"]
        .iter()
        .find(|p| rest.starts_with(**p))
    {
        end += pp.len();
        number_figure(
            FigureKind::Percent,
            n.range.start..end,
            n.value.to_f64(),
            Some("pp"),
        )
    } else if rest.starts_with('%') {
        end += '%'.len_utf8();
        number_figure(
            FigureKind::Percent,
            n.range.start..end,
            n.value.to_f64(),
            Some("%"),
        )
    } else if rest.starts_with('成') && !n.arabic
        || rest.starts_with('成') && n.value.to_f64() <= 10.0
    {
        end += '成'.len_utf8();
        number_figure(
            FigureKind::Percent,
            n.range.start..end,
            n.value.to_f64() * 10.0,
            Some("%"),
        )
    } else if let Some((gap, word, code)) = starts_with_any(rest, CURRENCIES)
        .or_else(|| kuai_as_yuan(text, tokens, numbers, i, rest))
        .map(|(w, c)| (0, w, c))
        .or_else(|| {
            // 300 美元: digits, a space, a currency.
            let spaced = rest.strip_prefix(' ').filter(|_| n.arabic)?;
            starts_with_any(spaced, CURRENCIES)
                .filter(|(w, _)| *w != "元")
                .map(|(w, c)| (1, w, c))
        })
        .or_else(|| {
            let counted = rest.strip_prefix(['个', '個'])?;
            starts_with_any(counted, CURRENCIES)
                .filter(|(_, c)| COUNTED_CURRENCIES.contains(c))
                .map(|(w, c)| ('个'.len_utf8(), w, c))
        })
    {
        end += gap + word.len();
        number_figure(
            FigureKind::Money,
            n.range.start..end,
            n.value.to_f64(),
            Some(code),
        )
    } else if let Some(unit) = unit_at(rest)
        // 25个基点 is basis points, read in context below, not 25个.
        .filter(|u| !is_article(text, n, u) && !liang_is_numeral(rest, u))
        .filter(|_| !rest.starts_with("个基点"))
    {
        end += unit.len();
        let mut value = n.value.to_f64();
        // 三斤半, 两米半: and a half.
        if text[end..].starts_with('半')
            && is_measure(unit)
            && unit_at(&text[end + '半'.len_utf8()..]).is_none()
        {
            end += '半'.len_utf8();
            value += 0.5;
        }
        // 十个月大, 三周大: an age.
        if matches!(unit, "個月" | "个月" | "周" | "週" | "天")
            && text[end..].starts_with('大')
            && text[end + '大'.len_utf8()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '的' | '了' | '，' | '。' | ',' | '.'))
        {
            end += '大'.len_utf8();
        }
        // 华氏温度98.6度: the scale before the number.
        let mut start = n.range.start;
        if unit == "度" {
            for scale in [
                "華氏溫度",
                "华氏温度",
                "攝氏溫度",
                "摄氏温度",
                "華氏",
                "华氏",
                "攝氏",
                "摄氏",
            ] {
                if before.ends_with(scale) {
                    start -= scale.len();
                    break;
                }
            }
        }
        let kind = if unit == "倍" {
            FigureKind::Number
        } else {
            FigureKind::Quantity
        };
        number_figure(kind, start..end, value, Some(unit))
    } else if let Some(u) = unit_in_context(text, n) {
        end += u.len;
        number_figure(u.kind, n.range.start..end, n.value.to_f64(), Some(u.unit))
    } else if n.arabic && !is_code(text, &n.range) {
        number_figure(FigureKind::Number, n.range.clone(), n.value.to_f64(), None)
    } else {
        return 1;
    };
    figure.approx = approx;
    if figure.kind == FigureKind::Number
        && figure.unit.is_none()
        && is_money_without_yuan(text, figure.range.start, figure.range.end)
    {
        figure.kind = FigureKind::Money;
        figure.unit = Some("CNY".to_string());
    }

    // Currency before the number: 人民幣300萬元, US$5, 人民币 8千元; not
    // the currency of an amount before it (4人民币5美元, 100 港币200元).
    let spaced = before.trim_end_matches([' ', '\u{3000}']);
    let prefix = ends_with_any(before, CURRENCY_PREFIXES)
        .or_else(|| ends_with_any(spaced, CURRENCY_PREFIXES).filter(|(w, _)| !w.is_ascii()));
    if let Some((word, code)) = prefix {
        let head = if ends_with_any(before, CURRENCY_PREFIXES).is_some() {
            before
        } else {
            spaced
        };
        let currency_start = head.len() - word.len();
        let owned = text[..currency_start].ends_with(numbers::is_numeral)
            || out.last().is_some_and(|f| f.range.end > currency_start);
        if !owned && (figure.kind == FigureKind::Number || figure.kind == FigureKind::Money) {
            figure.range.start = head.len() - word.len();
            figure.kind = FigureKind::Money;
            figure.unit = Some(code.to_string());
        }
    }
    let mut used = 1;
    if figure.kind == FigureKind::Money {
        used += extend_money(text, numbers, i, &mut figure);
    }
    if let Some((start, a)) = qualifier_before(text, figure.range.start)
        .filter(|&(start, _)| !near_means_last(text, start, figure.unit.as_deref()))
    {
        figure.range.start = start;
        figure.approx = Some(a);
    }
    if figure.kind == FigureKind::Number && figure.unit.is_none() {
        if let Some(unit) = unit_before(text, figure.range.start) {
            figure.kind = FigureKind::Quantity;
            figure.unit = Some(unit.to_string());
        }
    }
    if let Some(start) = figure
        .unit
        .as_deref()
        .and_then(|u| speed_start(text, figure.range.start, u))
    {
        figure.range.start = start;
        figure.unit = Some(SPEED_UNIT.to_string());
    }
    let tail = &text[figure.range.end..];
    if let Some((word, a)) = starts_with_any(tail, APPROX_AFTER) {
        figure.range.end += word.len();
        figure.approx = Some(a);
    }
    out.push(figure);
    used
}

fn number_figure(kind: FigureKind, range: Range<usize>, value: f64, unit: Option<&str>) -> Figure {
    Figure {
        kind,
        range,
        value: Value::Number(value),
        unit: unit.map(String::from),
        approx: None,
        bounds: None,
    }
}

fn iso(kind: FigureKind, range: Range<usize>, value: String) -> Figure {
    Figure {
        kind,
        range,
        value: Value::Iso(value),
        unit: None,
        approx: None,
        bounds: None,
    }
}
