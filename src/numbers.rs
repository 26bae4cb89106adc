//! Numbers as Chinese news writes them: digits with thousands separators
//! and decimals, Chinese numerals (一百零五, 兩千六,
//! 壹拾萬, 廿二), digit-by-digit numerals (二〇二五), and mixtures (1.2億,
//! 3千萬, 100萬三千), with a sign (負, 零下, -).
//!
//! Values are exact decimals (`Decimal`), so 218.8億 is 21,880,000,000 and
//! not 21,880,000,000.000004; `Decimal::to_f64` rounds once, at the end.

use std::fmt;
use std::sync::LazyLock;

use crate::scan::CharFilter;

/// An exact decimal `mantissa × 10^exponent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    negative: bool,
    mantissa: u128,
    exponent: i32,
}

impl Decimal {
    const ZERO: Decimal = Decimal {
        negative: false,
        mantissa: 0,
        exponent: 0,
    };

    fn integer(n: u128) -> Decimal {
        Decimal {
            negative: false,
            mantissa: n,
            exponent: 0,
        }
    }

    /// The nearest `f64` (infinite when the value is beyond f64's range).
    pub(crate) fn to_f64(self) -> f64 {
        // A mantissa below 2^53 and a power of ten up to 10^22 are both
        // exact in f64, so one multiplication or division rounds once, as
        // parsing the decimal would (Clinger's fast path); the rest parse.
        const EXACT_POWERS: i32 = 22;
        let magnitude = if self.mantissa < 1 << 53 && self.exponent.abs() <= EXACT_POWERS {
            let power = 10f64.powi(self.exponent.abs());
            if self.exponent >= 0 {
                self.mantissa as f64 * power
            } else {
                self.mantissa as f64 / power
            }
        } else {
            format!("{}e{}", self.mantissa, self.exponent)
                .parse()
                .unwrap_or(f64::INFINITY)
        };
        if self.negative { -magnitude } else { magnitude }
    }

    fn scaled(self, power: i32) -> Decimal {
        Decimal {
            exponent: self.exponent + power,
            ..self
        }
    }

    /// `self + other` for non-negative values, or `None` past 38 digits.
    fn plus(self, other: Decimal) -> Option<Decimal> {
        let exponent = self.exponent.min(other.exponent);
        let a = widen(self, exponent)?;
        let b = widen(other, exponent)?;
        Some(
            Decimal {
                negative: false,
                mantissa: a.checked_add(b)?,
                exponent,
            }
            .normalized(),
        )
    }

    pub(crate) fn negated(self) -> Decimal {
        Decimal {
            negative: !self.negative && self.mantissa != 0,
            ..self
        }
    }

    fn normalized(mut self) -> Decimal {
        while self.mantissa != 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.exponent += 1;
        }
        if self.mantissa == 0 {
            return Decimal::ZERO;
        }
        self
    }
}

fn widen(d: Decimal, exponent: i32) -> Option<u128> {
    let shift = u32::try_from(d.exponent - exponent).ok()?;
    d.mantissa.checked_mul(10u128.checked_pow(shift)?)
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_f64())
    }
}

/// Every character `digit` or `unit` gives a value, but ASCII digits (a
/// test holds them together). Full-width digits are none: the document's
/// view folds them.
const CHINESE_NUMERALS: &str =
    "〇零○一壹幺二貳贰兩两倆俩三參叁叄四肆五伍六陸陆七柒八捌九玖十拾百佰千仟萬万億亿兆";

/// Turns away almost every character of running text before `digit` and
/// `unit` compare it with each numeral: text is read one character at a
/// time for numbers, twice.
static MAY_BE_NUMERAL: LazyLock<CharFilter> = LazyLock::new(|| {
    CharFilter::new(
        CHINESE_NUMERALS
            .chars()
            .chain('0'..='9')
            .chain(['廿', '卅']),
    )
});

/// Whether `c` may be a numeral: false for nearly every character that is
/// none.
pub(crate) fn may_be_numeral(c: char) -> bool {
    MAY_BE_NUMERAL.may_contain(c)
}

