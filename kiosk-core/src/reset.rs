//! Factory reset of a terminal's data dir: the database (with its WAL and shared memory), the
//! device key, the sender lock and the virtual printer's receipts. It needs a staff PIN
//! (none while the terminal has no staff) and a confirmation, and it refuses while
//! submissions are undelivered: losing them takes naming their exact number.
//!
//! The sender lock is held from [`FactoryReset::open`] to the end, so no sync runs meanwhile;
//! a running kiosk holds that lock once enrolled, and the reset then refuses.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::device_key::KEY_FILE;
use crate::printer::service::DEMO_RECEIPTS_DIR;
use crate::printer::worker::PRINT_LOCK_FILE;
use crate::store::{DATABASE_FILE, SignIn, Store, StoreError};
use crate::sync::{self, LOCK_FILE, SyncError};

/// The word to type to confirm a reset.
pub const CONFIRMATION_WORD: &str = "RESET";

#[derive(Debug, thiserror::Error)]
pub enum ResetError {
    #[error(
        "{count} submissions are not delivered to the portal yet and a reset would lose them: \
         sync first (`kioskctl sync --once`), or give --force-lose-data {count}"
    )]
    Undelivered { count: u64 },
    #[error(
        "--force-lose-data {given} does not match: a reset would lose {actual} undelivered \
         submissions"
    )]
    WrongCount { given: u64, actual: u64 },
    #[error("a staff PIN is needed")]
    PinRequired,
    #[error("wrong PIN{}", wrong_pin_detail(*tries_left, *locked_for))]
    WrongPin {
        tries_left: u32,
        locked_for: Option<Duration>,
    },
    #[error("the PIN pad is locked for {} s more", remaining.as_secs().max(1))]
    LockedOut { remaining: Duration },
    #[error("not confirmed: type {CONFIRMATION_WORD} to reset")]
    NotConfirmed,
    #[error("the kiosk or a sync is running on this data dir: stop it first")]
    Running,
    #[error("{0}")]
    Lock(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot remove {path}: {source}")]
    Remove {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn wrong_pin_detail(tries_left: u32, locked_for: Option<Duration>) -> String {
    match locked_for {
        Some(lock) => format!("; the PIN pad is locked for {} s", lock.as_secs()),
        None => format!("; {tries_left} tries before the PIN pad locks"),
    }
}

/// Whether a reset may go ahead with `undelivered` items at stake: only with none, or with
/// `force_lose_data` naming exactly that many. A number given when it does not match is
/// refused even when nothing is at stake, so a stale number never passes.
pub fn loss_allowed(undelivered: u64, force_lose_data: Option<u64>) -> Result<(), ResetError> {
    match force_lose_data {
        Some(given) if given != undelivered => Err(ResetError::WrongCount {
            given,
            actual: undelivered,
        }),
        Some(_) => Ok(()),
        None if undelivered > 0 => Err(ResetError::Undelivered { count: undelivered }),
        None => Ok(()),
    }
}

/// Proof that someone allowed to reset the terminal said so; only [`FactoryReset::authorise`]
/// makes one.
#[derive(Debug)]
pub struct Authorised {
    actor: String,
}

/// Proof that the reset was confirmed.
#[derive(Debug)]
pub struct Confirmed(());

impl Confirmed {
    /// Checks the typed word.
    pub fn by_word(word: &str) -> Result<Confirmed, ResetError> {
        if word.trim() == CONFIRMATION_WORD {
            Ok(Confirmed(()))
        } else {
            Err(ResetError::NotConfirmed)
        }
    }

    /// Confirmed beforehand on the command line (`--yes`).
    pub fn beforehand() -> Confirmed {
        Confirmed(())
    }
}

/// What a reset did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetReport {
    pub removed: Vec<PathBuf>,
    /// Undelivered submissions lost (only with `--force-lose-data`).
    pub lost: u64,
    /// Who authorised it: `staff:<id>`, or `technician` on a terminal without staff.
    pub actor: String,
}

/// A reset in preparation, holding the sender lock.
pub struct FactoryReset {
    data_dir: PathBuf,
    store: Store,
    lock: File,
    undelivered: u64,
    staff: usize,
}

impl FactoryReset {
    /// Opens the data dir and takes the sender lock; [`ResetError::Running`] when a sync or a
    /// running kiosk holds it.
    pub fn open(data_dir: &Path) -> Result<FactoryReset, ResetError> {
        // A key left without its database is what a reset may clear away.
        let store = Store::open_even_without_database(data_dir)?;
        let lock = sync::take_lock(data_dir).map_err(|error| match error {
            SyncError::Busy => ResetError::Running,
            other => ResetError::Lock(other.to_string()),
        })?;
        Ok(FactoryReset {
            data_dir: data_dir.to_owned(),
            undelivered: store.undelivered_count()?,
            staff: store.staff()?.len(),
            store,
            lock,
        })
    }

    /// Submissions a reset would lose now.
    pub fn undelivered(&self) -> u64 {
        self.undelivered
    }

    /// Whether a staff PIN is asked for: yes once the terminal has staff.
    pub fn needs_pin(&self) -> bool {
        self.staff > 0
    }

    /// Checks `force_lose_data` against what is at stake, before anyone types a PIN.
    pub fn check_loss(&self, force_lose_data: Option<u64>) -> Result<(), ResetError> {
        loss_allowed(self.undelivered, force_lose_data)
    }

    /// Checks a staff PIN, with the PIN pad's lockout by the corrected clock.
    pub fn authorise(&mut self, pin: Option<&str>) -> Result<Authorised, ResetError> {
        if !self.needs_pin() {
            return Ok(Authorised {
                actor: "technician".to_owned(),
            });
        }
        let pin = pin.ok_or(ResetError::PinRequired)?;
        let now_ms = self.store.now_ms()?;
        match self.store.sign_in(pin, now_ms)? {
            SignIn::Accepted(member) => Ok(Authorised {
                actor: member.actor(),
            }),
            SignIn::Rejected {
                tries_left,
                locked_for,
            } => Err(ResetError::WrongPin {
                tries_left,
                locked_for,
            }),
            SignIn::LockedOut { remaining } => Err(ResetError::LockedOut { remaining }),
        }
    }

    /// The files a reset removes, present or not.
    pub fn targets(&self) -> Vec<PathBuf> {
        let database = |suffix: &str| self.data_dir.join(format!("{DATABASE_FILE}{suffix}"));
        vec![
            database(""),
            database("-wal"),
            database("-shm"),
            database("-journal"),
            self.data_dir.join(KEY_FILE),
            self.data_dir.join(format!("{KEY_FILE}.new")),
            self.data_dir.join(LOCK_FILE),
            self.data_dir.join(PRINT_LOCK_FILE),
            self.data_dir.join(DEMO_RECEIPTS_DIR),
        ]
    }

    /// Counts the undelivered items once more and, if the rule still allows it, removes the
    /// terminal's files.
    pub fn perform(
        self,
        authorised: Authorised,
        _confirmed: Confirmed,
        force_lose_data: Option<u64>,
    ) -> Result<ResetReport, ResetError> {
        let lost = self.store.undelivered_count()?;
        loss_allowed(lost, force_lose_data)?;
        let targets = self.targets();
        let FactoryReset { store, lock, .. } = self;
        drop(store);
        let mut removed = Vec::new();
        for path in targets {
            let result = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
            match result {
                Ok(()) => removed.push(path),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(ResetError::Remove { path, source }),
            }
        }
        drop(lock);
        tracing::warn!(actor = %authorised.actor, lost, "factory reset");
        Ok(ResetReport {
            removed,
            lost,
            actor: authorised.actor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn losing_data_takes_its_exact_number() {
        assert!(loss_allowed(0, None).is_ok());
        assert!(loss_allowed(0, Some(0)).is_ok());
        assert!(loss_allowed(3, Some(3)).is_ok());
        assert!(matches!(
            loss_allowed(3, None),
            Err(ResetError::Undelivered { count: 3 })
        ));
        assert!(matches!(
            loss_allowed(3, Some(2)),
            Err(ResetError::WrongCount {
                given: 2,
                actual: 3
            })
        ));
        assert!(matches!(
            loss_allowed(0, Some(1)),
            Err(ResetError::WrongCount { .. })
        ));
    }

    #[test]
    fn only_the_word_confirms() {
        assert!(Confirmed::by_word("RESET\n").is_ok());
        assert!(matches!(
            Confirmed::by_word("reset"),
            Err(ResetError::NotConfirmed)
        ));
        assert!(Confirmed::by_word("").is_err());
    }

    #[test]
    fn a_terminal_without_staff_resets_without_a_pin_and_a_second_sender_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut reset = FactoryReset::open(dir.path()).expect("open");
        assert!(matches!(
            FactoryReset::open(dir.path()),
            Err(ResetError::Running)
        ));
        assert!(!reset.needs_pin());
        let authorised = reset.authorise(None).expect("no staff, no PIN");
        let report = reset
            .perform(authorised, Confirmed::beforehand(), None)
            .expect("reset");
        assert_eq!(report.lost, 0);
        assert!(!dir.path().join(DATABASE_FILE).exists());
        assert!(!dir.path().join(LOCK_FILE).exists());
    }
}
