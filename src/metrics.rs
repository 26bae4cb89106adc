//! Metrics: what a figure measures (its indicator), over which period, and
//! how it changed — "規模工業總產值 = 218.8億元 for 今年1至7月, 同比增長
//! 5.25%". The rules are documented on [`Metric`].

mod words;

use std::ops::Range;

use words::*;

use crate::document::Document;
use crate::figures::{clock_times, starts_with_any};
use crate::scan::{find_in, has_prefix, rfind_in};
use crate::segment::TokenIndex;
use crate::{Figure, FigureKind, FigureValue, Token, is_han};

/// Which way a metric changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// 增長, 增加, 上升, 提高.
    Up,
    /// 下降, 減少, 回落, 精簡.
    Down,
    /// 持平.
    Flat,
}

impl Direction {
    /// `up`, `down` or `flat`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Flat => "flat",
        }
    }
}

/// What a change is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Year on year: 同比, 比上年, 比去年同期.
    YearOnYear,
    /// Month on month, or period on period: 環比, 比上月.
    PeriodOnPeriod,
    /// Quarter on quarter: 季增, 按季, 較前一季度.
    QuarterOnQuarter,
}

impl Basis {
    /// `yoy`, `mom` or `qoq`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::YearOnYear => "yoy",
            Basis::PeriodOnPeriod => "mom",
            Basis::QuarterOnQuarter => "qoq",
        }
    }
}

/// How a metric changed: 同比增長5.25%, 由6個精簡至5個.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    range: Range<usize>,
    direction: Direction,
    amount: Option<usize>,
    basis: Option<Basis>,
    from: Option<usize>,
    contradicted: bool,
}

impl Change {
    /// The byte range of the whole change phrase.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Up, down or flat.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The index into the figures of the amount of change (5.25% in
    /// 同比增長5.25%).
    pub fn amount(&self) -> Option<usize> {
        self.amount
    }

    /// Year on year or period on period, when the text says.
    pub fn basis(&self) -> Option<Basis> {
        self.basis
    }

    /// The index into the figures of the value changed from (6個 in
    /// 由6個精簡至5個).
    pub fn from(&self) -> Option<usize> {
        self.from
    }

    /// Whether the change contradicts its own figures: 由1.4%上升至1.3%
    /// says up where the figures went down.
    pub fn is_contradicted(&self) -> bool {
        self.contradicted
    }
}

/// An indicator with its value, and its period and change when stated.
///
/// The rules read one clause at a time (up to a comma, semicolon or colon):
/// - the indicator is the phrase between the clause's start (or the level
///   before in it) and the value, verbatim, without who reports it (園區完成
///   規模工業總產值: after 完成, 實現, 錄得), its scope (全市, 其中, 公司)
///   and what links it to the value (為, 達, 收報, 編列, 分別); a date inside
///   is its period, and the indicator is the part around the date that names
///   something (港元匯率今日觸及7.85); a share written before its verb is
///   that verb's (國企30%持股); 的 does not end an indicator;
/// - a change is a trend with an optional basis and amount after the value
///   (同比增長5.25%, 比上年提高0.8個百分點, 按年上升14.5%, 月增9.2%、年增
///   11.5% — two changes, two metrics —, 較114年度增加1,870億元，增幅6.4%,
///   與上年持平, 比上年同期名義增長5.3%), 由/從A…至/為B around it (由6個
///   精簡至5個: the value is B, the change comes from A), a trend before the
///   value with no level (工業增加值同比增長4.8%: the amount is the value)
///   or one ending in 至 (總結餘將降至1,240億元); a change with no basis
///   takes the basis of the last one in its sentence;
/// - A、B和C分別增長5%、6%和7% are three metrics;
/// - the period is a date in the value's clause, or else the last period
///   that headed a clause of the sentence (今年1至7月，…; 截至6月底，…).
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    indicator: Range<usize>,
    value: usize,
    period: Option<usize>,
    change: Option<Change>,
    earlier: Option<f64>,
}

impl Metric {
    /// The byte range of the indicator: 規模工業總產值.
    pub fn indicator(&self) -> Range<usize> {
        self.indicator.clone()
    }

    /// The index into the figures of the value.
    pub fn value(&self) -> usize {
        self.value
    }

    /// The index into the figures of the period, if one governs the value.
    pub fn period(&self) -> Option<usize> {
        self.period
    }

    /// How the value changed, if the text says.
    pub fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }

    /// The value before the change, in the value's unit, where the text
    /// gives a level and a change with its basis but not the earlier level:
    /// 218.8億元 up 5.25% year on year was about 207.9億元 a year earlier;
    /// a rate of 5.2% down 0.1 percentage points was 5.3%.
    ///
    /// ```
    /// use zhlens::{AnalyzeOptions, Analyzer};
    ///
    /// let text = "規模工業總產值218.8億元，同比增長5.25%。";
    /// let analysis = Analyzer::new().analyze(text, &AnalyzeOptions::new("2025-09-15".parse()?));
    /// let earlier = analysis.metrics()[0].earlier().unwrap();
    /// assert!((earlier - 207.88e8).abs() < 1e6);
    /// # Ok::<(), zhlens::Error>(())
    /// ```
    pub fn earlier(&self) -> Option<f64> {
        self.earlier
    }

    /// Moves the metric's ranges, read in the view, to the original text.
    pub(crate) fn move_to_original(&mut self, document: &Document) {
        self.indicator = document.to_original(self.indicator.clone());
        if let Some(change) = &mut self.change {
            change.range = document.to_original(change.range.clone());
        }
    }
}

/// Where a clause ends: an indicator, a period's head and a change's
/// reach do not cross these.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?' | '\n' | '“' | '”'
    )
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// Words that open a sentence about the period named before it.
const REPORTING_PERIODS: &[&str] = &["报告期内", "报告期", "期内", "同期", "其中"];

/// Words that may stand before a period at the head of a clause (截至, 在).
const PERIOD_LEADS: &[&str] = &[
    "截至", "在", "于", "而", "其中", "同时", "另外", "此外", "从",
];

fn is_level(figure: &Figure) -> bool {
    matches!(
        figure.kind(),
        FigureKind::Money | FigureKind::Quantity | FigureKind::Percent | FigureKind::Number
    )
}

fn is_time(figure: &Figure) -> bool {
    matches!(figure.kind(), FigureKind::Period | FigureKind::Date)
}

/// No indicator, period head or aside reaches farther than this many
/// characters: a longer stretch without punctuation is no clause, and the
/// bound keeps reading linear in the text.
const MAX_CLAUSE_CHARS: usize = 200;

/// The start of the clause that `at` is in, at most [`MAX_CLAUSE_CHARS`]
/// back.
fn clause_start(text: &str, at: usize) -> usize {
    let mut start = at;
    for (i, c) in text[..at].char_indices().rev().take(MAX_CLAUSE_CHARS) {
        if is_clause_break(c) && !is_digit_comma(text, i) {
            return i + c.len_utf8();
        }
        start = i;
    }
    start
}

/// Whether the comma at `at` separates the thousands of a number (14,826).
fn is_digit_comma(text: &str, at: usize) -> bool {
    text[at..].starts_with(',')
        && text[..at].ends_with(|c: char| c.is_ascii_digit())
        && text[at + 1..].starts_with(|c: char| c.is_ascii_digit())
}