/// The value of a digit character: ASCII, or a Chinese numeral
/// digit (simplified, traditional and financial forms).
pub(crate) fn digit(c: char) -> Option<u8> {
    Some(match c {
        '0'..='9' => c as u8 - b'0',
        '〇' | '零' | '○' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '貳' | '贰' | '兩' | '两' | '倆' | '俩' => 2,
        '三' | '參' | '叁' | '叄' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陸' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The power of ten of a unit character: 十 1, 百 2, 千 3, 萬 4, 億 8, 兆 12.
pub(crate) fn unit(c: char) -> Option<i32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        '萬' | '万' => 4,
        '億' | '亿' => 8,
        '兆' => 12,
        _ => return None,
    })
}

fn is_arabic(c: char) -> bool {
    c.is_ascii_digit()
}

fn is_point(c: char) -> bool {
    matches!(c, '点' | '點' | '.')
}

/// Reads a whole string as one number, or `None` when it is not one.
pub(crate) fn parse(text: &str) -> Option<Decimal> {
    let (negative, rest) = strip_sign(text);
    let value = parse_unsigned(rest)?;
    Some(if negative { value.negated() } else { value })
}

fn strip_sign(text: &str) -> (bool, &str) {
    for sign in ["负", "負", "-", "－", "−", "零下"] {
        if let Some(rest) = text.strip_prefix(sign) {
            return (true, rest);
        }
    }
    (false, text)
}

/// A run of digits with optional separators and decimals: `1,234.5`.
fn parse_arabic(text: &str) -> Option<Decimal> {
    let mut mantissa = String::new();
    let mut exponent = 0i32;
    let mut in_fraction = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = digit(c).filter(|_| is_arabic(c)) {
            mantissa.push(char::from(b'0' + d));
            if in_fraction {
                exponent -= 1;
            }
        } else if is_point(c) && !in_fraction && chars.peek().is_some_and(|&n| is_arabic(n)) {
            in_fraction = true;
        } else if !(c == ',' && !in_fraction && chars.peek().is_some_and(|&n| is_arabic(n))) {
            return None;
        }
    }
    let digits = mantissa.trim_start_matches('0');
    if mantissa.is_empty() {
        return None;
    }
    if digits.len() > 38 {
        // Beyond u128: keep the magnitude, rounding the tail away.
        let tail = (digits.len() - 38) as i32;
        return Some(
            Decimal {
                negative: false,
                mantissa: digits[..38].parse().ok()?,
                exponent: exponent + tail,
            }
            .normalized(),
        );
    }
    Some(
        Decimal {
            negative: false,
            mantissa: digits.parse().unwrap_or(0),
            exponent,
        }
        .normalized(),
    )
}

fn is_liang(c: char) -> bool {
    matches!(c, '两' | '兩' | '倆' | '俩')
}

fn parse_unsigned(text: &str) -> Option<Decimal> {
    if text.is_empty() {
        return None;
    }
    // 萬萬 is an old way to write 億: 四萬萬 = 4億.
    if text.contains("万万") || text.contains("萬萬") {
        return parse_unsigned(&text.replace("万万", "亿").replace("萬萬", "億"));
    }
    if text
        .chars()
        .all(|c| is_arabic(c) || is_point(c) || c == ',')
    {
        return parse_arabic(text);
    }
    // 七二九.二亿, 一〇一〇亿, 三点五亿: a number written digit by digit or
    // with a decimal part, then a multiplier.
    let head = text.trim_end_matches(is_big_unit);
    // Two neighbouring digits before a multiplier are a guess (八九亿: eight
    // or nine hundred million), not 89亿; three or a zero are digits.
    let spelled =
        is_digit_sequence(head) && (head.chars().count() >= 3 || head.contains(['〇', '零', '○']));
    if head.len() < text.len()
        && !head.contains(is_big_unit)
        && (head.contains(is_point) || spelled)
    {
        let power: i32 = text[head.len()..].chars().filter_map(unit).sum();
        return Some(parse_unsigned(head)?.scaled(power).normalized());
    }
    // Split off a Chinese decimal part: 三点一四, 一七二零点一, and the
    // print style 三十九.五 (the view's point between numerals).
    let chinese_point = |(i, c): &(usize, char)| {
        matches!(c, '点' | '點') || is_point(*c) && text[..*i].ends_with(is_chinese_numeral)
    };
    let (whole, fraction) = match text.char_indices().find(chinese_point) {
        Some((i, c)) => (&text[..i], Some(&text[i + c.len_utf8()..])),
        None => (text, None),
    };
    // 两 counts things (两百, 两个); digit by digit, 2 is 二 (二〇二五).
    let mut value = if is_digit_sequence(whole) {
        digit_sequence(whole)?
    } else {
        with_units(whole)?
    };
    if let Some(fraction) = fraction {
        let mut power = 0;
        let mut digits = fraction.chars().peekable();
        digits.peek()?;
        for c in digits {
            power -= 1;
            let d = digit(c).filter(|_| !is_liang(c))?;
            value = value.plus(Decimal::integer(u128::from(d)).scaled(power))?;
        }
    }
    Some(value)
}

