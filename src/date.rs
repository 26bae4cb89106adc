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
        let days = days_in_month(year, month)?;
        ((1..=days).contains(&day) && (1..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (negative before it).
    fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil: years start in March, so the
        // leap day is the last day of its year.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from((self.month + 9) % 12);
        let day_of_year = (153 * month + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date of day number `days` ([`Date::day_number`]), if it lies in
    /// years 1 to 9999.
    fn from_day_number(days: i64) -> Option<Date> {
        let days = days + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month + 2) / 5 + 1;
        let month = if month < 10 { month + 3 } else { month - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u32, day as u32)
    }

    /// The date `days` days after this one (before it when negative).
    pub(crate) fn add_days(self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number() + days)
    }

    /// The number of days from this date to `other` (negative when
    /// `other` is earlier).
    pub(crate) fn days_until(self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }

    /// The day of the week, Monday 1 to Sunday 7.
    pub(crate) fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.day_number() + 3).rem_euclid(7) as u32 + 1
    }
}

/// The number of days of `month` in `year`, if the month exists.
pub(crate) fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_weekdays() {
        let date = Date::new(2025, 9, 15).unwrap();
        assert_eq!(date.weekday(), 1);
        assert_eq!(date.add_days(-15), Date::new(2025, 8, 31));
        assert_eq!(
            Date::new(2024, 2, 28).unwrap().add_days(1),
            Date::new(2024, 2, 29)
        );
        assert_eq!(
            Date::new(2025, 12, 31).unwrap().add_days(1),
            Date::new(2026, 1, 1)
        );
        assert_eq!(Date::new(1, 1, 1).unwrap().add_days(-1), None);
        for days in [-700_000, -1, 0, 59, 20_000, 2_000_000] {
            let date = Date::from_day_number(days).unwrap();
            assert_eq!(date.day_number(), days);
        }
    }
}