/// A change said after a level, from byte `from` on (同比增長5.25%, 比上年提高0.8個百分點, 月增
/// 9.2%、年增11.5%, 較114年度增加1,870億元，增幅6.4%): each with its
/// direction, basis and amount. Marks the amounts used.
fn changes_after(
    text: &str,
    figures: &[Figure],
    i: usize,
    from: usize,
    used: &mut [bool],
) -> Vec<Change> {
    if let Some(change) = stated_against(text, figures, i, from, used) {
        return vec![change];
    }
    let mut changes: Vec<Change> = Vec::new();
    let mut at = from;
    let mut next = i + 1;
    loop {
        let rest = &text[at..];
        let gap = rest.len()
            - rest
                .trim_start_matches(['，', ',', '、', ' ', '及', '和', '并'])
                .len();
        let start = at + gap;
        // A comparison with a date (較114年度增加, 比2020年增長): against
        // the year before, or the month before.
        let dated = figures.get(next).filter(|f| {
            is_time(f)
                && f.range().start > start
                && ["较", "比", "与"]
                    .iter()
                    .any(|w| text[start..f.range().start] == **w)
        });
        let mut earlier = None;
        let (trend_start, basis) = match dated {
            Some(f) => {
                let basis = match f.value() {
                    FigureValue::Iso(iso) if iso.len() > 4 => Basis::PeriodOnPeriod,
                    _ => Basis::YearOnYear,
                };
                used[next] = true;
                next += 1;
                // 較6月至8月的3.7%上升: the level it changed from.
                let of = f.range().end + "的".len();
                let level = figures.get(next).filter(|g| {
                    text[f.range().end..].starts_with('的') && g.range().start == of && is_level(g)
                });
                match level {
                    Some(g) => {
                        earlier = Some(next);
                        used[next] = true;
                        next += 1;
                        (g.range().end, Some(basis))
                    }
                    None => (f.range().end, Some(basis)),
                }
            }
            None => match BASIS_WORDS.prefix(&text[start..]) {
                Some((w, b)) => (start + w.len(), Some(b)),
                None => (start + compared_with(&text[start..]), None),
            },
        };
        let mut trend_at = trend_start;
        while let Some((q, ())) = TREND_QUALIFIER_WORDS.prefix(&text[trend_at..]) {
            trend_at += q.len();
        }
        let read = if let Some((w, (b, d))) = (basis.is_none())
            .then(|| COMPACT_CHANGE_WORDS.prefix(&text[trend_at..]))
            .flatten()
        {
            Some((trend_at + w.len(), d, Some(b), false))
        } else if let Some((w, d)) = (basis.is_none() && !changes.is_empty())
            .then(|| starts_with_any(&text[trend_at..], CHANGE_SIZES))
            .flatten()
        {
            // 增幅6.4% is the size of the change before, not a trend 增.
            Some((trend_at + w.len(), d, None, true))
        } else if let Some((w, d)) = TREND_WORDS.prefix(&text[trend_at..]) {
            Some((trend_at + w.len(), d, basis, false))
        } else {
            None
        };
        let Some((trend_end, direction, basis, is_size)) = read else {
            // 同比增長5.1%, after an aside (按不變價格計算，): the change is
            // still the value's.
            if changes.is_empty() && gap > 0 {
                if let Some(aside) = aside_end(text, start, figures.get(next)) {
                    at = aside;
                    continue;
                }
            }
            break;
        };
        let mut amount_at = trend_end;
        if let Some(link) = AMOUNT_LINKS
            .iter()
            .find(|l| has_prefix(&text[amount_at..], l))
        {
            amount_at += link.len();
        }
        let amount = (next..figures.len())
            .find(|&j| figures[j].range().start >= trend_end)
            .filter(|&j| figures[j].range().start <= amount_at && is_level(&figures[j]));
        // 增 and 降 alone are trends only with their amount (增5%), not the
        // 增 of 增速.
        if amount.is_none() && text[trend_at..trend_end].chars().nth(1).is_none() {
            break;
        }
        let mut end = trend_end;
        if let Some(j) = amount {
            used[j] = true;
            // 同比分別增長7.2%和8.8%: the amounts listed with it are the
            // changes of other values, read with them.
            let listed = listed_values(text, figures, j);
            used[j..j + listed].iter_mut().for_each(|u| *u = true);
            next = j + listed;
            end = figures[j].range().end;
        }
        if is_size {
            // The size of the change just stated: its percent is the amount.
            // Without one, the size changes in a trend of its own (增速較上月
            // 加快…), which is not this change's.
            if amount.is_none() {
                break;
            }
            let last = changes.last_mut().expect("a size follows a change");
            last.amount = amount;
            last.range.end = end;
        } else {
            changes.push(Change {
                range: start..end,
                direction,
                amount,
                basis,
                from: earlier,
                contradicted: false,
            });
        }
        at = end;
        if amount.is_none() {
            break;
        }
    }
    changes
}

/// Earlier levels named by when they were (前一交易日為7.1078, 去年同期
/// 的2倍), with the basis of a change against them.
const EARLIER_LEVELS: &[(&str, Option<Basis>)] = &[
    ("前一交易日", None),
    ("上一交易日", None),
    ("去年同期", Some(Basis::YearOnYear)),
    ("上年同期", Some(Basis::YearOnYear)),
    ("上月", Some(Basis::PeriodOnPeriod)),
    ("上季", Some(Basis::QuarterOnQuarter)),
];

/// A change stated against the value right after it, from byte `from`:
/// its earlier level in a clause of its own (報7.1055，前一交易日為
/// 7.1078), a multiple of that level (25.6萬輛，是去年同期的2倍), or the
/// value as the size of a change (錄得1.9%的按年跌幅). Marks the figures
/// used.
fn stated_against(
    text: &str,
    figures: &[Figure],
    i: usize,
    from: usize,
    used: &mut [bool],
) -> Option<Change> {
    let rest = &text[from..];
    if let Some(sized) = rest.strip_prefix('的') {
        let (basis, after) = match BASIS_WORDS.prefix(sized) {
            Some((w, b)) => (Some(b), &sized[w.len()..]),
            None => (None, sized),
        };
        let (w, direction) = starts_with_any(after, CHANGE_SIZES)?;
        let end = from + (rest.len() - after.len()) + w.len();
        return Some(Change {
            range: figures[i].range().start..end,
            direction,
            amount: Some(i),
            basis,
            from: None,
            contradicted: false,
        });
    }
    let clause = rest.strip_prefix(['，', ',']).unwrap_or(rest);
    let said = clause.strip_prefix(['是', '为']).unwrap_or(clause);
    let (w, basis) = starts_with_any(said, EARLIER_LEVELS)?;
    let after = &said[w.len()..];
    let link = ["为", "是", "报", "的"]
        .iter()
        .find(|l| after.starts_with(**l))?;
    let level_at = text.len() - after.len() + link.len();
    // The earlier level's name may be a date figure itself (上月為5.3%).
    let earlier = (i + 1..figures.len()).find(|&j| !is_time(&figures[j]))?;
    let next = &figures[earlier];
    if next.range().start != level_at || !is_level(next) {
        return None;
    }
    used[i + 1..=earlier].iter_mut().for_each(|u| *u = true);
    let multiple = next.unit() == Some("倍");
    let direction = match (multiple, next.value()) {
        (true, FigureValue::Number(n)) if n > 1.0 => Direction::Up,
        (true, FigureValue::Number(n)) if n < 1.0 => Direction::Down,
        (true, _) => Direction::Flat,
        (false, _) => direction_between(next, &figures[i]),
    };
    Some(Change {
        range: from..next.range().end,
        direction,
        amount: multiple.then_some(earlier),
        basis,
        from: (!multiple).then_some(earlier),
        contradicted: false,
    })
}

/// Verbs that state a level right after its change (大漲386.2點，收
/// 26,761.1點; 年增兩成以上，達6兆元).
const LEVEL_LINKS: &[&str] = &[
    "终场收",
    "收报",
    "收在",
    "收于",
    "收",
    "报",
    "达到",
    "达",
    "至",
    "为",
];

/// The level stated in the clause right after figure `i` (a change's
/// amount): the figure after a level link that opens that clause.
fn level_after(text: &str, figures: &[Figure], i: usize) -> Option<usize> {
    let next = figures.get(i + 1).filter(|f| is_level(f))?;
    let rest = &text[figures[i].range().end..next.range().start];
    // 增加約8,400人至15萬2,300人: to where, in the same clause.
    if rest == "至" {
        return Some(i + 1);
    }
    let link = rest.strip_prefix(['，', ','])?;
    LEVEL_LINKS.contains(&link).then_some(i + 1)
}

/// The length of a comparison with something other than a known basis
/// (較上屆增長, 比前一交易日下調): 較, 比 or 與 and up to six characters
/// before a trend; 0 when `rest` does not start with one.
fn compared_with(rest: &str) -> usize {
    let Some(after) = ["较", "比", "与"]
        .iter()
        .find_map(|w| rest.strip_prefix(*w))
    else {
        return 0;
    };
    after
        .char_indices()
        .take(7)
        .find(|&(at, _)| TREND_WORDS.prefix(&after[at..]).is_some())
        .map_or(0, |(at, _)| rest.len() - after.len() + at)
}

/// The most characters an aside clause has before its break.
const MAX_ASIDE_CHARS: usize = 12;

/// Where an aside clause with no figure ends (按不變價格計算，), when a
/// change follows it: the clause is short (its break among the first
/// [`MAX_ASIDE_CHARS`] + 1 characters) and the next starts with a basis or a
/// trend.
fn aside_end(text: &str, start: usize, next_figure: Option<&Figure>) -> Option<usize> {
    let (break_at, c) = text[start..]
        .char_indices()
        .take(MAX_ASIDE_CHARS + 1)
        .find(|&(_, c)| is_clause_break(c))
        .map(|(at, c)| (start + at, c))?;
    let no_figure = next_figure.is_none_or(|f| f.range().start >= break_at);
    let after = break_at + c.len_utf8();
    let change_follows = BASIS_WORDS.prefix(&text[after..]).is_some()
        || COMPACT_CHANGE_WORDS.prefix(&text[after..]).is_some();
    (no_figure && !is_sentence_break(c) && change_follows).then_some(break_at)
}

/// The indicator within `range` of the text, and a trend said at its end
/// with the value as its amount (工業增加值同比增長4.8%), or one that ends
/// in 至 before the value (總結餘將降至1,240億元): stripped of what only
/// reports, links or scopes it.
struct Reading {
    indicator: Option<Range<usize>>,
    trend: Option<Trend>,
}

/// A trend read before a value: its direction, its basis, and whether the
/// value is its amount (增長5%) rather than where it went (降至).
type Trend = (Direction, Option<Basis>, bool);

