//! Named entities: people, places and organizations.
//!
//! The evidence, strongest first:
//! - bylines: a role and a colon at the start of a line (責編：劉茜, 記者
//!   王小明, 來源：華聲在線) name people, or the source organization;
//! - name lines: a short line of nothing but names separated by spaces
//!   (胡孟婷 周 蓉, where one space pads a two-character name), each read
//!   as a person's name by jieba's part-of-speech model;
//! - organization suffixes (有限公司, 集團, 管委會, 經開區 …) absorb the words
//!   before them that can be part of a name: nouns, short place names (湖南,
//!   a registered region), single characters the segmenter left alone;
//!   they stop at punctuation, verbs, function words and long place names
//!   (馬來西亞 before 閔和國際有限公司 is a country, not part of its name);
//! - people from a surname and the single characters after it (張 | 浩),
//!   a surname before a title (江主席), a name before 同志 or 先生;
//! - pairs of country abbreviations (中美關係: 中 and 美 are places);
//! - the segmenter's tags: nr (people, when the word reads as a name: a
//!   surname first, or transliteration characters), ns (places), nt
//!   (organizations, with the session number and body before a congress:
//!   中國共產黨第十五次全國代表大會), and numbered congresses (十五大) and
//!   newspapers (人民日報).
//!
//! Spans never overlap; where two do, the stronger evidence, then the
//! longer span, wins. Then the article's own names are read again where
//! they recur: an organization's short name (群創智能 for 湖南群創智能科技
//! 有限公司, 閔和國際 from 以下簡稱“閔和國際”), and a place-and-brand
//! name coordinated with an organization (閔和國際與湖南皇爺). Last, a place
//! that begins an organization's name (湘潭 in 湘潭天易經開區) is reported
//! inside it: the one kind of nesting, an inner span after its outer one.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::numbers;
use crate::pos_model::PosModel;
use crate::scan::{CharBits, Start, StartFilter, find_words};
use crate::{Pos, Token, is_han};
use rustc_hash::FxHashSet;

/// What an entity is. The rules that find entities, strongest first:
/// bylines (責編：劉茜, 來源：華聲在線), lines of names only (胡孟婷 周 蓉),
/// pairs of country abbreviations (中美關係), organization suffixes with the
/// name words before them (湖南群創智能科技有限公司; a long place name such
/// as a country stops them), surnames with what follows them (張 | 浩,
/// 江主席, 小平同志), and the segmenter's tags nr (when the word reads as a
/// name), ns and nt. Then an organization's short name (群創智能, 以下簡稱
/// “閔和國際”) and a place-and-brand name coordinated with one (閔和國際與
/// 湖南皇爺) are found wherever they recur, and a place that begins an
/// organization's name is listed inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An organization: a company, a government body, a zone's committee.
    Org,
}

impl EntityKind {
    /// `person`, `place` or `org`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
        }
    }
}

/// A named entity of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    kind: EntityKind,
    range: Range<usize>,
}

impl Entity {
    /// Person, place or organization.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// The entity's byte range in the input.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Moves the entity's range, read in the view, to the original text.
    pub(crate) fn move_to_original(&mut self, document: &Document) {
        self.range = document.to_original(self.range.clone());
    }
}

/// Roles of a byline whose names follow them.
const PERSON_ROLES: &[&str] = &[
    "责编",
    "编辑",
    "一审",
    "二审",
    "三审",
    "记者",
    "通讯员",
    "摄影",
    "作者",
    "校对",
    "审核",
    "监制",
];

const SOURCE_ROLES: &[&str] = &["來源", "来源", "出處", "出处"];

/// Words that end an organization's name: first those of zones and their
/// bodies (ZONE_SUFFIXES), then the others.
const ORG_SUFFIXES: &[&str] = &[
    "经开区",
    "高新区",
    "开发区",
    "管委会",
    "党工委",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "集团",
    "公司",
    "委员会",
    "银行",
    "大学",
    "学院",
    "医院",
    "研究院",
    "研究所",
    "协会",
    "商会",
    "政府",
    "法院",
    "检察院",
];

/// Suffixes of zones and their bodies, named without their city once the
/// city is known (天易經開區 for 湘潭天易經開區).
const ZONE_SUFFIXES: &[&str] = ORG_SUFFIXES.split_at(5).0;

/// Words of trade that a company's short name leaves out (群創智能 for
/// 湖南群創智能科技有限公司).
const TRADE_WORDS: &[&str] = &[
    "科技", "技術", "技术", "實業", "实业", "控股", "股份", "貿易", "贸易",
];

/// Characters that are never the inside of a name: grammar, not words.
const FUNCTION_CHARS: &[char] = &[
    '的', '了', '在', '是', '與', '与', '及', '對', '对', '向', '從', '从', '把', '被', '等', '將',
    '将', '為', '为', '于', '於', '由', '至', '到', '也', '都', '並', '并', '或', '而', '之', '以',
    '其', '這', '这', '那',
];

/// The commonest Chinese surnames (about nine in ten people bear one), in
/// both scripts: a name the segmenter tags nr must begin with one, or be a
/// transliteration.
const SURNAMES: &str = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺印";

/// Characters of transliterated foreign names (克雷蒂安, 普里馬科夫).
const TRANSLITERATION: &str = "阿埃艾安奥奧巴拜班邦保贝貝本比彼波伯博布查达達戴丹道德迪蒂丁东東杜多厄恩尔爾法范菲费費芬丰豐弗福夫盖蓋甘冈岡戈格贡貢古哈汉漢豪赫亨胡华華霍基吉加贾賈杰傑捷金卡凯凱坎康考柯科克肯库庫拉莱萊赖賴兰蘭朗劳勞勒雷里理利莉丽麗连連列林琳卢盧鲁魯路伦倫罗羅洛马馬玛瑪迈邁麦麥曼梅美门門蒙米明莫姆穆纳納娜奈内內尼宁寧努诺諾欧歐帕佩皮普齐齊奇契乔喬琼瓊丘萨薩塞赛賽桑瑟森沙莎尚什施史舒斯松苏蘇索塔泰坦汤湯唐特提图圖托瓦万萬威韦韋维維温溫文翁沃乌烏武西希锡錫夏谢謝辛休雅亚亞扬揚耶伊因尤于约約扎詹泽澤兹茲佐顿頓思略翰逊遜登若潘雄娃娅婭丝絲妮黛琪蕾瑞斐";

/// Classes of part-of-speech tags that the rules ask about, one bit each,
/// read from a table by the tag's index: the rules ask for every word, and
/// comparing the tags' names would cost more than the rules themselves.
mod tag {
    /// nr, nrfg, nrt: a person's name.
    pub(super) const NAME: u32 = 1;
    /// ns.
    pub(super) const PLACE: u32 = 1 << 1;
    /// nt.
    pub(super) const ORG: u32 = 1 << 2;
    /// j, an abbreviation.
    pub(super) const ABBREVIATION: u32 = 1 << 3;
    /// m.
    pub(super) const NUMERAL: u32 = 1 << 4;
    /// nz, a proper noun.
    pub(super) const PROPER: u32 = 1 << 5;
    /// v.
    pub(super) const VERB: u32 = 1 << 6;
    /// Tags starting with v.
    pub(super) const VERBAL: u32 = 1 << 7;
    /// Tags starting with n.
    pub(super) const NOMINAL: u32 = 1 << 8;
    /// Tags starting with c, p, u, d, r or m: conjunctions, prepositions,
    /// particles, adverbs, pronouns, numerals.
    pub(super) const GRAMMAR: u32 = 1 << 9;
    /// Tags starting with q, measure words.
    pub(super) const MEASURE: u32 = 1 << 10;
    /// p, c, u, d, r, m, t, f: words a name does not run into.
    pub(super) const NOT_IN_NAME: u32 = 1 << 11;
    /// n, nt, ng, nz, j: nouns that can name a unit.
    pub(super) const UNIT_NOUN: u32 = 1 << 12;
    /// n, nz, nt, ng, j, ns, vn, b, l, a, an: words inside a body's name.
    pub(super) const NAME_WORD: u32 = 1 << 13;
    /// n, nz, nr, nrt, nrfg, nt, j, vn, b, eng: words before a suffix.
    pub(super) const BEFORE_SUFFIX: u32 = 1 << 14;
    /// a.
    pub(super) const ADJECTIVE: u32 = 1 << 15;

