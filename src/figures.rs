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

use std::cmp::Reverse;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::numbers::{self, Decimal, Found};
use crate::scan::find_words;
use crate::{Token, is_han};

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

/// A calendar date, against which relative dates (今年, 去年12月) resolve.
///
/// ```
/// let date: zhlens::Date = "2025-09-15".parse().unwrap();
/// assert_eq!(date.to_string(), "2025-09-15");
/// assert!("2025-02-30".parse::<zhlens::Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// The date, if it exists in the (proleptic Gregorian) calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }
}

impl FromStr for Date {
    type Err = Error;

    fn from_str(text: &str) -> Result<Date, Error> {
        let invalid = || Error::new(ErrorKind::InvalidDate(text.to_string()));
        let mut parts = text.split('-');
        let mut field = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u32>().ok())
        };
        let (year, month, day) = (field(4), field(2), field(2));
        match (year, month, day, parts.next()) {
            (Some(y), Some(m), Some(d), None) => Date::new(y as i32, m, d).ok_or_else(invalid),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const CURRENCIES: &[(&str, &str)] = &[
    ("人民幣元", "CNY"),
    ("人民币元", "CNY"),
    ("新台幣元", "TWD"),
    ("新台币元", "TWD"),
    ("美元", "USD"),
    ("美圆", "USD"),
    ("美圓", "USD"),
    ("美金", "USD"),
    ("奈拉", "NGN"),
    ("泰銖", "THB"),
    ("泰铢", "THB"),
    ("越南盾", "VND"),
    ("印度盧比", "INR"),
    ("印度卢比", "INR"),
    ("新西蘭元", "NZD"),
    ("新西兰元", "NZD"),
    ("瑞典克朗", "SEK"),
    ("挪威克朗", "NOK"),
    ("丹麥克朗", "DKK"),
    ("丹麦克朗", "DKK"),
    ("港元", "HKD"),
    ("港幣", "HKD"),
    ("港币", "HKD"),
    ("澳門元", "MOP"),
    ("澳门元", "MOP"),
    ("新台幣", "TWD"),
    ("新台币", "TWD"),
    ("台幣", "TWD"),
    ("台币", "TWD"),
    ("歐元", "EUR"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("日幣", "JPY"),
    ("日币", "JPY"),
    ("日圓", "JPY"),
    ("日圆", "JPY"),
    ("英鎊", "GBP"),
    ("英镑", "GBP"),
    ("韓元", "KRW"),
    ("韩元", "KRW"),
    ("盧布", "RUB"),
    ("卢布", "RUB"),
    ("澳元", "AUD"),
    ("加元", "CAD"),
    ("瑞士法郎", "CHF"),
    ("新加坡元", "SGD"),
    ("新元", "SGD"),
    ("人民幣", "CNY"),
    ("人民币", "CNY"),
    ("元", "CNY"),
    ("圓", "CNY"),
    ("圆", "CNY"),
    ("块钱", "CNY"),
    ("塊錢", "CNY"),
    // Cryptocurrencies have no ISO 4217 code; their tickers stand in.
    ("比特币", "BTC"),
    ("比特幣", "BTC"),
    ("以太币", "ETH"),
    ("以太幣", "ETH"),
];

/// Currencies counted like things, with 个 before them (20个比特币).
const COUNTED_CURRENCIES: &[&str] = &["BTC", "ETH"];

/// Currency written before the number: ¥100, US$5, 人民幣300萬元.
const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
    ("RMB", "CNY"),
    ("人民幣", "CNY"),
    ("人民币", "CNY"),
    ("新台幣", "TWD"),
    ("新台币", "TWD"),
    ("港幣", "HKD"),
    ("港币", "HKD"),
    ("美金", "USD"),
    ("$", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("£", "GBP"),
];

/// Measure words and units of quantities, longest first where one is a
/// prefix of another.
const UNITS: &[&str] = &[
    "平方公里",
    "平方千米",
    "平方米",
    "平方英尺",
    "立方米",
    "千瓦時",
    "千瓦时",
    "千字節",
    "千字节",
    "兆字節",
    "兆字节",
    "千比特",
    "兆赫茲",
    "兆赫兹",
    "赫茲",
    "赫兹",
    "千卡",
    "千米",
    "千克",
    "微克",
    "毫克",
    "萬千瓦",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "公里/小時",
    "公里/小时",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "公分",
    "英里",
    "米",
    "公頃",
    "公顷",
    "畝",
    "亩",
    "公噸",
    "公吨",
    "噸",
    "吨",
    "千克",
    "公斤",
    "克",
    "台斤",
    "斤",
    "两",
    "兩",
    "人次",
    "萬人",
    "个百分点",
    "個百分點",
    "個月",
    "个月",
    "小時",
    "小时",
    "分鐘",
    "分钟",
    "秒鐘",
    "秒钟",
    "星期",
    "周",
    "週",
    "天",
    "標箱",
    "标箱",
    "攝氏度",
    "摄氏度",
    "華氏度",
    "华氏度",
    "周歲",
    "周岁",
    "度",
    "℃",
    "°C",
    "個",
    "个",
    "家",
    "人",
    "名",
    "位",
    "戶",
    "户",
    "次",
    "件",
    "項",
    "项",
    "所",
    "座",
    "條",
    "条",
    "台",
    "臺",
    "輛",
    "辆",
    "架",
    "艘",
    "套",
    "部",
    "本",
    "張",
    "张",
    "隻",
    "只",
    "頭",
    "头",
    "棵",
    "株",
    "份",
    "批",
    "場",
    "场",
    "屆",
    "届",
    "篇",
    "間",
    "间",
    "棟",
    "栋",
    "層",
    "层",
    "歲",
    "岁",
    "倍",
    "強",
    "强",
    "筆",
    "笔",
    "宗",
    "起",
    "例",
    "處",
    "处",
    "支",
    "隊",
    "队",
    "款",
    "種",
    "种",
    "kg",
    "km",
    "cm",
    "CM",
    "mm",
    "m",
    "GW",
    "MW",
    "kW",
    "TEU",
];

/// Qualifiers before the number; a negated comparison comes before the
/// comparison it ends with (不超过 before 超过).
const APPROX_BEFORE: &[(&str, Approx)] = &[
    ("大於等於", Approx::Over),
    ("大于等于", Approx::Over),
    ("小於等於", Approx::Under),
    ("小于等于", Approx::Under),
    ("≥", Approx::Over),
    ("≤", Approx::Under),
    ("不超過", Approx::Under),
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
    ("超過", Approx::Over),
    ("超过", Approx::Over),
    ("突破", Approx::Over),
    ("超", Approx::Over),
    ("逾", Approx::Over),
    ("將近", Approx::Under),
    ("将近", Approx::Under),
    ("不到", Approx::Under),
    ("不足", Approx::Under),
    ("近", Approx::Under),
    ("大約", Approx::About),
    ("大约", Approx::About),
    ("約", Approx::About),
    ("约", Approx::About),
];

/// Qualifiers between the number and its unit (40余次, 1.5億余元).
const APPROX_INSIDE: &[(&str, Approx)] = &[
    ("余", Approx::Over),
    ("餘", Approx::Over),
    ("多", Approx::Over),
];

/// Qualifiers after the figure; (含) says the bound is included.
const APPROX_AFTER: &[(&str, Approx)] = &[
    ("（含）以上", Approx::Over),
    ("(含)以上", Approx::Over),
    ("（含）以下", Approx::Under),
    ("(含)以下", Approx::Under),
    ("以上", Approx::Over),
    ("以下", Approx::Under),
    ("左右", Approx::About),
    ("上下", Approx::About),
];

const RANGE_LINKS: &[&str] = &["至", "到", "--", "——", "-", "—", "–", "－", "~", "～", "〜"];

/// A number found in the text before its meaning is decided.
#[derive(Clone, Debug)]
struct Number {
    range: Range<usize>,
    value: Decimal,
    /// Written with Arabic digits (any part).
    arabic: bool,
    /// 多, 余 or 几 stands for a digit place (500多亿, 十几万): more than
    /// the value.
    vague: bool,
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

/// A `-` right after a number is a range dash (1-7月, 1万(含)-5万元), not a
/// sign.
fn is_range_dash(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(|c| {
        is_number_char(c) || matches!(c, '月' | '%' | '元' | '-' | '—' | '~' | '～' | ')' | '）')
    })
}

fn is_number_char(c: char) -> bool {
    numbers::may_be_numeral(c)
        && (numbers::digit(c).is_some() || numbers::unit(c).is_some() || matches!(c, '廿' | '卅'))
}

/// Maximal runs that read as numbers, with decimals and thousands
/// separators inside them.
const MAX_NUMERAL_CHARS: usize = 40;

fn find_numbers(text: &str) -> Vec<Number> {
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
                || matches!(n, '.' | '．' | '点' | '點' | ',') && next_is_digit
                || is_vague_digit(n, text[i + n.len_utf8()..].chars().next())
                || n == '，' && is_full_width_group(&text[i + n.len_utf8()..])
                || n == '，'
                    && text[..i].ends_with(|c: char| c.is_ascii_digit())
                    && is_ascii_group(&text[i + n.len_utf8()..])
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
        // 12千米, 五十兆字节: 千 and 兆 begin the unit (kilo-, mega-).
        if let Some(last) = text[span.clone()]
            .chars()
            .next_back()
            .filter(|_| end > start)
        {
            let at = end - last.len_utf8();
            if at > start && matches!(last, '千' | '兆') && unit_at(&text[at..]).is_some() {
                span.end = at;
            }
        }
        // No Chinese numeral is longer than this; cutting longer runs keeps
        // the shrinking below linear in the text.
        if let Some((cut, _)) = text[span.clone()].char_indices().nth(MAX_NUMERAL_CHARS) {
            if !text[span.clone()].chars().all(|c| {
                c.is_ascii_digit()
                    || ('０'..='９').contains(&c)
                    || matches!(c, '.' | '．' | ',' | '，')
            }) {
                span.end = start + cut;
            }
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
        let sign = ["零下", "负", "負", "-", "－"]
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
                let arabic = text[span.clone()]
                    .chars()
                    .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
                let (range, value) = if sign > 0 && !is_range_dash(text, start - sign) {
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

/// `，` between full-width digits separates thousands when exactly three
/// digits follow (１２，３４５); elsewhere it is the clause comma.
fn is_full_width_group(rest: &str) -> bool {
    let mut chars = rest.chars();
    (0..3).all(|_| chars.next().is_some_and(|c| ('０'..='９').contains(&c)))
        && !chars.next().is_some_and(|c| ('０'..='９').contains(&c))
}

/// `，` between ASCII digits separates thousands when three digits and then
/// a decimal point or another group follow (82，225.00, 233,333，333,434).
fn is_ascii_group(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() > 3 && b[..3].iter().all(u8::is_ascii_digit) && matches!(b[3], b'.' | b',')
}

/// The first entry of `table` whose word `text` starts with.
pub(crate) fn starts_with_any<'a, T: Copy>(
    text: &str,
    table: &'a [(&'a str, T)],
) -> Option<(&'a str, T)> {
    table
        .iter()
        .find(|(word, _)| text.starts_with(word))
        .copied()
}

/// The first entry of `table` whose word `text` ends with.
pub(crate) fn ends_with_any<'a, T: Copy>(
    text: &str,
    table: &'a [(&'a str, T)],
) -> Option<(&'a str, T)> {
    table.iter().find(|(word, _)| text.ends_with(word)).copied()
}