/// Whether `text` is two Chinese digits or more written one by one (二〇二五);
/// 两 counts things, so it is no such digit.
fn is_digit_sequence(text: &str) -> bool {
    text.chars().count() >= 2
        && text.chars().all(|c| digit(c).is_some() && !is_arabic(c))
        && !text.contains(is_liang)
}

/// 二〇二五, 一二三: each character one digit.
fn digit_sequence(text: &str) -> Option<Decimal> {
    let digits: String = text
        .chars()
        .map(|c| digit(c).map(|d| char::from(b'0' + d)))
        .collect::<Option<_>>()?;
    parse_arabic(&digits)
}

/// Numerals with units, and Arabic numbers with Chinese units: 一百零五,
/// 三萬五, 一億五千萬零六千, 1.2億, 3千萬, 100萬三千, 1萬600.
fn with_units(text: &str) -> Option<Decimal> {
    // Everything of an earlier 億 (or 兆) group, the 萬 part of the current
    // one, and the part below 萬.
    let (mut high, mut wan, mut section) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut pending: Option<Decimal> = None;
    // The power of the last unit, for 三萬五 (= 三萬五千) and 一百二 (= 一百二十).
    let mut last_unit: Option<i32> = None;
    let mut after_zero = false;
    // 两 is said before a unit (两百, 两万两千) or for a count (两个), never
    // in the ones place nor as the shortened last digit (一万二, not 一万两):
    // 三十两 is 三十 and the weight 两, not 32, and 两万两 is 两万 and the
    // weight, not 22000.
    let mut pending_is_liang = false;
    // The power of the last 億 or 兆, for 五兆六十二億 (not 五兆六十二 億).
    let mut high_power = i32::MAX;
    // Whether `pending` is one Chinese digit, the only thing 三萬五 shortens.
    let mut pending_is_numeral = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_arabic(c) {
            if pending.is_some() {
                return None;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if is_arabic(n)
                    || (is_point(n) || n == ',') && text[j + n.len_utf8()..].starts_with(is_arabic)
                {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            pending = Some(parse_arabic(&text[i..end])?);
            pending_is_numeral = false;
            pending_is_liang = false;
        } else if let Some(d) = digit(c) {
            if d == 0 {
                after_zero = true;
                continue;
            }
            if pending.is_some() {
                return None;
            }
            pending = Some(Decimal::integer(u128::from(d)));
            pending_is_numeral = true;
            pending_is_liang = is_liang(c);
        } else if matches!(c, '廿' | '卅' | '卌') {
            // 廿 is 二十: a finished tens place.
            if pending.is_some() || last_unit.is_some_and(|u| u <= 1) {
                return None;
            }
            let tens = match c {
                '廿' => 20,
                '卅' => 30,
                _ => 40,
            };
            section = section.plus(Decimal::integer(tens))?;
            last_unit = Some(1);
        } else if let Some(power) = unit(c) {
            let n = pending.take();
            match power {
                1..=3 => {
                    if last_unit.is_some_and(|u| u <= power && u < 4) {
                        return None;
                    }
                    // 十 alone means 一十, and so does 零百 in 一萬零百一十一;
                    // other units need their digit.
                    // 百三, 千三: a leading 百 or 千 with a digit after it.
                    let leads = i == 0 && text[c.len_utf8()..].starts_with(|d| digit(d).is_some());
                    let n = match n {
                        Some(n) => n,
                        None if power == 1 || after_zero || leads => Decimal::integer(1),
                        None => return None,
                    };
                    section = section.plus(n.scaled(power))?;
                }
                4 => {
                    let group = section.plus(n.unwrap_or(Decimal::ZERO))?;
                    if group == Decimal::ZERO && wan == Decimal::ZERO {
                        return None;
                    }
                    wan = wan.plus(group.scaled(4))?;
                    section = Decimal::ZERO;
                }
                _ => {
                    let group = wan.plus(section)?.plus(n.unwrap_or(Decimal::ZERO))?;
                    if group == Decimal::ZERO && high == Decimal::ZERO {
                        return None;
                    }
                    high = if power < high_power {
                        high.plus(group.scaled(power))?
                    } else {
                        high.plus(group)?.scaled(power)
                    };
                    high_power = power;
                    wan = Decimal::ZERO;
                    section = Decimal::ZERO;
                }
            }
            last_unit = Some(power);
            after_zero = false;
        } else {
            return None;
        }
    }
    if pending.is_some() && pending_is_liang && (after_zero || last_unit.is_some()) {
        return None;
    }
    let tail = match (pending, last_unit) {
        // 三萬五, 一百二: a last lone digit counts in the unit below the last one.
        (Some(n), Some(power)) if pending_is_numeral && !after_zero && power > 1 => {
            n.scaled(power - 1)
        }
        (Some(n), _) => n,
        (None, None) if after_zero => Decimal::ZERO,
        (None, None) => return None,
        (None, Some(_)) => Decimal::ZERO,
    };
    high.plus(wan)?.plus(section)?.plus(tail)
}

/// A number expression found in running text: its byte range and value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) value: f64,
    /// Written in Chinese numerals only.
    pub(crate) chinese: bool,
}

