//! The word tables several readings share: units and measure words, and
//! the qualifiers before, inside and after a number (超, 余, 以上), with
//! the lookups over them. A table that belongs to one concern lives with
//! that concern instead (currencies in money, range links in ranges).

use std::sync::LazyLock;

use super::Approx;
use super::exclusions::qualifier_in_word;
use crate::numbers;
use crate::scan::{FirstChars, has_prefix, has_suffix};

/// Measure words and units of quantities, longest first where one is a
/// prefix of another.
const UNITS: &[&str] = &[
    "平方公里",
    "平方千米",
    "平方米",
    "平方英尺",
    "立方米",
    "千瓦时",
    "千字节",
    "兆字节",
    "千比特",
    "兆赫兹",
    "赫兹",
    "千卡",
    "千米",
    "千克",
    "微克",
    "毫克",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "公里/小时",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "公分",
    "英里",
    "米",
    "公顷",
    "亩",
    "公吨",
    "吨",
    "千克",
    "公斤",
    "克",
    "台斤",
    "斤",
    "两",
    "人次",
    "架次",
    "辆次",
    "萬人",
    "个百分点",
    "个月",
    "小时",
    "分钟",
    "秒钟",
    "星期",
    "个季度",
    "季",
    "周",
    "天",
    "个工作日",
    "工作日",
    "个交易日",
    "交易日",
    "标箱",
    "摄氏度",
    "华氏度",
    "周岁",
    "度",
    "℃",
    "°C",
    "个",
    "家",
    "人",
    "名",
    "位",
    "户",
    "次",
    "件",
    "项",
    "所",
    "座",
    "条",
    "台",
    "辆",
    "架",
    "艘",
    "套",
    "部",
    "本",
    "张",
    "只",
    "头",
    "棵",
    "株",
    "份",
    "批",
    "场",
    "届",
    "篇",
    "间",
    "栋",
    "层",
    "岁",
    "倍",
    "强",
    "笔",
    "宗",
    "起",
    "例",
    "处",
    "支",
    "队",
    "款",
    "种",
    "金牌",
    "银牌",
    "铜牌",
    "金",
    "银",
    "铜",
    "枚",
    "票",
    "载重吨",
    "章",
    "列",
    "组",
    "区",
    "股",
    "车",
    "席",
    "幅",
    "班",
    "kg",
    "km",
    "cm",
    "CM",
    "mm",
    "m",
    "GWh",
    "MWh",
    "kWh",
    "GW",
    "MW",
    "kW",
    "TEU",
];

/// Qualifiers before the number; a negated comparison comes before the
/// comparison it ends with (不超过 before 超过).
pub(super) const APPROX_BEFORE: &[(&str, Approx)] = &[
    ("大於等於", Approx::Over),
    ("大于等于", Approx::Over),
    ("小於等於", Approx::Under),
    ("小于等于", Approx::Under),
    ("≥", Approx::Over),
    ("≤", Approx::Under),
    ("不超过", Approx::Under),
    ("不高於", Approx::Under),
    ("不高于", Approx::Under),
    ("不大於", Approx::Under),
    ("不大于", Approx::Under),
    ("不少於", Approx::Over),
    ("不少于", Approx::Over),
    ("不低於", Approx::Over),
    ("不低于", Approx::Over),
    ("不小於", Approx::Over),
    ("不小于", Approx::Over),
    ("至少", Approx::Over),
    ("最少", Approx::Over),
    ("大於", Approx::Over),
    ("大于", Approx::Over),
    ("高於", Approx::Over),
    ("高于", Approx::Over),
    ("多於", Approx::Over),
    ("多于", Approx::Over),
    ("至多", Approx::Under),
    ("最多", Approx::Under),
    ("小於", Approx::Under),
    ("小于", Approx::Under),
    ("低於", Approx::Under),
    ("低于", Approx::Under),
    ("少於", Approx::Under),
    ("少于", Approx::Under),
    ("接近", Approx::Under),
    ("超过", Approx::Over),
    ("突破", Approx::Over),
    ("超", Approx::Over),
    ("逾", Approx::Over),
    ("将近", Approx::Under),
    ("不到", Approx::Under),
    ("不足", Approx::Under),
    ("近", Approx::Under),
    ("约合", Approx::About),
    ("约为", Approx::About),
    ("大约", Approx::About),
    ("约为", Approx::About),
    ("约合", Approx::About),
    ("约", Approx::About),
];

