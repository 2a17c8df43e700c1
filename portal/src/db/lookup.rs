//! A receipt looked up for a resident at a terminal (`POST /api/v1/status`): found by the
//! issuing terminal (its device id from a QR, or its number from a typed code) and the code,
//! with its history; and the wrong PINFLs counted, so that guessing stops at the limits.

use mahalla_protocol::wire::{self, Status, StatusEntry};
use rusqlite::{OptionalExtension, params};

use super::{Db, DbError};

/// Which terminal issued the receipt.
pub enum Issuer<'a> {
    /// From a scanned QR whose signature was checked.
    DeviceId(&'a str),
    /// From the device number inside a typed code. Number 0 (printed before enrolment) names
    /// no terminal, so it is looked for among the receipts of `asker`, the terminal asking.
    Number { number: u32, asker: &'a str },
}

/// A receipt as the lookup finds it; `values` are the form's values, for the PINFL check only.
pub struct LookedUp {
    pub submission_id: String,
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    pub received_at: i64,
    pub values: mahalla_protocol::form::Values,
    /// Oldest first, with the agency's answers.
    pub history: Vec<StatusEntry>,
}

/// How many wrong PINFLs are allowed before no more are checked, and over what window.
#[derive(Debug, Clone, Copy)]
pub struct PinflLimits {
    pub per_receipt: u32,
    pub per_receipt_window_ms: i64,
    pub per_terminal: u32,
    pub per_terminal_window_ms: i64,
}

impl Default for PinflLimits {
    /// Five wrong tries a day for one receipt; twenty an hour from one terminal.
    fn default() -> Self {
        PinflLimits {
            per_receipt: 5,
            per_receipt_window_ms: 24 * 3_600_000,
            per_terminal: 20,
            per_terminal_window_ms: 3_600_000,
        }
    }
}

impl Db {
    /// The receipt `receipt_code` of `issuer`.
    pub fn look_up(
        &self,
        issuer: &Issuer<'_>,
        receipt_code: &str,
    ) -> Result<Option<LookedUp>, DbError> {
        let connection = self.lock();
        let select = "SELECT s.id, s.target_id, s.catalogue_version, s.created_at,
                             s.received_at, s.plaintext
                      FROM submissions s JOIN devices d ON d.device_id = s.device_id
                      WHERE s.receipt_code = ?1 AND ";
        let row = |row: &rusqlite::Row<'_>| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, u32>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, i64>(4)?,
                row.get::<_, String>(5)?,
            ))
        };
        let found = match issuer {
            Issuer::DeviceId(device_id)
            | Issuer::Number {
                number: 0,
                asker: device_id,
            } => connection
                .query_row(
                    &format!("{select} d.device_id = ?2"),
                    params![receipt_code, device_id],
                    row,
                )
                .optional()?,
            Issuer::Number { number, .. } => connection
                .query_row(
                    &format!("{select} d.number = ?2"),
                    params![receipt_code, number],
                    row,
                )
                .optional()?,
        };
        let Some((submission_id, target_id, catalogue_version, created_at, received_at, text)) =
            found
        else {
            return Ok(None);
        };
        let values = serde_json::from_str::<wire::SubmissionPayload>(&text)
            .map(|payload| payload.values)
            .map_err(|_| DbError::Corrupt(format!("payload of {submission_id}")))?;
        let mut statement = connection.prepare_cached(
            "SELECT status, answer, changed_at FROM updates
             WHERE kind = 'status' AND submission_id = ?1 ORDER BY seq",
        )?;
        let history = statement
            .query_map([&submission_id], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?
            .map(|row| {
                let (status, answer, changed_at) = row?;
                let status = Status::from_name(&status)
                    .ok_or_else(|| DbError::Corrupt(format!("status {status}")))?;
                Ok(StatusEntry {
                    status,
                    changed_at,
                    answer,
                })
            })
            .collect::<Result<_, DbError>>()?;
        Ok(Some(LookedUp {
            submission_id,
            target_id,
            catalogue_version,
            created_at,
            received_at,
            values,
            history,
        }))
    }

    /// Whether another wrong PINFL may still be checked, for this receipt and from this
    /// terminal.
    pub fn pinfl_tries_left(
        &self,
        submission_id: &str,
        asker_device: &str,
        limits: PinflLimits,
        now_ms: i64,
    ) -> Result<bool, DbError> {
        let connection = self.lock();
        let count = |sql: &str, key: &str, since: i64| -> Result<u32, DbError> {
            let n: i64 = connection.query_row(sql, params![key, since], |row| row.get(0))?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        };
        let for_receipt = count(
            "SELECT count(*) FROM pinfl_failures WHERE submission_id = ?1 AND at > ?2",
            submission_id,
            now_ms - limits.per_receipt_window_ms,
        )?;
        let from_terminal = count(
            "SELECT count(*) FROM pinfl_failures WHERE asker_device = ?1 AND at > ?2",
            asker_device,
            now_ms - limits.per_terminal_window_ms,
        )?;
        Ok(for_receipt < limits.per_receipt && from_terminal < limits.per_terminal)
    }

    pub fn record_pinfl_failure(
        &self,
        submission_id: &str,
        asker_device: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        self.lock().execute(
            "INSERT INTO pinfl_failures (submission_id, asker_device, at) VALUES (?1, ?2, ?3)",
            params![submission_id, asker_device, now_ms],
        )?;
        Ok(())
    }
}
