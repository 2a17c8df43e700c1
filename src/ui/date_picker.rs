//! The date picker's arithmetic: a day, month or year moved by a step. Days and months turn
//! round within their month and year, as the wheels of a paper calendar do; the day is kept
//! inside a shorter month. No state, no I/O.

use time::{Date, Month};

/// The part of a date one step button moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

impl DatePart {
    /// The part a picker's button names: `day`, `month` or `year`.
    pub fn named(name: &str) -> Option<DatePart> {
        match name {
            "day" => Some(DatePart::Day),
            "month" => Some(DatePart::Month),
            "year" => Some(DatePart::Year),
            _ => None,
        }
    }
}

/// The earliest and latest years the picker reaches.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// `date` with `part` moved by `delta` steps.
pub fn stepped(date: Date, part: DatePart, delta: i32) -> Date {
    let (mut year, mut month, mut day) = (date.year(), date.month(), date.day());
    match part {
        DatePart::Day => {
            let days = i32::from(date.month().length(year));
            let turned = (i32::from(day) - 1 + delta).rem_euclid(days) + 1;
            day = u8::try_from(turned).unwrap_or(day);
        }
        DatePart::Month => {
            let turned = (i32::from(u8::from(month)) - 1 + delta).rem_euclid(12) + 1;
            month = u8::try_from(turned)
                .ok()
                .and_then(|number| Month::try_from(number).ok())
                .unwrap_or(month);
        }
        DatePart::Year => year = (year + delta).clamp(*YEARS.start(), *YEARS.end()),
    }
    let day = day.min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn days_and_months_turn_round_within_their_month_and_year() {
        assert_eq!(
            stepped(date!(2026 - 12 - 31), DatePart::Day, 1),
            date!(2026 - 12 - 01)
        );
        assert_eq!(
            stepped(date!(2026 - 02 - 01), DatePart::Day, -1),
            date!(2026 - 02 - 28)
        );
        assert_eq!(
            stepped(date!(2026 - 12 - 13), DatePart::Month, 1),
            date!(2026 - 01 - 13)
        );
        assert_eq!(
            stepped(date!(2026 - 01 - 13), DatePart::Month, -1),
            date!(2026 - 12 - 13)
        );
    }

    #[test]
    fn the_day_stays_inside_a_shorter_month() {
        assert_eq!(
            stepped(date!(2026 - 01 - 31), DatePart::Month, 1),
            date!(2026 - 02 - 28)
        );
        assert_eq!(
            stepped(date!(2024 - 02 - 29), DatePart::Year, 1),
            date!(2025 - 02 - 28)
        );
    }

    #[test]
    fn years_move_by_tens_and_stop_at_the_ends() {
        assert_eq!(
            stepped(date!(2026 - 06 - 15), DatePart::Year, -10),
            date!(2016 - 06 - 15)
        );
        assert_eq!(
            stepped(date!(1905 - 06 - 15), DatePart::Year, -10),
            date!(1900 - 06 - 15)
        );
    }
}