/// Qualifiers between the number and its unit (40余次, 1.5億余元).
pub(super) const APPROX_INSIDE: &[(&str, Approx)] = &[("余", Approx::Over), ("多", Approx::Over)];

/// Qualifiers after the figure; (含) says the bound is included.
pub(super) const APPROX_AFTER: &[(&str, Approx)] = &[
    ("(含)以上", Approx::Over),
    ("(含)以下", Approx::Under),
    ("以上", Approx::Over),
    ("以下", Approx::Under),
    ("左右", Approx::About),
    ("上下", Approx::About),
];

/// The first entry of `table` whose word `text` starts with.
pub(crate) fn starts_with_any<'a, T: Copy>(
    text: &str,
    table: &'a [(&'a str, T)],
) -> Option<(&'a str, T)> {
    table
        .iter()
        .find(|(word, _)| has_prefix(text, word))
        .copied()
}

/// The first entry of `table` whose word `text` ends with.
pub(crate) fn ends_with_any<'a, T: Copy>(
    text: &str,
    table: &'a [(&'a str, T)],
) -> Option<(&'a str, T)> {
    table
        .iter()
        .find(|(word, _)| has_suffix(text, word))
        .copied()
}

/// Words that may link a qualifier of two characters or more to its number:
/// 超过了80, 至少有3人, 最多为5.
const QUALIFIER_LINKS: &[&str] = &["了", "有", "是", "为", "為"];

/// Where the qualifier before a figure starting at `start` begins, and its
/// bound.
pub(super) fn qualifier_before(text: &str, start: usize) -> Option<(usize, Approx)> {
    let head = &text[..start];
    let direct = ends_with_any(head, APPROX_BEFORE)
        .filter(|(w, _)| !qualifier_in_word(text, start, w))
        .map(|(w, a)| (head.len() - w.len(), a));
    let linked = || {
        let link = QUALIFIER_LINKS.iter().find(|l| head.ends_with(**l))?;
        let before = &head[..head.len() - link.len()];
        ends_with_any(before, APPROX_BEFORE)
            .filter(|(w, _)| w.chars().count() >= 2)
            .map(|(w, a)| (before.len() - w.len(), a))
    };
    direct.or_else(linked)
}

/// 两 after a number is the weight 两 (二两, 三十两), unless it begins a
/// number or count of its own (一两个, 一两年: "one or two").
pub(super) fn liang_is_numeral(rest: &str, unit: &str) -> bool {
    if !matches!(unit, "两" | "兩") {
        return false;
    }
    let after = &rest[unit.len()..];
    after.starts_with(numbers::is_numeral)
        || unit_at(after).is_some()
        || after.starts_with(['年', '月', '日', '号', '號', '岁', '歲'])
}

/// Units of measurement, as opposed to classifiers: 一噸 is a ton, while
/// 一個 is "a".
pub(super) fn is_measure(unit: &str) -> bool {
    unit.contains([
        '米', '克', '噸', '吨', '斤', '畝', '亩', '頃', '顷', '里', '瓦', '度', '℃', '特', '节',
        '節', '赫', '茲', '兹', '卡',
    ]) || unit.is_ascii()
}

/// Words that begin with a one-character unit but name something else: 金额
/// is no gold medal, 股东 no share.
const NOT_UNITS: &[&str] = &[
    "金额", "金融", "金子", "金币", "银子", "银元", "银行", "铜价", "区域", "区间", "股东", "股市",
    "股价", "股票", "组织", "组成", "章程", "票价", "票房", "列车", "班级", "车辆", "车型",
];

/// The longest unit at the start of `text` (周岁 over 周).
pub(super) fn unit_at(text: &str) -> Option<&'static str> {
    static UNITS_BY_FIRST: LazyLock<FirstChars<&str>> =
        LazyLock::new(|| FirstChars::new(UNITS, |u| u));
    static NOT_UNITS_BY_FIRST: LazyLock<FirstChars<&str>> =
        LazyLock::new(|| FirstChars::new(NOT_UNITS, |w| w));
    let first = text.chars().next()?;
    if NOT_UNITS_BY_FIRST
        .starting_with(first)
        .any(|w| has_prefix(text, w))
    {
        return None;
    }
    UNITS_BY_FIRST
        .starting_with(first)
        .copied()
        .filter(|u| has_prefix(text, u))
        .max_by_key(|u| u.len())
}