fn read_indicator(text: &str, tokens: &TokenIndex, range: Range<usize>) -> Reading {
    let (mut start, mut end) = (range.start, range.end);
    let mut trend = None;
    // The end: links, then a trend (with its basis), then links again.
    loop {
        let part = &text[start..end];
        let trimmed = part.trim_end();
        if trimmed.len() < part.len() {
            end = start + trimmed.len();
            continue;
        }
        if part.ends_with(')') {
            if let Some(open) = part.rfind('(') {
                end = start + open;
                continue;
            }
        }
        // 每平方米31,560元, 提高至每人21萬元: the unit a rate is per.
        if let Some(per) = PER_UNIT_WORDS
            .suffixes(part)
            .map(|(unit, ())| part.len() - unit.len())
            .find(|&at| part[..at].ends_with('每'))
            .map(|at| at - '每'.len_utf8())
            .filter(|&at| at > 0)
        {
            end = start + per;
            continue;
        }
        if trend.is_none() {
            if let Some(read) = trend_at_end(part) {
                trend = Some((read.direction, read.basis, read.with_amount));
                end = start + read.start;
                continue;
            }
        }
        if let Some((w, ())) = RELEASE_WORD_WORDS
            .suffixes(part)
            .find(|(w, _)| part[..part.len() - w.len()].chars().nth(1).is_some())
        {
            end -= w.len();
            continue;
        }
        let link = LINK_WORDS.suffix(part).map(|(w, ())| w);
        // 台積電收1,480元: 收 as a word of its own, not the 收 of 稅收 (nor
        // of 營收 split in two: a link leaves a name of two characters).
        let word_link = tokens.get(tokens.ending_before(end)).filter(|t| {
            t.end() == end
                && t.start() >= start
                && text[start..t.start()].chars().nth(1).is_some()
                && WORD_LINKS.contains(&&text[t.range()])
        });
        match (link, word_link) {
            (Some(w), _) => end -= w.len(),
            (None, Some(t)) => end = t.start(),
            (None, None) => break,
        }
    }
    // The start: after who reports it (the last reporting verb), after a
    // locality word (新接訂單中|綠色船舶), without its scope.
    let words = tokens.within(start..end);
    let cut = words.iter().rev().find(|t| {
        let word = &text[t.range()];
        REPORTING_VERB_WORDS.contains(word)
            || matches!(word, "中" | "当中") && t.pos().as_str() == "f"
    });
    // 涉及金額: a measure word alone names nothing; the verb says which.
    if let Some(cut) =
        cut.filter(|t| t.end() < end && !BARE_MEASURES.contains(&&text[t.end()..end]))
    {
        start = cut.end();
    }
    loop {
        let rest = &text[start..end];
        let onwards = &tokens[tokens.starting_from(start)..];
        let first = onwards.first();
        // A place named with its level (廣州市), or a department (鐵路部門).
        let place = first.filter(|t| {
            let word = &text[t.range()];
            t.end() < end
                && t.start() == start
                && (t.pos().as_str() == "ns"
                    && word.chars().nth(2).is_some()
                    && word.ends_with(PLACE_ENDINGS)
                    || word.ends_with("部门"))
        });
        // 鐵路|部門: a department the segmenter split in two.
        let department = first
            .filter(|t| t.start() == start)
            .and_then(|t| tokens.get(tokens.starting_from(t.end())))
            .filter(|u| &text[u.range()] == "部门" && u.end() < end);
        // A scope, or a reporting verb the segmenter joined to what follows
        // (计划供应|住宅, 派|发现|金红利), that leaves a name behind.
        let leaves_name = |(w, ()): &(&str, ())| rest[w.len()..].chars().nth(1).is_some();
        let reporting = || {
            REPORTING_VERB_WORDS
                .prefixes(rest)
                .filter(|(w, _)| {
                    w.chars().nth(1).is_some() && !BARE_MEASURES.contains(&&rest[w.len()..])
                })
                .find(leaves_name)
        };
        if let Some((w, ())) = SCOPE_WORDS
            .prefixes(rest)
            .find(leaves_name)
            .or_else(reporting)
        {
            start += w.len();
        } else if let Some(t) = place.or(department) {
            start = t.end();
        } else if let Some(parties) = between_parties(text, onwards, start, end) {
            start = parties;
        } else if let Some(t) = first.filter(|t| {
            // 將薪資所得特別扣除額由…調高至…: 將 and 把 bring the object
            // forward; the object is the indicator.
            t.start() == start
                && t.end() < end
                && matches!(&text[t.range()], "将" | "把")
                && text[t.end()..end].chars().nth(1).is_some()
        }) {
            start = t.end();
        } else if let Some(per) = rest.strip_prefix('每').filter(|per| !per.starts_with('股')) {
            // 每人每月補助, 每公頃最高補助: who and how often a rate is for
            // (每股盈利 is the measure itself).
            let after = start + '每'.len_utf8();
            let unit = tokens
                .get(tokens.starting_from(after))
                .filter(|t| t.start() == after)
                .map_or(per.chars().next().map_or(0, char::len_utf8), |t| {
                    t.end() - after
                });
            if per.len() <= unit {
                break;
            }
            start = after + unit;
            // 每公頃最高補助: the cap of the rate, not a measure of its own.
            if text[start..end].starts_with("最高") && text[start..end].chars().nth(3).is_some() {
                start += "最高".len();
            }
        } else if let Some((direction, w)) = leading_trend(text, onwards, start, end) {
            // 削減公務員編制約8,000個: the verb says which way the count goes.
            trend = trend.or(Some((direction, None, false)));
            start += w;
        } else {
            break;
        }
    }
    // 金管局在紐約交易時段承接: who, and where or when, before the verb that
    // says what the value is.
    if let Some(verb) = verb_after_place(text, tokens, start..end) {
        start = verb;
    }
    // 平均 and 占 are found in one read of the phrase: the first 平均, and
    // the first 占 in all and after that 平均.
    let (mut average, mut first_share, mut share_after_average) = (None, None, None);
    for (at, c) in text[start..end].char_indices() {
        if c == '平' && average.is_none() && text[start + at..end].starts_with("平均") {
            average = Some(at);
        } else if c == '占' {
            first_share.get_or_insert(at);
            if average.is_some() {
                share_after_average = Some(at);
                break;
            }
        }
    }
    // 一般申請者平均輪候時間: whose average it is comes before 平均, the
    // measure from 平均 on.
    let share = match average.filter(|&at| at > 0) {
        Some(at) => {
            start += at;
            share_after_average.map(|share| share - at)
        }
        None => first_share,
    };
    // 占進出口總值的比重 is a 比重; 占外匯存底的47.1% a share of 外匯存底.
    if let Some(share) = share {
        // 研發總開支提升至佔本地生產總值1.2%: what rose to a share of
        // something is the measure, and the share is where it went.
        let risen = trend_at_end(&text[start..start + share])
            .filter(|read| !read.with_amount && read.start > 0 && trend.is_none());
        if let Some(read) = risen {
            trend = Some((read.direction, read.basis, false));
            end = start + read.start;
        } else {
            match rfind_in(&text[start + share..end], "的").map(|of| start + share + of) {
                Some(of) if text[of + '的'.len_utf8()..end].chars().nth(1).is_some() => {
                    start = of + '的'.len_utf8();
                }
                Some(of) if share == 0 && of + '的'.len_utf8() == end => end = of,
                _ => {}
            }
        }
    }
    let indicator = &text[start..end];
    // Han first: the library's is_alphabetic searches its tables for them.
    let names_something = indicator
        .chars()
        .filter(|&c| is_han(c) || c.is_alphabetic())
        .nth(1)
        .is_some()
        && !indicator.ends_with(['的', '之', '(', ')'])
        && !indicator.starts_with(['(', ')'])
        // 比上年, 較上屆 and 與去年 compare, 據 cites; 比重, 較大交通事故 and
        // 同期 are words of their own.
        && tokens
            .get(tokens.starting_from(start))
            .is_none_or(|t| {
                t.start() != start || !["比", "较", "与", "同", "跟", "据"].contains(&&text[t.range()])
            })
        && starts_with_any(indicator, CHANGE_SIZES).is_none()
        && indicator.chars().nth(24).is_none()
        // 經季節性調整後按季增長0.4%: a scope alone before a trend leaves
        // the indicator to be found elsewhere.
        && !(trend.is_some() && SCOPE_WORDS.contains(indicator));
    Reading {
        indicator: names_something.then_some(start..end),
        trend,
    }
}