/// No Chinese numeral is longer than this many characters other than
/// digits: longer runs are cut, which keeps the shrinking of a run that does
/// not parse linear in the text. The figures' scanner cuts at the same
/// length.
pub(crate) const MAX_RUN_CHARS: usize = 32;

/// Whether `c` may be part of a number run: an Arabic digit or a Chinese
/// numeral (digit or unit, 廿 and 卅 too). Where figures and `numbers()`
/// start reading.
pub(crate) fn is_numeral(c: char) -> bool {
    is_arabic(c) || is_chinese_numeral(c)
}

fn is_chinese_numeral(c: char) -> bool {
    may_be_numeral(c)
        && ((digit(c).is_some() && !is_arabic(c)) || unit(c).is_some() || matches!(c, '廿' | '卅'))
}

fn is_big_unit(c: char) -> bool {
    matches!(c, '万' | '萬' | '亿' | '億' | '兆')
}

fn is_sign(c: char) -> bool {
    matches!(c, '负' | '負' | '-' | '－' | '−')
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// The first character at or after byte `at` that is not a space, and where.
fn after_spaces(text: &str, at: usize) -> Option<(usize, char)> {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !is_space(c))
        .map(|(i, c)| (at + i, c))
}

/// Every number expression of `text`, as written, whatever it measures:
/// digits (with separators, decimals, exponents, k and M), Chinese numerals
/// (spaces inside them too: 一百 五 十 二), mixtures, fractions (三分之一,
/// 3/5, 一又二分之一), dozens (十打) and approximations before a unit
/// (十余万, 二十几万). Linear in the text.
pub(crate) fn scan(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let c = text[at..].chars().next().unwrap_or(' ');
        let may_start =
            is_arabic(c) || is_chinese_numeral(c) || is_sign(c) || matches!(c, '.' | '半');
        if let Some(f) = may_start.then(|| expression_at(text, at)).flatten() {
            at = f.range.end.max(at + c.len_utf8());
            found.push(f);
        } else {
            at += c.len_utf8();
            // Digits glued to Latin letters are a code (A2021…): skip it whole.
            if c.is_ascii_alphabetic() {
                while let Some(n) = text[at..]
                    .chars()
                    .next()
                    .filter(|n| n.is_ascii_alphanumeric())
                {
                    at += n.len_utf8();
                }
            }
        }
    }
    found
}

