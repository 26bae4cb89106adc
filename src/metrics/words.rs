//! The words metrics read — who reports, what links an indicator to its
//! value, scopes, trends, bases, qualifiers — and an index over them for
//! lookups at one point of the text. Reading an indicator asks, again and
//! again as it trims a phrase, which table words end or start it; trying
//! every word of a table each time (a hundred links, eighty scopes) made
//! that the metrics' hot spot, slowest in wasm. Here a table is also a hash
//! map from word to entry, so that the question costs one lookup per
//! distinct word length. The words are in Simplified: metrics read the
//! document's Simplified view.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::scan::CharFilter;

use super::{Basis, Direction};

/// Verbs after which the indicator begins: what comes before them is who
/// reports (園區完成規模工業總產值, 公司實現營業收入).
pub(super) const REPORTING_VERBS: &[&str] = &[
    "完成", "实现", "录得", "创下", "取得", "预计", "打造", "承担", "带来", "创造", "获得", "吸引",
    "成功", "累计", "共计", "合计", "发生", "增设", "实施", "计划", "拟", "设", "设有", "拥有",
    "筹集", "派发", "涉及", "宣派", "维持",
];

/// Measure words that name nothing alone: a reporting verb before one
/// stays (涉及金額, 涉及人數).
pub(super) const BARE_MEASURES: &[&str] = &["金额", "总额", "数额", "人数", "数量", "数目", "次数"];

/// Words between an indicator and its value that only link the two
/// (失業率為3.2%, 恒指收報26,761點, 歲出編列3兆元), stripped from its end.
pub(super) const LINKS: &[&str] = &[
    "分别为",
    "分别是",
    "分别达",
    "分别",
    "达到",
    "达至",
    "约为",
    "约合",
    "相当于",
    "月底",
    "月末",
    "连续",
    "为期",
    "为",
    "达",
    "是",
    "有",
    "约",
    "报",
    "收报",
    "收在",
    "收于",
    "收盘",
    "终场收",
    "终场",
    "录得",
    "总计",
    "共",
    "计",
    "编列",
    "触及",
    "至",
    "到",
    "在",
    "于",
    "将",
    "则",
    "也",
    "亦",
    "仅",
    "只",
    "已",
    "再",
    "又",
    "高达",
    "多达",
    "已达",
    "预计",
    "预估",
    "预期",
    "估计",
    "料",
    "料将",
    "可望",
    "有望",
    "还",
    "均",
    "并",
    "仍",
    "保持",
    "维持",
    "保持在",
    "维持在",
    "稳定在",
    "首度",
    "首次",
    "挑战",
    "介于",
    "介乎",
    "超越",
    "逼近",
    "接近",
    "站上",
    "全年",
    "今年",
    "全月",
    "当月",
    "当日",
    "当天",
    "全天",
    "临时",
    "合共",
    "合计",
    "同步",
    "出炉",
    "公布",
    "发布",
    "揭晓",
    "、",
    "上看",
];

/// Verbs that end a clause saying who speaks, or how the figures are
/// looked at (分季度看，…).
pub(super) const SPEECH_VERBS: &[&str] = &[
    "表示", "指出", "称", "说", "认为", "透露", "强调", "介绍", "显示", "预计", "预料", "发布",
    "公布", "看",
];

/// Links that are links only as words of their own (收 in 台積電收1,480元,
/// not in 稅收 or 營收).
pub(super) const WORD_LINKS: &[&str] = &["收", "收盘"];