/// Where the verb after a phrase of place or time with 在 or 于 starts, when
/// only who stands before that phrase (金管局|在|紐約交易時段|承接, 于|境外|
/// 发行债券): the verb and what follows say what the value is, unless they
/// modify a noun with 的.
fn verb_after_place(text: &str, tokens: &TokenIndex, range: Range<usize>) -> Option<usize> {
    let words = tokens.within(range.clone());
    let is_verb = |t: &Token| t.pos().as_str().starts_with('v');
    let at = words
        .iter()
        .position(|t| t.pos().as_str() == "p" && matches!(&text[t.range()], "在" | "于"))?;
    let verb = at
        + 1
        + words[at + 1..]
            .iter()
            .position(|t| t.pos().as_str() == "v")?;
    (words[0].start() == range.start
        && verb > at + 1
        && words[..at].iter().all(|t| !is_verb(t))
        && words[at + 1..verb].iter().all(|t| !is_verb(t))
        // 網民在網上購物的比例: the verb only modifies the measure.
        && words[verb..].iter().all(|t| &text[t.range()] != "的"))
    .then_some(words[verb].start())
}

/// A trend verb of two characters or more that begins `start..end` as a
/// word of its own, with more after it: its direction and length. `onwards`
/// are the tokens from `start` on.
fn leading_trend(
    text: &str,
    onwards: &[Token],
    start: usize,
    end: usize,
) -> Option<(Direction, usize)> {
    let first = onwards.first()?;
    let word = &text[first.range()];
    let direction = TREND_WORDS
        .get(word)
        .filter(|_| word.chars().nth(1).is_some())?;
    (first.start() == start && first.end() < end).then_some((direction, word.len()))
}

/// Where an indicator starts after the two places it is between (中國|與|
/// 東盟|貿易額): the end of the second place, if what follows names more.
/// `onwards` are the tokens from `start` on.
fn between_parties(text: &str, onwards: &[Token], start: usize, end: usize) -> Option<usize> {
    let [a, link, b, ..] = onwards else {
        return None;
    };
    let is_place = |t: &Token| matches!(t.pos().as_str(), "ns" | "nt" | "j");
    (a.start() == start
        && is_place(a)
        && BETWEEN_PARTIES.contains(&&text[link.range()])
        && is_place(b)
        && b.end() < end
        && text[b.end()..end].chars().nth(1).is_some())
    .then_some(b.end())
}

/// The length of the trend qualifiers that end `head` (按年實質|上升).
fn qualifiers_ending(head: &str) -> usize {
    let mut end = head.len();
    while let Some((q, ())) = TREND_QUALIFIER_WORDS.suffix(&head[..end]) {
        end -= q.len();
    }
    head.len() - end
}

/// The direction of the first trend verb in `text`.
fn first_trend(text: &str) -> Option<Direction> {
    text.char_indices()
        .find_map(|(at, _)| TREND_WORDS.prefix(&text[at..]))
        .map(|(_, direction)| direction)
}

/// A trend said at the end of `part` (同比增長, 年增, 降至): where it starts
/// (with its basis and qualifiers), which way, its basis, and whether the
/// value after it is its amount (增長5%) rather than where it went (降至).
struct TrendRead {
    start: usize,
    direction: Direction,
    basis: Option<Basis>,
    with_amount: bool,
}

fn trend_at_end(part: &str) -> Option<TrendRead> {
    // 降至1,240億元, 維持在3.5%, 維持於95%: where the value went or stayed.
    let to = ["至", "到", "在", "于"]
        .iter()
        .find(|w| part.ends_with(**w));
    let before_to = &part[..part.len() - to.map_or(0, |w| w.len())];
    let compact = COMPACT_CHANGE_WORDS.suffix(before_to);
    let (mut start, direction, mut basis) = match compact {
        Some((w, (b, d))) => (before_to.len() - w.len(), d, Some(b)),
        None => {
            let (w, d) = TREND_WORDS.suffix(before_to)?;
            (before_to.len() - w.len(), d, None)
        }
    };
    start -= qualifiers_ending(&part[..start]);
    if basis.is_none() {
        if let Some((w, b)) = BASIS_WORDS.suffix(&part[..start]) {
            start -= w.len();
            basis = Some(b);
            // 實質按年上升: a qualifier before the basis too.
            start -= qualifiers_ending(&part[..start]);
        }
    }
    Some(TrendRead {
        start,
        direction,
        basis,
        with_amount: to.is_none(),
    })
}

/// The phrase right after a value that says what it counts, up to the end
/// of its clause: nouns and the verbs or adjectives after them (名選民投票,
/// 宗住宅買賣登記, 宗交通意外); past a noun and a place or cause, the verb
/// alone (家公司在主板上市, 人在風暴期間受傷); or, when the segmenter gives
/// no nouns, a short run of Chinese (票反對、).
///
/// After a verb of having (今屆共有161名候選人角逐, 仍有9項法案待協商) the
/// count says how many there are: what it counts is the nouns alone, without
/// the place they are from (逾16.5萬名大灣區投資者參與), and what follows them
/// says what those do; unless a lone verb says what befell them (約700班航班
/// 取消: only those count), or a verb with its object names the activity
/// counted (3.2萬家企業申領補助). Money is counted by what it is spent on
/// (投入5.6億元改善86處人行道, 編列1,320億元推動觀光): a verb and what
/// follows it, up to the clause's end or the next number.
fn counted_after(
    text: &str,
    tokens: &TokenIndex,
    at: usize,
    existential: bool,
    money: bool,
) -> Option<Range<usize>> {
    let first = tokens.starting_from(at);
    let words = tokens.get(first..)?;
    let short_run = |chars: usize| {
        let rest = &text[at..];
        let (end, _) = rest
            .char_indices()
            .take(chars + 1)
            .find(|&(_, c)| is_clause_break(c) || c == '、')?;
        let phrase = &rest[..end];
        (!phrase.is_empty() && phrase.chars().all(is_han)).then_some(at..at + end)
    };
    // 162票贊成、2票反對、3票棄權: a count in a list of counts, with 、
    // right after its phrase or a few characters before it.
    let listed = || {
        text[at..]
            .chars()
            .take(6)
            .find(|&c| is_clause_break(c) || c == '、')
            == Some('、')
            || text[..at].chars().rev().take(8).any(|c| c == '、')
    };
    if words.first()?.start() != at {
        // 宗交通意外: the unit and the noun made one word.
        return short_run(6);
    }
    let pos = |k: usize| words.get(k).map_or("", |t| t.pos().as_str());
    let is_noun = |k: usize| pos(k).starts_with('n') || pos(k) == "vn";
    let is_content = |k: usize| is_noun(k) || matches!(pos(k), "v" | "vi" | "a" | "an" | "j");
    let ends_clause = |k: usize| {
        words
            .get(k)
            .is_none_or(|t| text[t.range()].starts_with(|c| is_clause_break(c) || c == '、'))
    };
    if existential {
        let place = usize::from(pos(0) == "ns" && is_noun(1));
        // A verb of taking part after them is no noun whatever its tag
        // (名運動員|參賽/n); before them it names them (名參賽選手).
        let takes_part = |k: usize| {
            words
                .get(k)
                .is_some_and(|t| PARTICIPATION_VERB_WORDS.contains(&text[t.range()]))
        };
        let nouns = (place..MAX_COUNTED_WORDS)
            .take_while(|&k| is_noun(k) && !(k > place && takes_part(k)))
            .count();
        // A preposition after them governs where or why (家公司在主板上市),
        // unless it ends the clause and is a verb (艘貨輪通過，).
        let after = place + nouns;
        // 已有3.2萬家企業申領補助: a verb with its object after them names
        // the activity counted, as the verb after a place does (家公司在主板
        // 上市); a lone verb (名候選人角逐) only says what those counted do, and
        // a verb of one character is mostly an auxiliary (項法案待協商).
        let activity = (after..place + 2 * MAX_COUNTED_WORDS)
            .take_while(|&k| is_content(k))
            .count();
        let names_activity = nouns > 0
            && matches!(pos(after), "v" | "vi")
            && words[after].end() - words[after].start() > '待'.len_utf8()
            && activity > 1
            && ends_clause(after + activity)
            && (after + 1..after + activity).any(|k| pos(k).starts_with('n'));
        if names_activity {
            return Some(words[after].start()..words[after + activity - 1].end());
        }
        // 共有約700班航班取消, 另有3所學校校舍受損: a lone verb of what
        // befell them counts only those it befell; one of taking part
        // (名候選人角逐) says what all of them do.
        let befell = nouns > 0
            && matches!(pos(after), "v" | "vi")
            && ends_clause(after + 1)
            && !PARTICIPATION_VERB_WORDS.contains(&text[words[after].range()]);
        if befell {
            return Some(words[place].start()..words[after].end());
        }
        if nouns > 0 && (pos(after) != "p" || ends_clause(after + 1)) {
            return Some(words[place].start()..words[place + nouns - 1].end());
        }
    }
    let run = (0..MAX_COUNTED_WORDS)
        .take_while(|&k| is_content(k))
        .count();
    // 萬戶受惠: a verb alone says what the count did.
    let lone_verb = run == 1 && matches!(pos(0), "v" | "vi");
    if run > 0 && (is_noun(0) || lone_verb) && ends_clause(run) {
        return Some(at..words[run - 1].end());
    }
    // (提高到50元 after a price is where it went, not a use.)
    let spends = pos(0) == "v" && TREND_WORDS.prefix(&text[at..]).is_none();
    if money && spends && run > 0 && (ends_clause(run) || pos(run) == "m") {
        return Some(at..words[run - 1].end());
    }
    // 家公司|在|主板|上市: the verb after where or why says what is counted.
    let nouns = (0..2).take_while(|&k| is_noun(k)).count();
    if pos(nouns) == "p" {
        // What the preposition governs takes a word at least, in the same
        // clause (艘貨輪通過，貨運量…: the count's clause ends first); a verb
        // the segmenter tagged otherwise (主板|上市/ns) is the word ending
        // the clause.
        let last = (nouns..nouns + 2 + MAX_COUNTED_WORDS)
            .take_while(|&k| k < words.len())
            .find(|&k| ends_clause(k + 1))
            .filter(|&k| k >= nouns + 2)?;
        let verb = (nouns + 2..=last)
            .find(|&k| matches!(pos(k), "v" | "vi"))
            .unwrap_or(last);
        // 在A股|首發|上市: an adverb of two characters or more right before
        // the verb says how it was done (one character is mostly 已, 均).
        let how = (nouns + 2..verb)
            .rev()
            .take_while(|&k| pos(k) == "d" && text[words[k].range()].chars().nth(1).is_some())
            .last()
            .unwrap_or(verb);
        let content = (verb..=last).all(|k| is_content(k) || k == last);
        return content.then(|| words[how].start()..words[last].end());
    }
    if listed() { short_run(4) } else { None }
}