/// Whether the dash at `at` joins two numbers (5-20, 1万-5万, 1-7月) rather
/// than signs the number after it: it follows a number, or the unit, sign
/// or bracket that closes one (5%-8%, 1万(含)-5万元). 负 is always a sign.
pub(crate) fn is_range_dash(text: &str, at: usize) -> bool {
    text[at..].starts_with(['-', '－', '−'])
        && text[..at].chars().next_back().is_some_and(|p| {
            is_arabic(p)
                || is_chinese_numeral(p)
                || matches!(p, '月' | '%' | '元' | '-' | '—' | '~' | '～' | ')')
        })
}

/// A signed number at `at`: the sign's length and whether it negates.
fn sign_at(text: &str, at: usize) -> (usize, bool) {
    let mut chars = text[at..].chars();
    match chars.next() {
        Some(c)
            if is_sign(c)
                && !is_range_dash(text, at)
                && !text[..at].ends_with(is_sign)
                && chars
                    .next()
                    .is_some_and(|n| is_arabic(n) || is_chinese_numeral(n) || n == '.') =>
        {
            (c.len_utf8(), true)
        }
        _ => (0, false),
    }
}

/// A whole expression at `at`: a signed number, a fraction, a mixed number.
fn expression_at(text: &str, at: usize) -> Option<Found> {
    let (sign_len, negative) = sign_at(text, at);
    let (mut end, mut value, chinese) = simple_at(text, at + sign_len)?;
    // 壹佰捌拾壹圆柒角: financial numerals, the form of amounts on cheques,
    // read through 圆 (元), 角 and 分 as places of one number, and 整.
    if chinese && text[at + sign_len..end].contains(is_financial) {
        if let Some((e, v)) = yuan_places(text, end, value) {
            end = e;
            value = v;
        }
    }
    // 五分之一 (denominator first), 三 分之 一.
    if let Some((e, v)) = fraction_after(text, end, value) {
        end = e;
        value = v;
    } else if let Some((e, v)) = slash_fraction_after(text, end, value) {
        end = e;
        value = v;
    } else if let Some((e, v)) = mixed_after(text, end) {
        // 三百五又三分之一, 1 3/5.
        end = e;
        value += v;
    }
    Some(Found {
        range: at..end,
        value: if negative { -value } else { value },
        chinese,
    })
}

/// Financial numerals: the forms that cannot be altered on a cheque.
pub(crate) fn is_financial(c: char) -> bool {
    matches!(
        c,
        '壹' | '貳'
            | '贰'
            | '參'
            | '叁'
            | '叄'
            | '肆'
            | '伍'
            | '陸'
            | '陆'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
            | '佰'
            | '仟'
    )
}

/// 圆 and what follows it in an amount of financial numerals: 圆整, 圆柒角,
/// 元壹角捌分.
fn yuan_places(text: &str, end: usize, yuan: f64) -> Option<(usize, f64)> {
    let c = text[end..]
        .chars()
        .next()
        .filter(|c| matches!(c, '元' | '圆' | '圓'))?;
    let mut end = end + c.len_utf8();
    if let Some(c) = text[end..]
        .chars()
        .next()
        .filter(|c| matches!(c, '整' | '正'))
    {
        return Some((end + c.len_utf8(), yuan));
    }
    let mut value = yuan;
    let mut places = [('角', 0.1), ('分', 0.01)].iter();
    let mut chars = text[end..].char_indices();
    while let Some((_, d)) = chars.next() {
        let Some(n) = digit(d).filter(|_| !is_arabic(d)) else {
            break;
        };
        let Some((_, place)) = chars.next() else {
            break;
        };
        let Some(&(_, scale)) = places.by_ref().find(|(p, _)| *p == place) else {
            break;
        };
        value += f64::from(n) * scale;
        end += d.len_utf8() + place.len_utf8();
    }
    Some((end, (value * 100.0).round() / 100.0))
}

/// `分之` (spaces around allowed) and a signed numerator after a
/// denominator ending at `end`.
fn fraction_after(text: &str, end: usize, denominator: f64) -> Option<(usize, f64)> {
    let (i, c) = after_spaces(text, end)?;
    if c != '分' {
        return None;
    }
    let (j, c) = after_spaces(text, i + c.len_utf8())?;
    if c != '之' {
        return None;
    }
    let (k, _) = after_spaces(text, j + c.len_utf8())?;
    let (sign_len, negative) = sign_at(text, k);
    let (e, numerator, _) = simple_at(text, k + sign_len)?;
    let value = numerator / denominator;
    Some((e, if negative { -value } else { value }))
}