/// Words before an indicator that say where, when or whose, not what (全市
/// 地區生產總值, 其中工業投資, 全年民用汽車保有量), stripped from its start.
pub(super) const SCOPES: &[&str] = &[
    "全省",
    "全市",
    "全区",
    "全县",
    "全港",
    "全台",
    "全澳",
    "我国",
    "本港",
    "其中",
    "其",
    "该项目",
    "该公司",
    "本公司",
    "公司",
    "集团",
    "该",
    "而",
    "并",
    "且",
    "另外",
    "此外",
    "同时",
    "以及",
    "及",
    "和",
    "又",
    "亦",
    "也",
    "当中",
    "全年",
    "年末",
    "年底",
    "年初",
    "累计",
    "共",
    "所属",
    "以",
    "前",
    "使",
    "在台",
    "在港",
    "当日",
    "当天",
    "当月",
    "全天",
    "全月",
    "年内",
    "、",
    "经季节性调整的",
    "经季节性调整后的",
    "经季节调整后的",
    "经季节调整后",
    "经季节性调整后",
    "期内",
    "同期",
    "报告期内",
    "为",
    "全部",
    "的",
    "香港",
    "台湾",
    "内地",
    "政府",
    "市府",
    "「",
    "」",
    "“",
    "”",
    "全国",
    "单季",
    "六都",
    "沪深两市",
    "两市",
    "目标为",
    "目标",
];

/// What a rate is per (每人, 每平方米): said between an indicator and its
/// value, it is not part of the indicator (基本每股收益 keeps its 每股).
pub(super) const PER_UNITS: &[&str] = &[
    "人",
    "户",
    "月",
    "年",
    "辆",
    "平方米",
    "吨",
    "公斤",
    "斤",
    "天",
    "日",
    "名",
    "间",
    "宗",
    "套",
    "亩",
    "股",
    "个",
];

/// Words after an indicator that name the release its figures come from
/// (本地生產總值修訂數字，實質按年增長3.1%: the measure is 本地生產總值).
pub(super) const RELEASE_WORDS: &[&str] = &[
    "预先估计数字",
    "修订数字",
    "初步数字",
    "临时数字",
    "估计数字",
    "数字",
    "数据",
];

/// What may stand between two parties an indicator is between (中國與東盟
/// 貿易額, 中國對東盟直接投資存量): the parties say whose, not what.
pub(super) const BETWEEN_PARTIES: &[&str] = &["与", "对", "和", "同"];

/// Endings of a place that says where an indicator is counted (廣州市,
/// 東莞市), not what: 城鎮 and 新建 are not such places.
pub(super) const PLACE_ENDINGS: &[char] = &['省', '市', '区', '县', '州'];

/// Trend verbs and their direction; longer ones first where one contains
/// another.
pub(super) const TRENDS: &[(&str, Direction)] = &[
    ("增长", Direction::Up),
    ("增加", Direction::Up),
    ("上升", Direction::Up),
    ("上涨", Direction::Up),
    ("上扬", Direction::Up),
    ("提高", Direction::Up),
    ("提升", Direction::Up),
    ("回升", Direction::Up),
    ("攀升", Direction::Up),
    ("扩大", Direction::Up),
    ("升值", Direction::Up),
    ("走高", Direction::Up),
    ("反弹", Direction::Up),
    ("成长", Direction::Up),
    ("增多", Direction::Up),
    ("上调", Direction::Up),
    ("大增", Direction::Up),
    ("加快", Direction::Up),
    ("净增", Direction::Up),
    ("上修", Direction::Up),
    ("调高", Direction::Up),
    ("调升", Direction::Up),
    ("激增", Direction::Up),
    ("增", Direction::Up),
    ("升", Direction::Up),
    ("涨", Direction::Up),
    ("下降", Direction::Down),
    ("减少", Direction::Down),
    ("回落", Direction::Down),
    ("下跌", Direction::Down),
    ("下滑", Direction::Down),
    ("降低", Direction::Down),
    ("衰退", Direction::Down),
    ("缩短", Direction::Down),
    ("缩减", Direction::Down),
    ("削减", Direction::Down),
    ("缩小", Direction::Down),
    ("收窄", Direction::Down),
    ("放缓", Direction::Down),
    ("萎缩", Direction::Down),
    ("贬值", Direction::Down),
    ("走低", Direction::Down),
    ("下调", Direction::Down),
    ("精简", Direction::Down),
    ("放慢", Direction::Down),
    ("减慢", Direction::Down),
    ("净减", Direction::Down),
    ("压缩", Direction::Down),
    ("下修", Direction::Down),
    ("调降", Direction::Down),
    ("调低", Direction::Down),
    ("调整", Direction::Down),
    ("减", Direction::Down),
    ("降", Direction::Down),
    ("跌", Direction::Down),
    ("持平", Direction::Flat),
    ("维持不变", Direction::Flat),
    ("保持不变", Direction::Flat),
    ("维持", Direction::Flat),
    ("保持", Direction::Flat),
    ("不变", Direction::Flat),
    ("持稳", Direction::Flat),
];