/// No counted phrase runs longer than this many words.
const MAX_COUNTED_WORDS: usize = 5;

/// Prepositions that end a frame before a value (以162票, 在…): not 比 of
/// 占比.
const FRAME_PREPOSITIONS: &[&str] = &["以", "在", "于", "向", "对", "按"];

/// Whether an indicator read before a value only frames it: it ends in a
/// preposition (會議以162票贊成, 廣東代表團以68金) or is a time word alone
/// (清晨發生6車追撞).
fn is_frame(text: &str, tokens: &TokenIndex, indicator: Range<usize>) -> bool {
    match tokens.within(indicator.clone()) {
        [only] if only.range() == indicator && only.pos().as_str() == "t" => true,
        [.., last] => FRAME_PREPOSITIONS.contains(&&text[last.range()]),
        [] => false,
    }
}

/// Whether an indicator read before a value names who or where rather than
/// a measure (全港, 新一屆立法會, 發行): none of its words is a common noun.
fn names_a_holder(text: &str, tokens: &TokenIndex, indicator: Range<usize>) -> bool {
    if SCOPE_WORDS.contains(&text[indicator.clone()]) {
        return true;
    }
    if is_frame(text, tokens, indicator.clone()) {
        return true;
    }
    let first = tokens.starting_from(indicator.start);
    tokens[first..]
        .iter()
        .take_while(|t| t.end() <= indicator.end)
        .all(|t| {
            let word = &text[t.range()];
            !matches!(
                t.pos().as_str(),
                "n" | "nz" | "vn" | "ng" | "an" | "j" | "l" | "eng"
            ) || word.chars().count() == 1
        })
}

/// A length of time (13個月, 5年): a quantity in a unit of time.
fn is_duration(figure: &Figure) -> bool {
    figure.kind() == FigureKind::Quantity
        && figure.unit().is_some_and(|u| {
            matches!(
                u,
                "年" | "个月" | "天" | "日" | "周" | "季" | "小时" | "分钟"
            )
        })
}

/// Whether `text` ends with one of `endings`.
fn has_suffix_in(text: &str, endings: &[&str]) -> bool {
    endings.iter().any(|e| text.ends_with(e))
}

/// Whether a trend or a comparison (较, 比, 高於首季的3.0%) is said
/// anywhere in `text`.
fn has_trend(text: &str) -> bool {
    first_trend(text).is_some()
        || text.contains(['较', '比'])
        || text.contains("高于")
        || text.contains("低于")
}

/// Words that open a condition (若減班人數突破1萬人，…).
const CONDITIONS: &[&str] = &["若", "如果", "倘若", "假如", "一旦"];

/// Whether the clause starting at `clause`, with a value ending at
/// `value_end`, states a condition rather than a measure: it opens with 若
/// or ends in 的 or 者 right after the value (貨值金額不足一萬元的，…; 年薪
/// 在50萬元以下者，…).
fn is_condition(text: &str, clause: usize, value_end: usize) -> bool {
    let rest = &text[value_end..];
    let tail = rest
        .char_indices()
        .take(3)
        .find(|&(_, c)| is_clause_break(c))
        .map_or("", |(at, _)| &rest[..at]);
    CONDITIONS.iter().any(|w| text[clause..].starts_with(w)) || matches!(tail, "的" | "者")
}

/// Whether figure `j`, a bare day of the month (30日), counts the days a
/// measure covers rather than dating it: it follows a noun that follows a
/// period of the same clause, and a noun follows it (今年1至7月交通事故30日
/// 死亡人數: deaths within 30 days of the accident, over January to July).
/// A date there would fall inside the period that already dates the clause.
fn is_day_count(text: &str, tokens: &TokenIndex, figures: &[Figure], j: usize) -> bool {
    let day = &figures[j];
    let Some(before) = j.checked_sub(1).map(|k| &figures[k]) else {
        return false;
    };
    if day.kind() != FigureKind::Date {
        return false;
    }
    let bare_day = text[day.range()]
        .strip_suffix('日')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if !bare_day || !is_time(before) || is_day(before) {
        return false;
    }
    let gap = &text[before.range().end..day.range().start];
    if gap.is_empty() || !gap.chars().all(is_han) {
        return false;
    }
    // 30日|死亡|人數: a noun, or a verb that makes one with the noun after
    // it.
    let after = tokens.starting_from(day.range().end);
    let is_noun = |t: &Token| matches!(t.pos().as_str(), "n" | "nz" | "vn" | "l");
    let noun_after = match tokens.get(after..) {
        Some([first, second, ..]) if first.start() == day.range().end => {
            is_noun(first) || first.pos().as_str() == "v" && is_noun(second)
        }
        _ => false,
    };
    // What it measures has its value in the same clause (…死亡人數為1,652
    // 人); a date opens what someone did (…30日發布數據，…).
    noun_after
        && figures.get(j + 1).is_some_and(|next| {
            is_level(next) && !text[day.range().end..next.range().start].contains(is_clause_break)
        })
}

/// Whether what a sentence says after the day it is dated to reports one
/// incident (今日清晨發生6車追撞事故，造成2人死亡、5人輕重傷): how many
/// vehicles or people one accident involved is what happened, not a
/// statistic (今年以來共發生事故3起 has no day).
fn is_incident(since_day: &str) -> bool {
    find_in(since_day, "发生").is_some()
}

/// A date or period at day precision (今（21）日, 10月1日至8日): the day
/// something happened, not a period values are reported for.
fn is_day(figure: &Figure) -> bool {
    match figure.value() {
        // Bytes: ISO dates are ASCII, and a char search starts memchr.
        FigureValue::Iso(iso) => {
            let first = iso.as_bytes().iter().take_while(|&&b| b != b'/');
            first.filter(|&&b| b == b'-').count() == 2
        }
        FigureValue::Number(_) => false,
    }
}

/// Whether an indicator is one place name and nothing else.
fn is_place(text: &str, tokens: &TokenIndex, indicator: Range<usize>) -> bool {
    let first = tokens.starting_from(indicator.start);
    tokens.get(first).is_some_and(|t| {
        t.range() == indicator
            && t.pos().as_str() == "ns"
            && !SCOPE_WORDS.contains(&text[t.range()])
    })
}

/// The indicator named in the clause before the one starting at `clause`,
/// in the same sentence and with no level of its own, and the period in it.
fn previous_clause_indicator(
    text: &str,
    tokens: &TokenIndex,
    figures: &[Figure],
    clause: usize,
) -> Option<(Range<usize>, Option<usize>)> {
    let (at, c) = text[..clause].char_indices().next_back()?;
    if is_sentence_break(c) || !is_clause_break(c) {
        return None;
    }
    let start = clause_start(text, at);
    let inside = figures.partition_point(|f| f.range().start < start)
        ..figures.partition_point(|f| f.range().start < at);
    // 租金指數已連續6個月上升，…: how long it went on is no level; a clause
    // with a number other than a time or a duration, a clock time too
    // (上午9时，2100名…), says something of its own.
    if figures[inside.clone()]
        .iter()
        .any(|f| !is_time(f) && !is_duration(f))
        || !clock_times(text, start..at).is_empty()
    {
        return None;
    }
    let mut cuts = vec![start];
    for f in &figures[inside.clone()] {
        cuts.push(f.range().start);
        cuts.push(f.range().end);
    }
    cuts.push(at);
    // 證監會有關負責人表示，…: who speaks is no indicator, nor who
    // released the figures (協會11日發布數據，…).
    let said = &text[start..at];
    let said = RELEASE_WORD_WORDS
        .suffix(said)
        .map_or(said, |(w, ())| &said[..said.len() - w.len()]);
    if SPEECH_VERBS.iter().any(|v| said.ends_with(v)) {
        return None;
    }
    let indicator = cuts
        .chunks(2)
        .rev()
        .find_map(|part| read_indicator(text, tokens, part[0]..part[1]).indicator)?;
    let period = inside
        .clone()
        .rfind(|&j| is_time(&figures[j]) && !is_day(&figures[j]));
    Some((indicator, period))
}