/// `/5` after Arabic digits: 3/5, 16/5.
fn slash_fraction_after(text: &str, end: usize, numerator: f64) -> Option<(usize, f64)> {
    let before = text[..end].chars().next_back()?;
    let slash = text[end..]
        .chars()
        .next()
        .filter(|&c| c == '/' || c == '／')?;
    let start = end + slash.len_utf8();
    if !is_arabic(before) || !text[start..].starts_with(is_arabic) {
        return None;
    }
    let (e, denominator) = arabic_at(text, start)?;
    (denominator != 0.0).then(|| (e, numerator / denominator))
}

/// The fraction of a mixed number: 又三分之一, 又 3分之1, or ` 3/5` after
/// Arabic digits.
fn mixed_after(text: &str, end: usize) -> Option<(usize, f64)> {
    let (i, c) = after_spaces(text, end)?;
    if c == '又' {
        let (j, _) = after_spaces(text, i + c.len_utf8())?;
        let (e, denominator, _) = simple_at(text, j)?;
        return fraction_after(text, e, denominator)
            .or_else(|| slash_fraction_after(text, e, denominator));
    }
    let before = text[..end].chars().next_back()?;
    if is_arabic(before) && i > end && is_arabic(c) {
        let (e, numerator) = arabic_at(text, i)?;
        return slash_fraction_after(text, e, numerator);
    }
    None
}

/// Plain Arabic digits (no separators): the denominators of 3/5.
fn arabic_at(text: &str, at: usize) -> Option<(usize, f64)> {
    let len = text[at..]
        .char_indices()
        .find(|&(_, c)| !is_arabic(c))
        .map_or(text.len() - at, |(i, _)| i);
    let value = parse_arabic(&text[at..at + len])?.to_f64();
    Some((at + len, value))
}

/// A number without sign or fraction at `at`: its end, value, and whether
/// it is written in Chinese numerals only.
fn simple_at(text: &str, at: usize) -> Option<(usize, f64, bool)> {
    let first = text[at..].chars().next()?;
    let leading_point = first == '.'
        && text[at + first.len_utf8()..].starts_with(is_arabic)
        && !text[..at].ends_with(|c| is_arabic(c) || is_point(c));
    if !(is_arabic(first) || is_chinese_numeral(first) || leading_point || first == '半') {
        return None;
    }
    // 半百: half a hundred.
    if first == '半' {
        let rest = &text[at + first.len_utf8()..];
        return rest
            .starts_with(['百', '佰'])
            .then(|| (at + first.len_utf8() + '百'.len_utf8(), 50.0, true));
    }
    let (mut end, value) = read_run(text, at, run_end(text, at))?;
    let chinese = !text[at..end].contains(is_arabic);
    let mut value = value.to_f64();
    // Arabic tails: 2e5, 2^5, 40k, -2.5 M.
    if text[..end].ends_with(is_arabic) {
        if let Some((e, v)) = arabic_tail(text, end, value) {
            end = e;
            value = v;
        }
    }
    // 十打: dozens.
    if text[end..].starts_with('打') {
        end += '打'.len_utf8();
        value *= 12.0;
    }
    Some((end, value, chinese))
}

/// The number the run `at..run_end` (see [`run_end`]) starts with: its end
/// and value. A run that does not read whole is shortened from the right
/// (三會 → 三); a dotted sequence (2222.2222.222, a version or an address)
/// reads part by part. The one reader of numbers in running text, for
/// `numbers()` and the figures alike.
pub(crate) fn read_run(text: &str, at: usize, mut run_end: usize) -> Option<(usize, Decimal)> {
    let dotted = |at: usize| {
        let mut chars = text[at..].chars();
        chars.next().is_some_and(is_point) && chars.next().is_some_and(is_arabic)
    };
    let before_point = text[..at].strip_suffix('.');
    if dotted(run_end) || before_point.is_some_and(|b| b.ends_with(is_arabic)) {
        if let Some(p) = text[at..run_end].find('.') {
            run_end = at + p;
        }
    }
    let mut end = run_end;
    let (end, value) = loop {
        if end <= at {
            return None;
        }
        let written = &text[at..end];
        if !written.ends_with(is_space) {
            if let Some(v) = parse_written(written) {
                break (end, v);
            }
        }
        end -= written.chars().next_back().map_or(1, char::len_utf8);
    };
    // 二三十, 三四百: two digits before a unit are an approximation.
    if end < run_end {
        let written = &text[at..end];
        let next = text[end..].chars().find(|&c| !is_space(c));
        if written.chars().count() == 2
            && written.chars().all(|c| digit(c).is_some() && !is_arabic(c))
            && next.is_some_and(|n| unit(n).is_some())
        {
            return None;
        }
    }
    Some((end, value))
}

