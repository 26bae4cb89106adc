//! Numbers that are not figures: numerals inside words (統一) and quoted
//! slogans (“兩個覆蓋”), the article 一, codes (5G), web addresses, and
//! numbers that name rather than count: sessions (十四届, 第4会期), law
//! articles (第四十二条), signals and routes (八号风球, 国道1号), stock codes
//! ((688652)), list markers (第一，…；第二，…) and versions (理财通2.0).
//! Separate because these rules filter every reading, and the analyzer's
//! number list (lib.rs) applies the word tests too.

use std::ops::Range;

use crate::numbers;
use crate::scan::find_words;
use crate::{Token, is_han};

use super::money::CURRENCIES;
use super::scan::{Number, find_numbers};
use super::words::{is_measure, starts_with_any};
use super::{Figure, FigureKind};

/// The digits of a web address (https://…?q=30%25) are not figures.
pub(super) fn drop_in_urls(text: &str, figures: &mut Vec<Figure>) {
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

/// 一 before a measure word is mostly the indefinite article (一個重要的,
/// 一場勝仗), not a count; a count of one is written 1個.
pub(super) fn is_article(text: &str, n: &Number, unit: &str) -> bool {
    matches!(&text[n.range.clone()], "一" | "壹") && !is_measure(unit)
}

/// `5G`, `A4`, `G60`: digits glued to Latin letters are codes, not numbers.
pub(super) fn is_code(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphabetic())
        || after.is_some_and(|c| c.is_ascii_alphabetic())
}

/// Whether a figure is no figure: a number that names something (see
/// [`names_something`]), or Chinese numerals that are part of a longer word
/// (統一, 一成不變), of a quoted slogan (“兩個覆蓋”) or of a word of their
/// own (一度 "at one point").
pub(super) fn is_excluded(text: &str, tokens: &[Token], f: &Figure) -> bool {
    names_something(text, f) || is_numeral_word(text, tokens, f) || in_word(text, tokens, f)
}

fn in_word(text: &str, tokens: &[Token], f: &Figure) -> bool {
    // 第一名, 第三方: 第 makes a rank, also inside a word.
    if f.kind == FigureKind::Ordinal {
        return false;
    }
    let inner = &text[f.range.clone()];
    if inner.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let word = tokens.partition_point(|t| t.end() <= f.range.start);
    let in_longer_word = tokens.get(word).is_some_and(|t| {
        (t.start() < f.range.start || t.end() > f.range.end) && !is_glued(text, t, &f.range)
    });
    in_longer_word || in_short_quote(text, &f.range)
}

/// What ends the name of a meeting numbered after 次, a few words on (三次
/// 会议, 第九次常务会议, 二次理事会议, 第十五次全国代表大会, 第三次集体学习).
const MEETINGS: &[&str] = &["会议", "全会", "大会", "集体学习"];

/// The bodies whose sessions are numbered without 第 (人大三次会议,
/// 十四届二次会议); elsewhere 召开3次会议 counts meetings.
const BODIES: &[&str] = &[
    "人大",
    "政协",
    "常委会",
    "委员会",
    "大会",
    "董事会",
    "监事会",
    "理事会",
    "届",
];

/// Words before N届 that count terms (连续三届, 担任两届) rather than name
/// one (中共十四届, 反映了十四届六中全会).
const TERM_COUNTS: &[&str] = &[
    "连续",
    "连任",
    "担任",
    "历经",
    "蝉联",
    "共有",
    "已有",
    "举办了",
    "举办过",
];

/// What cites a law's article before 第: its name (《…》, …法, …条例,
/// 《…》（试行）), a draft of it, a verb of citing, or the article or
/// clause it belongs to.
const LAW_CITES: &[&str] = &[
    "》", ")", "法", "法例", "条例", "规定", "办法", "细则", "本", "草案", "稿", "依照", "根据",
    "按照", "依据", "违反", "条", "款",
];

