//! Mahalla staff on this terminal: their PINs as argon2id hashes, sign-in with the lockout
//! that grows after repeated wrong PINs, each attempt in the audit log.

use std::time::Duration;

use argon2::password_hash::SaltString;
use argon2::password_hash::rand_core::OsRng;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::{Store, StoreError, audit};
use crate::staff::{self, PinError};

/// A staff member as the terminal shows them; the hash never leaves the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffMember {
    pub id: u32,
    pub name: String,
    pub created_at: String,
}

impl StaffMember {
    /// How the audit log names them.
    pub fn actor(&self) -> String {
        format!("staff:{}", self.id)
    }
}

/// What a PIN entry led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    Accepted(StaffMember),
    /// Wrong PIN. `locked_for` is set once this failure started a lockout.
    Rejected {
        tries_left: u32,
        locked_for: Option<Duration>,
    },
    /// The PIN was not even checked: the pad is locked for this long still.
    LockedOut {
        remaining: Duration,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("{0}")]
    Pin(#[from] PinError),
    #[error("a staff member needs a name")]
    NameEmpty,
    #[error("there is already a staff member called {0:?}")]
    NameTaken(String),
    #[error("there is no staff member called {0:?}")]
    Unknown(String),
    #[error("cannot hash the PIN: {0}")]
    Hash(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for StaffError {
    fn from(error: rusqlite::Error) -> Self {
        StaffError::Store(StoreError::Sqlite(error))
    }
}

/// A staff member from a row whose first columns are `id, name, created_at`.
fn member(row: &rusqlite::Row<'_>) -> rusqlite::Result<StaffMember> {
    Ok(StaffMember {
        id: row.get(0)?,
        name: row.get(1)?,
        created_at: row.get(2)?,
    })
}

fn hash_pin(pin: &str) -> Result<String, StaffError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| StaffError::Hash(error.to_string()))
}

fn pin_matches(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &hash)
            .is_ok()
    })
}

