//! Units that only the context makes units: 年 of a duration (为期5年, not
//! the year 2025年), 点 of an index (26,761.1点, not the clock's 3点), the
//! rates of Hong Kong (0.72厘) and of basis points (18点子), speeds
//! (时速96公里), money written without 元 (成交值达5,612亿) and counts whose
//! unit stands before them (人次达3,200万). Separate because each reads the
//! words around a number, where the plain units of [`super::words`] read
//! only the word after it.

use super::FigureKind;
use super::scan::Number;
use super::words::ends_with_any;
use crate::offsets::floor_char_boundary;

/// A unit read from the context: how many bytes of it follow the number,
/// the kind of figure it makes and the unit.
pub(super) struct ContextUnit {
    pub(super) len: usize,
    pub(super) kind: FigureKind,
    pub(super) unit: &'static str,
}

/// Words after which N季 is a length of time, not a quarter (连续3季,
/// 为期两季).
const DURATION_BEFORE: &[(&str, ())] = &[
    ("为期", ()),
    ("长达", ()),
    ("历时", ()),
    ("耗时", ()),
    ("需时", ()),
    ("连续", ()),
    ("过去", ()),
    ("已", ()),
    ("近", ()),
    ("逾", ()),
    ("超过", ()),
    ("达", ()),
    ("约", ()),
    ("满", ()),
];

/// Whether the text before a number makes N季 a length of time (连续3季),
/// not a quarter.
pub(super) fn is_duration_before(head: &str) -> bool {
    ends_with_any(head, DURATION_BEFORE).is_some()
}

/// Units of a length of time.
const DURATIONS: &[&str] = &["年", "个月", "天", "季", "个季度", "周", "日"];

/// Words before 近 that make it "nearly" (为期近5年); without them, 近 before
/// a length of time is "the last" (近3年营收, 创近10年新低), no qualifier.
const NEARLY_BEFORE: &[(&str, ())] = &[
    ("为期", ()),
    ("长达", ()),
    ("历时", ()),
    ("耗时", ()),
    ("需时", ()),
    ("达", ()),
    ("已", ()),
    ("将", ()),
];

/// Whether the qualifier at `start` is 近 meaning "the last" before a
/// length of time in `unit`.
pub(super) fn near_means_last(text: &str, start: usize, unit: Option<&str>) -> bool {
    text[start..].starts_with('近')
        && unit.is_some_and(|u| DURATIONS.contains(&u))
        && ends_with_any(&text[..start], NEARLY_BEFORE).is_none()
}

/// 年 after these is a word of its own (80年代, 5年级) or a point in a year
/// (25年底).
const NOT_DURATION_AFTER: &[&str] = &["级", "代", "底", "初", "末", "中", "度", "份"];

/// Words near 厘 that say it is an interest rate (Hong Kong's 厘 is a
/// percent there), not a centimetre or a thousandth.
const RATE_WORDS: &[&str] = &["息", "利率", "按揭", "年利", "贷款", "存款", "回报"];

/// How far before the number a rate word may stand, in bytes (about a
/// dozen characters).
const RATE_WINDOW: usize = 36;

/// The unit after `n` that only its context makes one.
pub(super) fn unit_in_context(text: &str, n: &Number) -> Option<ContextUnit> {
    let rest = &text[n.range.end..];
    let value = n.value.to_f64();
    let written = &text[n.range.clone()];
    let unit = |len, kind, unit| Some(ContextUnit { len, kind, unit });
    // 18点子, 25个基点: basis points.
    if let Some(word) = ["个基点", "基点", "点子"]
        .iter()
        .find(|w| rest.starts_with(**w))
    {
        return unit(word.len(), FigureKind::Percent, "bp");
    }
    // 一个月拆息报0.72厘: Hong Kong's percent of an interest rate.
    if rest.starts_with('厘') && !rest.starts_with("厘米") {
        let from = floor_char_boundary(text, n.range.start.saturating_sub(RATE_WINDOW));
        if RATE_WORDS
            .iter()
            .any(|w| text[from..n.range.start].contains(w))
        {
            return unit('厘'.len_utf8(), FigureKind::Percent, "%");
        }
    }
    // 26,761.1点, 升386.2点: index points; 3点 is a time of day, 3点5 a
    // number.
    if rest.starts_with('点')
        && n.arabic
        && (written.contains(['.', ',']) || value > 24.0)
        && !rest['点'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit() || c == '钟')
    {
        return unit('点'.len_utf8(), FigureKind::Quantity, "点");
    }
    // 5年, 5.3年, 两年: a length of time; years are read before this.
    if rest.starts_with('年')
        && value > 0.0
        && value < 100.0
        && !NOT_DURATION_AFTER
            .iter()
            .any(|w| rest['年'.len_utf8()..].starts_with(w))
    {
        return unit('年'.len_utf8(), FigureKind::Quantity, "年");
    }
    None
}

/// 时速约96公里, 每小时155公里: a distance per hour is a speed, and the
/// word that says so is part of it. Returns the new start of the figure.
pub(super) fn speed_start(text: &str, start: usize, unit: &str) -> Option<usize> {
    if !matches!(unit, "公里" | "千米") {
        return None;
    }
    let head = &text[..start];
    ["时速", "每小时"]
        .iter()
        .find(|w| head.ends_with(**w))
        .map(|w| start - w.len())
}

/// The unit of speeds read by [`speed_start`].
pub(super) const SPEED_UNIT: &str = "公里/小时";

/// Words whose amount is money even without 元 (营收2.18万亿,
/// 成交值达5,612亿).
const MONEY_WORDS: &[&str] = &[
    "营收",
    "营业额",
    "收入",
    "成交额",
    "成交值",
    "成交金额",
    "市值",
    "预算",
    "开支",
    "支出",
    "盈利",
    "利润",
    "净利",
    "营业利益",
    "税收",
    "投资额",
    "销售额",
    "金额",
    "资产",
    "储备",
    "拨款",
    "市价",
];

/// Whether an amount in 万 or 亿 ending at `end`, with no unit, is money: a
/// money word stands earlier in its clause (总市值突破1200亿).
pub(super) fn is_money_without_yuan(text: &str, start: usize, end: usize) -> bool {
    if !text[..end].ends_with(['万', '亿', '兆']) {
        return false;
    }
    let clause_start = text[..start]
        .rfind(['，', '。', '；', '：', '！', '？', '\n', ','])
        .map_or(0, |at| {
            at + text[at..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &text[clause_start..start];
    MONEY_WORDS.iter().any(|w| clause.contains(w))
}

/// Count units written before the number, with the verb that links them
/// (旅客访港人次达3,200万).
const UNITS_BEFORE: &[(&str, &str)] = &[
    ("人次", "人次"),
    ("架次", "架次"),
    ("辆次", "辆次"),
    ("标箱", "标箱"),
];

/// Verbs between a unit named before a count and the count.
const COUNT_LINKS: &[&str] = &["达到", "达", "为", "录得", "共", "有", ""];

/// The unit of a count that stands before it, before `start` (the
/// figure's start, qualifiers included): 人次 of 人次达3,200万.
pub(super) fn unit_before(text: &str, start: usize) -> Option<&'static str> {
    let head = &text[..start];
    COUNT_LINKS.iter().find_map(|link| {
        let before = head.strip_suffix(link)?;
        ends_with_any(before, UNITS_BEFORE).map(|(_, unit)| unit)
    })
}
