//! Which script a text is written in, and a Simplified view of Traditional
//! text for the segmenter, whose dictionary is Simplified.

use crate::offsets::Alignment;

include!(concat!(env!("OUT_DIR"), "/script_tables.rs"));

/// A Simplified copy of some text, with the way back to the original offsets.
pub(crate) struct SimplifiedView {
    pub(crate) text: String,
    pub(crate) alignment: Alignment,
}

/// True when more of the text's characters are only found in Traditional
/// writing than only in Simplified writing.
pub(crate) fn is_mostly_traditional(text: &str) -> bool {
    let (mut traditional, mut simplified) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if is_in(c, &TRADITIONAL_ONLY_BMP, TRADITIONAL_ONLY) {
            traditional += 1;
        } else if is_in(c, &SIMPLIFIED_ONLY_BMP, SIMPLIFIED_ONLY) {
            simplified += 1;
        }
    }
    traditional > simplified
}

fn is_in(c: char, bmp: &[u64; 1024], sorted: &[char]) -> bool {
    bmp_bit(c, bmp).unwrap_or_else(|| sorted.binary_search(&c).is_ok())
}

/// The character's bit in a BMP bitset; `None` outside the BMP.
fn bmp_bit(c: char, bmp: &[u64; 1024]) -> Option<bool> {
    let code = c as usize;
    (code < 0x10000).then(|| bmp[code / 64] & (1 << (code % 64)) != 0)
}

fn to_simplified(c: char) -> char {
    // Most characters of even a Traditional text have no other form: one
    // bit says so before any search.
    if bmp_bit(c, &CONVERTIBLE_BMP) == Some(false) {
        return c;
    }
    match TO_SIMPLIFIED.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => TO_SIMPLIFIED[i].1,
        Err(_) => c,
    }
}

/// Converts character by character (OpenCC's `TSCharacters` table, first
/// reading of each), recording where each converted character came from.
pub(crate) fn simplified_view(text: &str) -> SimplifiedView {
    let mut view = SimplifiedView {
        text: String::with_capacity(text.len()),
        alignment: Alignment::default(),
    };
    for (original, c) in text.char_indices() {
        view.alignment.record(view.text.len(), original);
        view.text
            .push(if c.is_ascii() { c } else { to_simplified(c) });
    }
    view.alignment.record(view.text.len(), text.len());
    view
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(TO_SIMPLIFIED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TRADITIONAL_ONLY.windows(2).all(|w| w[0] < w[1]));
        assert!(SIMPLIFIED_ONLY.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn bitsets_hold_exactly_the_listed_characters() {
        for (bmp, sorted) in [
            (&TRADITIONAL_ONLY_BMP, TRADITIONAL_ONLY),
            (&SIMPLIFIED_ONLY_BMP, SIMPLIFIED_ONLY),
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
        let convertible: Vec<char> = (0..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|&c| bmp_bit(c, &CONVERTIBLE_BMP) == Some(true))
            .collect();
        let keys: Vec<char> = TO_SIMPLIFIED
            .iter()
            .map(|&(t, _)| t)
            .filter(|&c| (c as u32) < 0x10000)
            .collect();
        assert_eq!(convertible, keys);
    }

    #[test]
    fn detects_the_script_by_its_distinctive_characters() {
        assert!(is_mostly_traditional("園區完成規模工業總產值"));
        assert!(!is_mostly_traditional("园区完成规模工业总产值"));
        assert!(!is_mostly_traditional("hello 123"));
    }

    #[test]
    fn view_is_simplified_and_maps_back() {
        let text = "經濟發展";
        let view = simplified_view(text);
        assert_eq!(view.text, "经济发展");
        assert_eq!(view.alignment.to_original(6), 6);
        assert_eq!(view.alignment.to_original(view.text.len()), text.len());
    }
}
