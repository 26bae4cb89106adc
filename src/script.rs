//! Which script a text is written in.

include!(concat!(env!("OUT_DIR"), "/script_tables.rs"));

/// The script of a text, as [`detect_script`](crate::detect_script) decides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Simplified characters, and at most a fifth of Traditional ones.
    Simplified,
    /// Traditional characters, and at most a fifth of Simplified ones.
    Traditional,
    /// Both, the minority above a fifth of the distinctive characters.
    Mixed,
    /// No character that only one script uses.
    None,
}

/// The counts [`detect_script`](crate::detect_script) decided from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScriptReport {
    traditional: usize,
    simplified: usize,
}

impl ScriptReport {
    /// The script: `None` without distinctive characters, `Mixed` when the
    /// minority makes up 20% or more of them, otherwise the majority.
    pub fn script(&self) -> Script {
        let (t, s) = (self.traditional, self.simplified);
        let total = t + s;
        if total == 0 {
            Script::None
        } else if t.min(s) * 5 >= total {
            Script::Mixed
        } else if t > s {
            Script::Traditional
        } else {
            Script::Simplified
        }
    }

    /// How many characters only Traditional writing uses.
    pub fn traditional(&self) -> usize {
        self.traditional
    }

    /// How many characters only Simplified writing uses.
    pub fn simplified(&self) -> usize {
        self.simplified
    }

    /// More Traditional than Simplified characters: the segmenter reads such
    /// text through a Simplified conversion.
    pub(crate) fn mostly_traditional(&self) -> bool {
        self.traditional > self.simplified
    }
}

/// Counts the characters of `text` that only one script uses (from OpenCC's
/// character tables: converting them changes them, and the other script
/// never writes them).
pub(crate) fn detect(text: &str) -> ScriptReport {
    let mut report = ScriptReport {
        traditional: 0,
        simplified: 0,
    };
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if is_in(c, &TRADITIONAL_ONLY_BMP, TRADITIONAL_ONLY) {
            report.traditional += 1;
        } else if is_in(c, &SIMPLIFIED_ONLY_BMP, SIMPLIFIED_ONLY) {
            report.simplified += 1;
        }
    }
    report
}

/// Whether more of the characters of `text` are Hong Kong variants (keys of
/// OpenCC's `HKVariantsRev` only, such as 綫 or 衞) than Taiwan variants
/// (keys of `TWVariantsRev` only, such as 為 or 裡).
pub(crate) fn hong_kong_variants_prevail(text: &str) -> bool {
    let (mut taiwan, mut hong_kong) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        let tw = is_in(c, &TAIWAN_VARIANTS_BMP, TAIWAN_VARIANTS);
        let hk = is_in(c, &HONG_KONG_VARIANTS_BMP, HONG_KONG_VARIANTS);
        taiwan += usize::from(tw && !hk);
        hong_kong += usize::from(hk && !tw);
    }
    hong_kong > taiwan
}

/// Whether only Traditional text uses `c` (see [`detect`]) and OpenCC
/// converts it alone, whatever the words around it: 戰 (战), not 乾 (干 or
/// 乾, as in 乾隆).
#[inline(always)]
pub(crate) fn folds_alone(c: char) -> bool {
    !c.is_ascii()
        && is_in(c, &TRADITIONAL_ONLY_BMP, TRADITIONAL_ONLY)
        && TRADITIONAL_KEPT.binary_search(&c).is_err()
}

fn is_in(c: char, bmp: &[u64; 1024], sorted: &[char]) -> bool {
    let code = c as usize;
    if code < 0x10000 {
        bmp[code / 64] & (1 << (code % 64)) != 0
    } else {
        sorted.binary_search(&c).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unambiguous_traditional_characters_fold_alone() {
        assert!(folds_alone('戰') && folds_alone('過'));
        // 乾隆, 於 as a surname: OpenCC keeps them in some words.
        assert!(!folds_alone('乾') && !folds_alone('於'));
        assert!(!folds_alone('战') && !folds_alone('a'));
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(TRADITIONAL_ONLY.windows(2).all(|w| w[0] < w[1]));
        assert!(SIMPLIFIED_ONLY.windows(2).all(|w| w[0] < w[1]));
        assert!(TAIWAN_VARIANTS.windows(2).all(|w| w[0] < w[1]));
        assert!(HONG_KONG_VARIANTS.windows(2).all(|w| w[0] < w[1]));
        assert!(TRADITIONAL_KEPT.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn bitsets_hold_exactly_the_listed_characters() {
        for (bmp, sorted) in [
            (&TRADITIONAL_ONLY_BMP, TRADITIONAL_ONLY),
            (&SIMPLIFIED_ONLY_BMP, SIMPLIFIED_ONLY),
            (&TAIWAN_VARIANTS_BMP, TAIWAN_VARIANTS),
            (&HONG_KONG_VARIANTS_BMP, HONG_KONG_VARIANTS),
        ] {
            let set: Vec<char> = (0..0x10000u32)
                .filter_map(char::from_u32)
                .filter(|&c| is_in(c, bmp, sorted))
                .collect();
            let listed: Vec<char> = sorted
                .iter()
                .copied()
                .filter(|&c| (c as u32) < 0x10000)
                .collect();
            assert_eq!(set, listed);
        }
    }

    #[test]
    fn detects_the_script_by_its_distinctive_characters() {
        assert_eq!(
            detect("園區完成規模工業總產值").script(),
            Script::Traditional
        );
        assert_eq!(
            detect("园区完成规模工业总产值").script(),
            Script::Simplified
        );
        assert_eq!(detect("hello 123").script(), Script::None);
        assert_eq!(detect("园区園區").script(), Script::Mixed);
    }
}
