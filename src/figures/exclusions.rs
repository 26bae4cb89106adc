//! Numbers that are not figures: numerals inside words (統一) and quoted
//! slogans (“兩個覆蓋”), the article 一, codes (5G) and web addresses.
//! Separate because these rules filter every reading, and the analyzer's
//! number list (lib.rs) applies the word tests too.

use std::ops::Range;

use crate::numbers;
use crate::scan::find_words;
use crate::{Token, is_han};

use super::money::CURRENCIES;
use super::scan::Number;
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

/// Chinese numerals that are part of a longer word (統一, 一成不變) or of a
/// quoted slogan (“兩個覆蓋”).
pub(super) fn is_excluded(text: &str, tokens: &[Token], f: &Figure) -> bool {
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
