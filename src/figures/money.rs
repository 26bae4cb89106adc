//! Money: the currency words and signs, and what completes an amount
//! after its number (8亿元人民币, 五元三毛, 块 read as 元). Separate
//! because currencies have tables and rules of their own.

use crate::{Region, Token};

use super::scan::Number;
use super::words::starts_with_any;
use super::{Figure, FigureKind, Value};

pub(super) const CURRENCIES: &[(&str, &str)] = &[
    ("人民币元", "CNY"),
    ("新台币元", "TWD"),
    ("美元", "USD"),
    ("美圆", "USD"),
    ("美金", "USD"),
    ("奈拉", "NGN"),
    ("泰铢", "THB"),
    ("越南盾", "VND"),
    ("印度卢比", "INR"),
    ("新西兰元", "NZD"),
    ("瑞典克朗", "SEK"),
    ("挪威克朗", "NOK"),
    ("丹麦克朗", "DKK"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("澳门元", "MOP"),
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("日币", "JPY"),
    ("日圆", "JPY"),
    ("英镑", "GBP"),
    ("韩元", "KRW"),
    ("卢布", "RUB"),
    ("澳元", "AUD"),
    ("加元", "CAD"),
    ("瑞士法郎", "CHF"),
    ("新加坡元", "SGD"),
    ("新元", "SGD"),
    ("人民币", "CNY"),
    ("元", "CNY"),
    ("圆", "CNY"),
    ("块钱", "CNY"),
    // Cryptocurrencies have no ISO 4217 code; their tickers stand in.
    ("比特币", "BTC"),
    ("以太币", "ETH"),
];

/// Currencies counted like things, with 个 before them (20个比特币).
pub(super) const COUNTED_CURRENCIES: &[&str] = &["BTC", "ETH"];

/// Currency written before the number: ¥100, US$5, 人民幣300萬元.
pub(super) const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
    ("RMB", "CNY"),
    ("人民币", "CNY"),
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("港币", "HKD"),
    ("美金", "USD"),
    ("$", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("£", "GBP"),
];

/// Verbs of paying and earning: the 块 of an amount they govern is 元
/// (花了我三块), not a piece.
const PAYING_VERBS: &[&str] = &[
    "花", "花费", "花費", "花掉", "付", "支付", "交", "赚", "賺", "挣", "掙", "卖", "賣", "售",
    "值", "找", "找回", "退", "收", "欠", "借", "贵", "貴", "便宜",
];

/// 块 is 元 when 毛 or 角 follow it (十块三毛), or when it ends a clause
/// whose verb pays or earns (花费我三块); otherwise it is mostly a measure
/// word (一块土地, 切成三块, 买了三块蛋糕).
pub(super) fn kuai_as_yuan(
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
pub(super) fn extend_money(text: &str, numbers: &[Number], i: usize, figure: &mut Figure) -> usize {
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

/// Words and signs that say an amount is in renminbi: with none of them in
/// its span, an amount read as CNY was written with a bare 元 (or none).
const RENMINBI: &[&str] = &["人民币", "RMB", "¥", "￥", "CNY"];

/// A bare 元, and an amount with no currency word, are in the currency of the
/// region, or of the last note that names one for what follows:
/// （人民币，下同）, （单位：港元）; a note right after an amount is its own
/// too (1,286.5亿元（人民币，下同）).
pub(super) fn localize_currency(text: &str, figures: &mut [Figure], region: Region) {
    let notes = currency_notes(text);
    for figure in figures.iter_mut() {
        let is_bare = figure.kind == FigureKind::Money
            && figure.unit.as_deref() == Some("CNY")
            && !RENMINBI
                .iter()
                .any(|w| text[figure.range.clone()].contains(w));
        if is_bare {
            let own = notes
                .iter()
                .find(|note| note.open == figure.range.end)
                .map(|note| note.code);
            let noted = notes.partition_point(|note| note.close <= figure.range.start);
            let code = own
                .or_else(|| noted.checked_sub(1).map(|n| notes[n].code))
                .unwrap_or(region.currency());
            figure.unit = Some(code.to_string());
        }
    }
}

/// A bracketed note that names the currency of the amounts after it.
struct CurrencyNote {
    /// Where its opening bracket starts.
    open: usize,
    /// Where its closing bracket starts.
    close: usize,
    code: &'static str,
}

/// The notes that name the currency of the amounts after them, in order:
/// （人民币，下同）, (单位：港元), （下同，美元）.
fn currency_notes(text: &str) -> Vec<CurrencyNote> {
    let mut notes = Vec::new();
    for (at, _) in text.match_indices("下同").chain(text.match_indices("单位")) {
        let open = text[..at].rfind('(').filter(|&o| at - o <= 24);
        let close = text[at..]
            .find(')')
            .map(|c| at + c)
            .filter(|&c| c - at <= 24);
        let (Some(open), Some(close)) = (open, close) else {
            continue;
        };
        let note = &text[open + 1..close];
        let code = (0..note.len())
            .filter(|&i| note.is_char_boundary(i))
            .find_map(|i| starts_with_any(&note[i..], CURRENCIES).filter(|&(word, _)| word != "元"))
            .map(|(_, code)| code);
        if let Some(code) = code {
            notes.push(CurrencyNote { open, close, code });
        }
    }
    notes.sort_unstable_by_key(|note| note.close);
    notes
}
