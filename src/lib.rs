/*!
zhlens reads Chinese news articles. This release segments Simplified and
Traditional Chinese into words with part-of-speech tags, and every result
points into the text you passed in.

# Segmenting text

Build one [`Analyzer`] and keep it: it loads the part-of-speech model and
the lexicon once and lays out the dictionary's trie for its walks (a few
milliseconds) and is then cheap to call, from any thread.

```
use zhlens::Analyzer;

let analyzer = Analyzer::new();
let text = "今年1至7月，园区完成规模工业总产值218.8亿元。";
let words: Vec<&str> = analyzer.segment(text).iter().map(|t| &text[t.range()]).collect();
assert_eq!(words, ["今年", "1", "至", "7", "月", "，", "园区", "完成", "规模", "工业",
                   "总产值", "218.8", "亿元", "。"]);
```

# Tokens

A [`Token`] is a byte range of the input plus a part-of-speech tag. Tokens
are in order and cover the whole input, punctuation and spaces included, so
concatenating them gives the text back.

```
use zhlens::Analyzer;

let analyzer = Analyzer::new();
let text = "李鹏在北京会见了外宾。";
let tokens = analyzer.segment(text);
let tagged: Vec<(&str, &str)> = tokens.iter().map(|t| (&text[t.range()], t.pos().as_str())).collect();
assert_eq!(tagged[0], ("李鹏", "nr"));
assert_eq!(tagged[2], ("北京", "ns"));
assert_eq!(tokens.iter().map(|t| &text[t.range()]).collect::<String>(), text);
```

The tags are jieba's (ICTCLAS style): `n` noun, `nr` person name, `ns` place,
`nt` organization, `v` verb, `m` numeral, `x` punctuation and symbols, `eng`
Latin words, and so on. Words outside the dictionary get a tag from jieba's
part-of-speech model.

# Traditional Chinese

The dictionary is Simplified. Text written mostly in Traditional characters
(see [`detect_script`]) is segmented through its Simplified conversion
(OpenCC's `tw2s`, or `hk2s` when Hong Kong variants outnumber Taiwan ones),
and the tokens are mapped back through the conversion's alignment: their
ranges always refer to the text you passed in.

```
use zhlens::Analyzer;

let analyzer = Analyzer::new();
let text = "園區完成規模工業總產值";
let words: Vec<&str> = analyzer.segment(text).iter().map(|t| &text[t.range()]).collect();
assert_eq!(words, ["園區", "完成", "規模", "工業", "總產值"]);
```

# Converting between scripts

[`convert`] converts as OpenCC does, with any of its configurations
([`Config`]); [`convert_with_map`] also says where each piece of the output
came from, so that highlights can follow the text into the other script.
[`Analyzer::convert`] adds a rule against OpenCC's phrase matches that
cross a word boundary (被发明 is 被發明, not 被髮明).

```
use zhlens::{convert_with_map, Analyzer, Config};

let text = "头发和发明";
let converted = convert_with_map(text, Config::S2t);
assert_eq!(converted.text(), "頭髮和發明");
assert_eq!(&converted.text()[converted.to_output(9..15)], "發明");
assert_eq!(Analyzer::new().convert("这是被发明出来的", Config::S2twp), "這是被發明出來的");
```

# Figures

[`Analyzer::analyze`] segments the text and finds its figures — money,
percentages, quantities, numbers, ordinals, dates and periods — with
normalized values; relative dates resolve against the reference date.

```
use zhlens::{AnalyzeOptions, Analyzer, FigureKind, FigureValue};

let analyzer = Analyzer::new();
let text = "今年1至7月，園區完成規模工業總產值218.8億元，同比增長5.25%。";
let options = AnalyzeOptions::new("2025-09-15".parse()?);
let analysis = analyzer.analyze(text, &options);
let figures = analysis.figures();
assert_eq!(&text[figures[0].range()], "今年1至7月");
assert_eq!(figures[0].value(), FigureValue::Iso("2025-01/2025-07"));
assert_eq!(&text[figures[1].range()], "218.8億元");
assert_eq!(figures[1].kind(), FigureKind::Money);
assert_eq!(figures[1].value(), FigureValue::Number(21_880_000_000.0));
assert_eq!(figures[1].unit(), Some("CNY"));
assert_eq!(figures[2].value(), FigureValue::Number(5.25));
# Ok::<(), zhlens::Error>(())
```

Numerals that measure nothing are not figures: those inside words and
idioms (統一, 一成不變), quoted slogans (“三會一課”), codes (5G) and the
indefinite article (一場勝仗).

# Metrics

A figure alone says little. [`Analysis::metrics`] ties each value to the
indicator it measures, the period a sentence states at its head and the
change stated with it (see [`Metric`] for the rules):

```
use zhlens::{AnalyzeOptions, Analyzer, Direction};

let analyzer = Analyzer::new();
let text = "今年1至7月，園區完成規模工業總產值218.8億元，同比增長5.25%；內設機構由6個精簡至5個。";
let analysis = analyzer.analyze(text, &AnalyzeOptions::new("2025-09-15".parse()?));
let figure = |i: usize| &text[analysis.figures()[i].range()];
let output = &analysis.metrics()[0];
assert_eq!(&text[output.indicator()], "規模工業總產值");
assert_eq!(figure(output.value()), "218.8億元");
assert_eq!(output.period().map(figure), Some("今年1至7月"));
let change = output.change().unwrap();
assert_eq!((change.direction(), change.amount().map(figure)), (Direction::Up, Some("5.25%")));
let offices = &analysis.metrics()[1];
assert_eq!(&text[offices.indicator()], "內設機構");
assert_eq!(figure(offices.value()), "5個");
assert_eq!(offices.change().unwrap().from().map(figure), Some("6個"));
# Ok::<(), zhlens::Error>(())
```

# Entities

[`Analysis::entities`] lists the people, places and organizations: bylines,
lines of names, organization names up to their suffix (有限公司, 集團,
管委會), people from surnames (張 | 浩, 江主席), the segmenter's name tags,
and the short names an article goes on to use (群創智能, 閔和國際); see
[`EntityKind`]'s documentation for the rules. Above the rules, a lexicon
of known names (the governments, regulators, listed companies, officials
and places of mainland China, Taiwan and Hong Kong; `MODEL.md` lists its
sources) is matched on whole words and extended to the longest name
(國家統計局工業司); [`Analyzer::add_words`] adds the reader's own. A place
that begins a zone's name (湘潭 of 湘潭天易經開區) is listed inside it,
after it; a company's place is part of its name.

```
use zhlens::{AnalyzeOptions, Analyzer, EntityKind};

let analyzer = Analyzer::new();
let text = "8月5日，湖南群創智能科技有限公司項目在湘潭天易經開區開工。\n責編：劉茜";
let analysis = analyzer.analyze(text, &AnalyzeOptions::new("2025-09-15".parse()?));
let found: Vec<(EntityKind, &str)> = analysis.entities().iter().map(|e| (e.kind(), &text[e.range()])).collect();
assert!(found.contains(&(EntityKind::Org, "湖南群創智能科技有限公司")));
assert!(found.contains(&(EntityKind::Place, "湘潭")));
assert!(!found.contains(&(EntityKind::Place, "湖南")));
assert!(found.contains(&(EntityKind::Person, "劉茜")));
# Ok::<(), zhlens::Error>(())
```

# Numbers

[`Analyzer::numbers`] is the layer under figures: every number expression
as written, whatever it measures, the way Recognizers-Text's NumberModel
reads text: digits (1,234.5, 2e5, 40k), Chinese numerals with spaces or
approximations inside (一百 五 十 二, 十余万), fractions (三分之一, 3/5,
一又二分之一), dozens (十打), and amounts in financial numerals read through
their places (壹佰捌拾壹圆柒角 = 181.7). Numerals that are part of words
(一切, 四川, 隊伍), 一 before a verb (一看就懂), 两两 ("in pairs"), a lone
numeral of an amount or discount (一美元, 一折) and a number before `%`
(a percentage) are not numbers.

```
use zhlens::Analyzer;

let analyzer = Analyzer::new();
let text = "十斤苹果，四百多人，三分之一，一切";
let numbers: Vec<(&str, f64)> = analyzer
    .numbers(text)
    .iter()
    .map(|n| (&text[n.range()], n.value()))
    .collect();
assert_eq!(numbers, [("十", 10.0), ("四百", 400.0), ("三分之一", 1.0 / 3.0)]);
```

# Options

Characters outside the dictionary can be joined into new words by jieba's
character HMM. By default it is on for Traditional text and off for
Simplified text, as measured on the SIGHAN 2005 bakeoff (`BENCHMARKS.md`):
on Simplified news it lowers both precision and recall (PKU F1 0.839 →
0.820), while Traditional text has more words the Simplified dictionary
lacks (names, Hong Kong's transliterations), which it recovers
(CityU F1 0.812 → 0.825, AS 0.824 → 0.830). Set it either way with
[`SegmentOptions::hmm`].

```
use zhlens::{Analyzer, SegmentOptions};

let analyzer = Analyzer::new();
let text = "他来到了网易杭研大厦";
let with_hmm = analyzer.segment_with(text, SegmentOptions::new().hmm(true));
let words: Vec<&str> = with_hmm.iter().map(|t| &text[t.range()]).collect();
assert!(words.contains(&"杭研"));
```
*/

