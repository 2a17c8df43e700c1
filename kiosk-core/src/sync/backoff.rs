//! Full-jitter exponential backoff: the n-th retry waits `random(0, min(cap, base·2^n))`, and
//! the first attempt after connectivity returns waits `random(0, first)`, so thousands of
//! terminals coming back after a regional outage do not arrive at the same instant.

use std::time::Duration;

use rand::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
    /// The spread of the first attempt after a failure-free start or a reconnect.
    pub first: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_secs(2),
            cap: Duration::from_secs(15 * 60),
            first: Duration::from_secs(30),
        }
    }
}

impl Backoff {
    /// The ceiling of the wait after `failures` consecutive failures (1 or more).
    pub fn ceiling(&self, failures: u32) -> Duration {
        let exponent = failures.saturating_sub(1).min(30);
        self.base.saturating_mul(1u32 << exponent).min(self.cap)
    }

    /// The wait after `failures` consecutive failures, never shorter than the portal's
    /// `Retry-After`.
    pub fn delay(&self, failures: u32, retry_after: Option<Duration>) -> Duration {
        let jittered = uniform(self.ceiling(failures));
        retry_after.map_or(jittered, |at_least| jittered.max(at_least))
    }

    /// The wait before the first attempt.
    pub fn first_attempt(&self) -> Duration {
        uniform(self.first)
    }
}

fn uniform(ceiling: Duration) -> Duration {
    let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(rand::rng().random_range(0..=millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ceiling_doubles_up_to_the_cap_and_jitter_stays_under_it() {
        let backoff = Backoff::default();
        assert_eq!(backoff.ceiling(1), Duration::from_secs(2));
        assert_eq!(backoff.ceiling(2), Duration::from_secs(4));
        assert_eq!(backoff.ceiling(5), Duration::from_secs(32));
        assert_eq!(backoff.ceiling(40), backoff.cap);
        for failures in 1..20 {
            assert!(backoff.delay(failures, None) <= backoff.ceiling(failures));
        }
        let retry_after = Duration::from_secs(120);
        assert!(backoff.delay(1, Some(retry_after)) >= retry_after);
        assert!(backoff.first_attempt() <= backoff.first);
    }

    #[test]
    fn jitter_spreads() {
        let backoff = Backoff::default();
        let delays: std::collections::HashSet<_> =
            (0..50).map(|_| backoff.delay(8, None)).collect();
        assert!(delays.len() > 40, "full jitter gives distinct delays");
    }
}
