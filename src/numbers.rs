//! Numbers as Chinese news writes them: ASCII and full-width digits with
//! thousands separators and decimals, Chinese numerals (一百零五, 兩千六,
//! 壹拾萬, 廿二), digit-by-digit numerals (二〇二五), and mixtures (1.2億,
//! 3千萬, 100萬三千), with a sign (負, 零下, -).
//!
//! Values are exact decimals (`Decimal`), so 218.8億 is 21,880,000,000 and
//! not 21,880,000,000.000004; `Decimal::to_f64` rounds once, at the end.

use std::fmt;

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
        let magnitude: f64 = format!("{}e{}", self.mantissa, self.exponent)
            .parse()
            .unwrap_or(f64::INFINITY);
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

    fn negated(self) -> Decimal {
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

/// The value of a digit character: ASCII, full-width, or a Chinese numeral
/// digit (simplified, traditional and financial forms).
pub(crate) fn digit(c: char) -> Option<u8> {
    Some(match c {
        '0'..='9' => c as u8 - b'0',
        '０'..='９' => (c as u32 - '０' as u32) as u8,
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '貳' | '贰' | '兩' | '两' => 2,
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
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_point(c: char) -> bool {
    matches!(c, '点' | '點' | '.' | '．')
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

/// A run of digits with optional separators and decimals: `1,234.5`, `１２`.
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
        } else if is_point(c)
            && !in_fraction
            && !mantissa.is_empty()
            && chars.peek().is_some_and(|&n| is_arabic(n))
        {
            in_fraction = true;
        } else if !(matches!(c, ',' | '，')
            && !in_fraction
            && chars.peek().is_some_and(|&n| is_arabic(n)))
        {
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

fn parse_unsigned(text: &str) -> Option<Decimal> {
    if text.is_empty() {
        return None;
    }
    if text
        .chars()
        .all(|c| is_arabic(c) || is_point(c) || matches!(c, ',' | '，'))
    {
        return parse_arabic(text);
    }
    // Split off a Chinese decimal part: 三点一四, 一七二零点一.
    let (whole, fraction) = match text.char_indices().find(|&(_, c)| matches!(c, '点' | '點')) {
        Some((i, c)) => (&text[..i], Some(&text[i + c.len_utf8()..])),
        None => (text, None),
    };
    let mut value = if whole.chars().count() >= 2
        && whole.chars().all(|c| digit(c).is_some() && !is_arabic(c))
    {
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
            let d = digit(c)?;
            value = value.plus(Decimal::integer(u128::from(d)).scaled(power))?;
        }
    }
    Some(value)
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
                    || (is_point(n) || matches!(n, ',' | '，'))
                        && text[j + n.len_utf8()..].starts_with(is_arabic)
                {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            pending = Some(parse_arabic(&text[i..end])?);
            pending_is_numeral = false;
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
                    let n = match n {
                        Some(n) => n,
                        None if power == 1 || after_zero => Decimal::integer(1),
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
                    high = high.plus(group)?.scaled(power);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<f64> {
        parse(text).map(Decimal::to_f64)
    }

    #[test]
    fn reads_numbers_as_news_writes_them() {
        for (text, expected) in [
            ("218.8億", 21_880_000_000.0),
            ("1,234.5", 1234.5),
            ("１２３４５", 12345.0),
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
        ] {
            assert_eq!(value(text), None, "{text}");
        }
    }

    #[test]
    fn huge_numbers_do_not_panic() {
        let digits = "9".repeat(1_000_000);
        assert_eq!(value(&digits), Some(f64::INFINITY));
        assert!(value(&"九".repeat(1000)).is_some_and(f64::is_infinite));
    }
}
