//! Replay protection for signed requests: a nonce is accepted once per device within the
//! timestamp window. The cache lives in memory; a request signed before the portal started is
//! refused as clock skew, so a restart cannot reopen the window for old requests (the terminal
//! simply signs again).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use mahalla_protocol::signing::TIMESTAMP_WINDOW_MS;

pub struct NonceCache {
    started_ms: i64,
    inner: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    keys: HashMap<(String, String), i64>,
    by_time: VecDeque<(i64, (String, String))>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Fresh,
    Replayed,
    /// Signed before the portal started: the cache cannot vouch for it.
    BeforeStart,
}

impl NonceCache {
    pub fn new(started_ms: i64) -> NonceCache {
        NonceCache {
            started_ms,
            inner: Mutex::new(Seen::default()),
        }
    }

    /// Records `nonce` for `device` (whose timestamp already passed the window check).
    pub fn check(&self, device: &str, nonce: &str, timestamp_ms: i64, now_ms: i64) -> Freshness {
        if timestamp_ms < self.started_ms {
            return Freshness::BeforeStart;
        }
        let mut seen = match self.inner.lock() {
            Ok(seen) => seen,
            Err(poisoned) => poisoned.into_inner(),
        };
        let horizon = now_ms.saturating_sub(2 * TIMESTAMP_WINDOW_MS);
        while seen.by_time.front().is_some_and(|(at, _)| *at < horizon) {
            if let Some((_, key)) = seen.by_time.pop_front() {
                seen.keys.remove(&key);
            }
        }
        let key = (device.to_owned(), nonce.to_owned());
        if seen.keys.contains_key(&key) {
            return Freshness::Replayed;
        }
        seen.keys.insert(key.clone(), now_ms);
        seen.by_time.push_back((now_ms, key));
        Freshness::Fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_accepted_once() {
        let cache = NonceCache::new(1_000);
        assert_eq!(cache.check("D", "n1", 2_000, 2_000), Freshness::Fresh);
        assert_eq!(cache.check("D", "n1", 2_000, 2_001), Freshness::Replayed);
        assert_eq!(cache.check("E", "n1", 2_000, 2_001), Freshness::Fresh);
        assert_eq!(cache.check("D", "n2", 999, 2_001), Freshness::BeforeStart);
    }

    #[test]
    fn old_entries_are_forgotten_after_the_window() {
        let cache = NonceCache::new(0);
        assert_eq!(cache.check("D", "n", 10, 10), Freshness::Fresh);
        let later = 10 + 2 * TIMESTAMP_WINDOW_MS + 1;
        assert_eq!(cache.check("D", "m", later, later), Freshness::Fresh);
        let seen = cache.inner.lock().expect("lock");
        assert_eq!(seen.keys.len(), 1);
    }
}