#![deny(missing_docs)]

mod convert;
mod date;
mod dictionary;
mod document;
mod entities;
mod error;
mod figures;
mod lexicon;
mod metrics;
mod numbers;
pub mod offsets;
mod pos_model;
mod region;
mod scan;
mod script;
mod segment;
mod user_words;
#[cfg(target_arch = "wasm32")]
mod wasm;

use std::fmt;
use std::ops::Range;

use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::pos_model::PosModel;
use crate::segment::Segmenter;

pub use crate::convert::{Config, Converted};
pub use crate::date::Date;
pub use crate::entities::{Entity, EntityKind};
pub use crate::error::Error;
pub use crate::figures::{Approx, Figure, FigureKind, FigureValue};
pub use crate::metrics::{Basis, Change, Direction, Metric};

/// A number expression of the text, as [`Analyzer::numbers`] finds it.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberSpan {
    range: Range<usize>,
    value: f64,
}

impl NumberSpan {
    /// The expression's byte range in the input.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Its value (infinite past f64's range).
    pub fn value(&self) -> f64 {
        self.value
    }
}

/// What [`Analyzer::analyze`] finds in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    region: Region,
    tokens: Vec<Token>,
    figures: Vec<Figure>,
    entities: Vec<Entity>,
    metrics: Vec<Metric>,
}

