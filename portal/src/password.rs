//! Dashboard passwords checked with bounded work and memory. An argon2 check takes about
//! 19 MiB and a core for a moment; only a few run at once (beyond them a sign-in is answered
//! "busy" at once), and each runs in a memory area kept for the next one. Left to the
//! allocator, every check on a new blocking thread left its 19 MiB behind in that thread's
//! arena, and a flood of sign-ins grew the portal by hundreds of MiB.

use std::sync::Mutex;

use argon2::password_hash::{Output, PasswordHash};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{Semaphore, SemaphorePermit};

pub struct PasswordChecks {
    permits: Semaphore,
    /// One more check, kept for sign-ins from browsers where staff signed in before.
    kept_for_known: Semaphore,
    /// Memory areas not in use; at most as many as checks at once.
    areas: Mutex<Vec<Vec<Block>>>,
}

/// The right to run one check now.
pub struct Slot<'a> {
    _permit: SemaphorePermit<'a>,
    checks: &'a PasswordChecks,
}

impl PasswordChecks {
    /// Checks `at_once` passwords at a time (one a core is enough to keep every core busy).
    pub fn new(at_once: usize) -> PasswordChecks {
        PasswordChecks {
            permits: Semaphore::new(at_once),
            kept_for_known: Semaphore::new(1),
            areas: Mutex::new(Vec::new()),
        }
    }

    /// Whether a check could start now (for a known browser: also in the slot kept for
    /// them); the answer may be stale by the time one starts.
    pub fn has_room(&self, known: bool) -> bool {
        self.permits.available_permits() > 0
            || (known && self.kept_for_known.available_permits() > 0)
    }

    /// A slot for one check, or `None` when as many as allowed are running.
    pub fn try_start(&self) -> Option<Slot<'_>> {
        let permit = self.permits.try_acquire().ok()?;
        Some(Slot {
            _permit: permit,
            checks: self,
        })
    }

    /// A slot for a sign-in from a known browser: the one kept for them, else a common one.
    pub fn try_start_known(&self) -> Option<Slot<'_>> {
        match self.kept_for_known.try_acquire() {
            Ok(permit) => Some(Slot {
                _permit: permit,
                checks: self,
            }),
            Err(_) => self.try_start(),
        }
    }

    fn take_area(&self) -> Vec<Block> {
        match self.areas.lock() {
            Ok(mut areas) => areas.pop(),
            Err(poisoned) => poisoned.into_inner().pop(),
        }
        .unwrap_or_default()
    }

    fn give_back(&self, area: Vec<Block>) {
        match self.areas.lock() {
            Ok(mut areas) => areas.push(area),
            Err(poisoned) => poisoned.into_inner().push(area),
        }
    }
}

impl Slot<'_> {
    /// Whether `password` matches the argon2 PHC string `hash`; false for a hash that does not
    /// parse. Runs on a blocking thread.
    pub async fn verify(&self, hash: String, password: String) -> bool {
        let area = self.checks.take_area();
        let checked = tokio::task::spawn_blocking(move || {
            let mut area = area;
            let matches = matches(&hash, password.as_bytes(), &mut area);
            (matches, area)
        })
        .await;
        match checked {
            Ok((matches, area)) => {
                self.checks.give_back(area);
                matches
            }
            Err(_) => false,
        }
    }
}

/// The argon2 check of `password` against `hash`, in `area` (grown when too small).
fn matches(hash: &str, password: &[u8], area: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(expected), Some(salt)) = (parsed.hash, parsed.salt) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from);
    let Ok(version) = version else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    if area.len() < params.block_count() {
        area.resize(params.block_count(), Block::default());
    }
    let blocks = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    argon2
        .hash_password_into_with_memory(password, salt, &mut out, &mut area[..blocks])
        .is_ok()
        && Output::new(&out).is_ok_and(|computed| computed == expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::PasswordHasher;
    use argon2::password_hash::SaltString;
    use argon2::password_hash::rand_core::OsRng;

    #[tokio::test]
    async fn a_password_is_checked_against_its_hash_in_a_kept_area() {
        let hash = Argon2::default()
            .hash_password(b"toshkent-2026!", &SaltString::generate(&mut OsRng))
            .expect("hash")
            .to_string();
        let checks = PasswordChecks::new(1);
        let slot = checks.try_start().expect("a slot");
        assert!(checks.try_start().is_none(), "one check at a time");
        assert!(!checks.has_room(false) && checks.has_room(true));
        let known = checks
            .try_start_known()
            .expect("the slot kept for known browsers");
        assert!(checks.try_start_known().is_none());
        drop(known);
        assert!(slot.verify(hash.clone(), "toshkent-2026!".into()).await);
        assert!(!slot.verify(hash.clone(), "toshkent-2027!".into()).await);
        assert!(!slot.verify("not a hash".into(), "x".into()).await);
        drop(slot);
        assert_eq!(
            checks.areas.lock().expect("lock").len(),
            1,
            "the area is kept"
        );
    }
}
