//! Receipts asked about: on the public status page (by a QR's device id) and at a terminal
//! (by device id or number), with their status history; and the wrong PINFLs counted so that
//! guessing stops at the limits.

use mahalla_host::clock;
use mahalla_portal_store::{Issuer, LookedUp, PinflLimits, ReceiptRecord, parse_status};
use mahalla_protocol::wire::StatusEntry;
use rusqlite::{Connection, OptionalExtension, params};

use crate::Job;

/// Every status a submission has had, oldest first, with the agency's answers.
pub(crate) fn history(connection: &Connection, submission_id: &str) -> Job<Vec<StatusEntry>> {
    let mut statement = connection.prepare_cached(
        "SELECT status, answer, changed_at FROM updates
         WHERE kind = 'status' AND submission_id = ?1 ORDER BY seq",
    )?;
    let rows = statement.query_map([submission_id], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    let mut history = Vec::new();
    for row in rows {
        let (status, answer, changed_at) = row?;
        history.push(StatusEntry {
            status: parse_status(&status)?,
            changed_at: clock::rfc3339(changed_at),
            answer,
        });
    }
    Ok(history)
}

pub fn receipt_record(
    connection: &mut Connection,
    device_id: &str,
    receipt_code: &str,
) -> Job<Option<ReceiptRecord>> {
    let found = connection
        .query_row(
            "SELECT s.id, s.target_id, s.catalogue_version, s.created_at, s.payload,
                    s.status, s.answer, s.status_changed_at, m.name
             FROM submissions s
             JOIN devices d ON d.device_id = s.device_id
             JOIN mahallas m ON m.code = d.mahalla
             WHERE s.device_id = ?1 AND s.receipt_code = ?2",
            [device_id, receipt_code],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    ReceiptRecord {
                        target_id: row.get(1)?,
                        catalogue_version: row.get(2)?,
                        created_at: row.get(3)?,
                        payload: row.get(4)?,
                        status: row.get(5)?,
                        answer: row.get(6)?,
                        changed_at: clock::rfc3339(row.get(7)?),
                        mahalla: row.get(8)?,
                        history: Vec::new(),
                    },
                ))
            },
        )
        .optional()?;
    let Some((id, mut record)) = found else {
        return Ok(None);
    };
    record.history = history(connection, &id)?;
    Ok(Some(record))
}

pub fn look_up(
    connection: &mut Connection,
    issuer: &Issuer,
    receipt_code: &str,
) -> Job<Option<LookedUp>> {
    let select = "SELECT s.id, s.target_id, s.catalogue_version, s.created_at,
                         s.received_at, s.payload
                  FROM submissions s JOIN devices d ON d.device_id = s.device_id
                  WHERE s.receipt_code = ?1 AND ";
    let row = |row: &rusqlite::Row<'_>| {
        Ok(LookedUp {
            submission_id: row.get(0)?,
            target_id: row.get(1)?,
            catalogue_version: row.get(2)?,
            created_at: row.get(3)?,
            received_at: row.get(4)?,
            payload: row.get(5)?,
            history: Vec::new(),
        })
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
    let Some(mut found) = found else {
        return Ok(None);
    };
    found.history = history(connection, &found.submission_id)?;
    Ok(Some(found))
}

pub fn pinfl_tries_left(
    connection: &mut Connection,
    submission_id: &str,
    asker_device: &str,
    limits: PinflLimits,
    now_ms: i64,
) -> Job<bool> {
    let count = |sql: &str, key: &str, since: i64| -> Job<u32> {
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
    connection: &mut Connection,
    submission_id: &str,
    asker_device: &str,
    now_ms: i64,
) -> Job<()> {
    connection.execute(
        "INSERT INTO pinfl_failures (submission_id, asker_device, at) VALUES (?1, ?2, ?3)",
        params![submission_id, asker_device, now_ms],
    )?;
    Ok(())
}