/// What follows an article's number: what it says, its clause, a pause.
const ARTICLE_ENDS: &[&str] = &[
    "规定", "第", "之", "中", "有关", "所", "和", "及", "、", "，", ",", "。", "；",
];

/// Roads numbered after their network: 国道1号, 省道, 台61线.
const ROUTES: &[&str] = &["国道", "省道", "县道", "乡道", "台"];

/// What a numbered thing is after N号: 2号线, 3号楼, 1号文件, 8号风球.
const NUMBERED: &[&str] = &["线", "楼", "文件", "风球"];

/// Labels of a stock code: 股票代码：600519, 股份代号：0880.
const CODE_LABELS: &[&str] = &["代码", "代号"];

/// Where a version number is named: 工业4.0, 版本2.0, 债券通2.0 (the
/// Connect schemes), and what follows one (2.0版, 4.0时代, “…2.0”).
const VERSION_HEADS: &[&str] = &["工业", "版本", "通"];
const VERSION_TAILS: &[&str] = &["版", "时代", "」", "”", "》", "\""];

/// Parts of the day named before an hour: 凌晨2时, 下午5时.
const DAY_PARTS: &[&str] = &[
    "凌晨", "清晨", "早上", "上午", "中午", "下午", "傍晚", "晚上", "晚间",
];

/// The hours and minutes of the clock times in `range` of `text`, each with
/// its 时 or 分: no figures, but where what precedes them ends
/// (离岸人民币汇率|15时45分|报).
pub(crate) fn clock_times(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    // A clock time's number is followed by 时, 点 or 分, at the latest
    // right after the range: most stretches have none, and reading their
    // characters once costs less than parsing their numbers.
    let with_next = range.end + text[range.end..].chars().next().map_or(0, char::len_utf8);
    if !text[range.start..with_next].contains(['时', '点', '分']) {
        return Vec::new();
    }
    find_numbers(&text[range.clone()])
        .into_iter()
        .map(|n| range.start + n.range.start..range.start + n.range.end)
        .filter(|r| is_clock_time(&text[..r.start], &text[r.end..]))
        .map(|r| {
            let unit = text[r.end..range.end]
                .chars()
                .next()
                .filter(|&c| matches!(c, '时' | '点' | '分'));
            r.start..r.end + unit.map_or(0, char::len_utf8)
        })
        .collect()
}

/// The hour or the minute of a clock time (16时30分, 凌晨2时20分, 下午5时,
/// 18时许): a time of day, not a measure. An hour needs its minutes, a part
/// of the day or 许/整 to tell it from a count.
fn is_clock_time(head: &str, tail: &str) -> bool {
    let is_numeral = |c: char| numbers::digit(c).is_some() || numbers::unit(c).is_some();
    if let Some(after) = tail.strip_prefix(['时', '点']) {
        let minutes = after.trim_start_matches(is_numeral);
        return minutes.len() < after.len() && minutes.starts_with('分')
            || after.starts_with(['许', '整'])
            || ends_with_word(head, DAY_PARTS);
    }
    tail.starts_with('分')
        && head
            .strip_suffix(['时', '点'])
            .is_some_and(|hour| hour.ends_with(is_numeral))
}

