//! The terminal's one clock: the system clock corrected by the offset learned from the
//! portal's answers, kept in `sync_state` across restarts. A terminal without a clock
//! battery may boot years off; everything a person sees or the terminal schedules reads
//! this clock: receipt dates, "today" in form checks, `created_at`, retry times, the PIN
//! lockout, the day's and the week's counts. Before the first answer from a portal the
//! offset is 0: the system clock as it is.

use mahalla_protocol::UZBEKISTAN;
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime};

use super::{Store, StoreError};

impl Store {
    /// The offset in milliseconds added to the system clock.
    pub fn clock_offset_ms(&self) -> Result<i64, StoreError> {
        Ok(self
            .connection
            .prepare_cached("SELECT clock_offset_ms FROM sync_state WHERE id = 1")?
            .query_row([], |row| row.get(0))?)
    }

    /// Now, by the corrected clock.
    pub fn now(&self) -> Result<OffsetDateTime, StoreError> {
        Ok(corrected(
            OffsetDateTime::now_utc(),
            self.clock_offset_ms()?,
        ))
    }

    /// Now in Unix milliseconds, by the corrected clock.
    pub fn now_ms(&self) -> Result<i64, StoreError> {
        let now = self.now()?;
        Ok(i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX))
    }

    /// Today in Uzbekistan, by the corrected clock.
    pub fn today(&self) -> Result<Date, StoreError> {
        Ok(self.now()?.to_offset(UZBEKISTAN).date())
    }

    /// Now as stored: RFC 3339, UTC, by the corrected clock.
    pub(crate) fn now_text(&self) -> Result<String, StoreError> {
        self.now()?
            .format(&Rfc3339)
            .map_err(|error| StoreError::Corrupt(format!("the clock: {error}")))
    }
}

/// `system` moved by `offset_ms`; an offset beyond the calendar leaves it as it is.
pub fn corrected(system: OffsetDateTime, offset_ms: i64) -> OffsetDateTime {
    system
        .checked_add(Duration::milliseconds(offset_ms))
        .unwrap_or(system)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learned_offset_moves_every_reading_and_survives_reopening() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("open");
        let three_years_ms = 3 * 365 * 24 * 3_600_000_i64;
        store.set_clock_offset(three_years_ms).expect("offset");
        drop(store);
        let store = Store::open(dir.path()).expect("reopen");
        let ahead = store.now().expect("now") - OffsetDateTime::now_utc();
        assert!((ahead.whole_days() - 3 * 365).abs() <= 1, "{ahead}");
        let today = OffsetDateTime::now_utc().to_offset(UZBEKISTAN).date();
        assert!(store.today().expect("today") - today >= Duration::days(3 * 365 - 1));
    }
}
