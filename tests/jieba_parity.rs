//! zhlens segments with its own segmenter over its compiled form of jieba's
//! dictionary, and tags words outside the dictionary with its own port of
//! jieba's POS model; the words and the dictionary's tags must be exactly
//! what jieba-rs gives with its embedded data. The port's costs are rounded
//! to 0.01 nat, so on a near tie it may pick another tag than jieba: at most
//! one unknown word in 10,000 may differ (one of 30,426 on PKU, 点多钟, m
//! instead of n). Runs on the sentences below, and also on the SIGHAN 2005
//! PKU test text when `../shared` is present.
//! zhlens adds its lexicon's hand-written names to the dictionary (台积电
//! stays one word), so the reference gets them too.

use std::collections::HashMap;

use zhlens::{Analyzer, SegmentOptions};

const SENTENCES: &[&str] = &[
    "他来到了网易杭研大厦",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
    "湘潭天易经开区党工委把抓好党建作为最大的政绩，坚持党建工作与中心工作同频共振。",
    "胡孟婷和周蓉报道：柏屹自主创新产业园里，塔吊林立，机器轰鸣。",
    "马来西亚客商考察了湖南群创智能科技有限公司的生产车间。",
    "今年1至7月，园区完成规模工业总产值218.8亿元，同比增长5.25%。",
];

/// Tokens compared, and of the words outside the dictionary (tagged by
/// zhlens's port of the POS model) how many there were and how many got
/// jieba's tag.
#[derive(Default)]
struct Counts {
    compared: usize,
    unknown: usize,
    unknown_agreeing: usize,
}

fn compare(
    analyzer: &Analyzer,
    reference: &jieba_rs::Jieba,
    text: &str,
    hmm: bool,
    counts: &mut Counts,
) {
    let tokens = analyzer.segment_with(text, SegmentOptions::new().hmm(hmm));
    let ours: HashMap<(usize, usize), &str> = tokens
        .iter()
        .map(|t| ((t.start(), t.end()), t.pos().as_str()))
        .collect();
    for tag in reference.tag(text, hmm) {
        match ours.get(&(tag.byte_start, tag.byte_end)) {
            Some(&pos)
                if !reference.has_word(tag.word) && tag.word.chars().any(|c| c > '\u{2e80}') =>
            {
                counts.unknown += 1;
                counts.unknown_agreeing += usize::from(pos == tag.tag);
                counts.compared += 1;
            }
            Some(&pos) => {
                assert_eq!(pos, tag.tag, "{:?} in {text:?} (hmm {hmm})", tag.word);
                counts.compared += 1;
            }
            None => {
                // zhlens joins the pieces of numbers jieba splits (218.8).
                let joined = tokens
                    .iter()
                    .find(|t| t.range().contains(&tag.byte_start))
                    .unwrap();
                let joined_text = &text[joined.range()];
                assert!(
                    joined.pos().as_str() == "m" && joined_text.chars().all(|c| !c.is_alphabetic()),
                    "{:?} in {text:?} (hmm {hmm}) is inside {joined_text:?}",
                    tag.word
                );
            }
        }
    }
}

#[test]
fn tags_and_words_match_jieba_with_its_embedded_data() {
    let analyzer = Analyzer::new();
    let mut reference = jieba_rs::Jieba::new();
    for (list, tag) in [("orgs", "nt"), ("people", "nr"), ("places", "ns")] {
        let names = std::fs::read_to_string(format!("data/lexicon/{list}.txt")).unwrap();
        for name in names
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
        {
            if !name.is_empty() && !reference.has_word(name) {
                reference.add_word(name, None, Some(tag));
            }
        }
    }
    let mut texts: Vec<String> = SENTENCES.iter().map(|s| s.to_string()).collect();
    if let Ok(pku) = std::fs::read_to_string("../shared/corpora/sighan2005/testing/pku_test.utf8") {
        texts.extend(pku.lines().map(String::from));
    }
    let mut counts = Counts::default();
    for text in &texts {
        let reference_words = reference.cut(text, true).len();
        compare(&analyzer, &reference, text, true, &mut counts);
        compare(&analyzer, &reference, text, false, &mut counts);
        assert!(reference_words > 0 || text.is_empty());
    }
    assert!(
        counts.compared > 100,
        "compared only {} tokens",
        counts.compared
    );
    eprintln!(
        "{} tokens; {} outside the dictionary, {} tagged as jieba's POS model tags them",
        counts.compared, counts.unknown, counts.unknown_agreeing
    );
    let disagreeing = counts.unknown - counts.unknown_agreeing;
    assert!(
        disagreeing * 10_000 <= counts.unknown.max(1),
        "{disagreeing} of {} unknown words tagged otherwise than by jieba",
        counts.unknown
    );
}