/// Whether a figure's number names something instead of measuring it:
/// sessions and meetings (十四届, 新一届, 三次会议, 第十八次会议, 第4会期,
/// 四中全会), law articles (第四十二条, 第3款, 第5项), signals, routes and
/// numbered things (八号烈风或暴风信号, 国道1号, 台61线, 2号线), stock codes
/// (华芯微电子（688652）, 股份代号：0880), list markers (，第一，…；第二，)
/// versions (理财通2.0, 工业4.0) and clock times (16时30分).
fn names_something(text: &str, f: &Figure) -> bool {
    let written = &text[f.range.clone()];
    let Some(last) = written.rfind(|c: char| numbers::is_numeral(c) || c.is_ascii_digit()) else {
        return false;
    };
    let numeral_end =
        f.range.start + last + written[last..].chars().next().map_or(0, char::len_utf8);
    let head = &text[..f.range.start];
    let tail = &text[numeral_end..];
    let ordinal = written.starts_with('第');
    is_session(head, tail, ordinal)
        || ordinal && is_law_article(head, tail)
        || !matches!(f.kind, FigureKind::Date | FigureKind::Period)
            && is_route_or_signal(head, tail)
        || is_stock_code(head, written, tail)
        || ordinal && numeral_end == f.range.end && is_list_marker(head, tail)
        || f.kind == FigureKind::Number && f.unit.is_none() && is_version(head, written, tail)
        || f.kind == FigureKind::Number && is_clock_time(head, tail)
}

fn is_session(head: &str, tail: &str, ordinal: bool) -> bool {
    if let Some(after) = tail.strip_prefix('次') {
        let name: String = after.chars().take_while(|c| is_han(*c)).take(8).collect();
        let numbered_body = ordinal || ends_with_word(head, BODIES);
        return numbered_body && MEETINGS.iter().any(|m| name.contains(m));
    }
    tail.starts_with("会期")
        || tail.starts_with("中全会")
        || tail.starts_with('届') && (ordinal || !ends_with_word(head, TERM_COUNTS))
}

/// 第四十二条 (or 第3款, 第5项, 香港法例第77章) of a law, cited after its
/// name or a verb of citing, or followed by what it says (规定) or by its
/// clause (第3款第5项); not the rank of 第一条跨海高铁.
fn is_law_article(head: &str, tail: &str) -> bool {
    let Some(after) = tail.strip_prefix(['条', '款', '项', '章']) else {
        return false;
    };
    ends_with_word(head, LAW_CITES) || starts_with_word(after, ARTICLE_ENDS)
}

fn is_route_or_signal(head: &str, tail: &str) -> bool {
    if let Some(after) = tail.strip_prefix('号') {
        // 八号烈风或暴风信号: the signal's name ends the phrase.
        let phrase: String = after.chars().take_while(|c| is_han(*c)).take(10).collect();
        return ends_with_word(head, ROUTES)
            || starts_with_word(after, NUMBERED)
            || phrase.contains("信号");
    }
    tail.starts_with('线') && ends_with_word(head, ROUTES)
}

/// 4 to 6 digits after a code's label, or alone in brackets after a name
/// (台积电(2330), 腾讯控股（00700.HK）); not the year of 今（2025）年.
fn is_stock_code(head: &str, written: &str, tail: &str) -> bool {
    if !(4..=6).contains(&written.len()) || !written.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let labelled = ends_with_word(head.trim_end_matches([' ', ':', '：']), CODE_LABELS);
    let bracketed = head
        .strip_suffix('(')
        .and_then(|name| name.chars().next_back())
        .is_some_and(|c| is_han(c) || c.is_ascii_alphabetic())
        && tail
            .trim_start_matches(|c: char| c == '.' || c == '-' || c.is_ascii_alphabetic())
            .strip_prefix(')')
            .is_some_and(|after| !after.starts_with(['年', '月', '日']));
    labelled || bracketed
}

/// 第一 heading a clause and followed by a pause: 提出，第一，加大…; not the
/// rank of 金牌榜第一，.
fn is_list_marker(head: &str, tail: &str) -> bool {
    let heads_clause = head.trim_end().chars().next_back().is_none_or(|c| {
        matches!(
            c,
            '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '？' | '“' | '「' | '(' | ')'
        )
    });
    let pause = tail.starts_with(['，', ',', '：', ':'])
        || tail.strip_prefix('、').is_some_and(|after| {
            !after.starts_with('第') && !after.starts_with(numbers::is_numeral)
        });
    heads_clause && pause
}

