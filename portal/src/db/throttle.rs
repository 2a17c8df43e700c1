//! Tries counted in windows, before the thing tried is checked: dashboard sign-ins and
//! enrolment codes. A try is counted under every key it falls under (a name from an address,
//! an address, a name); once any key is at its limit, tries stop until its window ends. A try
//! that succeeds takes its count back. Kept in the database, so every portal process sees the
//! same counts.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Db, DbError};

/// How long tries are counted.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// Counts a try under each of `limits` (key, most tries in a window), unless one of them is
/// already at its limit: then nothing is counted and the answer is false.
fn count_try(
    transaction: &Transaction,
    limits: &[(String, u32)],
    now_ms: i64,
) -> rusqlite::Result<bool> {
    transaction.execute(
        "DELETE FROM throttle WHERE window_start <= ?1",
        [now_ms - WINDOW_MS],
    )?;
    for (key, limit) in limits {
        let tries: u32 = transaction
            .query_row("SELECT tries FROM throttle WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?
            .unwrap_or(0);
        if tries >= *limit {
            return Ok(false);
        }
    }
    for (key, _) in limits {
        transaction.execute(
            "INSERT INTO throttle (key, tries, window_start) VALUES (?1, 1, ?2)
             ON CONFLICT (key) DO UPDATE SET tries = tries + 1",
            params![key, now_ms],
        )?;
    }
    Ok(true)
}

/// Takes back the try counted under `limits`: it succeeded.
fn take_back(transaction: &Transaction, limits: &[(String, u32)]) -> rusqlite::Result<()> {
    for (key, _) in limits {
        transaction.execute(
            "UPDATE throttle SET tries = max(tries - 1, 0) WHERE key = ?1",
            [key],
        )?;
    }
    Ok(())
}

/// Forgets the counts of `key` and of every key starting with `prefix`.
pub fn forget(transaction: &Transaction, key: &str, prefix: &str) -> rusqlite::Result<()> {
    let escaped = prefix
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    transaction.execute(
        "DELETE FROM throttle WHERE key = ?1 OR key LIKE ?2 ESCAPE '\\'",
        params![key, format!("{escaped}%")],
    )?;
    Ok(())
}

impl Db {
    /// [`count_try`] in a transaction of its own.
    pub fn count_try(&self, limits: &[(String, u32)], now_ms: i64) -> Result<bool, DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let counted = count_try(&transaction, limits, now_ms)?;
        transaction.commit()?;
        Ok(counted)
    }

    /// [`take_back`] in a transaction of its own.
    pub fn take_back_try(&self, limits: &[(String, u32)]) -> Result<(), DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        take_back(&transaction, limits)?;
        transaction.commit()?;
        Ok(())
    }
}