    /// The classes of the tag named `name`.
    pub(super) fn of(name: &str) -> u32 {
        let exact = |names: &[&str], class: u32| if names.contains(&name) { class } else { 0 };
        let prefix = |prefixes: &[&str], class: u32| {
            if prefixes.iter().any(|p| name.starts_with(p)) {
                class
            } else {
                0
            }
        };
        exact(&["nr", "nrfg", "nrt"], NAME)
            | exact(&["ns"], PLACE)
            | exact(&["nt"], ORG)
            | exact(&["j"], ABBREVIATION)
            | exact(&["m"], NUMERAL)
            | exact(&["nz"], PROPER)
            | exact(&["v"], VERB)
            | prefix(&["v"], VERBAL)
            | prefix(&["n"], NOMINAL)
            | prefix(&["c", "p", "u", "d", "r", "m"], GRAMMAR)
            | prefix(&["q"], MEASURE)
            | exact(&["p", "c", "u", "d", "r", "m", "t", "f"], NOT_IN_NAME)
            | exact(&["n", "nt", "ng", "nz", "j"], UNIT_NOUN)
            | exact(
                &["n", "nz", "nt", "ng", "j", "ns", "vn", "b", "l", "a", "an"],
                NAME_WORD,
            )
            | exact(
                &["n", "nz", "nr", "nrt", "nrfg", "nt", "j", "vn", "b", "eng"],
                BEFORE_SUFFIX,
            )
            | exact(&["a"], ADJECTIVE)
    }
}

static TAG_CLASSES: LazyLock<Vec<u32>> =
    LazyLock::new(|| Pos::all().iter().map(|name| tag::of(name)).collect());

/// The character tables the rules ask of a word's first or last character
/// (or of any character, for transliterations), one bit each above the
/// tag classes' bits.
mod mark {
    pub(super) const SURNAME_FIRST: u32 = 1 << 16;
    pub(super) const COUNTRY_FIRST: u32 = 1 << 17;
    pub(super) const TITLE_LAST: u32 = 1 << 18;
    pub(super) const HONORIFIC_LAST: u32 = 1 << 19;
    pub(super) const COMMITTEE_OR_NEWSPAPER_LAST: u32 = 1 << 20;
    pub(super) const TITLE_BEFORE_NAME_LAST: u32 = 1 << 21;
    pub(super) const UNIT_OR_HEAD_LAST: u32 = 1 << 22;
    pub(super) const ROAD_LAST: u32 = 1 << 23;
    pub(super) const TRANSLITERATION: u32 = 1 << 24;
    pub(super) const FIRST: u32 = SURNAME_FIRST | COUNTRY_FIRST;
    pub(super) const LAST: u32 = TITLE_LAST
        | HONORIFIC_LAST
        | COMMITTEE_OR_NEWSPAPER_LAST
        | TITLE_BEFORE_NAME_LAST
        | UNIT_OR_HEAD_LAST
        | ROAD_LAST;
}

/// Every character of the rules' tables with its marks, made once.
static CHAR_MARKS: LazyLock<CharBits> = LazyLock::new(|| {
    CharBits::new([
        (mark::SURNAME_FIRST, SURNAMES.chars().collect()),
        (mark::COUNTRY_FIRST, COUNTRY_ABBREVIATIONS.chars().collect()),
        (mark::TITLE_LAST, last_chars(TITLES)),
        (mark::HONORIFIC_LAST, last_chars(HONORIFICS)),
        (
            mark::COMMITTEE_OR_NEWSPAPER_LAST,
            last_chars(&[NEWSPAPER_ENDINGS, &["委会"]].concat()),
        ),
        (
            mark::TITLE_BEFORE_NAME_LAST,
            last_chars(TITLES_BEFORE_NAMES),
        ),
        (
            mark::UNIT_OR_HEAD_LAST,
            last_chars(&[AGENCY_ENDINGS, SUB_UNIT_ENDINGS, &["长"]].concat()),
        ),
        (mark::ROAD_LAST, last_chars(ROAD_ENDINGS)),
        (mark::TRANSLITERATION, TRANSLITERATION.chars().collect()),
    ])
});

/// Each token's tag classes ([`tag`]) and the marks of its first and last
/// characters ([`mark`]), worked out in one pass: the rules ask them of
/// every word, and one test of these bits turns most words away.
fn marks(text: &str, tokens: &[Token]) -> Vec<u32> {
    let (classes, chars) = (&*TAG_CLASSES, &*CHAR_MARKS);
    tokens
        .iter()
        .map(|t| {
            let word = &text[t.range()];
            let class = classes.get(t.pos().index()).copied().unwrap_or(0);
            let first = word
                .chars()
                .next()
                .map_or(0, |c| chars.get(c) & mark::FIRST);
            let last = word
                .chars()
                .next_back()
                .map_or(0, |c| chars.get(c) & mark::LAST);
            class | first | last
        })
        .collect()
}

/// Whether the token's tag is of one of `classes` (bits of [`tag`]).
fn tagged(t: &Token, classes: u32) -> bool {
    TAG_CLASSES
        .get(t.pos().index())
        .is_some_and(|c| c & classes != 0)
}

/// The last characters of the words of `list`, to turn away at once the
/// words that cannot end in one of them.
fn last_chars(list: &[&str]) -> Vec<char> {
    list.iter().filter_map(|w| w.chars().next_back()).collect()
}

/// Whether `word`'s last character has `mark`.
fn ends_in(word: &str, mark: u32) -> bool {
    word.chars()
        .next_back()
        .is_some_and(|c| CHAR_MARKS.get(c) & mark != 0)
}

fn is_surname(c: char) -> bool {
    CHAR_MARKS.get(c) & mark::SURNAME_FIRST != 0
}

/// Titles after a surname that make it a person's (江主席, 陳主任).
const TITLES: &[&str] = &[
    "主席",
    "总理",
    "总统",
    "书记",
    "部长",
    "省长",
    "市长",
    "县长",
    "主任",
    "局长",
    "先生",
    "女士",
    "同志",
    "教授",
    "院士",
    "董事长",
    "总经理",
    "经理",
    "大使",
    "将军",
];

/// Words after a name that address the person (小平同志).
const HONORIFICS: &[&str] = &["同志", "先生", "女士"];

/// Nouns that make a compound of a name, the name still a person's
/// (鄧小平理論).
const NAME_COMPOUND_HEADS: &[&str] = &[
    "理論", "理论", "思想", "主義", "主义", "精神", "同志", "文選", "文选", "著作",
];

/// One-character names of countries and regions, read as places when two
/// stand together (中美, 中俄, 美日).
const COUNTRY_ABBREVIATIONS: &str = "中美日俄英法德意加澳韩韓朝越印巴泰蒙欧歐非";

/// What pairs of country abbreviations come before: their relations.
const RELATION_WORDS: &[&str] = &[
    "",
    "关系",
    "两国",
    "双方",
    "合作",
    "贸易",
    "友好",
    "之间",
    "会谈",
    "峰会",
    "边境",
    "联合声明",
    "联合公报",
];

/// Words that end a newspaper's name (人民日報, 新民晚報).
const NEWSPAPER_ENDINGS: &[&str] = &["日報", "日报", "晚報", "晚报", "時報", "时报"];

/// Where an organization's short name is given: 以下簡稱“閔和國際”.
const SHORT_NAME_MARKERS: &[&str] = &["簡稱", "简称"];

/// Words that end a region's name: a region is a place, not an
/// organization (香港特別行政區).
const REGION_ENDINGS: &[&str] = &["特別行政區", "特别行政区", "自治區", "自治区"];

/// Characters jieba sometimes glues onto the first word of a name (赴國泰
/// for 赴 + 國泰): a motion verb or preposition.
const LEADING_VERBS: &[char] = &[
    '赴', '和', '同', '跟', '給', '给', '讓', '让', '經', '经', '據', '据',
];

