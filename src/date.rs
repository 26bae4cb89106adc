//! The calendar date that relative dates (今年, 去年12月) resolve against:
//! a public type of its own, parsed and printed as ISO 8601, used by the
//! analyzer's options as well as by figures.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind};

/// A calendar date, against which relative dates (今年, 去年12月) resolve.
///
/// ```
/// let date: zhlens::Date = "2025-09-15".parse().unwrap();
/// assert_eq!(date.to_string(), "2025-09-15");
/// assert!("2025-02-30".parse::<zhlens::Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
}

impl Date {
    /// The date, if it exists in the (proleptic Gregorian) calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }
}

impl FromStr for Date {
    type Err = Error;

    fn from_str(text: &str) -> Result<Date, Error> {
        let invalid = || Error::new(ErrorKind::InvalidDate(text.to_string()));
        let mut parts = text.split('-');
        let mut field = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u32>().ok())
        };
        let (year, month, day) = (field(4), field(2), field(2));
        match (year, month, day, parts.next()) {
            (Some(y), Some(m), Some(d), None) => Date::new(y as i32, m, d).ok_or_else(invalid),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
