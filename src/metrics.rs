//! Metrics: what a figure measures (its indicator), over which period, and
//! how it changed — "規模工業總產值 = 218.8億元 for 今年1至7月, 同比增長
//! 5.25%". The rules are documented on [`Metric`].

use std::ops::Range;

use crate::document::Document;
use crate::figures::{ends_with_any, starts_with_any};
use crate::{Figure, FigureKind, FigureValue, Token};

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
/// The rules read the segmentation of one sentence:
/// - the indicator is the noun phrase just before the value (完成規模工業
///   總產值218.8億元), without the light verbs that only report it (完成,
///   實現, 預計), the scope before it (全市, a place name) and a linking
///   verb between it and the value (達, 為); a one-character attribute (總,
///   新) begins it (該項目總投資: 總投資); a share written before its verb
///   is that verb's (國企30%持股);
/// - a change is a trend verb with an optional basis and amount right after
///   the value (同比增長5.25%, 比上年提高0.8個百分點, 與上年持平, 比上年
///   同期名義增長5.3%), or
///   由/從A…至/為B around it (由6個精簡至5個: the value is B, the change
///   comes from A); a change with no level (工業增加值同比增長4.8%) makes its
///   amount the value;
/// - a period or date at the head of a statement (今年1至7月，… ;
///   2024年，…; after a colon or semicolon) governs every value after it
///   until the sentence ends.
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

/// Verbs that report a figure rather than name what it measures.
const LIGHT_VERBS: &[&str] = &[
    "完成", "實現", "实现", "預計", "预计", "打造", "承擔", "承担", "累計", "累计", "共計", "共计",
    "達到", "达到", "達", "达", "為", "为", "是", "有", "約", "约", "超過", "超过", "突破", "增加",
    "增長", "增长", "帶來", "带来", "創造", "创造", "獲得", "获得", "吸引", "簽約", "签约", "總計",
    "总计", "合計", "合计",
];

/// Verbs that link a subject to its figure (占比達80%, 收入完成180億元).
const LINKS: &[&str] = &[
    "達到", "达到", "達", "达", "為", "为", "是", "約", "约", "共", "完成", "實現", "实现",
];

/// Trend verbs and their direction.
const TRENDS: &[(&str, Direction)] = &[
    ("增長", Direction::Up),
    ("增长", Direction::Up),
    ("增加", Direction::Up),
    ("上升", Direction::Up),
    ("上漲", Direction::Up),
    ("上涨", Direction::Up),
    ("提高", Direction::Up),
    ("提升", Direction::Up),
    ("增", Direction::Up),
    ("下降", Direction::Down),
    ("減少", Direction::Down),
    ("减少", Direction::Down),
    ("回落", Direction::Down),
    ("下跌", Direction::Down),
    ("降低", Direction::Down),
    ("精簡", Direction::Down),
    ("精简", Direction::Down),
    ("降", Direction::Down),
    ("減", Direction::Down),
    ("减", Direction::Down),
    ("持平", Direction::Flat),
];

const BASES: &[(&str, Basis)] = &[
    ("同比", Basis::YearOnYear),
    ("比上年同期", Basis::YearOnYear),
    ("比去年同期", Basis::YearOnYear),
    ("比上年末", Basis::YearOnYear),
    ("比上年", Basis::YearOnYear),
    ("比去年", Basis::YearOnYear),
    ("較上年", Basis::YearOnYear),
    ("较上年", Basis::YearOnYear),
    ("與上年", Basis::YearOnYear),
    ("与上年", Basis::YearOnYear),
    ("與去年同期", Basis::YearOnYear),
    ("与去年同期", Basis::YearOnYear),
    ("環比", Basis::PeriodOnPeriod),
    ("环比", Basis::PeriodOnPeriod),
    ("比上月", Basis::PeriodOnPeriod),
];

/// How a change is measured, said between its basis and its trend.
const CHANGE_MEASURES: &[(&str, ())] = &[("名義", ()), ("名义", ()), ("實際", ()), ("实际", ())];

/// Verbs of holding a share, whose share comes before them (國企30%持股).
const SHARE_VERBS: &[&str] = &["持股", "控股", "參股", "参股"];

fn is_clause_end(word: &str) -> bool {
    word.chars().all(|c| {
        matches!(
            c,
            '，' | ',' | '；' | ';' | '。' | '、' | '：' | ':' | '！' | '？' | '\n' | '“' | '”'
        )
    })
}

/// Where a period's reach ends: a list's items after semicolons still
/// belong to the sentence it heads.
fn is_sentence_end(word: &str) -> bool {
    word.contains(['。', '！', '？', '\n'])
}

/// Where a statement begins that a period can head: after a sentence, a
/// semicolon, or a colon (…的數據：今年1-7月，…).
fn is_statement_start(word: &str) -> bool {
    is_sentence_end(word) || word.contains([';', '；', ':', '：'])
}

