//! Ranges and bounds: two numbers joined by a range link (3至5億元, 1至7月)
//! and two figures that bound one measure (大于10小于20, 20和30之间).
//! Separate because they combine figures the other readings produce.

use crate::numbers;

use crate::Region;
use crate::date::Date;

use super::dates::widen_to_period;
use super::scan::Number;
use super::words::starts_with_any;
use super::{Approx, Figure, FigureKind, Value};

const RANGE_LINKS: &[&str] = &["至", "到", "--", "——", "-", "—", "–", "－", "~", "～", "〜"];

/// What may stand between a lower and an upper bound of one range, spaces
/// around it aside (大于10小于20, 18岁以上、60岁以下, 大于100 并且小于300);
/// not a comma, which parts clauses that state bounds of their own (至少有3人，
/// 接近10万人).
const BOUND_LINKS: &[&str] = &["", "、", "且", "并", "並", "并且", "並且", "而"];

/// Two figures joined by 和 or 与 and followed by 之间 are the ends of a
/// range (20和30之间, 10000与20000间).
const BETWEEN_LINKS: &[&str] = &["和", "与", "與", "及"];

const BETWEEN: &[(&str, ())] = &[("之间", ()), ("之間", ()), ("间", ()), ("間", ())];

/// A lower bound next to an upper bound of the same measure is one range,
/// and so are two figures said to have something between them: 大于10小于20
/// is 10 to 20, 不大于50不小于20 20 to 50, 20和30之间 20 to 30; bounds that
/// leave nothing between them (大于50小于12) stay apart.
pub(super) fn join_bounds(text: &str, figures: &mut Vec<Figure>) {
    let mut joined: Vec<Figure> = Vec::with_capacity(figures.len());
    for f in figures.drain(..) {
        if let Some(last) = joined.last_mut() {
            if let Some(range) = bounded(text, last, &f) {
                *last = range;
                continue;
            }
        }
        joined.push(f);
    }
    *figures = joined;
}

fn bounded(text: &str, first: &Figure, second: &Figure) -> Option<Figure> {
    let (Value::Number(a), Value::Number(b)) = (&first.value, &second.value) else {
        return None;
    };
    let gap = text
        .get(first.range.end..second.range.start)?
        .trim_matches(' ');
    let (low, high, end) = match (first.approx, second.approx) {
        (Some(Approx::Over), Some(Approx::Under)) if BOUND_LINKS.contains(&gap) => {
            (*a, *b, second.range.end)
        }
        (Some(Approx::Under), Some(Approx::Over)) if BOUND_LINKS.contains(&gap) => {
            (*b, *a, second.range.end)
        }
        (None, None) if BETWEEN_LINKS.contains(&gap) => {
            let (word, ()) = starts_with_any(&text[second.range.end..], BETWEEN)?;
            (*a, *b, second.range.end + word.len())
        }
        _ => return None,
    };
    let same_measure = first.kind == second.kind
        && first.bounds.is_none()
        && second.bounds.is_none()
        && (first.unit.is_none() || first.unit == second.unit);
    (same_measure && low < high).then(|| Figure {
        range: first.range.start..end,
        value: Value::Number(low),
        approx: None,
        bounds: Some([low, high]),
        ..second.clone()
    })
}

/// Whether `numbers[i]`, a range link and `numbers[i + 1]` follow each
/// other; the first number may repeat the unit (10%～20%, 1月至7月) or say
/// it is included (1万(含)-5万元).
pub(super) fn is_range_start(text: &str, numbers: &[Number], i: usize) -> bool {
    let (Some(number), Some(next)) = (numbers.get(i), numbers.get(i.wrapping_add(1))) else {
        return false;
    };
    let between = &text[number.range.end..next.range.start];
    RANGE_LINKS.iter().any(|link| {
        between
            .strip_suffix(link)
            .is_some_and(|head| matches!(head, "" | "%" | "月" | "元" | "萬元" | "万元" | "(含)"))
    })
}

/// Given the figure read from the second number of a range, the figure of
/// the whole range.
pub(super) fn widen_range(
    text: &str,
    first: &Number,
    high: Figure,
    today: Date,
    region: Region,
) -> Option<Figure> {
    // 增长2.6%至64.1亿元: a unit repeated after the low end must be the high
    // end's, or the two numbers measure different things.
    let repeated = &text[first.range.end..];
    let measure = if repeated.starts_with('%') {
        Some(FigureKind::Percent)
    } else if repeated.starts_with('元') || repeated.starts_with("万元") {
        Some(FigureKind::Money)
    } else {
        None
    };
    if measure.is_some_and(|kind| kind != high.kind) {
        return None;
    }
    match (&high.kind, &high.value) {
        (FigureKind::Date, _) => widen_to_period(text, first, &high, today, region),
        (_, Value::Number(high_value)) => {
            // The multiplier of the second number applies to the first when
            // the first has none: 3至5億元 is 3億 to 5億.
            // The high end's last unit applies to the low end when the low
            // end has no unit as large and stays below the high end:
            // 两到三仟 is 2千 to 3千, 十八至三十万 18万 to 30万, while
            // 8500到3万 is 8500 to 3万.
            let high_text = &text[high.range.clone()];
            let first_text = &text[first.range.clone()];
            let mut low = first.value.to_f64();
            let last_unit = high_text
                .chars()
                .rev()
                .find_map(numbers::unit)
                .filter(|p| *p >= 2);
            if let Some(power) = last_unit {
                let scaled = low * 10f64.powi(power);
                let largest = first_text.chars().filter_map(numbers::unit).max();
                if largest.is_none_or(|p| p < power) && scaled <= *high_value {
                    low = scaled;
                }
            }
            Some(Figure {
                range: first.range.start..high.range.end,
                value: Value::Number(low),
                bounds: Some([low, *high_value]),
                ..high
            })
        }
        _ => None,
    }
}