/// Exponents, powers and k/M after Arabic digits.
fn arabic_tail(text: &str, end: usize, value: f64) -> Option<(usize, f64)> {
    let rest = &text[end..];
    let mut chars = rest.char_indices().peekable();
    let (_, c) = *chars.peek()?;
    if matches!(c, 'e' | 'E' | '^') {
        chars.next();
        let mut negative = false;
        let mut digits_start = None;
        for (i, n) in chars.by_ref() {
            if matches!(n, '+' | '-' | '－') && digits_start.is_none() {
                negative ^= n != '+';
            } else if is_arabic(n) {
                digits_start = Some(i);
                break;
            } else {
                return None;
            }
        }
        let start = end + digits_start?;
        let (e, mut power) = arabic_at(text, start)?;
        if negative {
            power = -power;
        }
        if text[e..].starts_with(|n: char| n.is_ascii_alphanumeric()) {
            return None;
        }
        let v = if c == '^' {
            value.powf(power)
        } else {
            value * 10f64.powf(power)
        };
        return Some((e, v));
    }
    let (i, c) = after_spaces(text, end)?;
    let scale = match c {
        'k' | 'K' => 1e3,
        'M' => 1e6,
        _ => return None,
    };
    let e = i + c.len_utf8();
    if text[e..].starts_with(|n: char| n.is_ascii_alphanumeric()) {
        return None;
    }
    Some((e, value * scale))
}

/// Reads a run as written: spaces, 余/多/几 before a unit and 个 before
/// 亿 dropped.
fn parse_written(written: &str) -> Option<Decimal> {
    let dropped =
        |c: char| is_space(c) || matches!(c, '余' | '餘' | '多' | '几' | '幾' | '个' | '個');
    if !written.contains(dropped) {
        return parse_unsigned(written);
    }
    let kept: String = written.chars().filter(|&c| !dropped(c)).collect();
    parse_unsigned(&kept)
}