/// Finds the figures of `text`, resolving relative dates against `today`;
/// `tokens` is the text's segmentation.
pub(crate) fn find(text: &str, tokens: &[Token], today: Date) -> Vec<Figure> {
    let numbers = find_numbers(text);
    let mut figures: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let consumed = read_figure(text, tokens, &numbers, i, today, &mut figures);
        i += consumed.max(1);
        // A figure's unit may be a numeral of its own (the 两 of 〇多两):
        // numbers inside a figure are no figures of their own.
        let end = figures.last().map_or(0, |f| f.range.end);
        while numbers.get(i).is_some_and(|n| n.range.start < end) {
            i += 1;
        }
    }
    figures.extend(find_half_years(text, today));
    figures.extend(find_relative_dates(text, today));
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
    figures
}

/// What may stand between a lower and an upper bound of one range, spaces
/// around it aside (大于10小于20, 18岁以上、60岁以下, 大于100 并且小于300);
/// not a comma, which parts clauses that state bounds of their own (至少有3人，
/// 接近10万人).
const BOUND_LINKS: &[&str] = &["", "、", "且", "并", "並", "并且", "並且", "而"];

/// Two figures joined by 和 or 与 and followed by 之间 are the ends of a
/// range (20和30之间, 10000与20000间).
const BETWEEN_LINKS: &[&str] = &["和", "与", "與", "及"];
const BETWEEN: &[(&str, ())] = &[("之间", ()), ("之間", ()), ("间", ()), ("間", ())];