/// Whether figure `j` is the A of 由A…至B, with B the next figure.
fn is_change_origin(text: &str, figures: &[Figure], j: usize) -> bool {
    let Some(b) = figures.get(j + 1) else {
        return false;
    };
    let a = figures[j].range();
    let between = &text[a.end..b.range().start];
    // Bounded first: the stretches between figures make up the text.
    between.chars().nth(6).is_none()
        && ["至", "到", "为"].iter().any(|w| between.ends_with(w))
        && origin_lead(text, figures, j).is_some()
}

/// Where the 由 or 從 before figure `j` stands, also past what the value is
/// per (由每胎2萬元) or the date it was at (由110年的一○一○億元).
fn origin_lead(text: &str, figures: &[Figure], j: usize) -> Option<usize> {
    let a = figures[j].range().start;
    let mut head = &text[..a];
    if let Some(dated) = j.checked_sub(1).map(|k| &figures[k]).filter(|f| is_time(f)) {
        if text[dated.range().end..a] == *"的" {
            head = &text[..dated.range().start];
        }
    } else if let Some((per, _)) = head
        .char_indices()
        .rev()
        .take(3)
        .take_while(|&(_, c)| !is_clause_break(c))
        .find(|&(_, c)| c == '每')
    {
        head = &head[..per];
    }
    ["由", "从"]
        .iter()
        .find(|w| head.ends_with(**w))
        .map(|w| head.len() - w.len())
}

/// The verb between 由A and 至B says which way (由1.4%回落至1.3%); without
/// one, the figures do (由6個至5個).
fn origin_change(text: &str, figures: &[Figure], j: usize) -> Change {
    let (a, b) = (&figures[j], &figures[j + 1]);
    let between = &text[a.range().end..b.range().start];
    let stated = first_trend(between);
    Change {
        range: origin_lead(text, figures, j).unwrap_or(a.range().start)..b.range().end,
        direction: stated.unwrap_or_else(|| direction_between(a, b)),
        amount: None,
        basis: None,
        from: Some(j),
        contradicted: false,
    }
}

/// Indicators listed before 分別 (A、B和C分別增長5%、6%和7%), one per value
/// listed after it, or `None` when the counts differ.
fn listed_indicators(text: &str, names: Range<usize>, values: usize) -> Option<Vec<Range<usize>>> {
    let mut parts = Vec::new();
    let mut start = names.start;
    for (at, c) in text[names.clone()].char_indices() {
        let at = names.start + at;
        if matches!(c, '、' | '和' | '及' | '与') {
            parts.push(start..at);
            start = at + c.len_utf8();
        }
    }
    parts.push(start..names.end);
    // 建造業及零售業的失業率: the rates of both, named by the head they share.
    if let Some(of) = text[parts[parts.len() - 1].clone()].rfind('的') {
        let head = parts[parts.len() - 1].start + of + '的'.len_utf8()..names.end;
        parts.iter_mut().for_each(|p| *p = head.clone());
    }
    (parts.len() == values && parts.iter().all(|p| !p.is_empty())).then_some(parts)
}

/// Whether what stands between two values lists them (5%、6%和7%).
fn is_list_gap(gap: &str) -> bool {
    matches!(gap, "、" | "和" | "及" | "与" | "," | "，")
}

/// No list of values is longer: the bound keeps reading linear in the text.
const MAX_LISTED: usize = 24;

/// The figures after `i` listed with it (5%、6%和7%), at most [`MAX_LISTED`].
fn listed_values(text: &str, figures: &[Figure], i: usize) -> usize {
    let mut count = 1;
    while let Some(next) = figures.get(i + count).filter(|_| count < MAX_LISTED) {
        let gap = &text[figures[i + count - 1].range().end..next.range().start];
        if !is_list_gap(gap) || !is_level(next) {
            break;
        }
        count += 1;
    }
    count
}