/// The entities of `text`, in order (an inner place after the organization
/// that holds it).
pub(crate) fn find(
    text: &str,
    tokens: &[Token],
    model: &PosModel,
    lexicon: &Lexicon,
) -> Vec<Entity> {
    // Candidates with the strength of their evidence (higher wins).
    let mut candidates: Vec<(u8, Entity)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        bylines(line, line_start, &mut candidates);
        name_line(line, line_start, model, &mut candidates);
        line_start += line.len();
    }
    let marks = marks(text, tokens);
    let starts: Vec<Start> = tokens
        .iter()
        .map(|t| Start::of(&text[t.start()..]))
        .collect();
    known_names(text, tokens, &starts, lexicon, &mut candidates);
    organizations(text, tokens, &mut candidates);
    agencies(text, tokens, &marks, lexicon, &mut candidates);
    listed_companies(text, tokens, &mut candidates);
    branded_companies(text, tokens, &marks, &mut candidates);
    roads(text, tokens, &marks, &mut candidates);
    people(text, tokens, &marks, &mut candidates);
    titled_people(text, tokens, &marks, &mut candidates);
    country_pairs(text, tokens, &marks, &mut candidates);
    tagged_words(text, tokens, &marks, lexicon, &mut candidates);

    let mut chosen = choose(candidates);
    // A storm's name is no one's (颱風「白鷺」), wherever the article names
    // the storm again (白鷺是…).
    let storms: Vec<&str> = chosen
        .values()
        .filter(|e| e.kind == EntityKind::Person && after_storm_word(text, tokens, e.range.start))
        .map(|e| &text[e.range()])
        .collect();
    chosen.retain(|_, e| e.kind != EntityKind::Person || !storms.contains(&&text[e.range()]));
    let units = extend_names(text, tokens, &mut chosen);
    let mut short = short_names(text, tokens, &chosen);
    short.extend(
        units
            .into_iter()
            .map(|u| text[u].to_string())
            .filter(|u| u.chars().count() >= 3),
    );
    add_recurrences(text, tokens, &starts, &short, &mut chosen);
    // After the short names: 閔和國際 is coordinated with 湖南皇爺.
    let partners: Vec<String> = chosen
        .values()
        .filter(|e| e.kind == EntityKind::Org)
        .filter_map(|org| coordinated(text, tokens, org))
        .collect();
    add_recurrences(text, tokens, &starts, &partners, &mut chosen);
    let mut entities: Vec<Entity> = chosen.into_values().collect();
    // A zone holds its place (湘潭天易經開區), and so does a name with no
    // suffix (湖南皇爺); a company, an association, a delegation or a
    // government unit is read as one name (深圳恒拓新能源科技股份有限公司,
    // 中國汽車工業協會, 華晶光電, 廣東代表團, 岳陽市公安局). The place
    // must be one the lexicon knows or shaped like one.
    let inner: Vec<Entity> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Org)
        .filter(|e| {
            let name = &text[e.range()];
            ZONE_SUFFIXES.iter().any(|s| name.ends_with(s))
                || !ORG_SUFFIXES
                    .iter()
                    .chain(PLACE_GROUPS)
                    .chain(SUB_UNIT_ENDINGS)
                    .chain(COMPANY_TRADES)
                    .any(|s| name.ends_with(s))
        })
        .filter_map(|org| leading_place(text, tokens, org))
        .filter(|p| {
            let place = &text[p.range()];
            lexicon.kind(place) == Some(EntityKind::Place) || has_place_shape(place)
        })
        .collect();
    entities.extend(inner);
    drop_inside_titles(text, &mut entities);
    entities.sort_by_key(|e| (e.range.start, Reverse(e.range.end)));
    entities
}

/// Drops the names inside a title in 《》 (中華人民共和國 of 《中華人民共和國
/// 數據資源促進法》): a law or a book is no entity, and the name is part of
/// its title. A title that is a name whole (《人民日報》) stays.
fn drop_inside_titles(text: &str, entities: &mut Vec<Entity>) {
    let titles: Vec<Range<usize>> = text
        .match_indices('《')
        .filter_map(|(at, open)| {
            let start = at + open.len();
            let len = text[start..].find(['》', '《', '\n'])?;
            text[start + len..]
                .starts_with('》')
                .then_some(start..start + len)
        })
        .collect();
    if titles.is_empty() {
        return;
    }
    // The titles are in order and never overlap: only the last one that
    // starts at or before a name can hold it.
    entities.retain(|e| {
        let k = titles.partition_point(|t| t.start <= e.range.start);
        k.checked_sub(1)
            .is_none_or(|k| e.range.end > titles[k].end || titles[k] == e.range)
    });
}

/// Every occurrence of the organizations' `names` that is a run of whole
/// words and overlaps no entity but the ones it holds.
fn add_recurrences(
    text: &str,
    tokens: &[Token],
    starts: &[Start],
    names: &[String],
    chosen: &mut BTreeMap<usize, Entity>,
) {
    if names.is_empty() {
        return;
    }
    // Names by their first character, longest first: where one word
    // starts, the longest name that starts there.
    let mut by_first: BTreeMap<char, Vec<&str>> = BTreeMap::new();
    for name in names {
        if let Some(c) = name.chars().next() {
            by_first.entry(c).or_default().push(name);
        }
    }
    by_first
        .values_mut()
        .for_each(|v| v.sort_by_key(|n| Reverse(n.len())));
    // Turns away almost every word before the map is asked.
    let mut filter = StartFilter::default();
    names.iter().for_each(|name| filter.insert(name));
    let mut next_free = 0;
    for (t, &start) in tokens.iter().zip(starts) {
        if t.start() < next_free || !filter.may_start(start) {
            continue;
        }
        let rest = &text[t.start()..];
        let Some(first) = rest.chars().next() else {
            continue;
        };
        let Some(name) = by_first
            .get(&first)
            .and_then(|names| names.iter().find(|n| rest.starts_with(**n)))
        else {
            continue;
        };
        let range = t.start()..t.start() + name.len();
        if !on_word_boundaries(tokens, &range) {
            continue;
        }
        // The name holds the words read alone inside it (湖南 in 湖南皇爺),
        // but does not take the place of an entity it equals (香港特別
        // 行政區 in 香港特別行政區政府 stays a place).
        let inside: Vec<usize> = chosen
            .range(range.clone())
            .take_while(|(_, e)| e.range.end <= range.end && e.range != range)
            .map(|(&at, _)| at)
            .collect();
        let before = chosen.range(..range.start).next_back();
        let after = chosen.range(range.start..range.end).nth(inside.len());
        if before.is_none_or(|(_, e)| e.range.end <= range.start) && after.is_none() {
            for at in inside {
                chosen.remove(&at);
            }
            next_free = range.end;
            chosen.insert(
                range.start,
                Entity {
                    kind: EntityKind::Org,
                    range,
                },
            );
        }
    }
}

/// The strongest candidates that do not overlap, by start.
fn choose(mut candidates: Vec<(u8, Entity)>) -> BTreeMap<usize, Entity> {
    candidates.sort_by(|(sa, a), (sb, b)| {
        sb.cmp(sa)
            .then((b.range.end - b.range.start).cmp(&(a.range.end - a.range.start)))
    });
    let mut chosen: BTreeMap<usize, Entity> = BTreeMap::new();
    for (_, e) in candidates {
        if free(&chosen, &e.range) {
            chosen.insert(e.range.start, e);
        }
    }
    chosen
}

/// Whether `range` overlaps none of the chosen spans. They never overlap
/// each other, so the one starting last before the range's end is the only
/// one that can.
fn free(chosen: &BTreeMap<usize, Entity>, range: &Range<usize>) -> bool {
    chosen
        .range(..range.end)
        .next_back()
        .is_none_or(|(_, c)| c.range.end <= range.start)
}

fn on_word_boundaries(tokens: &[Token], range: &Range<usize>) -> bool {
    let starts_word = |at: usize| tokens.binary_search_by_key(&at, |t| t.start()).is_ok();
    starts_word(range.start)
        && (starts_word(range.end) || tokens.last().is_some_and(|t| t.end() == range.end))
}