/// A lower bound next to an upper bound of the same measure is one range,
/// and so are two figures said to have something between them: 大于10小于20
/// is 10 to 20, 不大于50不小于20 20 to 50, 20和30之间 20 to 30; bounds that
/// leave nothing between them (大于50小于12) stay apart.
fn join_bounds(text: &str, figures: &mut Vec<Figure>) {
    let mut joined: Vec<Figure> = Vec::with_capacity(figures.len());
    for f in figures.drain(..) {
        if let Some(last) = joined.last_mut() {
            if let Some(range) = bounded(text, last, &f) {
                *last = range;
                continue;
            }
        }
        joined.push(f);
    }
    *figures = joined;
}

fn bounded(text: &str, first: &Figure, second: &Figure) -> Option<Figure> {
    let (Value::Number(a), Value::Number(b)) = (&first.value, &second.value) else {
        return None;
    };
    let gap = text
        .get(first.range.end..second.range.start)?
        .trim_matches(' ');
    let (low, high, end) = match (first.approx, second.approx) {
        (Some(Approx::Over), Some(Approx::Under)) if BOUND_LINKS.contains(&gap) => {
            (*a, *b, second.range.end)
        }
        (Some(Approx::Under), Some(Approx::Over)) if BOUND_LINKS.contains(&gap) => {
            (*b, *a, second.range.end)
        }
        (None, None) if BETWEEN_LINKS.contains(&gap) => {
            let (word, ()) = starts_with_any(&text[second.range.end..], BETWEEN)?;
            (*a, *b, second.range.end + word.len())
        }
        _ => return None,
    };
    let same_measure = first.kind == second.kind
        && first.bounds.is_none()
        && second.bounds.is_none()
        && (first.unit.is_none() || first.unit == second.unit);
    (same_measure && low < high).then(|| Figure {
        range: first.range.start..end,
        value: Value::Number(low),
        approx: None,
        bounds: Some([low, high]),
        ..second.clone()
    })
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
/// [`numbers::scan`]'s numbers, which keep spaces inside (陆 点 五 折,
/// 一 百 五 十 个 百 分 点), fractions of a thousand (千分之二) and k
/// (百分之15k). They replace the figures of the first reading they overlap,
/// unless one of those holds them whole (不到10%, 10%～20%).
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

/// The digits of a web address (https://…?q=30%25) are not figures.
fn drop_in_urls(text: &str, figures: &mut Vec<Figure>) {
    let mut urls = Vec::new();
    for (at, _) in find_words(text, &["http://", "https://"], |s| s) {
        let len = text[at..]
            .find(|c: char| c.is_whitespace() || !c.is_ascii())
            .unwrap_or(text.len() - at);
        urls.push(at..at + len);
    }
    if urls.is_empty() {
        return;
    }
    urls.sort_by_key(|u| u.start);
    figures.retain(|f| {
        // The last address starting before the figure ends.
        let i = urls.partition_point(|u| u.start < f.range.end);
        !(i > 0 && urls[i - 1].end > f.range.start)
    });
}

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
    if power == 0 || text[..start].ends_with(is_number_char) {
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
                '%' | '％' | '成' | '折' => is_number_char(previous),
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

fn find_percents(text: &str) -> Vec<Figure> {
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
        if rest.starts_with(['%', '％']) && after == end {
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
                .filter(|_| !text[next_at..].chars().nth(1).is_some_and(is_number_char))
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
        ("打對折", 50.0),
    ];
    for (at, &(word, value)) in find_words(text, WHOLE_WORDS, |e| e.0) {
        let end = at + word.len();
        if text[end..].starts_with(is_number_char) {
            continue;
        }
        let start = if word.starts_with('打') {
            at + '打'.len_utf8()
        } else {
            at
        };
        out.push(percent(start..end, value, "%"));
    }
    out.sort_by_key(|f| f.range.start);
    keep_first_of_overlaps(&mut out);
    out
}

/// Reads the figure that starts with `numbers[i]`, if any; returns how many
/// numbers it used.
fn read_figure(
    text: &str,
    tokens: &[Token],
    numbers: &[Number],
    i: usize,
    today: Date,
    out: &mut Vec<Figure>,
) -> usize {
    let n = &numbers[i];
    let before = &text[..n.range.start];
    let after = &text[n.range.end..];

    // A range: 3至5億元, 1至7月, 10%～20%. Its high end is read as a figure
    // of its own, which is not a range's start (1-2-3 is not nested).
    if is_range_start(text, numbers, i) && !is_range_start(text, numbers, i.wrapping_sub(1)) {
        let mut second = Vec::new();
        let used = read_figure(text, tokens, numbers, i + 1, today, &mut second);
        if let Some(f) = second.pop().and_then(|high| widen_range(text, n, high)) {
            out.push(f);
            return used + 1;
        }
    }

    // 第一季度, 一季度, 前三季度: quarters, and the months up to one.
    if let Some(q) = quarter_after(after) {
        let marker = ["前", "第"].iter().find(|m| before.ends_with(**m)).copied();
        let mut start = n.range.start - marker.map_or(0, str::len);
        let (year, year_len) = year_before(&text[..start], today);
        start -= year_len;
        let quarter = n.value.to_f64();
        if (1.0..=4.0).contains(&quarter) && quarter.fract() == 0.0 {
            let last = quarter as u32 * 3;
            let first = if marker == Some("前") { 1 } else { last - 2 };
            out.push(iso(
                FigureKind::Period,
                start..n.range.end + q,
                format!("{year:04}-{first:02}/{year:04}-{last:02}"),
            ));
            return 1;
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
        .filter(|h| !h.ends_with(is_number_char) && !after.starts_with(is_number_char))
    {
        out.push(number_figure(
            FigureKind::Percent,
            head.len()..n.range.end,
            n.value.to_f64(),
            Some("%"),
        ));
        return 1;
    }

    if let Some(used) = read_date(text, numbers, i, today, out) {
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
    } else if let Some(sign) = ["%", "％"].iter().find(|p| rest.starts_with(**p)) {
        end += sign.len();
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
    } else if let Some(unit) =
        unit_at(rest).filter(|u| !is_article(text, n, u) && !liang_is_numeral(rest, u))
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
    } else if n.arabic && !is_code(text, &n.range) {
        number_figure(FigureKind::Number, n.range.clone(), n.value.to_f64(), None)
    } else {
        return 1;
    };
    figure.approx = approx;

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
        let owned = text[..currency_start].ends_with(is_number_char)
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
    if let Some((start, a)) = qualifier_before(text, figure.range.start) {
        figure.range.start = start;
        figure.approx = Some(a);
    }
    let tail = &text[figure.range.end..];
    if let Some((word, a)) = starts_with_any(tail, APPROX_AFTER) {
        figure.range.end += word.len();
        figure.approx = Some(a);
    }
    out.push(figure);
    used
}

/// Words that may link a qualifier of two characters or more to its number:
/// 超过了80, 至少有3人, 最多为5.
const QUALIFIER_LINKS: &[&str] = &["了", "有", "是", "为", "為"];

/// Where the qualifier before a figure starting at `start` begins, and its
/// bound.
fn qualifier_before(text: &str, start: usize) -> Option<(usize, Approx)> {
    let head = &text[..start];
    let direct = ends_with_any(head, APPROX_BEFORE).map(|(w, a)| (head.len() - w.len(), a));
    let linked = || {
        let link = QUALIFIER_LINKS.iter().find(|l| head.ends_with(**l))?;
        let before = &head[..head.len() - link.len()];
        ends_with_any(before, APPROX_BEFORE)
            .filter(|(w, _)| w.chars().count() >= 2)
            .map(|(w, a)| (before.len() - w.len(), a))
    };
    direct.or_else(linked)
}

/// Verbs of paying and earning: the 块 of an amount they govern is 元
/// (花了我三块), not a piece.
const PAYING_VERBS: &[&str] = &[
    "花", "花费", "花費", "花掉", "付", "支付", "交", "赚", "賺", "挣", "掙", "卖", "賣", "售",
    "值", "找", "找回", "退", "收", "欠", "借", "贵", "貴", "便宜",
];

/// 块 is 元 when 毛 or 角 follow it (十块三毛), or when it ends a clause
/// whose verb pays or earns (花费我三块); otherwise it is mostly a measure
/// word (一块土地, 切成三块, 买了三块蛋糕).
fn kuai_as_yuan(
    text: &str,
    tokens: &[Token],
    numbers: &[Number],
    i: usize,
    rest: &str,
) -> Option<(&'static str, &'static str)> {
    let kuai = ["块", "塊"].into_iter().find(|k| rest.starts_with(k))?;
    let at = numbers[i].range.end + kuai.len();
    let with_jiao = numbers
        .get(i + 1)
        .is_some_and(|n| n.range.start == at && text[n.range.end..].starts_with(['毛', '角']));
    (with_jiao || ends_paid_clause(text, tokens, numbers[i].range.start, at))
        .then_some((kuai, "CNY"))
}

/// Whether the amount `start..end` closes its clause (nothing but
/// punctuation, a conjunction or a particle follows) and a paying verb
/// stands earlier in that clause.
fn ends_paid_clause(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    let next = tokens.partition_point(|t| t.start() < end);
    let closes = match tokens.get(next) {
        None => end == text.len(),
        Some(t) => t.start() == end && matches!(t.pos().as_str(), "x" | "c" | "ul" | "y"),
    };
    let first = tokens.partition_point(|t| t.end() <= start);
    closes
        && tokens[..first]
            .iter()
            .rev()
            .take_while(|t| !is_clause_break(&text[t.range()]))
            .any(|t| PAYING_VERBS.contains(&&text[t.range()]))
}

fn is_clause_break(word: &str) -> bool {
    word.chars().all(|c| {
        matches!(
            c,
            '，' | '。' | '；' | '！' | '？' | '：' | ',' | '.' | ';' | '!' | '?' | ':' | '\n'
        )
    })
}

/// The rest of an amount after its currency: 8亿元人民币, 五元三毛,
/// 50元6角三分, 两美元又三美分.
fn extend_money(text: &str, numbers: &[Number], i: usize, figure: &mut Figure) -> usize {
    let Value::Number(mut value) = figure.value else {
        return 0;
    };
    let unit = figure.unit.clone().unwrap_or_default();
    // 8亿元人民币, 三万元欧元: a currency named after 元 is the amount's.
    if text[..figure.range.end].ends_with('元') {
        if let Some((word, code)) = starts_with_any(&text[figure.range.end..], CURRENCIES)
            .filter(|(w, _)| !matches!(*w, "元" | "圆" | "圓"))
        {
            figure.range.end += word.len();
            figure.unit = Some(code.to_string());
            return 0;
        }
    }
    let yuan = text[..figure.range.end].ends_with(['元', '圆', '圓', '块', '塊']);
    // 壹仟玖佰圆整: a round amount, as cheques write it.
    if yuan && text[figure.range.end..].starts_with(['整', '正']) {
        figure.range.end += '整'.len_utf8();
        return 0;
    }
    let subunits: &[(&str, f64)] = match unit.as_str() {
        "CNY" if yuan => &[("角", 0.1), ("毛", 0.1), ("分", 0.01)],
        "USD" => &[("美分", 0.01)],
        "JPY" => &[
            ("日本銭", 0.01),
            ("日本钱", 0.01),
            ("钱", 0.01),
            ("銭", 0.01),
        ],
        _ => &[],
    };
    let mut j = i + 1;
    let mut place = 0;
    while let Some(n) = numbers.get(j) {
        let gap = &text[figure.range.end..n.range.start];
        if !(gap.is_empty() || gap == "又") {
            break;
        }
        let after = &text[n.range.end..];
        let Some(k) = subunits[place..]
            .iter()
            .position(|(w, _)| after.starts_with(w))
        else {
            break;
        };
        let (word, scale) = subunits[place + k];
        value += n.value.to_f64() * scale;
        figure.range.end = n.range.end + word.len();
        place += k + 1;
        j += 1;
    }
    if place > 0 {
        figure.value = Value::Number((value * 100.0).round() / 100.0);
        // 六角七分钱.
        if text[figure.range.end..].starts_with(['钱', '錢']) {
            figure.range.end += '钱'.len_utf8();
        }
    }
    j - i - 1
}

/// 一 before a measure word is mostly the indefinite article (一個重要的,
/// 一場勝仗), not a count; a count of one is written 1個.
fn is_article(text: &str, n: &Number, unit: &str) -> bool {
    matches!(&text[n.range.clone()], "一" | "壹") && !is_measure(unit)
}

/// 两 after a number is the weight 两 (二两, 三十两), unless it begins a
/// number or count of its own (一两个, 一两年: "one or two").
fn liang_is_numeral(rest: &str, unit: &str) -> bool {
    if !matches!(unit, "两" | "兩") {
        return false;
    }
    let after = &rest[unit.len()..];
    after.starts_with(is_number_char)
        || unit_at(after).is_some()
        || after.starts_with(['年', '月', '日', '号', '號', '岁', '歲'])
}

/// Units of measurement, as opposed to classifiers: 一噸 is a ton, while
/// 一個 is "a".
fn is_measure(unit: &str) -> bool {
    unit.contains([
        '米', '克', '噸', '吨', '斤', '畝', '亩', '頃', '顷', '里', '瓦', '度', '℃', '特', '节',
        '節', '赫', '茲', '兹', '卡',
    ]) || unit.is_ascii()
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

/// The longest unit at the start of `text` (周岁 over 周).
fn unit_at(text: &str) -> Option<&'static str> {
    UNITS
        .iter()
        .copied()
        .filter(|u| text.starts_with(u))
        .max_by_key(|u| u.len())
}

/// `5G`, `A4`, `G60`: digits glued to Latin letters are codes, not numbers.
fn is_code(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphabetic())
        || after.is_some_and(|c| c.is_ascii_alphabetic())
}

/// Whether `numbers[i]`, a range link and `numbers[i + 1]` follow each
/// other; the first number may repeat the unit (10%～20%, 1月至7月) or say
/// it is included (1万(含)-5万元).
fn is_range_start(text: &str, numbers: &[Number], i: usize) -> bool {
    let (Some(number), Some(next)) = (numbers.get(i), numbers.get(i.wrapping_add(1))) else {
        return false;
    };
    let between = &text[number.range.end..next.range.start];
    RANGE_LINKS.iter().any(|link| {
        between.strip_suffix(link).is_some_and(|head| {
            matches!(
                head,
                "" | "%" | "％" | "月" | "元" | "萬元" | "万元" | "(含)" | "（含）"
            )
        })
    })
}

/// Given the figure read from the second number of a range, the figure of
/// the whole range.
fn widen_range(text: &str, first: &Number, high: Figure) -> Option<Figure> {
    match (&high.kind, &high.value) {
        (FigureKind::Date, Value::Iso(end)) => {
            // 1至7月, 今年1-7月: months of the same year.
            let (year, _) = end.split_once('-')?;
            let month = first.value.to_f64();
            if !(1.0..=12.0).contains(&month) || month.fract() != 0.0 {
                return None;
            }
            let year: i32 = year.parse().ok()?;
            let head = &text[..first.range.start];
            let start =
                head.len() - ends_with_any(head, RELATIVE_YEARS).map_or(0, |(w, _)| w.len());
            Some(iso(
                FigureKind::Period,
                start..high.range.end,
                format!("{year:04}-{:02}/{end}", month as u32),
            ))
        }
        (_, Value::Number(high_value)) => {
            // The multiplier of the second number applies to the first when
            // the first has none: 3至5億元 is 3億 to 5億.
            // The high end's last unit applies to the low end when the low
            // end has no unit as large and stays below the high end:
            // 两到三仟 is 2千 to 3千, 十八至三十万 18万 to 30万, while
            // 8500到3万 is 8500 to 3万.
            let high_text = &text[high.range.clone()];
            let first_text = &text[first.range.clone()];
            let mut low = first.value.to_f64();
            let last_unit = high_text
                .chars()
                .rev()
                .find_map(numbers::unit)
                .filter(|p| *p >= 2);
            if let Some(power) = last_unit {
                let scaled = low * 10f64.powi(power);
                let largest = first_text.chars().filter_map(numbers::unit).max();
                if largest.is_none_or(|p| p < power) && scaled <= *high_value {
                    low = scaled;
                }
            }
            Some(Figure {
                range: first.range.start..high.range.end,
                value: Value::Number(low),
                bounds: Some([low, *high_value]),
                ..high
            })
        }
        _ => None,
    }
}

const RELATIVE_YEARS: &[(&str, i32)] = &[
    ("今年", 0),
    ("本年", 0),
    ("去年", -1),
    ("上年", -1),
    ("前年", -2),
    ("明年", 1),
    ("來年", 1),
    ("来年", 1),
];

fn quarter_after(text: &str) -> Option<usize> {
    ["季度", "季"]
        .iter()
        .find(|q| text.starts_with(**q))
        .map(|q| q.len())
}

/// The year a period names just before it (今年, 去年, 2024年), and the
/// bytes that name it; the reference year when none does.
fn year_before(head: &str, today: Date) -> (i32, usize) {
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
fn find_relative_dates(text: &str, today: Date) -> Vec<Figure> {
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
fn find_half_years(text: &str, today: Date) -> Vec<Figure> {
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
fn read_date(
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

/// Chinese numerals that are part of a longer word (統一, 一成不變) or of a
/// quoted slogan (“兩個覆蓋”).
fn is_excluded(text: &str, tokens: &[Token], f: &Figure) -> bool {
    // 第一名, 第三方: 第 makes a rank, also inside a word.
    if f.kind == FigureKind::Ordinal {
        return false;
    }
    let inner = &text[f.range.clone()];
    if inner
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let word = tokens.partition_point(|t| t.end() <= f.range.start);
    let in_longer_word = tokens
        .get(word)
        .is_some_and(|t| t.start() < f.range.start || t.end() > f.range.end);
    in_longer_word || in_short_quote(text, &f.range)
}

/// Whether a lone numeral of [`crate::Analyzer::numbers`] is a word of its
/// own rather than a number: 一 before a verb is "once, as soon as" (一看就
/// 懂; but 一是, 一打), 两两 is "in pairs", and a financial numeral the
/// segmenter tags as another part of speech is its other meaning (拾 "pick
/// up", 伍 "troop"); a digit said twice with no unit, within words, is a
/// name or an idiom (陽光九九, 九九歸一), since 99 is said 九十九 (一一
/// alone still reads 11).
pub(crate) fn lone_numeral_word(text: &str, tokens: &[Token], range: &Range<usize>) -> bool {
    let written = &text[range.clone()];
    let han_beside = text[..range.start].chars().next_back().is_some_and(is_han)
        || text[range.end..].chars().next().is_some_and(is_han);
    let mut chars = written.chars();
    if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) {
        return a == b && numbers::digit(a).is_some() && han_beside;
    }
    if written.chars().count() != 1 {
        return false;
    }
    let c = written.chars().next().unwrap_or(' ');
    if c == '两' && (text[range.end..].starts_with('两') || text[..range.start].ends_with('两'))
    {
        return true;
    }
    let at = tokens.partition_point(|t| t.end() <= range.start);
    let Some(token) = tokens.get(at) else {
        return false;
    };
    // 拾 of 小明拾起石子; not 壹 standing alone.
    if numbers::is_financial(c)
        && token.range() == *range
        && token.pos().as_str() != "m"
        && han_beside
    {
        return true;
    }
    c == '一'
        && tokens.get(at + 1).is_some_and(|next| {
            next.start() == range.end
                && next.pos().as_str() == "v"
                && !matches!(&text[next.range()], "是" | "为" | "為" | "有")
        })
}

/// Whether a number of [`crate::Analyzer::numbers`] is part of a longer
/// word (一切, 四川, 隊伍, 收拾): a word of the segmentation that overlaps it
/// and reaches outside it, other than a numeral or measure word (十个,
/// 一只). Only Chinese numerals are words; digits are always numbers.
pub(crate) fn numeral_in_word(
    text: &str,
    tokens: &[Token],
    range: &Range<usize>,
    chinese: bool,
) -> bool {
    if !chinese {
        return false;
    }
    let first = tokens.partition_point(|t| t.end() <= range.start);
    tokens[first..]
        .iter()
        .take_while(|t| t.start() < range.end)
        .any(|t| {
            (t.start() < range.start || t.end() > range.end)
                && !matches!(t.pos().as_str(), "m" | "mq" | "q" | "t")
                && !text[t.range()].contains(['分', '之'])
        })
}

/// A lone Chinese numeral before a currency or 折 (一美元, 一折) is part
/// of an amount or discount, not a number of its own.
pub(crate) fn lone_numeral_of_amount(text: &str, range: &Range<usize>, chinese: bool) -> bool {
    let rest = &text[range.end..];
    chinese
        && text[range.clone()].chars().count() == 1
        && (starts_with_any(rest, CURRENCIES).is_some() || rest.starts_with(['折', '美']))
}

fn in_short_quote(text: &str, range: &Range<usize>) -> bool {
    const LIMIT: usize = 12;
    let before: Vec<char> = text[..range.start].chars().rev().take(LIMIT).collect();
    let Some(open) = before
        .iter()
        .position(|&c| matches!(c, '“' | '「' | '『' | '"'))
    else {
        return false;
    };
    if before[..open]
        .iter()
        .any(|&c| matches!(c, '”' | '」' | '』' | '。' | '\n'))
    {
        return false;
    }
    let after: Vec<char> = text[range.end..].chars().take(LIMIT).collect();
    after
        .iter()
        .position(|&c| matches!(c, '”' | '」' | '』' | '"'))
        .is_some_and(|close| {
            !after[..close].iter().any(|&c| matches!(c, '。' | '\n'))
                && open + close + inner_len(text, range) <= LIMIT + 4
        })
}

fn inner_len(text: &str, range: &Range<usize>) -> usize {
    text[range.clone()].chars().count()
}