pub(crate) fn find(text: &str, tokens: &[Token], figures: &[Figure]) -> Vec<Metric> {
    let tokens = &TokenIndex::new(tokens, text.len());
    let mut metrics = Vec::new();
    let mut used = vec![false; figures.len()];
    // The last period that headed a clause in this sentence (今年1至7月，…).
    let mut heading: Option<usize> = None;
    // The basis of the last change in this sentence (同比下降5.5%；…下降7.9%).
    let mut sentence_basis: Option<Basis> = None;
    let mut last_end = 0;

    // The last date or period of the paragraph, which 報告期內 refers to.
    let mut last_time: Option<usize> = None;
    // The last period named anywhere in this sentence (院會通過115年度總
    // 預算案，歲出…), and the indicator of its last metric (第3季經濟成長率
    // 為7.64%，第4季預估為5.9%: the second rate is the same indicator's).
    let mut mentioned: Option<usize> = None;
    // Where this sentence's metrics begin in `metrics`.
    let mut sentence_metrics = 0;
    let mut sentence_indicator: Option<(Range<usize>, Option<usize>)> = None;
    // The trend of that indicator's last metric when it had no level (消費
    // 者物價指數全年預估上漲1.82%，115年則為1.65%: the second is a rise too).
    let mut sentence_trend: Option<Trend> = None;
    // The period the sentence before this one in the paragraph was about
    // (第三季單季營收…。毛利率…: the rate is the third quarter's).
    let mut paragraph_period: Option<usize> = None;
    // Where the last phrase counted after a value ended (162票贊成、2票反對:
    // 贊成 is the first count's, not the second's indicator).
    let mut counted_until = 0;
    // Once this sentence is dated to a day, how far after that day it has
    // been read for 發生, and whether it was found there (8月29日清晨…發生一起
    // 多車相撞事故): counts after both detail one incident.
    let mut dated_day: Option<usize> = None;
    let mut incident = false;
    // Each value's stretch, cut at the times inside it; kept from one value
    // to the next, as an allocation per figure costs more in wasm.
    let (mut times, mut cuts): (Vec<Range<usize>>, Vec<usize>) = (Vec::new(), Vec::new());
    for (i, figure) in figures.iter().enumerate() {
        let range = figure.range();
        let between = &text[last_end..range.start];
        if let Some(at) = between.rfind(is_sentence_break) {
            // A sentence passes on the period of its last metric, not one
            // it only names (去年12月，項目成功簽約。…預計年進口…: the
            // signing's month is no period of the forecast).
            paragraph_period = metrics[sentence_metrics..]
                .last()
                .and_then(|m: &Metric| m.period)
                .filter(|&p| !is_day(&figures[p]));
            sentence_metrics = metrics.len();
            sentence_trend = None;
            heading = None;
            mentioned = None;
            sentence_indicator = None;
            sentence_basis = None;
            dated_day = None;
            incident = false;
            if between.contains('\n') {
                last_time = None;
                paragraph_period = None;
            }
            // 報告期內，公司實現營業收入…: the period the text last named.
            let sentence = between[at..]
                .trim_start_matches(is_sentence_break)
                .trim_start();
            if REPORTING_PERIODS.iter().any(|w| sentence.starts_with(w)) {
                heading = last_time;
            }
        }
        last_end = range.end;
        let clause = clause_start(text, range.start);
        if is_day_count(text, tokens, figures, i) {
            continue;
        }
        if is_time(figure) {
            // A comparison's date (較114年度增加) is no period of the text,
            // nor an origin's (由110年的一○一○億元降至…).
            if used[i] || is_change_origin(text, figures, i + 1) {
                continue;
            }
            last_time = Some(i);
            if figure.kind() == FigureKind::Date && is_day(figure) {
                dated_day.get_or_insert(range.end);
            } else if !incident {
                // 統計局15日發布，1至8月共發生事故1.2萬起: what happened
                // over a period is counted, not one incident.
                dated_day = None;
            }
            let lead = text[clause..range.start].trim();
            if lead.is_empty() || PERIOD_LEADS.contains(&lead) {
                heading = Some(i);
            } else if !is_day(figure) {
                mentioned = Some(i);
            }
            continue;
        }
        // Read once: the stretch since the last figure.
        if let Some(read_to) = dated_day.as_mut().filter(|_| !incident) {
            incident = is_incident(&text[*read_to..range.start]);
            *read_to = range.start;
        }
        // The A of 由A至B is the change's origin, read with B; a bare number
        // before 时 or 分 is an hour or a score (12時, 連得3分); the 10股 of
        // 每10股派3.5元 is what a rate is per; 若…
        // 突破1萬人 and 年薪在50萬元以下者 are conditions, not what was measured.
        if used[i]
            || !is_level(figure)
            || is_change_origin(text, figures, i)
            || figure.kind() == FigureKind::Number && text[range.end..].starts_with(['时', '分'])
            || text[..range.start].ends_with('每')
            || is_condition(text, clause, range.end)
            || incident
        {
            continue;
        }
        // The indicator stands between the clause's start, or the level
        // before in it, and the value (or the 由 of 由A至B); a period inside
        // is the value's own.
        let mut own_period = None;
        let mut start = clause.max(counted_until.min(range.start));
        for j in (0..i).rev() {
            let f = &figures[j];
            if f.range().end <= clause {
                break;
            }
            if is_day_count(text, tokens, figures, j) {
                start = start.max(f.range().start);
                continue;
            }
            if is_time(f) {
                own_period.get_or_insert(j);
            } else if !(j + 1 == i && is_change_origin(text, figures, j)) {
                start = start.max(f.range().end);
                break;
            }
        }
        let from = i
            .checked_sub(1)
            .filter(|&j| figures[j].range().start >= start && is_change_origin(text, figures, j));
        let end = from.map_or(range.start, |j| {
            origin_lead(text, figures, j).unwrap_or(figures[j].range().start)
        });
        // 由110年的一○一○億元: the origin's date is no period of the value.
        own_period = own_period.filter(|&p| figures[p].range().end <= end);
        // Dates inside cut the stretch; the indicator is in its last part
        // that names something (港元匯率|今日|觸及7.85).
        let inside = figures[..i].partition_point(|f| f.range().start < start);
        times.clear();
        times.extend(
            (inside..i)
                .filter(|&j| {
                    is_time(&figures[j])
                        && figures[j].range().end <= end
                        && !is_day_count(text, tokens, figures, j)
                })
                .map(|j| figures[j].range()),
        );
        times.extend(clock_times(text, start..end));
        times.sort_by_key(|r| r.start);
        cuts.clear();
        cuts.push(start);
        cuts.extend(times.iter().flat_map(|time| [time.start, time.end]));
        cuts.push(end);
        let mut reading = None;
        // A trend read in a later part is the value's (財政儲備預計於|2026年
        // 3月底|降至6,580億元), and one read with no indicator is still the
        // value's (實質按年增長3.1%).
        let mut later_trend: Option<Trend> = None;
        // Whether the indicator was read past a date (觀光署並規劃|於115年度|
        // 編列…): what stands next to the value names nothing of its own.
        let mut read_past_date = false;
        for (k, part) in cuts.chunks(2).rev().enumerate() {
            let read = read_indicator(text, tokens, part[0]..part[1]);
            later_trend = later_trend.or(read.trend);
            if let Some(indicator) = read.indicator {
                read_past_date = k > 0;
                reading = Some(Reading {
                    indicator: Some(indicator),
                    trend: read.trend.or(later_trend),
                });
                break;
            }
        }
        // 國企30%持股: a share before its verb.
        if figure.kind() == FigureKind::Percent {
            if let Some(verb) = SHARE_VERBS
                .iter()
                .find(|v| text[range.end..].starts_with(**v))
            {
                reading = Some(Reading {
                    indicator: Some(range.end..range.end + verb.len()),
                    trend: None,
                });
            }
        }
        let mut read = reading.and_then(|r| Some((r.indicator?, r.trend)));
        // 共有1,284,600名選民投票, 發行1,200億元政府債券: what is counted
        // follows the value, when what precedes it names no measure.
        let mut changes_from = range.end;
        let counts = matches!(figure.kind(), FigureKind::Quantity | FigureKind::Money);
        let existential = has_suffix_in(&text[clause..range.start], HAVING_VERBS);
        let money = figure.kind() == FigureKind::Money;
        if let Some(counted) = counts
            .then(|| counted_after(text, tokens, range.end, existential, money))
            .flatten()
        {
            // 觀光署…於115年度編列1,320億元推動觀光: who spends stands
            // before the date; the money is counted by what it is spent on.
            let spent_on = money
                && read_past_date
                && tokens
                    .get(tokens.starting_from(counted.start))
                    .is_some_and(|t| t.pos().as_str() == "v");
            let before_names_none = read.as_ref().is_none_or(|(indicator, trend)| {
                trend.is_none()
                    && (existential || spent_on || names_a_holder(text, tokens, indicator.clone()))
            });
            if before_names_none && from.is_none() {
                changes_from = counted.end;
                counted_until = counted.end;
                read = Some((counted, None));
            }
        }
        if read.as_ref().is_some_and(|(indicator, trend)| {
            trend.is_none() && is_frame(text, tokens, indicator.clone())
        }) {
            read = None;
        }
        // 汽車產銷分別完成335.9萬輛和332.2萬輛: a value listed with the one
        // before shares its indicator.
        // 首季及第二季的投資開支分別按年上升1.6%及2.2%: listed periods go
        // to the listed values in order, and a change read as the first
        // value is the second's too.
        if let Some(m) = metrics.last_mut().filter(|m| {
            read.is_none()
                && m.value + 1 == i
                && matches!(
                    &text[figures[m.value].range().end..range.start],
                    "、" | "和" | "及" | "与"
                )
        }) {
            let trend = m
                .change
                .as_ref()
                .filter(|c| c.amount == Some(m.value))
                .map(|c| (c.direction, c.basis, true));
            read = Some((m.indicator.clone(), trend));
            own_period = own_period.or(m.period);
            if let Some(p) = m.period.filter(|&p| {
                p > 0
                    && is_time(&figures[p - 1])
                    && matches!(
                        &text[figures[p - 1].range().end..figures[p].range().start],
                        "、" | "和" | "及" | "与"
                    )
            }) {
                m.period = Some(p - 1);
            }
        }
        // A change with its amount and no indicator (7月按月升0.8%).
        let change_alone = later_trend.is_some_and(|(_, _, with_amount)| with_amount);
        if read.is_none() && (own_period.is_none() || change_alone) {
            // 六都9月建物買賣移轉棟數今（2）日出爐，合計1萬5,842棟: the
            // indicator and its period are in the clause before.
            if let Some((indicator, period)) =
                previous_clause_indicator(text, tokens, figures, clause)
            {
                read = Some((indicator, later_trend));
                own_period = own_period.or(period);
            }
        }
        if read.is_none() {
            // 第3季經濟成長率為7.64%，第4季預估為5.9%: the sentence's last
            // indicator, at another period; …；經季節性調整後按季增長0.4%:
            // its change on another basis.
            // A change of the change (降幅比上月擴大) is no change of it.
            let of_change = starts_with_any(text[start..end].trim_start(), CHANGE_SIZES).is_some();
            // 編列1,320億元推動觀光，較本年度增加近一成: the change of the
            // sentence's last level, when it has none yet.
            let unchanged = metrics[sentence_metrics..]
                .last_mut()
                .filter(|m| m.change.is_none() && change_alone && !of_change);
            if let (Some(m), Some((direction, basis, _))) = (unchanged, later_trend) {
                m.change = Some(Change {
                    range: start..range.end,
                    direction,
                    amount: Some(i),
                    basis,
                    from: None,
                    contradicted: false,
                });
                used[i] = true;
                continue;
            }
            let trend = match later_trend {
                Some((_, _, with_amount)) => (with_amount && !of_change).then_some(later_trend),
                None => (own_period.is_some() && !has_trend(&text[start..end]))
                    .then_some(sentence_trend),
            };
            if let (Some(trend), Some((indicator, period))) = (trend, sentence_indicator.clone()) {
                read = Some((indicator, trend));
                own_period = own_period.or(period);
            }
        }
        let Some((mut indicator, mut trend)) = read else {
            // No indicator: its changes are still its, not levels.
            changes_after(text, figures, i, range.end, &mut used);
            continue;
        };
        // 其中台北市1,803棟: a place alone is where, not what; 全港, 政府
        // alone say where or who; 連續13個月 is how long, unless an
        // indicator of time says it (任期4年, 平均輪候時間5.3年).
        if indicator.end <= range.start && is_place(text, tokens, indicator.clone())
            || SCOPE_WORDS.contains(&text[indicator.clone()])
            || is_duration(figure)
                && !has_suffix_in(&text[indicator.clone()], &["期", "间", "时长"])
        {
            changes_after(text, figures, i, range.end, &mut used);
            continue;
        }
        // 本地經濟增長2.5%至3.5%: growth forecast as a range is what is
        // measured, not a change of it.
        if figure.bounds().is_some()
            && trend.is_some_and(|(_, basis, _)| basis.is_none())
            && text[indicator.end..].starts_with("增长")
        {
            indicator.end += "增长".len();
            trend = None;
        }
        let period = own_period.or(heading).or(mentioned).or(paragraph_period);
        sentence_indicator = Some((indicator.clone(), period));
        used[i] = true;

        // A list: A、B和C分別增長5%、6%和7%.
        let listed = listed_values(text, figures, i);
        // An indicator may follow its value (共90個議席): then no 分别 can
        // stand between them.
        let between = text.get(indicator.end..range.start).unwrap_or("");
        if listed > 1 && find_in(between, "分别").is_some() {
            if let Some(names) = listed_indicators(text, indicator.clone(), listed) {
                for (k, indicator) in names.into_iter().enumerate() {
                    let value = i + k;
                    used[value] = true;
                    let change = trend.map(|(direction, basis, _)| Change {
                        range: figures[value].range(),
                        direction,
                        amount: Some(value),
                        basis: basis.or(sentence_basis),
                        from: None,
                        contradicted: false,
                    });
                    metrics.push(Metric {
                        indicator,
                        value,
                        period,
                        change,
                        earlier: None,
                    });
                }
                continue;
            }
        }

        let mut changes = changes_after(text, figures, i, changes_from, &mut used);
        // 營業收入5,437.6億元，利潤總額312.4億元，分別增長8.1%和6.3%: the
        // amounts go to the levels listed before, in order.
        if let [change] = &mut changes[..] {
            let respective = change
                .amount
                .filter(|_| find_in(&text[change.range.clone()], "分别").is_some());
            if let Some(first) = respective {
                let count = listed_values(text, figures, first);
                let before = metrics
                    .len()
                    .saturating_sub(count - 1)
                    .max(sentence_metrics);
                let earlier = &mut metrics[before..];
                if count > 1
                    && earlier.len() == count - 1
                    && earlier.iter().all(|m: &Metric| m.change.is_none())
                {
                    for (k, metric) in earlier.iter_mut().enumerate() {
                        metric.change = Some(Change {
                            range: figures[first + k].range(),
                            amount: Some(first + k),
                            ..change.clone()
                        });
                    }
                    change.amount = Some(first + count - 1);
                    change.range = figures[first + count - 1].range();
                }
            }
        }
        if let Some(j) = from {
            used[j] = true;
            changes.insert(0, origin_change(text, figures, j));
        }
        let mut value = i;
        if let Some((direction, basis, with_amount)) = trend {
            // 同比增長4.8%: the value is the change's amount; 降至1,240億元:
            // the value is where it went; 大漲386.2點，收26,761.1點: the
            // level stated after the change is the value.
            if let Some(level) = with_amount.then(|| level_after(text, figures, i)).flatten() {
                used[level] = true;
                value = level;
            }
            changes.insert(
                0,
                Change {
                    range: indicator.end..figures[value].range().end,
                    direction,
                    amount: with_amount.then_some(i),
                    basis,
                    from: None,
                    contradicted: false,
                },
            );
        }
        for change in &mut changes {
            // 按月微跌0.2%，年初至今累計下跌1.5%: a cumulative change runs
            // from its own start, on no basis of the change before it.
            let cumulative = find_in(&text[change.range.clone()], "累计").is_some();
            if change.basis.is_some() {
                sentence_basis = change.basis;
            } else if change.amount.is_some() && !cumulative {
                change.basis = sentence_basis;
            }
        }
        if changes.is_empty() {
            metrics.push(Metric {
                indicator: indicator.clone(),
                value,
                period,
                change: None,
                earlier: None,
            });
        }
        // 居民消費價格環比上漲0.1%，同比下降0.3%: with no level, each
        // change's amount is its metric's value.
        let no_level = trend.is_some_and(|(_, _, with_amount)| with_amount) && value == i;
        sentence_trend = trend.filter(|_| no_level);
        for change in changes {
            let value = match change.amount {
                Some(amount) if no_level => amount,
                _ => value,
            };
            metrics.push(Metric {
                indicator: indicator.clone(),
                value,
                period,
                change: Some(change),
                earlier: None,
            });
        }
    }
    // A figure alone is never what is measured (港币1与2 3 read 3 as the
    // indicator of the listed values before it).
    metrics.retain(|m| {
        figures
            .binary_search_by_key(&m.indicator.start, |f| f.range().start)
            .map_or(true, |k| figures[k].range() != m.indicator)
            && !is_bare_share(text, tokens, m.indicator.clone(), m.change.is_some())
            && !is_said_by_person(text, tokens, m.indicator.clone())
            && !is_prepositional(text, tokens, m.indicator.clone())
    });
    for metric in &mut metrics {
        assess(metric, figures);
    }
    metrics
}