/// What a change is measured against, said before its trend.
pub(super) const BASES: &[(&str, Basis)] = &[
    ("同比", Basis::YearOnYear),
    ("按年", Basis::YearOnYear),
    ("比上年同期", Basis::YearOnYear),
    ("比去年同期", Basis::YearOnYear),
    ("较上年同期", Basis::YearOnYear),
    ("较去年同期", Basis::YearOnYear),
    ("与上年同期", Basis::YearOnYear),
    ("与去年同期", Basis::YearOnYear),
    ("比上年末", Basis::YearOnYear),
    ("较上年末", Basis::YearOnYear),
    ("比上年底", Basis::YearOnYear),
    ("比上年", Basis::YearOnYear),
    ("比去年", Basis::YearOnYear),
    ("较上年度", Basis::YearOnYear),
    ("较上年底", Basis::YearOnYear),
    ("较上年", Basis::YearOnYear),
    ("较去年", Basis::YearOnYear),
    ("与上年", Basis::YearOnYear),
    ("与去年", Basis::YearOnYear),
    ("较上月底", Basis::PeriodOnPeriod),
    ("比上月底", Basis::PeriodOnPeriod),
    ("环比", Basis::PeriodOnPeriod),
    ("按月", Basis::PeriodOnPeriod),
    ("比上月", Basis::PeriodOnPeriod),
    ("较上月", Basis::PeriodOnPeriod),
    ("与上月", Basis::PeriodOnPeriod),
    ("按季", Basis::QuarterOnQuarter),
    ("比上季", Basis::QuarterOnQuarter),
    ("较上季", Basis::QuarterOnQuarter),
    ("较前一季度", Basis::QuarterOnQuarter),
    ("比前一季度", Basis::QuarterOnQuarter),
    ("较上一季度", Basis::QuarterOnQuarter),
    ("比上一季度", Basis::QuarterOnQuarter),
];

/// Changes said in one word, basis and trend together (Taiwan's 年增, 月減).
pub(super) const COMPACT_CHANGES: &[(&str, Basis, Direction)] = &[
    ("年成长", Basis::YearOnYear, Direction::Up),
    ("年衰退", Basis::YearOnYear, Direction::Down),
    ("月成长", Basis::PeriodOnPeriod, Direction::Up),
    ("月衰退", Basis::PeriodOnPeriod, Direction::Down),
    ("季成长", Basis::QuarterOnQuarter, Direction::Up),
    ("季衰退", Basis::QuarterOnQuarter, Direction::Down),
    ("年增", Basis::YearOnYear, Direction::Up),
    ("年减", Basis::YearOnYear, Direction::Down),
    ("月增", Basis::PeriodOnPeriod, Direction::Up),
    ("月减", Basis::PeriodOnPeriod, Direction::Down),
    ("季增", Basis::QuarterOnQuarter, Direction::Up),
    ("季减", Basis::QuarterOnQuarter, Direction::Down),
];

/// Words that name the size of a change just stated (…增加1,870億元，增幅
/// 6.4%): the percent is that change's amount. Said before a trend of their
/// own (增速較上月加快1.1個百分點), they change the change: no measure.
pub(super) const CHANGE_SIZES: &[(&str, Direction)] = &[
    ("增幅", Direction::Up),
    ("增速", Direction::Up),
    ("升幅", Direction::Up),
    ("涨幅", Direction::Up),
    ("增长率", Direction::Up),
    ("年增率", Direction::Up),
    ("降幅", Direction::Down),
    ("跌幅", Direction::Down),
    ("减幅", Direction::Down),
];