/// A one-digit version glued to a name: 工业4.0, 理财通2.0」, 3.0版.
fn is_version(head: &str, written: &str, tail: &str) -> bool {
    let bytes = written.as_bytes();
    let dotted = bytes.len() == 3
        && bytes[0].is_ascii_digit()
        && bytes[1] == b'.'
        && bytes[2].is_ascii_digit();
    let named = head.chars().next_back().is_some_and(is_han)
        && (ends_with_word(head, VERSION_HEADS) || starts_with_word(tail, VERSION_TAILS));
    dotted && named
}

/// Chinese numerals that make a word with what follows: 一度 before a verb
/// is "at one point" (一度涨停; 一度电 is a kilowatt-hour), and a count of
/// an idiom is a slogan (两个毫不动摇).
fn is_numeral_word(text: &str, tokens: &[Token], f: &Figure) -> bool {
    let next = tokens
        .get(tokens.partition_point(|t| t.start() < f.range.end))
        .filter(|t| t.start() == f.range.end)
        .map(|t| t.pos().as_str());
    let written = &text[f.range.clone()];
    match (f.kind, f.unit.as_deref(), next) {
        (FigureKind::Quantity, Some("度"), Some(pos)) => {
            written == "一度" && (pos.starts_with('v') || pos.starts_with('d'))
        }
        (FigureKind::Quantity, Some("个"), Some(pos)) => {
            matches!(pos, "l" | "i") && !written.contains(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Whether the qualifier `word` ending right before the number at `start`
/// is part of another word: 超 of 买超/卖超 (net buying, 外资买超12亿元),
/// or 近 meaning "the last" rather than "nearly", before a span of time
/// that a record or a first refers to (创近10年新低, 为近3年首见, 近30天来,
/// 近一个月内).
pub(super) fn qualifier_in_word(text: &str, start: usize, word: &str) -> bool {
    const SPANS: &[&str] = &["个月", "年", "月", "天", "日", "周", "季度", "季"];
    const AFTER: &[&str] = &[
        "来", "以来", "同期", "新高", "新低", "最", "首", "内", "中", "间", "里", "平均", "累计",
    ];
    let head = &text[..start - word.len()];
    match word {
        // 买超, 卖超, 出超, 入超: net buying or selling, a trade surplus or
        // deficit, not "over".
        "超" => head.ends_with(['买', '卖', '出', '入']),
        "近" => {
            let tail =
                text[start..].trim_start_matches(|c: char| numbers::is_numeral(c) || c == '.');
            SPANS
                .iter()
                .find(|s| tail.starts_with(**s))
                .is_some_and(|span| {
                    head.ends_with('创') || starts_with_word(&tail[span.len()..], AFTER)
                })
        }
        _ => false,
    }
}

fn starts_with_word(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.starts_with(w))
}

fn ends_with_word(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.ends_with(w))
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
                && !is_glued(text, t, range)
                && !matches!(t.pos().as_str(), "m" | "mq" | "q" | "t")
                && !text[t.range()].contains(['分', '之'])
        })
}

/// Whether word `t`, reaching outside `range`, is only a verb or a
/// qualifier the character HMM of Traditional text glued to the numeral
/// after it (增一成, 年增一成, 中近六成): the word is not the numeral's.
fn is_glued(text: &str, t: &Token, range: &Range<usize>) -> bool {
    let inside = &text[t.start().max(range.start)..t.end().min(range.end)];
    let before = &text[t.start()..range.start.max(t.start())];
    t.end() <= range.end && before.chars().count() <= 2 && before.ends_with(GLUED_BEFORE)
        || inside
            .chars()
            .all(|c| matches!(c, '近' | '约' | '逾' | '超'))
}

/// One-character verbs and qualifiers the segmenter may join to a numeral
/// after them.
const GLUED_BEFORE: &[char] = &[
    '增', '减', '达', '近', '约', '逾', '超', '占', '升', '降', '跌', '涨', '为',
];

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