impl Store {
    /// Every staff member, in the order they were added.
    pub fn staff(&self) -> Result<Vec<StaffMember>, StoreError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT id, name, created_at FROM staff ORDER BY id")?;
        let rows = statement.query_map([], member)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a staff member with their first PIN. `actor` is who did it, for the audit log.
    pub fn add_staff(
        &mut self,
        name: &str,
        pin: &str,
        actor: &str,
    ) -> Result<StaffMember, StaffError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StaffError::NameEmpty);
        }
        staff::check_new_pin(pin)?;
        let hash = hash_pin(pin)?;
        let now = self.now_text()?;
        self.with_pins_checked(pin, None, |transaction| {
            let taken: bool = transaction.query_row(
                "SELECT count(*) > 0 FROM staff WHERE name = ?1",
                params![name],
                |row| row.get(0),
            )?;
            if taken {
                return Err(StaffError::NameTaken(name.to_owned()));
            }
            transaction.execute(
                "INSERT INTO staff (name, pin_hash, created_at, pin_set_at) VALUES (?1, ?2, ?3, ?3)",
                params![name, hash, now],
            )?;
            let id = u32::try_from(transaction.last_insert_rowid())
                .map_err(|_| StoreError::Corrupt("staff id out of range".to_owned()))?;
            audit::record(transaction, &now, actor, "staff.added", &id.to_string())?;
            Ok(StaffMember {
                id,
                name: name.to_owned(),
                created_at: now.clone(),
            })
        })
    }

    /// Gives the staff member called `name` a new PIN.
    pub fn set_staff_pin(
        &mut self,
        name: &str,
        pin: &str,
        actor: &str,
    ) -> Result<StaffMember, StaffError> {
        staff::check_new_pin(pin)?;
        let hash = hash_pin(pin)?;
        let now = self.now_text()?;
        let member = self
            .connection
            .query_row(
                "SELECT id, name, created_at FROM staff WHERE name = ?1",
                params![name.trim()],
                member,
            )
            .optional()?
            .ok_or_else(|| StaffError::Unknown(name.trim().to_owned()))?;
        self.with_pins_checked(pin, Some(member.id), |transaction| {
            let changed = transaction.execute(
                "UPDATE staff SET pin_hash = ?2, pin_set_at = ?3 WHERE id = ?1",
                params![member.id, hash, now],
            )?;
            if changed == 0 {
                return Err(StaffError::Unknown(member.name.clone()));
            }
            audit::record(
                transaction,
                &now,
                actor,
                "staff.pin-changed",
                &member.id.to_string(),
            )?;
            Ok(member.clone())
        })
    }

    /// Runs `change` in a write transaction, and commits it, once no staff member but
    /// `except` signs in with `pin` (two equal PINs would make a sign-in ambiguous). The PIN
    /// is compared with every hash (argon2, slow on purpose) before the transaction, so the
    /// print and sync workers never wait for it; inside it the hashes are read again, and the
    /// comparison runs again if someone changed them in between.
    fn with_pins_checked<R>(
        &mut self,
        pin: &str,
        except: Option<u32>,
        change: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<R, StaffError>,
    ) -> Result<R, StaffError> {
        let mut checked = staff_hashes(&self.connection)?;
        loop {
            if checked
                .iter()
                .any(|(id, hash)| Some(*id) != except && pin_matches(pin, hash))
            {
                return Err(PinError::Taken.into());
            }
            let transaction = self
                .connection
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let now = staff_hashes(&transaction)?;
            if now == checked {
                let changed = change(&transaction)?;
                transaction.commit()?;
                return Ok(changed);
            }
            checked = now;
        }
    }

    /// Checks a PIN typed on the pad at `now_ms` (Unix ms). While locked, the PIN is not
    /// checked at all. A lockout longer than the rule allows (the clock went back) is cut to
    /// what the rule gives.
    ///
    /// The PIN is compared with the hashes (argon2, slow on purpose) outside any transaction;
    /// the outcome is recorded in a short one that looks at the lockout again, so a pad locked
    /// in the meantime stays locked and a PIN changed in the meantime no longer counts.
    pub fn sign_in(&mut self, pin: &str, now_ms: i64) -> Result<SignIn, StoreError> {
        let (failures, locked_until_ms) = lockout(&self.connection)?;
        let matched = if locked_for_now(failures, locked_until_ms, now_ms).is_some() {
            None
        } else {
            let candidates: Vec<(StaffMember, String)> = {
                let mut statement = self
                    .connection
                    .prepare_cached("SELECT id, name, created_at, pin_hash FROM staff")?;
                let rows =
                    statement.query_map([], |row| Ok((member(row)?, row.get::<_, String>(3)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            candidates
                .into_iter()
                .find(|(_, hash)| pin_matches(pin, hash))
        };
        let now = self.now_text()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (failures, locked_until_ms) = lockout(&transaction)?;
        if let Some(remaining) = locked_for_now(failures, locked_until_ms, now_ms) {
            audit::record(&transaction, &now, "unknown", "staff.sign-in-locked", "")?;
            transaction.commit()?;
            return Ok(SignIn::LockedOut { remaining });
        }
        let still_valid = match &matched {
            Some((member, hash)) => transaction
                .query_row(
                    "SELECT pin_hash = ?2 FROM staff WHERE id = ?1",
                    params![member.id, hash],
                    |row| row.get::<_, bool>(0),
                )
                .optional()?
                .unwrap_or(false),
            None => false,
        };
        let outcome = match matched {
            Some((member, _)) if still_valid => {
                transaction.execute(
                    "UPDATE pin_lockout SET failures = 0, locked_until_ms = NULL WHERE id = 1",
                    [],
                )?;
                audit::record(&transaction, &now, &member.actor(), "staff.signed-in", "")?;
                SignIn::Accepted(member)
            }
            _ => {
                let failures = failures.saturating_add(1);
                let locked_for = staff::lockout_after(failures);
                let until = locked_for.map(|lock| {
                    now_ms.saturating_add(i64::try_from(lock.as_millis()).unwrap_or(i64::MAX))
                });
                transaction.execute(
                    "UPDATE pin_lockout SET failures = ?1, locked_until_ms = ?2 WHERE id = 1",
                    params![failures, until],
                )?;
                audit::record(
                    &transaction,
                    &now,
                    "unknown",
                    "staff.sign-in-failed",
                    &format!("{failures} in a row"),
                )?;
                SignIn::Rejected {
                    tries_left: staff::tries_before_lockout(failures),
                    locked_for,
                }
            }
        };
        transaction.commit()?;
        Ok(outcome)
    }
}

/// The PIN pad's count of wrong PINs in a row and the end of its lockout.
fn lockout(connection: &rusqlite::Connection) -> Result<(u32, Option<i64>), StoreError> {
    Ok(connection.query_row(
        "SELECT failures, locked_until_ms FROM pin_lockout WHERE id = 1",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}

/// How long the pad stays locked at `now_ms`, if it is locked. A lockout longer than the rule
/// allows (the clock went back) is cut to what the rule gives.
fn locked_for_now(failures: u32, locked_until_ms: Option<i64>, now_ms: i64) -> Option<Duration> {
    let until = locked_until_ms.filter(|until| *until > now_ms)?;
    let left = Duration::from_millis(u64::try_from(until - now_ms).unwrap_or(u64::MAX));
    let remaining = left.min(staff::lockout_after(failures).unwrap_or_default());
    (!remaining.is_zero()).then_some(remaining)
}

/// Every staff member's id and PIN hash.
fn staff_hashes(connection: &rusqlite::Connection) -> Result<Vec<(u32, String)>, StoreError> {
    let mut statement = connection.prepare_cached("SELECT id, pin_hash FROM staff ORDER BY id")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const MINUTE_MS: i64 = 60_000;

    fn store_with_staff() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        store
            .add_staff("Dilnoza Karimova", "2580", "technician")
            .expect("first staff member");
        (dir, store)
    }

    /// Runs `slow` on another thread while this one tries a write on its own connection
    /// without waiting (busy timeout 0), as the print and sync workers write; returns how
    /// many tries there were and how many found the database locked.
    fn writes_during(dir: &Path, slow: impl FnOnce() + Send + 'static) -> (u32, u32) {
        let probe = rusqlite::Connection::open(dir.join(super::super::DATABASE_FILE))
            .expect("probe connection");
        probe
            .busy_timeout(std::time::Duration::ZERO)
            .expect("no waiting");
        let running = std::thread::spawn(slow);
        let (mut tries, mut locked) = (0, 0);
        while !running.is_finished() {
            tries += 1;
            if probe
                .execute_batch("BEGIN IMMEDIATE; UPDATE pin_lockout SET id = 1; COMMIT;")
                .is_err()
            {
                locked += 1;
                let _ = probe.execute_batch("ROLLBACK");
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        running.join().expect("the slow part");
        (tries, locked)
    }

    #[test]
    fn the_pin_check_does_not_hold_the_write_lock() {
        let (dir, mut store) = store_with_staff();
        for (name, pin) in [("Aziz Rahimov", "7391"), ("Nodira Yusupova", "4826")] {
            store.add_staff(name, pin, "technician").expect("staff");
        }
        let (tries, locked) = writes_during(dir.path(), move || {
            let outcome = store.sign_in("9135", 0).expect("sign in");
            assert!(matches!(outcome, SignIn::Rejected { .. }));
            store
                .add_staff("Bobur Aliyev", "6048", "technician")
                .expect("a fourth member");
        });
        assert!(tries >= 10, "the checks took {tries} tries");
        assert!(
            locked * 5 < tries,
            "writers found the database locked {locked} times of {tries}"
        );
    }

    #[test]
    fn the_right_pin_signs_in_and_the_hash_is_argon2id() {
        let (_dir, mut store) = store_with_staff();
        let outcome = store.sign_in("2580", 0).expect("sign in");
        let SignIn::Accepted(member) = outcome else {
            panic!("not accepted: {outcome:?}");
        };
        assert_eq!(member.name, "Dilnoza Karimova");
        let hash: String = store
            .connection
            .query_row("SELECT pin_hash FROM staff", [], |row| row.get(0))
            .expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("2580"));
    }

    #[test]
    fn five_wrong_pins_lock_the_pad_and_the_lockout_grows() {
        let (_dir, mut store) = store_with_staff();
        for try_number in 1..=4 {
            assert_eq!(
                store.sign_in("1111", 0).expect("sign in"),
                SignIn::Rejected {
                    tries_left: 5 - try_number,
                    locked_for: None
                }
            );
        }
        assert_eq!(
            store.sign_in("1111", 0).expect("fifth"),
            SignIn::Rejected {
                tries_left: 0,
                locked_for: Some(Duration::from_secs(30))
            }
        );
        // Locked: even the right PIN is not checked.
        assert_eq!(
            store.sign_in("2580", 10_000).expect("while locked"),
            SignIn::LockedOut {
                remaining: Duration::from_secs(20)
            }
        );
        // After the lockout, one more wrong PIN locks for twice as long.
        assert_eq!(
            store.sign_in("1111", MINUTE_MS).expect("sixth"),
            SignIn::Rejected {
                tries_left: 0,
                locked_for: Some(Duration::from_secs(60))
            }
        );
        // A restart keeps the count: the lockout is in the database.
        let reopened = Store::open(_dir.path()).expect("reopen");
        drop(store);
        let mut store = reopened;
        assert!(matches!(
            store.sign_in("2580", MINUTE_MS + 30_000).expect("locked"),
            SignIn::LockedOut { .. }
        ));
        // The right PIN after the lockout signs in and clears the count.
        assert!(matches!(
            store.sign_in("2580", 3 * MINUTE_MS).expect("right pin"),
            SignIn::Accepted(_)
        ));
        assert_eq!(
            store.sign_in("1111", 3 * MINUTE_MS).expect("fresh count"),
            SignIn::Rejected {
                tries_left: 4,
                locked_for: None
            }
        );
        let actions: Vec<String> = store
            .recent_audit(100)
            .expect("audit")
            .into_iter()
            .map(|entry| entry.action)
            .collect();
        assert_eq!(
            actions
                .iter()
                .filter(|a| *a == "staff.sign-in-failed")
                .count(),
            7
        );
        assert_eq!(
            actions
                .iter()
                .filter(|a| *a == "staff.sign-in-locked")
                .count(),
            2
        );
    }

    #[test]
    fn a_clock_that_went_back_cannot_lock_for_longer_than_the_rule() {
        let (_dir, mut store) = store_with_staff();
        let late = 1_000 * MINUTE_MS;
        for _ in 0..5 {
            store.sign_in("1111", late).expect("wrong pin");
        }
        // The clock is reset to zero (no battery): 30 s at most remain, not 1000 minutes.
        assert_eq!(
            store.sign_in("2580", 0).expect("locked"),
            SignIn::LockedOut {
                remaining: Duration::from_secs(30)
            }
        );
    }

    #[test]
    fn names_and_pins_are_unique_and_pins_follow_the_rules() {
        let (_dir, mut store) = store_with_staff();
        assert!(matches!(
            store.add_staff("Dilnoza Karimova", "7391", "technician"),
            Err(StaffError::NameTaken(_))
        ));
        assert!(matches!(
            store.add_staff("Aziz Rahimov", "2580", "technician"),
            Err(StaffError::Pin(PinError::Taken))
        ));
        assert!(matches!(
            store.add_staff("Aziz Rahimov", "1234", "technician"),
            Err(StaffError::Pin(PinError::TooSimple))
        ));
        assert!(matches!(
            store.add_staff("  ", "7391", "technician"),
            Err(StaffError::NameEmpty)
        ));
        store
            .add_staff("Aziz Rahimov", "7391", "technician")
            .expect("second");
        store
            .set_staff_pin("Aziz Rahimov", "4826", "staff:1")
            .expect("new pin");
        assert!(matches!(
            store.sign_in("7391", 0).expect("old pin"),
            SignIn::Rejected { .. }
        ));
        assert!(matches!(
            store.sign_in("4826", 0).expect("new pin"),
            SignIn::Accepted(StaffMember { id: 2, .. })
        ));
        assert!(matches!(
            store.set_staff_pin("Nobody", "4826", "staff:1"),
            Err(StaffError::Unknown(_))
        ));
        assert_eq!(store.staff().expect("list").len(), 2);
    }
}
