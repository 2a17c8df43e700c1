//! The wall clock as Unix milliseconds and RFC 3339.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Milliseconds since the Unix epoch by this machine's clock.
pub fn now_ms() -> i64 {
    let millis = OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000;
    i64::try_from(millis).unwrap_or(i64::MAX)
}

/// `ms` as RFC 3339 UTC; the Unix epoch if out of range.
pub fn rfc3339(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_read_back_as_the_same_instant() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_780_000_000_123), "2026-05-28T20:26:40.123Z");
        assert_eq!(rfc3339(i64::MAX), "1970-01-01T00:00:00Z");
        assert!(now_ms() > 1_780_000_000_000);
    }
}