/// The segmenter's tags: nr, ns, nt. A word tagged nr must read as a name
/// (jieba's dictionary tags 智慧 and 友誼 nr); a name compound (鄧小平理論)
/// names its person; a region tagged nt is a place.
fn tagged_words(
    text: &str,
    tokens: &[Token],
    marks: &[u32],
    lexicon: &Lexicon,
    out: &mut Vec<(u8, Entity)>,
) {
    const ASKED: u32 =
        tag::NAME | tag::PLACE | tag::ORG | tag::ABBREVIATION | mark::COMMITTEE_OR_NEWSPAPER_LAST;
    for (i, t) in tokens.iter().enumerate() {
        let is = |bits: u32| marks[i] & bits != 0;
        if !is(ASKED) {
            continue;
        }
        let word = &text[t.range()];
        let (kind, range) = match t.pos() {
            _ if is(tag::NAME) => {
                let name = NAME_COMPOUND_HEADS
                    .iter()
                    .find_map(|head| word.strip_suffix(head))
                    .unwrap_or(word);
                // 季增14.2%, 金紅利3.5元: a name is not counted.
                let counted = text[t.end()..].starts_with(|c: char| c.is_ascii_digit());
                if !reads_as_name(name) || counted {
                    continue;
                }
                (EntityKind::Person, t.start()..t.start() + name.len())
            }
            // jieba's dictionary tags 城鎮, 新建 and 深度 ns: a place must be
            // known or shaped like one.
            _ if is(tag::PLACE) => {
                if lexicon.kind(word).is_none() && !has_place_shape(word) {
                    continue;
                }
                (EntityKind::Place, t.range())
            }
            _ if is(tag::ORG) => {
                if REGION_ENDINGS.iter().any(|e| word.ends_with(e)) {
                    (EntityKind::Place, t.range())
                } else if GENERIC_ORGS.contains(&word)
                    || TITLED_OFFICES.contains(&word) && text[t.end()..].starts_with("司长")
                {
                    continue;
                } else {
                    (EntityKind::Org, session_start(text, tokens, i)..t.end())
                }
            }
            // 十五大: the numbered congress.
            _ if is(tag::ABBREVIATION) && is_numbered_congress(word) => {
                (EntityKind::Org, t.range())
            }
            // Most words end in neither 會 nor 報.
            _ if !is(mark::COMMITTEE_OR_NEWSPAPER_LAST) => continue,
            // 組委會, 居委會: a committee is an organization; 常委會 is the
            // standing committee of any congress (下次常委會會議), named
            // whole with its congress (全國人大常委會).
            _ if word.ends_with("委会") && word.chars().count() >= 3 && word != "常委会" => {
                (EntityKind::Org, t.range())
            }
            _ if NEWSPAPER_ENDINGS
                .iter()
                .any(|e| word.len() > e.len() && word.ends_with(e)) =>
            {
                (EntityKind::Org, t.range())
            }
            _ => continue,
        };
        out.push((0, Entity { kind, range }));
    }
}

/// Whether the word at `start` follows the word for a storm, in quotes or
/// not (颱風「白鷺」, 台風杜蘇芮).
fn after_storm_word(text: &str, tokens: &[Token], start: usize) -> bool {
    let Ok(i) = tokens.binary_search_by_key(&start, Token::start) else {
        return false;
    };
    let word = |j: usize| &text[tokens[j].range()];
    let before = match i.checked_sub(1) {
        Some(j) if ["「", "“", "\"", "『"].contains(&word(j)) => j.checked_sub(1),
        other => other,
    };
    before.is_some_and(|j| STORM_WORDS.contains(&word(j)))
}

/// Where the organization of token `i` begins: with the session number
/// before it (第九屆全國人民代表大會) and the body that holds the session
/// before that (中國共產黨第十五次全國代表大會).
fn session_start(text: &str, tokens: &[Token], i: usize) -> usize {
    let is_session = |t: &Token| {
        let w = &text[t.range()];
        tagged(t, tag::NUMERAL) && w.starts_with('第') && w.ends_with(['屆', '届', '次'])
    };
    match i.checked_sub(1).map(|j| (j, &tokens[j])) {
        Some((j, session)) if is_session(session) => match j.checked_sub(1) {
            Some(k) if tagged(&tokens[k], tag::ORG) => tokens[k].start(),
            _ => session.start(),
        },
        _ => tokens[i].start(),
    }
}

/// 十五大, 二十大: a numbered party congress, the eleventh or later (十大 is
/// "the top ten").
fn is_numbered_congress(word: &str) -> bool {
    word.strip_suffix('大').is_some_and(|number| {
        number.chars().count() >= 2
            && number
                .chars()
                .all(|c| numbers::digit(c).is_some() || c == '十')
    })
}

/// Common words jieba's dictionary tags nr that begin with a surname
/// (顧問, 高峰, 賀信, 明白): the frequent ones of its two-character nr words
/// that name no one.
const NOT_NAMES: &str = "明白 文明 阳光 卫星 雷达 荣誉 顾问 高峰 石英 高潮 顾客 康复 白领 \
     安静 沙滩 师范 宁可 陈述 陈列 关怀 林立 温泉 黎明 宁静 蓝天 安抚 \
     许可 杜绝 卓越 祝贺 荣耀 毛巾 高薪 华丽 金黄 查明 周密 陈设 白发 \
     贺信 明星 武功 和尚 王朝 陆军 武林 宫殿 师傅 胡同 师兄 \
     王爷 白雪 齐声 丛林 王子 高僧 冷汗 金刚 师生 马匹 金石 乔木 谢恩 \
     马背 白布 孙子 马夫 高三 梅花 吉祥 范畴 周转 冷笑 古老 叶子 安危 \
     齐全 米粉 胡子 兰花 桂花 杨柳 林木 林子 梅子 左翼 凌厉 凌辱 白白 \
     沙丘 童子 师母 史诗 岳父 师娘 胡闹 麦子 郎中 麻木";

static NOT_NAME_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.split_whitespace().collect());

/// Words before a typhoon's name, which is not a person (颱風「白鷺」).
const STORM_WORDS: &[&str] = &[
    "台风",
    "飓风",
    "热带风暴",
    "强烈热带风暴",
    "超强台风",
    "强台风",
];

/// Hong Kong's offices of the Financial Secretary and the Chief Secretary:
/// in 財政司司長 they are part of a person's title, not a department.
const TITLED_OFFICES: &[&str] = &["财政司", "政务司"];

/// Kinds of company, not names (歸屬於上市公司股東).
const GENERIC_ORGS: &[&str] = &[
    "上市公司",
    "母公司",
    "子公司",
    "分公司",
    "总公司",
    "本公司",
    "该公司",
    "控股公司",
    "股份公司",
    "上市企业",
];

/// Whether a word tagged nr reads as a person's name: a surname and one to
/// three characters (not a doubled one: 謝謝), or a transliteration of
/// three characters or more.
fn reads_as_name(word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return false;
    };
    let count = 2 + chars.count();
    if !word.chars().all(|c| is_han(c) || c == '·') {
        return false;
    }
    let surname =
        is_surname(first) && count <= 4 && second != first && !NOT_NAME_SET.contains(word);
    let transliteration = count >= 3
        && word
            .chars()
            .all(|c| c == '·' || CHAR_MARKS.get(c) & mark::TRANSLITERATION != 0);
    surname || transliteration
}

/// People the segmenter cut apart or did not tag: 張 | 浩 (a surname and
/// the single characters after it, one tagged a name or a title before
/// them), 江主席 (a surname
/// and a title), 小 | 平 | 同志 (single characters before an honorific).
fn people(text: &str, tokens: &[Token], marks: &[u32], out: &mut Vec<(u8, Entity)>) {
    let word = |t: &Token| &text[t.range()];
    let single_han = |t: &Token| {
        let mut chars = word(t).chars();
        chars
            .next()
            .is_some_and(|c| is_han(c) && !FUNCTION_CHARS.contains(&c))
            && chars.next().is_none()
    };
    let is = |j: usize, bits: u32| marks[j] & bits != 0;
    let person = |range: Range<usize>| {
        (
            1,
            Entity {
                kind: EntityKind::Person,
                range,
            },
        )
    };
    for (i, t) in tokens.iter().enumerate() {
        if !is(i, mark::SURNAME_FIRST | mark::HONORIFIC_LAST) {
            continue;
        }
        let w = word(t);
        let starts_with_surname = is(i, mark::SURNAME_FIRST);
        // 江主席: the title glued to the surname, or the next word.
        if starts_with_surname {
            let surname_len = w.chars().next().map_or(0, char::len_utf8);
            let title_after = if w.len() == surname_len {
                tokens
                    .get(i + 1)
                    .is_some_and(|n| is(i + 1, mark::TITLE_LAST) && TITLES.contains(&word(n)))
            } else {
                let rest = &w[surname_len..];
                ends_in(rest, mark::TITLE_LAST) && TITLES.contains(&rest)
            };
            if title_after && !is(i, tag::GRAMMAR) {
                out.push(person(t.start()..t.start() + surname_len));
                continue;
            }
        }
        // 張 | 浩, 樊 | 禹: a surname and one or two single characters.
        if starts_with_surname && single_han(t) && !is(i, tag::GRAMMAR) {
            let given = (i + 1..tokens.len())
                .take(2)
                .take_while(|&j| single_han(&tokens[j]) && !is(j, tag::GRAMMAR))
                .count();
            let last = i + given;
            let ends_there = tokens.get(last + 1).is_none_or(|n| !single_han(n));
            // A name tag, or a title before: 副主席 | 張 | 震.
            let titled = || {
                i > 0 && is(i - 1, mark::TITLE_LAST) && {
                    let before = word(&tokens[i - 1]);
                    TITLES.iter().any(|t| before.ends_with(t))
                }
            };
            if given > 0 && ends_there && (titled() || (i..=last).any(|j| is(j, tag::NAME))) {
                out.push(person(t.start()..tokens[last].end()));
            }
        }
        // 小 | 平 | 同志: two single characters before an honorific.
        if i >= 2 && is(i, mark::HONORIFIC_LAST) && HONORIFICS.contains(&w) {
            let (a, b) = (&tokens[i - 2], &tokens[i - 1]);
            let before_is_word = i < 3 || !single_han(&tokens[i - 3]);
            if single_han(a)
                && single_han(b)
                && !is(i - 2, tag::GRAMMAR)
                && !is(i - 1, tag::GRAMMAR)
                && before_is_word
            {
                out.push(person(a.start()..b.end()));
            }
        }
    }
}