impl Analysis {
    /// The press the text was read as: the one asked for, or the one its
    /// script and wording point to (see [`AnalyzeOptions::region`]).
    pub fn region(&self) -> Region {
        self.region
    }

    /// The words, as [`Analyzer::segment_with`] gives them.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The figures, in the order of the text; they do not overlap.
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }

    /// The people, places and organizations, in the order of the text; a
    /// place that begins an organization's name (湘潭 in 湘潭天易經開區)
    /// comes right after it, the one way two entities overlap.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The metrics: indicators with their value, period and change, which
    /// point into [`Analysis::figures`].
    pub fn metrics(&self) -> &[Metric] {
        &self.metrics
    }
}

/// How to analyze: the date relative dates resolve against, how to
/// segment, and whether to find entities and metrics (both by default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnalyzeOptions {
    reference_date: Date,
    region: Option<Region>,
    segment: SegmentOptions,
    entities: bool,
    metrics: bool,
}

impl AnalyzeOptions {
    /// Resolves 今年, 去年12月, 上半年 against `reference_date`, usually the
    /// article's publication date.
    pub fn new(reference_date: Date) -> Self {
        AnalyzeOptions {
            reference_date,
            region: None,
            segment: SegmentOptions::new(),
            entities: true,
            metrics: true,
        }
    }

    /// Reads the text as news of `region`; without it, the region is
    /// detected from the script and regional words (新台幣, 港交所, 立法院,
    /// 國家統計局…). It decides what a bare 元 is.
    pub fn region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }

    /// Segments with these options.
    pub fn segment(mut self, options: SegmentOptions) -> Self {
        self.segment = options;
        self
    }

    /// Whether to find entities; without them, analysis takes about a
    /// fifth less time and [`Analysis::entities`] is empty.
    pub fn entities(mut self, yes: bool) -> Self {
        self.entities = yes;
        self
    }

    /// Whether to link figures into metrics; without them
    /// [`Analysis::metrics`] is empty.
    pub fn metrics(mut self, yes: bool) -> Self {
        self.metrics = yes;
        self
    }
}
pub use crate::offsets::Piece;
pub use crate::region::Region;
pub use crate::script::{Script, ScriptReport};
pub use crate::segment::{Pos, SegmentOptions, Token};
pub use crate::user_words::UserWord;

