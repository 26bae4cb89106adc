//! Which press wrote an article: mainland China, Taiwan or Hong Kong. The
//! region decides what a bare 元 means (CNY, TWD, HKD), whether 114年 is an
//! ROC year, and which fiscal year 年度 names.

use std::fmt;
use std::str::FromStr;

use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::scan::find_words;

/// The press an article comes from.
///
/// ```
/// use zhlens::Region;
///
/// let region: Region = "TW".parse()?;
/// assert_eq!(region.currency(), "TWD");
/// assert_eq!(Region::Hk.to_string(), "HK");
/// assert!("US".parse::<Region>().is_err());
/// # Ok::<(), zhlens::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// Mainland China: a bare 元 is CNY.
    Cn,
    /// Taiwan: a bare 元 is TWD; 114年 is an ROC year (2025).
    Tw,
    /// Hong Kong: a bare 元 is HKD; 年度 is the April–March fiscal year.
    Hk,
}

impl Region {
    /// Every region, in the order of their names' listing in errors.
    pub const ALL: [Region; 3] = [Region::Cn, Region::Tw, Region::Hk];

    /// `CN`, `TW` or `HK`.
    pub fn name(self) -> &'static str {
        match self {
            Region::Cn => "CN",
            Region::Tw => "TW",
            Region::Hk => "HK",
        }
    }

    /// The ISO 4217 code of the region's currency: what a bare 元 means.
    pub fn currency(self) -> &'static str {
        match self {
            Region::Cn => "CNY",
            Region::Tw => "TWD",
            Region::Hk => "HKD",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Region {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Region::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| Error::new(ErrorKind::UnknownRegion(s.to_string())))
    }
}

/// Words that only one press uses, in the Simplified view, with their
/// weight: currencies and institutions count more than usage.
const EVIDENCE: &[(&str, Region, usize)] = &[
    // Taiwan
    ("新台币", Region::Tw, 3),
    ("台币", Region::Tw, 3),
    ("NT$", Region::Tw, 3),
    ("民国", Region::Tw, 3),
    ("立法院", Region::Tw, 3),
    ("行政院", Region::Tw, 3),
    ("主计总处", Region::Tw, 3),
    ("国发会", Region::Tw, 2),
    ("金管会", Region::Tw, 2),
    ("经济部", Region::Tw, 1),
    ("财政部", Region::Tw, 1),
    ("卫福部", Region::Tw, 2),
    ("交通部", Region::Tw, 1),
    ("台积电", Region::Tw, 2),
    ("台北", Region::Tw, 1),
    ("新北", Region::Tw, 1),
    ("桃园", Region::Tw, 1),
    ("台中", Region::Tw, 1),
    ("台南", Region::Tw, 1),
    ("高雄", Region::Tw, 1),
    ("县市", Region::Tw, 1),
    ("年增", Region::Tw, 1),
    ("年减", Region::Tw, 1),
    ("月增", Region::Tw, 1),
    ("月减", Region::Tw, 1),
    ("台股", Region::Tw, 2),
    ("加权指数", Region::Tw, 2),
    // Hong Kong
    ("港元", Region::Hk, 3),
    ("港币", Region::Hk, 3),
    ("HK$", Region::Hk, 3),
    ("港交所", Region::Hk, 3),
    ("立法会", Region::Hk, 3),
    ("特区政府", Region::Hk, 3),
    ("特首", Region::Hk, 2),
    ("行政长官", Region::Hk, 1),
    ("财政司", Region::Hk, 3),
    ("金管局", Region::Hk, 3),
    ("统计处", Region::Hk, 2),
    ("恒指", Region::Hk, 2),
    ("恒生", Region::Hk, 2),
    ("九龙", Region::Hk, 1),
    ("新界", Region::Hk, 1),
    ("港岛", Region::Hk, 1),
    ("差饷", Region::Hk, 2),
    ("按年", Region::Hk, 1),
    ("按月", Region::Hk, 1),
    ("按季", Region::Hk, 1),
    ("香港", Region::Hk, 1),
    ("本港", Region::Hk, 2),
    ("港人", Region::Hk, 1),
    // Mainland China
    ("人民币", Region::Cn, 1),
    ("国家统计局", Region::Cn, 2),
    ("国务院", Region::Cn, 2),
    ("发改委", Region::Cn, 2),
    ("同比", Region::Cn, 1),
    ("环比", Region::Cn, 1),
    ("自治区", Region::Cn, 1),
    ("省委", Region::Cn, 2),
    ("市委", Region::Cn, 2),
    ("党委", Region::Cn, 1),
    ("全国", Region::Cn, 1),
];

/// The region an article's script and wording point to. Simplified text is
/// mainland news unless Taiwan or Hong Kong words clearly outweigh mainland
/// ones; Traditional text is Taiwan or Hong Kong news unless mainland words
/// outweigh both (a mainland article in Traditional characters, as papers
/// abroad print them). With no evidence, Traditional text is Taiwan's or
/// Hong Kong's by its character variants.
pub(crate) fn detect(document: &Document) -> Region {
    let mut weight = [0usize; 3];
    // A word inside a longer one (台币 in 新台币) is not evidence again.
    let mut counted_to = 0;
    for (at, &(word, region, w)) in find_words(document.view(), EVIDENCE, |e| e.0) {
        if at >= counted_to {
            weight[region as usize] += w;
            counted_to = at + word.len();
        }
    }
    let [cn, tw, hk] = weight;
    if !document.script().mostly_traditional() {
        // A Simplified article quotes Taiwan and Hong Kong now and then:
        // it takes a page of their wording to outweigh the script.
        return if tw.max(hk) >= 6 && tw.max(hk) > 2 * cn + 2 {
            if hk > tw { Region::Hk } else { Region::Tw }
        } else {
            Region::Cn
        };
    }
    if cn > tw.max(hk) {
        Region::Cn
    } else if hk > tw {
        Region::Hk
    } else if tw > hk {
        Region::Tw
    } else {
        document.variant_region()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(text: &str) -> Region {
        detect(&Document::read(text))
    }

    #[test]
    fn reads_the_press_from_script_and_wording() {
        assert_eq!(region("国家统计局20日发布数据，同比增长5.1%。"), Region::Cn);
        assert_eq!(
            region("立法院今（9）日三讀通過，歲出新台幣3兆元。"),
            Region::Tw
        );
        assert_eq!(region("財政司司長表示，港交所成交額按年上升。"), Region::Hk);
        assert_eq!(region("今年1至7月，湖南省委要求園區同比增長。"), Region::Cn);
    }

    #[test]
    fn names_parse_and_print() {
        for r in Region::ALL {
            assert_eq!(r.name().parse::<Region>(), Ok(r));
        }
        assert_eq!(
            "cn".parse::<Region>().unwrap_err().to_string(),
            "unknown region \"cn\"; the regions are: CN, TW, HK"
        );
    }
}