/// 中美關係, 中 | 俄 | 合作: two country abbreviations together, before a
/// word of their relations, are two places.
fn country_pairs(text: &str, tokens: &[Token], marks: &[u32], out: &mut Vec<(u8, Entity)>) {
    let abbreviation_at = |at: usize| {
        text[at..]
            .chars()
            .next()
            .filter(|&c| CHAR_MARKS.get(c) & mark::COUNTRY_FIRST != 0)
            .map(char::len_utf8)
    };
    let mut places = |first: usize, second: usize, len: (usize, usize)| {
        for range in [first..first + len.0, second..second + len.1] {
            out.push((
                2,
                Entity {
                    kind: EntityKind::Place,
                    range,
                },
            ));
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        if marks[i] & mark::COUNTRY_FIRST == 0 {
            continue;
        }
        let Some(a) = abbreviation_at(t.start()) else {
            continue;
        };
        if t.end() - t.start() == a {
            // Two one-character words: 中 | 俄 | 合作.
            let pair = tokens
                .get(i + 1)
                .filter(|n| abbreviation_at(n.start()) == Some(n.end() - n.start()));
            let relation = tokens
                .get(i + 2)
                .is_some_and(|r| RELATION_WORDS[1..].contains(&&text[r.range()]));
            if let Some(n) = pair.filter(|_| relation) {
                places(t.start(), n.start(), (a, n.end() - n.start()));
            }
        } else if let Some(b) = abbreviation_at(t.start() + a) {
            // One word: 中美, 中美關係.
            let rest = &text[t.start() + a + b..t.end()];
            if RELATION_WORDS.contains(&rest) {
                places(t.start(), t.start() + a, (a, b));
            }
        }
    }
}

/// Names of the lexicon (国家统计局, 台积电, 深水埗区), matched on whole
/// words, longest first. People and organizations are stronger than the
/// suffix rules, places as strong (湘潭天易經開區 is a zone, 湘潭 inside
/// it); all are stronger than the segmenter's tags, weaker than bylines.
fn known_names(
    text: &str,
    tokens: &[Token],
    starts: &[Start],
    lexicon: &Lexicon,
    out: &mut Vec<(u8, Entity)>,
) {
    let mut next_free = 0;
    for i in 0..tokens.len() {
        if tokens[i].start() < next_free || !lexicon.may_start(starts[i]) {
            continue;
        }
        if let Some((kind, range)) = lexicon.longest_at(text, tokens, i) {
            next_free = range.end;
            let strength = if kind == EntityKind::Place { 1 } else { 2 };
            out.push((strength, Entity { kind, range }));
        }
    }
}

/// Characters that end a place's name (岳陽市, 彰化縣, 大嶼山).
const PLACE_ENDINGS: &[char] = &[
    '省', '市', '县', '区', '镇', '乡', '村', '州', '岛', '湾', '山', '江', '河', '湖', '路', '街',
];

/// Words that end in a place ending without naming a place.
const PLACE_ENDING_WORDS: &[&str] = &["城市", "都市", "城区", "市区", "地区", "社区", "山区"];

/// Whether a word the segmenter tags ns is shaped like a place's name: a
/// name and a place ending (三字以上: 岳陽市, not 城市), or a country or
/// continent (美國, 歐洲).
fn has_place_shape(word: &str) -> bool {
    let chars = word.chars().count();
    let ends_place = word.ends_with(PLACE_ENDINGS)
        && chars >= 3
        && !PLACE_ENDING_WORDS.iter().any(|w| word.ends_with(w));
    ends_place || (chars >= 2 && word.ends_with(['国', '洲']))
}

/// Titles before a person's name (行政長官李家超, 總統賴清德, 發言人付凌暉).
const TITLES_BEFORE_NAMES: &[&str] = &[
    "行政长官",
    "特首",
    "总统",
    "副总统",
    "院长",
    "发言人",
    "主席",
    "总书记",
    "总理",
    "部长",
    "局长",
    "署长",
    "处长",
    "司长",
    "厅长",
    "市长",
    "县长",
    "省长",
    "主委",
    "主任",
    "书记",
    "秘书长",
    "董事长",
    "总裁",
    "总经理",
    "执行长",
    "议员",
    "立委",
    "委员",
    "教授",
];

/// A title, then a surname and one or two characters more: the name
/// (總統 | 賴清德, 行政長官 | 李家 | 超: the segmenter's 李家 is not the
/// name's end).
fn titled_people(text: &str, tokens: &[Token], marks: &[u32], out: &mut Vec<(u8, Entity)>) {
    let word = |t: &Token| &text[t.range()];
    for (i, t) in tokens.iter().enumerate() {
        let Some(first) = tokens.get(i + 1) else {
            continue;
        };
        if marks[i] & mark::TITLE_BEFORE_NAME_LAST == 0
            || marks[i + 1] & mark::SURNAME_FIRST == 0
            || !TITLES_BEFORE_NAMES
                .iter()
                .any(|title| word(t).ends_with(title))
        {
            continue;
        }
        let mut chars = 0;
        let mut end = first.start();
        for n in &tokens[i + 1..] {
            let w = word(n);
            let count = w.chars().count();
            let is_word_of_grammar = count >= 2 && tagged(n, tag::NOT_IN_NAME);
            if chars + count > 3
                || !w.chars().all(is_han)
                || w.chars().any(|c| FUNCTION_CHARS.contains(&c))
                || is_word_of_grammar && chars > 0
            {
                break;
            }
            chars += count;
            end = n.end();
        }
        if (2..=3).contains(&chars) {
            out.push((
                2,
                Entity {
                    kind: EntityKind::Person,
                    range: first.start()..end,
                },
            ));
        }
    }
}

/// Characters and words that end a unit inside an organization (國家統計局
/// 工業司, 岳陽市公安局交警支隊, 經濟部統計處).
const SUB_UNIT_ENDINGS: &[&str] = &[
    "司",
    "局",
    "处",
    "署",
    "厅",
    "科",
    "室",
    "组",
    "办",
    "支队",
    "大队",
    "中队",
    "中心",
    "委员会",
];

/// Units that a level of government or a place names (省 | 交通運輸廳,
/// 市 | 住建局, 彰化縣 | 警察局, 中央 | 災害應變中心, 政府 | 新聞處).
const AGENCY_ENDINGS: &[&str] = &[
    "局",
    "署",
    "处",
    "厅",
    "委员会",
    "委",
    "办公室",
    "办",
    "中心",
];

/// Words that head a body as its level of government (省 | 交通運輸廳),
/// and every word ending in 政府 (市政府 | 辦公室).
const GOVERNMENT_LEVELS: &[&str] = &["省", "市", "县", "区", "镇", "乡", "中央", "国家", "政府"];

/// Words that end in a unit's ending without naming a unit.
const NOT_UNITS: &[&str] = &[
    "格局",
    "布局",
    "结局",
    "当局",
    "大局",
    "出局",
    "开局",
    "定局",
    "僵局",
    "骗局",
    "饭局",
    "时局",
    "政局",
    "战局",
    "变局",
    "全局",
    "部署",
    "签署",
    "联署",
    "好处",
    "到处",
    "各处",
    "此处",
    "远处",
    "难处",
    "用处",
    "住处",
    "之处",
    "深处",
    "处处",
    "议处",
    "惩处",
    "论处",
    "查处",
    "判处",
    "相处",
    "共处",
    "出处",
    "益处",
    "坏处",
    "长处",
    "短处",
    "大厅",
    "餐厅",
    "客厅",
    "展厅",
    "市中心",
    "立委",
    "主委",
    "常委",
    "评委",
    "编委",
];

/// Where a unit named by `t` ends, when it ends in one of `endings`: at its
/// end, or inside it where the segmenter glued the unit to its head's title
/// (處 | 處長 read as 處處長).
fn unit_word_end(text: &str, t: &Token, endings: &[&str]) -> Option<usize> {
    let word = &text[t.range()];
    // Most words end in no unit's ending, nor in 長.
    if !ends_in(word, mark::UNIT_OR_HEAD_LAST) {
        return None;
    }
    let ending = |w: &str| endings.iter().any(|e| w.ends_with(e));
    if ending(word) {
        // A noun, or a character alone that is not the verb 辦 (省下彩禮
        // 錢辦); jieba tags 司 of 高教司 nr.
        let named = if word.chars().count() == 1 {
            !tagged(t, tag::VERBAL)
        } else {
            tagged(t, tag::UNIT_NOUN) && !NOT_UNITS.contains(&word)
        };
        return named.then(|| t.end());
    }
    let first = word.chars().next()?;
    let unit = &word[..first.len_utf8()];
    let head = &word[unit.len()..];
    (ending(unit) && head.strip_prefix(unit) == Some("长")).then(|| t.start() + unit.len())
}

/// A word that can be inside an organization's name: a noun, an adjective
/// of two characters or more (健康 in 衛生健康委員會), an abbreviation, a
/// character the segmenter left alone that is not grammar, or a verb of
/// two characters or more right before a bare ending (統計 | 處, 應變 |
/// 中心; not 要求 | 議處 or 辦理 | 辦公廳).
fn is_name_word(text: &str, t: &Token, before_bare_ending: bool) -> bool {
    let word = &text[t.range()];
    if !word.chars().all(is_han) || word.chars().any(|c| FUNCTION_CHARS.contains(&c)) {
        return false;
    }
    match word.chars().count() {
        0 => false,
        1 => !tagged(t, tag::GRAMMAR | tag::MEASURE),
        _ => tagged(t, tag::NAME_WORD) || before_bare_ending && tagged(t, tag::VERB),
    }
}

/// Whether `t` is an ending alone (處, 中心) or one glued to its head's
/// title (處處長).
fn starts_bare_ending(text: &str, t: &Token, endings: &[&str]) -> bool {
    let word = &text[t.range()];
    endings.contains(&word) || unit_word_end(text, t, endings).is_some_and(|end| end < t.end())
}

/// Government bodies named by their level or place, and their trade
/// (省 | 交通運輸 | 廳, 市 | 住房 | 和 | 城鄉 | 建設局, 市 | 住 | 建 | 局,
/// 彰化縣 | 警察局): name words between the two, an 和 or 及 between
/// name words too.
fn agencies(
    text: &str,
    tokens: &[Token],
    marks: &[u32],
    lexicon: &Lexicon,
    out: &mut Vec<(u8, Entity)>,
) {
    let word = |t: &Token| &text[t.range()];
    let heads_body = |t: &Token| {
        let w = word(t);
        GOVERNMENT_LEVELS.contains(&w)
            || w.ends_with("政府")
            || lexicon.kind(w) == Some(EntityKind::Place)
            || tagged(t, tag::PLACE) && has_place_shape(w)
    };
    for (i, t) in tokens.iter().enumerate() {
        if marks[i] & mark::UNIT_OR_HEAD_LAST == 0 {
            continue;
        }
        let Some(end) = unit_word_end(text, t, AGENCY_ENDINGS) else {
            continue;
        };
        let mut k = i;
        let mut chars = text[t.start()..end].chars().count();
        let head = loop {
            let Some(before) = k.checked_sub(1).map(|j| &tokens[j]) else {
                break None;
            };
            if heads_body(before) {
                break Some(before);
            }
            let bare = starts_bare_ending(text, &tokens[k], AGENCY_ENDINGS);
            let joins = is_name_word(text, before, bare)
                || ["和", "及", "与"].contains(&word(before))
                    && k >= 2
                    && k < i
                    && is_name_word(text, &tokens[k - 2], false);
            chars += word(before).chars().count();
            if !joins || chars > 10 {
                break None;
            }
            k -= 1;
        };
        // A trade of two characters at least before the ending: 市 | 中心
        // is the city's centre.
        if let Some(head) = head.filter(|h| text[h.end()..end].chars().count() >= 3) {
            out.push((
                1,
                Entity {
                    kind: EntityKind::Org,
                    range: head.start()..end,
                },
            ));
        }
    }
}

/// Groups named after a place: a delegation is an organization (廣東代表團).
const PLACE_GROUPS: &[&str] = &["代表团", "考察团", "访问团", "交流团"];

/// Makes the chosen names their longest: a place before an organization
/// is part of it (東莞市 | 統計局, 省 | 財政廳), as before a group
/// (廣東 | 代表團); the units after an organization are (國家統計局 |
/// 工業司); a place before a place below it is one (湖南省 | 岳陽市).
/// Returns the units' own ranges (工業司): a unit named once after its
/// parent is named alone after that (交通部觀光署 … 觀光署表示).
fn extend_names(
    text: &str,
    tokens: &[Token],
    chosen: &mut BTreeMap<usize, Entity>,
) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let word = |t: &Token| &text[t.range()];
    let token_at = |at: usize| tokens.binary_search_by_key(&at, |t| t.start()).ok();
    let starts: Vec<usize> = chosen.keys().copied().collect();
    for start in starts {
        let Some(mut entity) = chosen.remove(&start) else {
            continue;
        };
        // Leftwards: the place before, or a one-character 省/市/縣.
        let before = chosen
            .range(..entity.range.start)
            .next_back()
            .filter(|(_, b)| b.range.end == entity.range.start && b.kind == EntityKind::Place)
            // A country before a company is where it is (馬來西亞 | 閔和
            // 國際有限公司), not its name; a province or city is.
            .filter(|(_, b)| {
                let place = &text[b.range()];
                place.chars().count() <= 3 || place.ends_with(['省', '市', '县', '区'])
            })
            .map(|(&at, b)| (at, b.range.start));
        if entity.kind == EntityKind::Org {
            if let Some((at, from)) = before {
                chosen.remove(&at);
                entity.range.start = from;
            } else if let Some(i) = token_at(entity.range.start).filter(|&i| i > 0) {
                if ["省", "市", "县"].contains(&word(&tokens[i - 1])) {
                    entity.range.start = tokens[i - 1].start();
                }
            }
        } else if let Some((at, from)) = before.filter(|_| entity.kind == EntityKind::Place) {
            let lower = &text[entity.range.clone()];
            let upper = &text[from..entity.range.start];
            if lower.ends_with(['市', '县', '区']) && upper.ends_with(['省', '市']) {
                chosen.remove(&at);
                entity.range.start = from;
            }
        }
        // Rightwards.
        if let Some(i) = token_at(entity.range.end) {
            let next = &tokens[i];
            if entity.kind == EntityKind::Place && PLACE_GROUPS.contains(&word(next)) {
                entity = Entity {
                    kind: EntityKind::Org,
                    range: entity.range.start..next.end(),
                };
            } else if entity.kind == EntityKind::Org {
                // The last unit ending within three name words (經濟部 |
                // 統計 | 處; 財政部 | 統計 | 處處長, the unit glued to its head).
                let mut unit_end = None;
                for (j, n) in tokens.iter().enumerate().skip(i).take(3) {
                    if let Some(end) = unit_word_end(text, n, SUB_UNIT_ENDINGS) {
                        if text[entity.range.end..end].chars().count() >= 2 {
                            unit_end = Some(end);
                        }
                        if end < n.end() {
                            break;
                        }
                    }
                    let bare = tokens
                        .get(j + 1)
                        .is_some_and(|b| starts_bare_ending(text, b, SUB_UNIT_ENDINGS));
                    if !is_name_word(text, n, bare) {
                        break;
                    }
                }
                // Names read inside the unit give way to it, unless one
                // runs past it.
                let runs_past = |end: usize| {
                    chosen
                        .range(entity.range.end..end)
                        .any(|(_, e)| e.range.end > end)
                };
                if let Some(end) = unit_end.filter(|&end| !runs_past(end)) {
                    let inside: Vec<usize> = chosen
                        .range(entity.range.end..end)
                        .map(|(&at, _)| at)
                        .collect();
                    for at in inside {
                        chosen.remove(&at);
                    }
                    units.push(entity.range.end..end);
                    entity.range.end = end;
                }
            }
        }
        chosen.insert(entity.range.start, entity);
    }
    units
}