/// The end of the longest run at `at` that may be a number.
pub(crate) fn run_end(text: &str, at: usize) -> usize {
    let mut end = at;
    let mut count = 0;
    let mut prev: Option<char> = None;
    let mut seen_point = false;
    let mut i = at;
    while i < text.len() && count < MAX_RUN_CHARS {
        let c = text[i..].chars().next().unwrap_or(' ');
        let next_at = i + c.len_utf8();
        let next = after_spaces(text, next_at).map(|(_, n)| n);
        let right_after = text[next_at..].chars().next();
        let joins = match c {
            c if is_arabic(c) => true,
            c if is_chinese_numeral(c) => true,
            // 3.5, .5, and the print style 三十九.五 (the view's point).
            '.' => {
                !seen_point
                    && match prev {
                        None => right_after.is_some_and(is_arabic),
                        Some(p) if is_arabic(p) => right_after.is_some_and(is_arabic),
                        Some(p) => {
                            is_chinese_numeral(p)
                                && right_after.is_some_and(|n| {
                                    is_chinese_numeral(n) && digit(n).is_some() && !is_liang(n)
                                })
                        }
                    }
            }
            ',' => {
                prev.is_some_and(is_arabic) && {
                    let mut d = text[next_at..].chars();
                    (0..3).all(|_| d.next().is_some_and(is_arabic))
                        && !d.next().is_some_and(is_arabic)
                }
            }
            '点' | '點' => {
                prev.is_some() && next.is_some_and(|n| digit(n).is_some() && !is_liang(n))
            }
            '余' | '餘' | '多' => prev.is_some() && next.is_some_and(is_big_unit),
            // 两个亿, 7个亿: a count of 亿 or 万.
            '个' | '個' => {
                prev.is_some_and(|p| digit(p).is_some())
                    && right_after.is_some_and(|n| matches!(n, '万' | '萬' | '亿' | '億'))
            }
            '几' | '幾' => prev.is_some() && next.is_some_and(|n| unit(n).is_some()),
            c if is_space(c) => match (prev, next) {
                // 一百 五 十, 7 万, 7万 5千; not 667.123 五点八.
                (Some(p), Some(n)) => {
                    (is_chinese_numeral(p) || matches!(p, '点' | '點' | '余' | '餘'))
                        && (is_chinese_numeral(n)
                            || matches!(n, '点' | '點' | '余' | '餘' | '几' | '幾'))
                        || is_arabic(p) && unit(n).is_some()
                        || unit(p).is_some() && is_arabic(n)
                }
                _ => false,
            },
            _ => false,
        };
        if !joins {
            break;
        }
        if !is_space(c) {
            end = next_at;
        }
        if !is_arabic(c) {
            count += 1;
        }
        seen_point |= is_point(c);
        prev = if is_space(c) { prev } else { Some(c) };
        i = next_at;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<f64> {
        parse(text).map(Decimal::to_f64)
    }

    #[test]
    fn the_numeral_filter_lets_every_numeral_through() {
        let numerals = (0..=0x3_ffff)
            .filter_map(char::from_u32)
            .filter(|&c| digit(c).is_some() || unit(c).is_some());
        for c in numerals {
            assert!(may_be_numeral(c), "{c}");
        }
    }

    #[test]
    fn reads_numbers_as_news_writes_them() {
        for (text, expected) in [
            ("218.8億", 21_880_000_000.0),
            ("1,234.5", 1234.5),
            ("一百零五億", 10_500_000_000.0),
            ("3千萬", 30_000_000.0),
            ("兩千六", 2600.0),
            ("三萬五", 35000.0),
            ("一百二", 120.0),
            ("十三萬五", 135000.0),
            ("二〇二五", 2025.0),
            ("廿二", 22.0),
            ("負三點五", -3.5),
            ("零下5", -5.0),
            ("一萬億", 1e12),
            ("100萬三千", 1_003_000.0),
            ("200亿零四千230", 20_000_004_230.0),
            ("1百01", 101.0),
            ("五兆六十二亿四万五千二", 5_006_200_045_200.0),
            ("四萬萬", 400_000_000.0),
            ("百三", 130.0),
            ("倆千两百贰拾二", 2222.0),
            ("七二九.二亿", 72_920_000_000.0),
            ("三十九.五", 39.5),
            ("二.〇〇〇", 2.0),
            ("一点〇五兆", 1_050_000_000_000.0),
            ("一〇一〇亿", 101_000_000_000.0),
            ("三点五亿", 350_000_000.0),
            ("2.5亿三千万", 280_000_000.0),
        ] {
            assert_eq!(value(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "",
            "点一",
            "零点",
            "十十",
            "百十一",
            "十一十二",
            "10..1万",
            "元",
            "負",
            "两两",
            "千万",
            "三十两",
            "一百零两",
            "两万两",
            "三千两百两",
        ] {
            assert_eq!(value(text), None, "{text}");
        }
    }

    #[test]
    fn the_fast_conversion_rounds_as_parsing_does() {
        for (mantissa, exponent) in [
            (2188u128, 7),
            (525, -4),
            (1, -22),
            (9_007_199_254_740_991, 22),
            (9_007_199_254_740_991, -22),
            (123_456_789, -9),
            (7, 300),
            (3, -300),
        ] {
            let d = Decimal {
                negative: false,
                mantissa,
                exponent,
            };
            let parsed: f64 = format!("{mantissa}e{exponent}").parse().unwrap();
            assert_eq!(d.to_f64(), parsed, "{mantissa}e{exponent}");
        }
    }

    #[test]
    fn huge_numbers_do_not_panic() {
        let digits = "9".repeat(1_000_000);
        assert_eq!(value(&digits), Some(f64::INFINITY));
        assert!(value(&"九".repeat(1000)).is_some_and(f64::is_infinite));
    }
}