/// The segmenter: jieba's dictionary and models, loaded once.
pub struct Analyzer {
    segmenter: Segmenter,
    pos_model: PosModel,
    lexicon: Lexicon,
}

impl fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    /// Loads the dictionary and the part-of-speech model.
    pub fn new() -> Self {
        // The dictionary holds the lexicon's hand-written names too (see
        // `build/dictionary.rs`): without them they would be cut apart
        // (台积电 as 台 | 积电) and their pieces glued to the next word.
        Analyzer {
            segmenter: Segmenter::new(),
            pos_model: PosModel::load(),
            lexicon: Lexicon::builtin(),
        }
    }

    /// Segments `text` and finds its figures, entities and metrics.
    pub fn analyze(&self, text: &str, options: &AnalyzeOptions) -> Analysis {
        let document = Document::read(text);
        let region = options.region.unwrap_or_else(|| region::detect(&document));
        let view = document.view();
        let mut tokens = self.segment_view(&document, options.segment);
        let mut figures = figures::find(view, &tokens, options.reference_date, region);
        let mut entities = if options.entities {
            entities::find(view, &tokens, &self.pos_model, &self.lexicon)
        } else {
            Vec::new()
        };
        let mut metrics = if options.metrics {
            metrics::find(view, &tokens, &figures)
        } else {
            Vec::new()
        };
        figures
            .iter_mut()
            .for_each(|f| f.move_to_original(&document));
        entities
            .iter_mut()
            .for_each(|e| e.move_to_original(&document));
        metrics
            .iter_mut()
            .for_each(|m| m.move_to_original(&document));
        document.tokens_to_original(&mut tokens);
        Analysis {
            region,
            tokens,
            figures,
            entities,
            metrics,
        }
    }

    /// Every number expression of `text`, as written, whatever it measures;
    /// see the crate documentation's *Numbers*.
    pub fn numbers(&self, text: &str) -> Vec<NumberSpan> {
        let document = Document::read(text);
        let view = document.view();
        let tokens = self.segment_view(&document, SegmentOptions::default());
        numbers::scan(view)
            .into_iter()
            .filter(|f| {
                // 5%: a percentage, as Recognizers-Text's NumberModel has it.
                let word_or_part = figures::numeral_in_word(view, &tokens, &f.range, f.chinese)
                    || figures::lone_numeral_of_amount(view, &f.range, f.chinese)
                    || f.chinese && figures::lone_numeral_word(view, &tokens, &f.range)
                    || view[f.range.end..].starts_with('%');
                !word_or_part
            })
            .map(|f| NumberSpan {
                range: document.to_original(f.range),
                value: f.value,
            })
            .collect()
    }

    /// Converts `text` like [`convert`], except where a phrase of OpenCC's
    /// tables would cross a word boundary the segmenter is sure of.
    ///
    /// OpenCC matches the longest phrase of its tables at each point, even
    /// when the phrase straddles two words: 被发明 becomes 被髮明 (the phrase
    /// 被发, "with loose hair"), 增长发展 becomes 增長髮展. For Simplified
    /// input, this method first segments the text with jieba (HMM off), and
    /// a phrase match of two or more characters may not cross a word
    /// boundary jieba is sure of: it may not start inside a word and end
    /// after it, nor end inside a word and start before it. A phrase within
    /// one word is fine (理发 in 理发店). jieba is sure of a word of two or
    /// more characters that its dictionary counts at least 100 times: 发明
    /// (2757) is such a word, 线图 (26) is not, so OpenCC's 周线 (weekly
    /// line) in 周线图 stands. A phrase that converts otherwise than its
    /// characters do is also kept where jieba's most probable reading of the
    /// clause is less than ten times as probable as its best reading with the
    /// phrase as a word: 下|周到 is only three times as probable as 下周|到,
    /// so 下周到校 is 下週到校. Where the longest match crosses, the next
    /// shorter one applies, down to a single character. Only the first
    /// stage of the conversion chain, which reads the input, is guarded.
    /// Traditional input is converted exactly as by [`convert`]. On
    /// OpenCC's own test cases this loses none (`tests/opencc.rs`).
    ///
    /// OpenCC's 一只只 → 一隻只 is not a crossing (jieba reads 一只|只), and
    /// stays.
    ///
    /// ```
    /// use zhlens::{Analyzer, Config, convert};
    ///
    /// let analyzer = Analyzer::new();
    /// assert_eq!(convert("这是被发明出来的", Config::S2t), "這是被髮明出來的");
    /// assert_eq!(analyzer.convert("这是被发明出来的", Config::S2t), "這是被發明出來的");
    /// ```
    pub fn convert(&self, text: &str, config: Config) -> String {
        self.convert_guarded(text, config, false).into_text()
    }

    /// [`Analyzer::convert`], with where each piece of the output came from
    /// (see [`convert_with_map`]).
    pub fn convert_with_map(&self, text: &str, config: Config) -> Converted {
        self.convert_guarded(text, config, true)
    }

    fn convert_guarded(&self, text: &str, config: Config, align: bool) -> Converted {
        convert::run(text, config, self.guard_for(config), align)
    }

    /// [`Analyzer::convert`] from and to UTF-16 code units, as a JS string
    /// holds text: a JS caller's text need not be encoded into UTF-8 and
    /// its result decoded back. A lone surrogate reads as U+FFFD, as
    /// `String::from_utf16_lossy` reads it.
    ///
    /// ```
    /// use zhlens::{Analyzer, Config};
    ///
    /// let analyzer = Analyzer::new();
    /// let utf16 = |text: &str| text.encode_utf16().collect::<Vec<u16>>();
    /// let units = analyzer.convert_utf16(&utf16("这是被发明出来的𠀀"), Config::S2t);
    /// assert_eq!(String::from_utf16(&units).unwrap(), "這是被發明出來的𠀀");
    /// let units = analyzer.convert_utf16(&utf16("頭髮很乾淨\u{2f800}"), Config::T2s);
    /// assert_eq!(String::from_utf16(&units).unwrap(), "头发很干净丽");
    /// ```
    pub fn convert_utf16(&self, units: &[u16], config: Config) -> Vec<u16> {
        convert::run_utf16(units, config, self.guard_for(config))
    }

    /// What guards word boundaries in a conversion: the segmenter, for
    /// Simplified input only.
    fn guard_for(&self, config: Config) -> Option<&dyn convert::Words> {
        config
            .reads_simplified()
            .then_some(self as &dyn convert::Words)
    }
}