/// Words before the trend that qualify it without changing it: 比上年同期
/// 名義增長, 分別增長, 按日回升.
pub(super) const TREND_QUALIFIERS: &[&str] = &[
    "名义",
    "实际",
    "分别",
    "按日",
    "按周",
    "均",
    "则",
    "亦",
    "也",
    "仍",
    "再",
    "又",
    "大幅",
    "小幅",
    "略有",
    "略",
    "稍",
    "继续",
    "持续",
    "进一步",
    "将",
    "预计",
    "预测",
    "预估",
    "全天",
    "全日",
    "全月",
    "当日",
    "当天",
    "当月",
    "累计",
    "可望",
    "有望",
    "大",
    "小",
    "轻微",
    "微",
    "实质",
];

/// Words that may stand between a trend and its amount (增長了5%, 上升約
/// 18點子 has 約 inside the figure).
pub(super) const AMOUNT_LINKS: &[&str] = &["了", "达", "为", "至", "到"];

/// Verbs of having said right before a count (新一屆立法會共90個議席,
/// 今屆共有161名候選人): what follows the count is what it counts, and what
/// comes before has them.
pub(super) const HAVING_VERBS: &[&str] = &["有", "共", "拥有", "设有"];

/// Verbs of taking part, after a count of who takes part (共有161名候選人
/// 角逐): they say what all of those counted do, not which of them count.
pub(super) const PARTICIPATION_VERBS: &[&str] = &[
    "参与", "参加", "参赛", "参选", "参展", "参会", "与会", "出席", "角逐", "竞逐", "竞选",
];

/// Verbs of holding a share, whose share comes before them (國企30%持股).
pub(super) const SHARE_VERBS: &[&str] = &["持股", "控股", "参股"];

/// The tables read while trimming an indicator, indexed once.
pub(super) static TREND_WORDS: LazyLock<WordTable<Direction>> =
    LazyLock::new(|| WordTable::new(TRENDS.iter().copied()));
pub(super) static BASIS_WORDS: LazyLock<WordTable<Basis>> =
    LazyLock::new(|| WordTable::new(BASES.iter().copied()));
pub(super) static COMPACT_CHANGE_WORDS: LazyLock<WordTable<(Basis, Direction)>> =
    LazyLock::new(|| WordTable::new(COMPACT_CHANGES.iter().map(|&(w, b, d)| (w, (b, d)))));
pub(super) static TREND_QUALIFIER_WORDS: LazyLock<WordTable<()>> =
    LazyLock::new(|| WordTable::of(TREND_QUALIFIERS));
/// Links and reporting verbs: either ends an indicator before its value.
pub(super) static LINK_WORDS: LazyLock<WordTable<()>> =
    LazyLock::new(|| WordTable::of(LINKS.iter().chain(REPORTING_VERBS)));
pub(super) static REPORTING_VERB_WORDS: LazyLock<WordTable<()>> =
    LazyLock::new(|| WordTable::of(REPORTING_VERBS));
pub(super) static SCOPE_WORDS: LazyLock<WordTable<()>> = LazyLock::new(|| WordTable::of(SCOPES));
pub(super) static PARTICIPATION_VERB_WORDS: LazyLock<WordTable<()>> =
    LazyLock::new(|| WordTable::of(PARTICIPATION_VERBS));
pub(super) static RELEASE_WORD_WORDS: LazyLock<WordTable<()>> =
    LazyLock::new(|| WordTable::of(RELEASE_WORDS));
pub(super) static PER_UNIT_WORDS: LazyLock<WordTable<()>> =
    LazyLock::new(|| WordTable::of(PER_UNITS));

/// The words of a table with their entries, and the lengths they come in.
pub(super) struct WordTable<T: 'static> {
    entries: FxHashMap<&'static str, T>,
    /// The distinct byte lengths of the words, longest first.
    lengths: Vec<usize>,
    /// The words' first and last characters: most points of a phrase start
    /// or end no word, and one bit says so before a hash per length.
    firsts: CharFilter,
    lasts: CharFilter,
}