/// Short names of the chosen organizations, to find where they recur: the
/// name given after 簡稱 (以下簡稱“閔和國際”); the name without its place
/// and suffix when four characters or more (群創智能 of 湖南群創智能科技
/// 有限公司, without the trade word 科技); a zone without its city (天易經
/// 開區).
fn short_names(text: &str, tokens: &[Token], chosen: &BTreeMap<usize, Entity>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let orgs = chosen.values().filter(|e| e.kind == EntityKind::Org);
    for org in orgs {
        let name = &text[org.range()];
        // 以下簡稱“閔和國際”: within a few characters after the name.
        let after = &text[org.range.end..];
        let window: String = after.chars().take(6).collect();
        if let Some(marker) = SHORT_NAME_MARKERS
            .iter()
            .find_map(|m| window.find(m).map(|at| at + m.len()))
        {
            let given = after[marker..].trim_start_matches(['“', '「', '『', '"', '：', ':']);
            let short: String = given.chars().take_while(|&c| is_han(c)).take(8).collect();
            if short.chars().count() >= 2 {
                names.push(short);
            }
        }
        let place = leading_place(text, tokens, org).map_or(0, |p| p.range.len());
        let Some((suffix, _)) = ORG_SUFFIXES
            .iter()
            .find(|s| name.ends_with(**s))
            .map(|s| (*s, ()))
        else {
            continue;
        };
        let core = &name[place..name.len() - suffix.len()];
        let core = TRADE_WORDS
            .iter()
            .find_map(|w| core.strip_suffix(w))
            .unwrap_or(core);
        if core.chars().count() >= 4 {
            names.push(core.to_string());
        }
        if place > 0 && ZONE_SUFFIXES.contains(&suffix) && name[place..].chars().count() >= 4 {
            names.push(name[place..].to_string());
        }
    }
    names.sort();
    names.dedup();
    names
}

