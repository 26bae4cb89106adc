//! `Analyzer::numbers`: every number expression as written, the way
//! Recognizers-Text's NumberModel reads text. Each case names its rule.

use zhlens::Analyzer;

fn numbers(analyzer: &Analyzer, text: &str) -> Vec<(String, f64)> {
    analyzer
        .numbers(text)
        .iter()
        .map(|n| (text[n.range()].to_string(), n.value()))
        .collect()
}

#[test]
fn number_expressions_as_written() {
    let analyzer = Analyzer::new();
    for (why, text, expected) in [
        (
            "a numeral before a measure word is a number",
            "十斤",
            vec![("十", 10.0)],
        ),
        (
            "多 after a number is not part of it",
            "四百多",
            vec![("四百", 400.0)],
        ),
        (
            "spaces inside Chinese numerals",
            "一百 五 十 二",
            vec![("一百 五 十 二", 152.0)],
        ),
        (
            "个 counts 亿 as figures read it: numbers() and figures share one reader",
            "损失两个亿，7个亿元",
            vec![("两个亿", 200_000_000.0), ("7个亿", 700_000_000.0)],
        ),
        (
            "余 and 几 before a unit",
            "十 余 万，二十几万",
            vec![("十 余 万", 1e5), ("二十几万", 2e5)],
        ),
        (
            "exponents, powers, k and M",
            "2e5，2^5，40k，-2.5 M",
            vec![
                ("2e5", 2e5),
                ("2^5", 32.0),
                ("40k", 4e4),
                ("-2.5 M", -2.5e6),
            ],
        ),
        (
            "fractions and mixed numbers",
            "三分之一，负一又二分之一，1 3/5",
            vec![
                ("三分之一", 1.0 / 3.0),
                ("负一又二分之一", -1.5),
                ("1 3/5", 1.6),
            ],
        ),
        (
            "两 is no decimal digit",
            "两百点两",
            vec![("两百", 200.0), ("两", 2.0)],
        ),
        (
            "萬萬 and 兆 groups",
            "四萬萬，五兆六十二亿",
            vec![("四萬萬", 4e8), ("五兆六十二亿", 5.0062e12)],
        ),
        ("a dozen", "十打苹果", vec![("十打", 120.0)]),
        ("half a hundred", "半百", vec![("半百", 50.0)]),
        (
            "a dash after a number links a range",
            "1万-5万",
            vec![("1万", 1e4), ("5万", 5e4)],
        ),
        (
            "points join dotted sequences into parts",
            "2222.2222.22",
            vec![("2222", 2222.0), ("2222", 2222.0), ("22", 22.0)],
        ),
        (
            "numerals inside words are not numbers",
            "一切都在四川的队伍里",
            vec![],
        ),
        ("一 before a verb means once", "我一看你就笑", vec![]),
        ("两两 means in pairs", "两两", vec![]),
        (
            "a digit said twice without a unit is a name or an idiom; 99 is 九十九",
            "阳光九九是品牌，九九归一，九十九个",
            vec![("九十九", 99.0)],
        ),
        (
            "a financial numeral tagged as a verb is the verb",
            "小明拾起石子",
            vec![],
        ),
        (
            "a lone numeral before a currency or 折 is part of the amount",
            "一美元，一折",
            vec![],
        ),
        ("a number before % is a percentage", "减少了二％", vec![]),
        (
            "financial numerals read through 圆, 角 and 分",
            "玖仟陆佰陆拾伍圆壹角捌分，壹拾壹元整",
            vec![("玖仟陆佰陆拾伍圆壹角捌分", 9665.18), ("壹拾壹元整", 11.0)],
        ),
        (
            "digits glued to letters are a code",
            "订单号A2021072113",
            vec![],
        ),
    ] {
        let expected: Vec<(String, f64)> = expected
            .into_iter()
            .map(|(t, v)| (t.to_string(), v))
            .collect();
        assert_eq!(numbers(&analyzer, text), expected, "{why}: {text}");
    }
}

#[test]
fn pathological_input_stays_linear() {
    // Small enough for a debug build; tests/js/package.test.mjs runs ten
    // times more through the release wasm.
    let analyzer = Analyzer::new();
    for text in [
        "十".repeat(20_000),
        "一又".repeat(20_000),
        "1/".repeat(20_000),
        "五分之".repeat(20_000),
        "1".repeat(1_000_000),
        "2.".repeat(20_000),
    ] {
        let started = std::time::Instant::now();
        for n in analyzer.numbers(&text) {
            assert!(text.is_char_boundary(n.range().start) && text.is_char_boundary(n.range().end));
        }
        assert!(started.elapsed().as_secs() < 20, "{}…", &text[..6]);
    }
}