impl<T: Copy> WordTable<T> {
    /// Indexes `table`; a word listed twice keeps its first entry.
    pub(super) fn new(table: impl IntoIterator<Item = (&'static str, T)>) -> Self {
        let mut entries = FxHashMap::default();
        let mut lengths = Vec::new();
        let (mut firsts, mut lasts) = (CharFilter::new([]), CharFilter::new([]));
        for (word, entry) in table {
            entries.entry(word).or_insert(entry);
            if !lengths.contains(&word.len()) {
                lengths.push(word.len());
            }
            firsts.extend(word.chars().next());
            lasts.extend(word.chars().next_back());
        }
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        WordTable {
            entries,
            lengths,
            firsts,
            lasts,
        }
    }

    /// The entry of `word`, if the table lists it.
    pub(super) fn get(&self, word: &str) -> Option<T> {
        if !self.may_start(word) {
            return None;
        }
        self.entries.get(word).copied()
    }

    /// False when no word of the table starts `text` (so for most words it
    /// does not hold), without hashing.
    fn may_start(&self, text: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| self.firsts.may_contain(c))
    }

    /// False when no word of the table ends `text`, without hashing.
    fn may_end(&self, text: &str) -> bool {
        text.chars()
            .next_back()
            .is_some_and(|c| self.lasts.may_contain(c))
    }

    /// The table's words that end `text`, longest first.
    pub(super) fn suffixes<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (&'static str, T)> + 'a {
        let some_ends = self.may_end(text);
        self.lengths
            .iter()
            .take_while(move |_| some_ends)
            .filter_map(move |&len| self.entry(text.get(text.len().checked_sub(len)?..)?))
    }

    /// The table's words that start `text`, longest first.
    pub(super) fn prefixes<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (&'static str, T)> + 'a {
        let some_starts = self.may_start(text);
        self.lengths
            .iter()
            .take_while(move |_| some_starts)
            .filter_map(move |&len| self.entry(text.get(..len)?))
    }

    /// The longest word of the table that ends `text`.
    pub(super) fn suffix(&self, text: &str) -> Option<(&'static str, T)> {
        self.suffixes(text).next()
    }

    /// The longest word of the table that starts `text`.
    pub(super) fn prefix(&self, text: &str) -> Option<(&'static str, T)> {
        self.prefixes(text).next()
    }

    fn entry(&self, word: &str) -> Option<(&'static str, T)> {
        self.entries.get_key_value(word).map(|(&w, &e)| (w, e))
    }
}

impl WordTable<()> {
    /// Indexes a list of words.
    pub(super) fn of(words: impl IntoIterator<Item = &'static &'static str>) -> Self {
        Self::new(words.into_iter().map(|&w| (w, ())))
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        self.may_start(word) && self.entries.contains_key(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_words_at_either_end_longest_first() {
        let table = WordTable::new([("达", 1), ("高达", 2), ("约", 3), ("增长", 4)]);
        let ends: Vec<_> = table.suffixes("营收高达").collect();
        assert_eq!(ends, [("高达", 2), ("达", 1)]);
        assert_eq!(table.prefix("约为"), Some(("约", 3)));
        assert_eq!(table.prefix("增长5%"), Some(("增长", 4)));
        assert_eq!(table.suffix("增长率"), None);
        assert_eq!(table.get("高达"), Some(2));
        assert_eq!(table.get("高"), None);
    }

    #[test]
    fn lengths_that_cut_a_character_find_nothing() {
        let table = WordTable::of(&["ab", "为"]);
        assert_eq!(table.suffix("为"), Some(("为", ())));
        assert_eq!(table.suffix("x为"), Some(("为", ())));
        assert_eq!(table.prefix("为x"), Some(("为", ())));
        // 为 is three bytes: "ab" would cut it at either end.
        assert!(table.suffixes("为").all(|(w, _)| w == "为"));
        assert!(table.contains("ab") && !table.contains("a"));
    }

    #[test]
    fn a_word_listed_twice_keeps_its_first_entry() {
        let table = WordTable::new([("维持", 1), ("维持", 2)]);
        assert_eq!(table.get("维持"), Some(1));
    }
}