/// A place-and-brand name joined to an organization by 與/和/及 (閔和國際
/// 與湖南皇爺): a short place, one noun, then the phrase ends.
fn coordinated(text: &str, tokens: &[Token], org: &Entity) -> Option<String> {
    let k = tokens.partition_point(|t| t.start() < org.range.end);
    let conjunction = tokens.get(k)?;
    if !["與", "与", "和", "及"].contains(&&text[conjunction.range()]) {
        return None;
    }
    let (place, brand, after) = (tokens.get(k + 1)?, tokens.get(k + 2)?, tokens.get(k + 3));
    let short_place =
        tagged(place, tag::PLACE) && (2..=3).contains(&text[place.range()].chars().count());
    let brand_word = &text[brand.range()];
    let noun = tagged(brand, tag::NOMINAL)
        && brand_word.chars().count() >= 2
        && brand_word.chars().all(is_han);
    let ends = after.is_none_or(|a| {
        let w = &text[a.range()];
        w == "的" || w.chars().all(|c| !is_han(c))
    });
    (short_place && noun && ends).then(|| text[place.start()..brand.end()].to_string())
}

/// The place an organization's name begins with (湘潭 in 湘潭天易經開區),
/// as an entity inside it.
fn leading_place(text: &str, tokens: &[Token], org: &Entity) -> Option<Entity> {
    let first = tokens.get(tokens.partition_point(|t| t.end() <= org.range.start))?;
    let chars = text[first.range()].chars().count();
    (first.start() == org.range.start
        && first.end() < org.range.end
        && tagged(first, tag::PLACE)
        && (2..=3).contains(&chars))
    .then(|| Entity {
        kind: EntityKind::Place,
        range: first.range(),
    })
}

/// 責編：劉茜 / 來源：華聲在線.
fn bylines(line: &str, offset: usize, out: &mut Vec<(u8, Entity)>) {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let role = |roles: &[&str]| {
        roles
            .iter()
            .find(|r| trimmed.starts_with(**r))
            .map(|r| r.len())
    };
    let (kind, role_len) = match (role(PERSON_ROLES), role(SOURCE_ROLES)) {
        (Some(len), _) => (EntityKind::Person, len),
        (None, Some(len)) => (EntityKind::Org, len),
        _ => return,
    };
    let after_role = &trimmed[role_len..];
    let Some(names) = after_role.strip_prefix([':', '：']).or_else(|| {
        (kind == EntityKind::Person)
            .then_some(after_role)
            .filter(|a| a.starts_with([' ', '\u{3000}']))
    }) else {
        return;
    };
    let mut at = offset + lead + role_len + (after_role.len() - names.len());
    for piece in names.split_inclusive([' ', '\u{3000}', '、', '，', ',', '\n', '\r']) {
        let name = piece.trim_end_matches([' ', '\u{3000}', '、', '，', ',', '\n', '\r']);
        let chars = name.chars().count();
        let fits = match kind {
            EntityKind::Person => (2..=4).contains(&chars),
            _ => (2..=12).contains(&chars),
        };
        if fits && name.chars().all(is_han) {
            out.push((
                3,
                Entity {
                    kind,
                    range: at..at + name.len(),
                },
            ));
        }
        at += piece.len();
    }
}

/// 胡孟婷 周 蓉: a line of names only.
fn name_line(line: &str, offset: usize, model: &PosModel, out: &mut Vec<(u8, Entity)>) {
    let content = line.trim_end_matches(['\n', '\r']);
    if content.chars().count() > 16 || !content.contains(' ') {
        return;
    }
    // Groups of Han characters with their byte ranges.
    let mut groups: Vec<Range<usize>> = Vec::new();
    for (i, c) in content.char_indices() {
        if c == ' ' {
            continue;
        }
        if !is_han(c) {
            return;
        }
        match groups.last_mut() {
            Some(g) if g.end == i => g.end = i + c.len_utf8(),
            _ => groups.push(i..i + c.len_utf8()),
        }
    }
    let mut names: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let g = groups[i].clone();
        let one = |r: &Range<usize>| content[r.clone()].chars().count() == 1;
        // One space pads a two-character name to the width of three.
        if one(&g)
            && groups
                .get(i + 1)
                .is_some_and(|n| one(n) && n.start == g.end + 1)
        {
            names.push(g.start..groups[i + 1].end);
            i += 2;
        } else {
            names.push(g);
            i += 1;
        }
    }
    let is_name = |r: &Range<usize>| {
        let joined: String = content[r.clone()].chars().filter(|&c| c != ' ').collect();
        (2..=3).contains(&joined.chars().count())
            && model
                .guess(&joined)
                .is_some_and(|p| p.as_str().starts_with("nr"))
    };
    if names.len() >= 2 && names.iter().all(is_name) {
        for r in names {
            out.push((
                2,
                Entity {
                    kind: EntityKind::Person,
                    range: offset + r.start..offset + r.end,
                },
            ));
        }
    }
}

