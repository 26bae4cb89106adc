//! Named entities: people, places and organizations.
//!
//! Four sources of evidence, strongest first:
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
//! - the segmenter's tags: nr (people), ns (places), nt (organizations).
//!
//! Spans never overlap; where two do, the stronger evidence, then the
//! longer span, wins.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::pos_model::PosModel;
use crate::{Token, is_han};

/// What an entity is. The rules that find entities, strongest first:
/// bylines (責編：劉茜, 來源：華聲在線), lines of names only (胡孟婷 周 蓉),
/// organization suffixes with the name words before them (湖南群創智能科技
/// 有限公司; a long place name such as a country stops them), and the
/// segmenter's tags nr, ns and nt.
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
}

/// Roles of a byline whose names follow them.
const PERSON_ROLES: &[&str] = &[
    "責編",
    "责编",
    "編輯",
    "编辑",
    "一審",
    "二審",
    "三審",
    "一审",
    "二审",
    "三审",
    "記者",
    "记者",
    "通訊員",
    "通讯员",
    "攝影",
    "摄影",
    "作者",
    "校對",
    "校对",
    "審核",
    "审核",
    "監製",
    "监制",
];

const SOURCE_ROLES: &[&str] = &["來源", "来源", "出處", "出处"];

/// Words that end an organization's name, longest first where one ends
/// another.
const ORG_SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限責任公司",
    "有限责任公司",
    "有限公司",
    "集團公司",
    "集团公司",
    "集團",
    "集团",
    "公司",
    "管委會",
    "管委会",
    "黨工委",
    "党工委",
    "委員會",
    "委员会",
    "經開區",
    "经开区",
    "高新區",
    "高新区",
    "開發區",
    "开发区",
    "銀行",
    "银行",
    "大學",
    "大学",
    "學院",
    "学院",
    "醫院",
    "医院",
    "研究院",
    "研究所",
    "協會",
    "协会",
    "商會",
    "商会",
    "政府",
    "法院",
    "檢察院",
    "检察院",
];

/// Characters that are never the inside of a name: grammar, not words.
const FUNCTION_CHARS: &[char] = &[
    '的', '了', '在', '是', '與', '与', '及', '對', '对', '向', '從', '从', '把', '被', '等', '將',
    '将', '為', '为', '于', '於', '由', '至', '到', '也', '都', '並', '并', '或', '而', '之', '以',
    '其', '這', '这', '那',
];

/// Characters jieba sometimes glues onto the first word of a name (赴國泰
/// for 赴 + 國泰): a motion verb or preposition.
const LEADING_VERBS: &[char] = &[
    '赴', '和', '同', '跟', '給', '给', '讓', '让', '經', '经', '據', '据',
];

/// The entities of `text`, in order.
pub(crate) fn find(text: &str, tokens: &[Token], model: &PosModel) -> Vec<Entity> {
    // Candidates with the strength of their evidence (higher wins).
    let mut candidates: Vec<(u8, Entity)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        bylines(line, line_start, &mut candidates);
        name_line(line, line_start, model, &mut candidates);
        line_start += line.len();
    }
    organizations(text, tokens, &mut candidates);
    for t in tokens {
        let word = &text[t.range()];
        let kind = match t.pos().as_str() {
            "nr" | "nrfg" if word.chars().count() >= 2 => EntityKind::Person,
            "ns" => EntityKind::Place,
            "nt" => EntityKind::Org,
            _ => continue,
        };
        candidates.push((
            0,
            Entity {
                kind,
                range: t.range(),
            },
        ));
    }

    candidates.sort_by(|(sa, a), (sb, b)| {
        sb.cmp(sa)
            .then((b.range.end - b.range.start).cmp(&(a.range.end - a.range.start)))
    });
    // Chosen spans by start; they never overlap, so the one starting last
    // before a candidate's end is the only one that can overlap it.
    let mut chosen: BTreeMap<usize, Entity> = BTreeMap::new();
    for (_, e) in candidates {
        let overlaps = chosen
            .range(..e.range.end)
            .next_back()
            .is_some_and(|(_, c)| c.range.end > e.range.start);
        if !overlaps {
            chosen.insert(e.range.start, e);
        }
    }
    chosen.into_values().collect()
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
    let mut found: Vec<(usize, &'static str)> = ORG_SUFFIXES
        .iter()
        .flat_map(|&s| text.match_indices(s).map(move |(at, _)| (at, s)))
        .collect();
    found.sort_by_key(|&(at, s)| (at, usize::MAX - s.len()));
    let mut kept: Vec<(usize, &'static str)> = Vec::with_capacity(found.len());
    for (at, s) in found {
        if kept.last().is_none_or(|&(k, ks)| at >= k + ks.len()) {
            kept.push((at, s));
        }
    }
    kept
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
            if !joins_name(
                word,
                t.pos().as_str(),
                tokens.get(k).map(|n| n.pos().as_str()),
            ) {
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
        // Some kind of name must come before the suffix: 公司 alone is none.
        if text[start..at].chars().count() >= 2 {
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

fn joins_name(word: &str, pos: &str, next_pos: Option<&str>) -> bool {
    let chars = word.chars().count();
    if chars == 0 || !word.chars().all(is_han) {
        return false;
    }
    if chars == 1 {
        return !FUNCTION_CHARS.contains(&word.chars().next().unwrap_or(' '));
    }
    match pos {
        "ns" => chars <= 3,
        "n" | "nz" | "nr" | "nrt" | "nrfg" | "nt" | "j" | "vn" | "b" | "eng" => true,
        "a" => next_pos.is_some_and(|p| p.starts_with('n')),
        _ => false,
    }
}