/// Whether a word can belong to an indicator: nouns, verbal nouns, verbs
/// that are not light, one-character attributes (總, 新) and the per-unit
/// marker 均 with what it divides by (畝均, 人均).
fn joins_indicator(word: &str, pos: &str, next: Option<(&str, &str)>) -> bool {
    if LIGHT_VERBS.contains(&word) {
        return false;
    }
    let chars = word.chars().count();
    match pos {
        "n" | "nz" | "vn" | "ng" | "an" | "j" | "nrt" | "l" | "i" | "eng" => true,
        "v" | "vd" | "vi" => true,
        "b" => chars == 1,
        // 規模以上工業: 以上 inside a noun phrase is part of the term.
        "f" => matches!(word, "以上" | "以下") && next.is_some_and(|(_, pos)| pos.starts_with('n')),
        // 貧困發生率: an adjective that modifies the noun after it.
        "a" => next.is_some_and(|(_, pos)| pos.starts_with('n')),
        "d" => word == "均",
        "q" | "m" => {
            chars == 1
                && (next.is_some_and(|(w, _)| w == "均")
                    || matches!(word, "年" | "月" | "日" | "人"))
        }
        _ => false,
    }
}

/// The metrics of a text, from its tokens and figures (both in order).
pub(crate) fn find(text: &str, tokens: &[Token], figures: &[Figure]) -> Vec<Metric> {
    let word = |t: &Token| &text[t.range()];
    let token_at = |byte: usize| tokens.partition_point(|t| t.end() <= byte);
    let mut metrics = Vec::new();
    let mut used = vec![false; figures.len()];
    let mut period: Option<usize> = None;
    let mut period_sentence_end = 0;

    for (i, figure) in figures.iter().enumerate() {
        let range = figure.range();
        if matches!(figure.kind(), FigureKind::Period | FigureKind::Date) {
            // A period at the head of a sentence governs it.
            let first = token_at(range.start);
            let at_head = first == 0
                || tokens[..first]
                    .iter()
                    .rev()
                    .take_while(|t| !is_statement_start(word(t)))
                    .all(|t| {
                        is_clause_end(word(t)) || matches!(t.pos().as_str(), "t" | "p" | "f" | "x")
                    });
            // A year or a month at the head (2024年，…) is the period reported too.
            if at_head {
                period = Some(i);
                period_sentence_end = tokens[first..]
                    .iter()
                    .find(|t| is_sentence_end(word(t)))
                    .map_or(text.len(), |t| t.end());
            }
            continue;
        }
        if used[i]
            || !matches!(
                figure.kind(),
                FigureKind::Money | FigureKind::Quantity | FigureKind::Percent | FigureKind::Number
            )
        {
            continue;
        }
        if range.start >= period_sentence_end {
            period = None;
        }
        if is_change_origin(text, figures, i) {
            continue;
        }
        let first = token_at(range.start);
        let after = token_at(range.end);

        // 由A…至B: B is the value, A where it came from.
        let mut from = None;
        let mut head = first;
        if let Some(j) = i
            .checked_sub(1)
            .filter(|&j| is_change_origin(text, figures, j))
        {
            from = Some(j);
            used[j] = true;
            head = token_at(figures[j].range().start - '由'.len_utf8());
        }

        // The change after the value: 同比增長5.25%.
        // The verb says which way (由1.4%回落至1.3%); without one, the
        // figures do (由6個至5個).
        let mut change = from.map(|j| Change {
            range: figures[j].range().start - '由'.len_utf8()..range.end,
            direction: trend_within(&text[figures[j].range().end..range.start])
                .unwrap_or_else(|| direction_between(&figures[j], figure)),
            amount: None,
            basis: None,
            from: Some(j),
            contradicted: false,
        });
        let rest = &text[range.end..];
        let skipped = rest.len() - rest.trim_start_matches(['，', ',']).len();
        let tail = &rest[skipped..];
        let basis = starts_with_any(tail, BASES);
        let after_basis = &tail[basis.map_or(0, |(w, _)| w.len())..];
        // 比上年同期名義增長5.3%: nominal or real, said between basis and trend.
        let measure = starts_with_any(after_basis, CHANGE_MEASURES).map_or(0, |(w, _)| w.len());
        if let Some((trend, direction)) = starts_with_any(&after_basis[measure..], TRENDS) {
            let end =
                range.end + skipped + basis.map_or(0, |(w, _)| w.len()) + measure + trend.len();
            let amount = figures.get(i + 1).filter(|f| {
                f.range().start == end
                    || f.range().start == end + "了".len() && text[end..].starts_with('了')
            });
            if change.is_none() && (basis.is_some() || amount.is_some()) {
                change = Some(Change {
                    range: range.end + skipped..amount.map_or(end, |f| f.range().end),
                    direction,
                    amount: amount.map(|_| i + 1),
                    basis: basis.map(|(_, b)| b),
                    from: None,
                    contradicted: false,
                });
                if amount.is_some() {
                    used[i + 1] = true;
                }
            }
        }

        // 工業增加值同比增長4.8%: a change with no level; the change's amount
        // is the metric's value.
        if change.is_none() {
            if let Some((trend_start, direction, basis)) = trend_before(text, range.start) {
                let trend_head = token_at(trend_start);
                if let Some(indicator) = indicator_before(text, tokens, trend_head) {
                    used[i] = true;
                    let change = Change {
                        range: trend_start..range.end,
                        direction,
                        amount: Some(i),
                        basis,
                        from: None,
                        contradicted: false,
                    };
                    metrics.push(Metric {
                        indicator,
                        value: i,
                        period,
                        change: Some(change),
                        earlier: None,
                    });
                    continue;
                }
            }
        }

        // The indicator: the noun phrase before the value (or before 由).
        let mut indicator = indicator_before(text, tokens, head);
        // 國企30%持股: a share before its verb.
        if figure.kind() == FigureKind::Percent {
            if let Some(t) = tokens.get(after).filter(|t| SHARE_VERBS.contains(&word(t))) {
                indicator = Some(t.range());
            }
        }
        let Some(indicator) = indicator else { continue };
        used[i] = true;
        metrics.push(Metric {
            indicator,
            value: i,
            period,
            change,
            earlier: None,
        });
    }
    for metric in &mut metrics {
        assess(metric, figures);
    }
    metrics
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

/// The first trend verb in `text`, by its direction.
fn trend_within(text: &str) -> Option<Direction> {
    text.char_indices()
        .find_map(|(at, _)| starts_with_any(&text[at..], TRENDS))
        .map(|(_, direction)| direction)
}

/// The trend (with its basis) that ends right before `at`: where it starts,
/// its direction and basis.
fn trend_before(text: &str, at: usize) -> Option<(usize, Direction, Option<Basis>)> {
    let head = &text[..at];
    let head = head.strip_suffix('了').unwrap_or(head);
    let (trend, direction) = ends_with_any(head, TRENDS)?;
    let before = &head[..head.len() - trend.len()];
    match ends_with_any(before, BASES) {
        Some((w, basis)) => Some((before.len() - w.len(), direction, Some(basis))),
        None => Some((before.len(), direction, None)),
    }
}

/// Whether figure `j` is the A of 由A…至B, with B the next figure.
fn is_change_origin(text: &str, figures: &[Figure], j: usize) -> bool {
    let Some(b) = figures.get(j + 1) else {
        return false;
    };
    let a = figures[j].range();
    let between = &text[a.end..b.range().start];
    ["由", "從", "从"]
        .iter()
        .any(|w| text[..a.start].ends_with(w))
        && ["至", "到", "為", "为"]
            .iter()
            .any(|w| between.ends_with(w))
        && between.chars().count() <= 6
}

fn direction_between(from: &Figure, to: &Figure) -> Direction {
    match (from.value(), to.value()) {
        (FigureValue::Number(a), FigureValue::Number(b)) if b > a => Direction::Up,
        (FigureValue::Number(a), FigureValue::Number(b)) if b < a => Direction::Down,
        _ => Direction::Flat,
    }
}

/// The indicator ending just before token `head`, within its clause.
fn indicator_before(text: &str, tokens: &[Token], head: usize) -> Option<Range<usize>> {
    let word = |t: &Token| &text[t.range()];
    // 生產總值達到5000億元, 失業率為3.2%: the linking verb stands between.
    let mut head = head;
    while head > 0 && LINKS.contains(&word(&tokens[head - 1])) {
        head -= 1;
    }
    let mut start = head;
    while start > 0 && head - start < 6 {
        let t = &tokens[start - 1];
        let next = tokens.get(start).map(|n| (word(n), n.pos().as_str()));
        // A place or a whole scope (全市, 全省) says where, not what.
        let scope =
            t.pos().as_str() == "ns" || word(t).starts_with('全') && word(t).chars().count() == 2;
        // 占比: jieba splits it into a verb and a preposition.
        let share = matches!(word(t), "比")
            && start >= 2
            && matches!(word(&tokens[start - 2]), "占" | "佔");
        if share {
            start -= 2;
            continue;
        }
        if is_clause_end(word(t)) || scope || !joins_indicator(word(t), t.pos().as_str(), next) {
            break;
        }
        start -= 1;
        // 總投資, 新增: a one-character attribute begins the indicator; what
        // is before it is the subject (該項目).
        if t.pos().as_str() == "b" {
            break;
        }
    }
    if start == head {
        return None;
    }
    let mut range = tokens[start].start()..tokens[head - 1].end();
    // 占比達80%: the linking verb is not part of the indicator.
    if let Some(link) = LINKS.iter().find(|l| text[range.clone()].ends_with(**l)) {
        range.end -= link.len();
    }
    (!range.is_empty()).then_some(range)
}