/// Where each organization suffix occurs, in order: at one place the
/// longest suffix, and none inside another (股份有限公司 holds 有限公司).
fn suffix_occurrences(text: &str) -> Vec<(usize, &'static str)> {
    let mut kept: Vec<(usize, &'static str)> = Vec::new();
    for (at, &suffix) in find_words(text, ORG_SUFFIXES, |s| s) {
        match kept.last_mut() {
            Some(last) if last.0 == at && suffix.len() > last.1.len() => *last = (at, suffix),
            Some(&mut (k, ks)) if at < k + ks.len() => {}
            _ => kept.push((at, suffix)),
        }
    }
    kept
}

/// Where a stock code in brackets ends, when one starts at `at`:
/// （688652）, (2330), （股份代號：0880）, （00700.HK）.
fn stock_code_at(text: &str, at: usize) -> bool {
    let Some(rest) = text[at..].strip_prefix(['（', '(']) else {
        return false;
    };
    // A label first: 股份代號：, 股票代码:. Looked for within the label's
    // length only: a search to the next colon, wherever it is, made the
    // rule quadratic on text without one.
    let colon = rest
        .char_indices()
        .take(7)
        .find(|&(_, c)| matches!(c, '：' | ':'))
        .map(|(at, _)| at);
    let rest = match colon {
        Some(colon) if colon <= 18 && rest[..colon].chars().all(is_han) => {
            rest[colon..].trim_start_matches(['：', ':'])
        }
        _ => rest,
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &rest[digits..];
    let market = rest.strip_prefix('.').map_or(0, |m| {
        1 + m.bytes().take_while(u8::is_ascii_uppercase).count()
    });
    (4..=6).contains(&digits) && rest[market..].starts_with(['）', ')'])
}

/// Companies named before their stock code (華芯微電子（688652）, 騰躍科技
/// （股份代號：0880）): the name words before the bracket, a verb only
/// where the clause starts (騰躍 | 科技).
fn listed_companies(text: &str, tokens: &[Token], out: &mut Vec<(u8, Entity)>) {
    for (i, t) in tokens.iter().enumerate() {
        // The bracket's first byte turns away almost every word at once.
        if !matches!(text.as_bytes()[t.start()], b'(' | 0xEF)
            || !matches!(&text[t.range()], "（" | "(")
            || !stock_code_at(text, t.start())
        {
            continue;
        }
        let mut k = i;
        let mut chars = 0;
        while k > 0 && chars < 8 && is_name_word(text, &tokens[k - 1], true) {
            let starts_clause = k < 2 || !text[tokens[k - 2].range()].chars().all(is_han);
            if tagged(&tokens[k - 1], tag::VERB) && !starts_clause {
                break;
            }
            chars += text[tokens[k - 1].range()].chars().count();
            k -= 1;
        }
        let name = &text[tokens.get(k).map_or(t.start(), Token::start)..t.start()];
        if name.chars().count() >= 2 && !TRADE_WORDS.contains(&name) {
            out.push((
                2,
                Entity {
                    kind: EntityKind::Org,
                    range: t.start() - name.len()..t.start(),
                },
            ));
        }
    }
}

/// Trades that a company's brand names before them (華鼎光電, 恒泰地產).
const COMPANY_TRADES: &[&str] = &[
    "光电",
    "地产",
    "科技",
    "电子",
    "微电子",
    "半导体",
    "生技",
    "金控",
    "证券",
    "置业",
    "实业",
    "控股",
    "电机",
    "精密",
    "能源",
    "航运",
    "物流",
    "医药",
    "药业",
    "生物",
    "传媒",
    "通信",
    "软件",
    "汽车",
    "电气",
    "机械",
    "钢铁",
    "食品",
];

/// A brand the segmenter reads as a name (華鼎, tagged nr) or a proper
/// noun, then a trade: a company (華鼎 | 光電).
fn branded_companies(text: &str, tokens: &[Token], marks: &[u32], out: &mut Vec<(u8, Entity)>) {
    for (i, pair) in tokens.windows(2).enumerate() {
        if marks[i] & (tag::NAME | tag::PROPER) == 0 {
            continue;
        }
        let (brand, trade) = (&pair[0], &pair[1]);
        let word = &text[brand.range()];
        if word.chars().count() == 2
            && word.chars().all(is_han)
            && COMPANY_TRADES.contains(&&text[trade.range()])
        {
            out.push((
                1,
                Entity {
                    kind: EntityKind::Org,
                    range: brand.start()..trade.end(),
                },
            ));
        }
    }
}

/// Words that end a road's name (京港澳高速, 屯門公路).
const ROAD_ENDINGS: &[&str] = &[
    "高速公路",
    "公路",
    "高速",
    "快速路",
    "快速公路",
    "大道",
    "隧道",
    "大桥",
];

/// Roads named by the places they join or run through: places and
/// abbreviations of places before a road's ending (京 | 港澳 | 高速,
/// 屯門 | 公路). 高速 before a verb is "fast" (中國 | 高速 | 發展), and a
/// country or the whole nation names no road.
fn roads(text: &str, tokens: &[Token], marks: &[u32], out: &mut Vec<(u8, Entity)>) {
    let word = |t: &Token| &text[t.range()];
    for (i, t) in tokens.iter().enumerate().skip(1) {
        if marks[i] & mark::ROAD_LAST == 0
            || !ROAD_ENDINGS.contains(&word(t))
            || word(t) == "高速" && tokens.get(i + 1).is_some_and(|n| tagged(n, tag::VERBAL))
        {
            continue;
        }
        let names_road = |n: &Token| {
            let w = word(n);
            tagged(n, tag::PLACE | tag::ABBREVIATION)
                && w.chars().all(is_han)
                && !w.ends_with(['国', '洲'])
                && w != "全国"
        };
        let places = tokens[..i]
            .iter()
            .rev()
            .take(3)
            .take_while(|n| names_road(n))
            .collect::<Vec<_>>();
        let Some(first) = places.last() else {
            continue;
        };
        if places.iter().any(|n| tagged(n, tag::PLACE))
            && text[first.start()..t.start()].chars().count() <= 6
        {
            out.push((
                1,
                Entity {
                    kind: EntityKind::Place,
                    range: first.start()..t.end(),
                },
            ));
        }
    }
}

/// Organizations ending in a suffix, with the words before them.
fn organizations(text: &str, tokens: &[Token], out: &mut Vec<(u8, Entity)>) {
    for (at, suffix) in suffix_occurrences(text) {
        let end = at + suffix.len();
        let mut start = at;
        let mut absorbed = 0;
        // Tokens before the suffix, the last one cut at the suffix when the
        // segmenter ran them together (天易經開區: 易經 | 開區).
        let mut k = tokens.partition_point(|t| t.end() <= at);
        if tokens.get(k).is_some_and(|t| t.start() < at) {
            start = tokens[k].start();
            absorbed += 1;
        }
        while k > 0 && absorbed < 8 {
            let t = &tokens[k - 1];
            let word = &text[t.start()..t.end().min(start)];
            if !joins_name(word, t, tokens.get(k)) {
                break;
            }
            start = t.start();
            absorbed += 1;
            k -= 1;
        }
        if let Some(first) = text[start..at]
            .chars()
            .next()
            .filter(|c| LEADING_VERBS.contains(c))
        {
            start += first.len_utf8();
        }
        // 世界500強光大環境集團: a ranking is not part of the name after it.
        let ranked = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '十' | '百' | '千' | '萬' | '万'));
        if ranked && text[start..at].starts_with(['強', '强']) {
            start += '強'.len_utf8();
        }
        // A name given in quotes is the name whole, its verbs too
        // (「創新科技產業統籌委員會」).
        if let Some(open) = quoted_from(text, end) {
            start = open;
        }
        // Some kind of name must come before the suffix: 公司 alone is
        // none, and neither is a kind of company (上市公司) or a time
        // before 政府 (財政年度政府: only a place or a level heads it).
        let generic = GENERIC_ORGS.contains(&&text[start..end])
            || suffix == "政府" && !governed_place_before(text, tokens, at);
        if text[start..at].chars().count() >= 2 && !generic {
            out.push((
                1,
                Entity {
                    kind: EntityKind::Org,
                    range: start..end,
                },
            ));
        }
    }
}

/// Where the quoted name that ends at `end` begins: after an opening
/// quote with nothing but Han characters between, at most 16 of them.
fn quoted_from(text: &str, end: usize) -> Option<usize> {
    let close = text[end..].chars().next()?;
    let open = match close {
        '」' => '「',
        '”' => '“',
        '』' => '『',
        _ => return None,
    };
    let mut from = end;
    for (n, c) in text[..end].chars().rev().enumerate() {
        if c == open {
            return Some(from);
        }
        if n >= 16 || !is_han(c) {
            return None;
        }
        from -= c.len_utf8();
    }
    None
}

/// Whether the word before `at` can head a government: a place, a level
/// (市政府, 中央政府) or a region (特區政府).
fn governed_place_before(text: &str, tokens: &[Token], at: usize) -> bool {
    let k = tokens.partition_point(|t| t.end() <= at);
    let before = match tokens.get(k) {
        // The segmenter's word holds 政府 (市政府, 特區政府).
        Some(t) if t.start() < at => &text[t.start()..at],
        _ => match k.checked_sub(1) {
            Some(j) if tagged(&tokens[j], tag::PLACE) => return true,
            Some(j) => &text[tokens[j].range()],
            None => return false,
        },
    };
    GOVERNMENT_LEVELS.contains(&before)
        || before.ends_with(PLACE_ENDINGS)
        || before.ends_with("特区")
}

/// Whether `word`, the part of token `t` before the suffix, can be part of
/// the name before it, `next` the token after `t`.
fn joins_name(word: &str, t: &Token, next: Option<&Token>) -> bool {
    let chars = word.chars().count();
    if chars == 0 || !word.chars().all(is_han) {
        return false;
    }
    if chars == 1 {
        return !FUNCTION_CHARS.contains(&word.chars().next().unwrap_or(' '));
    }
    if tagged(t, tag::PLACE) {
        chars <= 3
    } else if tagged(t, tag::BEFORE_SUFFIX) {
        true
    } else {
        tagged(t, tag::ADJECTIVE) && next.is_some_and(|n| tagged(n, tag::NOMINAL))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_classes_and_character_marks_have_bits_of_their_own() {
        let classes = Pos::all().iter().fold(0, |all, name| all | tag::of(name));
        assert_eq!(
            classes & (mark::FIRST | mark::LAST | mark::TRANSLITERATION),
            0
        );
        assert_eq!(mark::FIRST & mark::LAST, 0);
    }

    #[test]
    fn zone_suffixes_are_the_zones_and_their_bodies() {
        assert!(
            ZONE_SUFFIXES
                .iter()
                .all(|s| s.ends_with(['區', '区']) || s.starts_with(['管', '黨', '党']))
        );
        assert_eq!(ORG_SUFFIXES[ZONE_SUFFIXES.len()], "股份有限公司");
    }
}