/// Whether an indicator is 占 and what the share is of, with no change:
/// the value restates the measure before it as a share (網上銷售額約33億元，
/// 佔零售業總銷貨價值一成一; 研發開支198億元，佔收入15.4%), and what follows
/// 占 is the whole, not what is measured. A share that moves (占外匯存底的
/// 47.1%，較8月底上升1.2個百分點) is followed as a measure of its own, and
/// a ratio named as such (占GDP比率) is a noun, as are words of 占 (占比,
/// 占地).
fn is_bare_share(text: &str, tokens: &TokenIndex, indicator: Range<usize>, changes: bool) -> bool {
    let first = tokens.get(tokens.starting_from(indicator.start));
    first.is_some_and(|t| t.start() == indicator.start && &text[t.range()] == "占")
        && !text[indicator.clone()].starts_with("占比")
        && !has_suffix_in(&text[indicator], RATIO_NOUNS)
        && !changes
}

/// Nouns that name a ratio (占GDP比率, 占出口比重).
const RATIO_NOUNS: &[&str] = &["比率", "比重", "比例"];

/// Whether an indicator is a preposition and its object alone (在轄內,
/// 向深水埗區等地, 对吸纳高校毕业生就业的中小微企业): where, to whom or for
/// whom, never what is measured. The object ends at its head noun; a verb
/// after that (對美國出口占比) makes the phrase the measure's modifier, and
/// so does a ratio as the head (在GDP中的比重).
fn is_prepositional(text: &str, tokens: &TokenIndex, indicator: Range<usize>) -> bool {
    let Some((preposition, object)) = tokens.within(indicator.clone()).split_first() else {
        return false;
    };
    let head = object
        .iter()
        .rposition(|t| &text[t.range()] == "的")
        .map_or(object, |of| &object[of + 1..]);
    preposition.start() == indicator.start
        && FRAME_PREPOSITIONS.contains(&&text[preposition.range()])
        && !head.is_empty()
        && head.iter().all(|t| !t.pos().as_str().starts_with('v'))
        && !has_suffix_in(&text[indicator], RATIO_NOUNS)
}

/// Personal pronouns: a person is who speaks or acts, never a measure.
const PERSONAL_PRONOUNS: &[&str] = &["他", "她", "我", "你", "您", "他们", "她们", "我们", "咱们"];

/// Whether an indicator opens with a person and a verb (她提出兩項新措施,
/// 他宣布三項計劃): what someone does, not a measure of anything.
fn is_said_by_person(text: &str, tokens: &TokenIndex, indicator: Range<usize>) -> bool {
    let first = tokens.starting_from(indicator.start);
    match tokens.get(first..first + 2) {
        Some([person, verb]) => {
            person.start() == indicator.start
                && PERSONAL_PRONOUNS.contains(&&text[person.range()])
                && verb.end() <= indicator.end
                && matches!(verb.pos().as_str(), "v" | "vd" | "vi")
        }
        _ => false,
    }
}

/// Checks a metric's change against its figures, and works out the level
/// before the change where the text gives the change but not that level.
fn assess(metric: &mut Metric, figures: &[Figure]) {
    let Some(change) = &mut metric.change else {
        return;
    };
    let number = |i: usize| match figures[i].value() {
        FigureValue::Number(n) => Some(n),
        FigureValue::Iso(_) => None,
    };
    let value = number(metric.value);
    if let (Some(from), Some(to)) = (change.from.and_then(number), value) {
        change.contradicted = match change.direction {
            Direction::Up => from > to,
            Direction::Down => from < to,
            Direction::Flat => from != to,
        };
        return;
    }
    // Without a basis, "earlier" has no date to stand for.
    let (Some(_), Some(value)) = (change.basis, value) else {
        return;
    };
    let amount = change.amount.filter(|&a| a != metric.value);
    let sign = match change.direction {
        Direction::Up => 1.0,
        Direction::Down => -1.0,
        Direction::Flat => 0.0,
    };
    let level = &figures[metric.value];
    metric.earlier = match amount.map(|a| (&figures[a], number(a))) {
        None if change.direction == Direction::Flat => Some(value),
        Some((amount, Some(by))) => match (amount.unit(), level.kind()) {
            // A rate's change in percentage points.
            (Some("pp"), FigureKind::Percent) => Some(value - sign * by),
            // A level's change in percent.
            (Some("%"), kind) if kind != FigureKind::Percent => {
                Some(value / (1.0 + sign * by / 100.0)).filter(|e| e.is_finite() && *e > 0.0)
            }
            // A change in the level's own unit.
            (unit, kind) if amount.kind() == kind && unit == level.unit() => {
                Some(value - sign * by)
            }
            _ => None,
        },
        _ => None,
    };
}

fn direction_between(from: &Figure, to: &Figure) -> Direction {
    match (from.value(), to.value()) {
        (FigureValue::Number(a), FigureValue::Number(b)) if b > a => Direction::Up,
        (FigureValue::Number(a), FigureValue::Number(b)) if b < a => Direction::Down,
        _ => Direction::Flat,
    }
}