/// Converts `text` between Chinese scripts exactly as OpenCC does with the
/// configuration of the same name (OpenCC 1.4.2's dictionaries, compiled in).
///
/// ```
/// use zhlens::{convert, Config};
///
/// assert_eq!(convert("鼠标和软件", Config::S2twp), "滑鼠和軟體");
/// assert_eq!(convert("園區完成規模工業總產值", Config::T2s), "园区完成规模工业总产值");
/// ```
///
/// [`Analyzer::convert`] also respects word boundaries.
pub fn convert(text: &str, config: Config) -> String {
    convert::run(text, config, None, false).into_text()
}

/// [`convert`], with where each piece of the output came from.
///
/// ```
/// use zhlens::{convert_with_map, Config};
///
/// let text = "头发很干净";
/// let converted = convert_with_map(text, Config::S2t);
/// assert_eq!(converted.text(), "頭髮很乾淨");
/// // Pieces cover both texts in order: here one per character.
/// let pieces: Vec<(&str, &str)> = converted
///     .pieces()
///     .map(|p| (&text[p.input.clone()], &converted.text()[p.output.clone()]))
///     .collect();
/// assert_eq!(pieces[1], ("发", "髮"));
/// // A highlight on 干净 in the input lands on 乾淨 in the output.
/// assert_eq!(&converted.text()[converted.to_output(9..15)], "乾淨");
/// ```
pub fn convert_with_map(text: &str, config: Config) -> Converted {
    convert::run(text, config, None, true)
}

/// Counts the characters of `text` that only Traditional or only Simplified
/// writing uses, and decides its script from them (see
/// [`ScriptReport::script`]).
///
/// ```
/// use zhlens::{detect_script, Script};
///
/// let report = detect_script("園區完成規模工業總產值");
/// assert_eq!(report.script(), Script::Traditional);
/// assert_eq!((report.traditional(), report.simplified()), (6, 0));
/// ```
pub fn detect_script(text: &str) -> ScriptReport {
    script::detect(text)
}

/// A Han character: CJK Unified Ideographs with Extension A, the
/// compatibility block, and Extensions B and on.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}
