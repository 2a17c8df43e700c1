//! How long an agency has to answer. A service's term is its catalogue entry's working days;
//! an appeal's is 15 days by the law on appeals, extended once to 30 when it needs further
//! study. Terms are counted in Uzbekistan's time from the day after the submission, and a
//! submission is overdue from the start of the day after its last day.

use time::{Date, Duration, OffsetDateTime, Time, Weekday};

use crate::UZBEKISTAN;

/// An appeal's term in days, and the term once it is extended for further study.
pub const APPEAL_DAYS: u32 = 15;
pub const APPEAL_EXTENDED_DAYS: u32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// Working days (Monday to Friday) after the day of submission; 0 is that same day.
    /// Public holidays are not taken out.
    WorkingDays(u32),
    /// Calendar days after the day of submission.
    Days(u32),
}

impl Term {
    /// The last day of the term for something submitted at `submitted`, in Uzbekistan.
    pub fn last_day(self, submitted: OffsetDateTime) -> Date {
        let day = submitted.to_offset(UZBEKISTAN).date();
        match self {
            Term::Days(days) => day.saturating_add(Duration::days(i64::from(days))),
            Term::WorkingDays(days) => {
                let mut last = day;
                let mut left = days;
                while left > 0 {
                    last = last.saturating_add(Duration::DAY);
                    if !matches!(last.weekday(), Weekday::Saturday | Weekday::Sunday) {
                        left -= 1;
                    }
                }
                last
            }
        }
    }

    /// When something submitted at `submitted` becomes overdue: the start of the day after
    /// its last day, in Uzbekistan, as Unix milliseconds.
    pub fn overdue_from_ms(self, submitted: OffsetDateTime) -> i64 {
        let next_day = self.last_day(submitted).saturating_add(Duration::DAY);
        let start = next_day.with_time(Time::MIDNIGHT).assume_offset(UZBEKISTAN);
        i64::try_from(start.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn an_appeal_has_fifteen_calendar_days_from_the_next_day() {
        // Friday 4 December 2026, 23:30 in Tashkent (18:30 UTC).
        let submitted = datetime!(2026-12-04 18:30 UTC);
        assert_eq!(
            Term::Days(APPEAL_DAYS).last_day(submitted),
            date!(2026 - 12 - 19)
        );
        assert_eq!(
            Term::Days(APPEAL_EXTENDED_DAYS).last_day(submitted),
            date!(2027 - 01 - 03)
        );
    }

    #[test]
    fn the_day_is_uzbekistans_not_utcs() {
        // 20:00 UTC on Friday is already Saturday 01:00 in Tashkent.
        let submitted = datetime!(2026-12-04 20:00 UTC);
        assert_eq!(Term::Days(0).last_day(submitted), date!(2026 - 12 - 05));
    }

    #[test]
    fn working_days_skip_weekends() {
        // Thursday 3 December 2026.
        let thursday = datetime!(2026-12-03 09:00 +5);
        assert_eq!(
            Term::WorkingDays(0).last_day(thursday),
            date!(2026 - 12 - 03)
        );
        assert_eq!(
            Term::WorkingDays(1).last_day(thursday),
            date!(2026 - 12 - 04)
        );
        assert_eq!(
            Term::WorkingDays(2).last_day(thursday),
            date!(2026 - 12 - 07)
        );
        assert_eq!(
            Term::WorkingDays(10).last_day(thursday),
            date!(2026 - 12 - 17)
        );
        // Submitted on a Saturday, the first working day is Monday.
        let saturday = datetime!(2026-12-05 10:00 +5);
        assert_eq!(
            Term::WorkingDays(1).last_day(saturday),
            date!(2026 - 12 - 07)
        );
    }

    #[test]
    fn overdue_starts_at_midnight_in_tashkent_after_the_last_day() {
        let submitted = datetime!(2026-12-03 09:00 +5);
        // Last day Friday 4 December; overdue from Saturday 00:00 in Tashkent = 19:00 UTC.
        let overdue = Term::WorkingDays(1).overdue_from_ms(submitted);
        let expected = datetime!(2026-12-04 19:00 UTC).unix_timestamp() * 1000;
        assert_eq!(overdue, expected);
    }
}
