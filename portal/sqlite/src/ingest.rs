//! What changes the terminals' feed: batches stored, statuses set, catalogues published;
//! and the feed read back by cursor. Times are kept as Unix ms and given out as RFC 3339. SQLite has one writer, so the feed's autoincrement
//! order is its commit order.

use mahalla_host::clock;
use mahalla_portal_store::{
    BatchEntry, FeedRow, Seen, StatusChange, StoreError, StoreOutcome, day_text, updates_page,
};
use mahalla_protocol::wire::{self, UpdatesPage};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::{Job, notices};

pub fn store_batch(
    connection: &mut Connection,
    device_id: &str,
    entries: &[BatchEntry],
    seen: Seen,
) -> Job<Vec<Option<StoreOutcome>>> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    transaction
        .prepare_cached(
            "UPDATE devices SET last_seen_at = ?2, last_skew_ms = ?3 WHERE device_id = ?1",
        )?
        .execute(params![device_id, seen.now_ms, seen.skew_ms])?;
    let (mahalla, district, region): (String, String, String) = transaction
        .prepare_cached(
            "SELECT m.code, m.district, m.region
             FROM devices d JOIN mahallas m ON m.code = d.mahalla WHERE d.device_id = ?1",
        )?
        .query_row([device_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?
        .ok_or_else(|| StoreError::Corrupt(format!("a batch from unknown device {device_id}")))?;
    let mut outcomes = Vec::with_capacity(entries.len());
    {
        let mut existing =
            transaction.prepare_cached("SELECT payload_sha256 FROM submissions WHERE id = ?1")?;
        let mut code_taken = transaction.prepare_cached(
            "SELECT 1 FROM submissions WHERE device_id = ?1 AND receipt_code = ?2",
        )?;
        let mut insert = transaction.prepare_cached(
            "INSERT INTO submissions (id, device_id, receipt_code, target_id,
                 catalogue_version, created_at, payload_sha256, payload,
                 received_at, status, status_changed_at, mahalla, district, region,
                 created_on, due_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'received', ?9, ?10, ?11, ?12, ?13,
                     ?14)",
        )?;
        let mut feed = transaction.prepare_cached(
            "INSERT INTO updates (device_id, kind, submission_id, status, changed_at)
             VALUES (?1, 'status', ?2, 'received', ?3)",
        )?;
        for entry in entries {
            let stored: Option<String> = existing
                .query_row([entry.id().to_string()], |row| row.get(0))
                .optional()?;
            let outcome = match (stored, entry) {
                (Some(stored), _) if stored == entry.payload_sha256() => {
                    Some(StoreOutcome::Duplicate)
                }
                (Some(_), _) => Some(StoreOutcome::Conflict),
                (None, BatchEntry::Judged { .. }) => None,
                (None, BatchEntry::Ready(new)) => {
                    let taken = code_taken
                        .query_row(params![device_id, new.receipt_code], |_| Ok(()))
                        .optional()?
                        .is_some();
                    if taken {
                        Some(StoreOutcome::ReceiptCodeTaken)
                    } else {
                        let id = new.id.to_string();
                        insert.execute(params![
                            id,
                            device_id,
                            new.receipt_code,
                            new.target_id,
                            new.catalogue_version,
                            new.created_at,
                            new.payload_sha256,
                            new.payload,
                            seen.now_ms,
                            mahalla,
                            district,
                            region,
                            day_text(new.dates.created_on),
                            day_text(new.dates.due_on),
                        ])?;
                        feed.execute(params![device_id, id, seen.now_ms])?;
                        if let Some(sealed) = &new.notice {
                            notices::enqueue(&transaction, &id, sealed, seen.now_ms)?;
                        }
                        Some(StoreOutcome::Inserted)
                    }
                }
            };
            outcomes.push(outcome);
        }
    }
    transaction.commit()?;
    Ok(outcomes)
}

pub fn set_status(connection: &mut Connection, change: &StatusChange) -> Job<bool> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let values = params![
        change.submission_id,
        change.status.as_str(),
        change.answer,
        change.now_ms,
        change.changed_by
    ];
    let changed = transaction.execute(
        "UPDATE submissions SET status = ?2, answer = ?3, status_changed_at = ?4,
             status_changed_by = ?5, decided = ?6
         WHERE id = ?1",
        params![
            change.submission_id,
            change.status.as_str(),
            change.answer,
            change.now_ms,
            change.changed_by,
            change.status.is_decided()
        ],
    )?;
    if changed == 0 {
        return Ok(false);
    }
    transaction.execute(
        "INSERT INTO updates (device_id, kind, submission_id, status, answer, changed_at,
             changed_by)
         SELECT device_id, 'status', id, ?2, ?3, ?4, ?5 FROM submissions WHERE id = ?1",
        values,
    )?;
    if let Some(sealed) = &change.notice {
        notices::enqueue(&transaction, &change.submission_id, sealed, change.now_ms)?;
    }
    transaction.commit()?;
    Ok(true)
}

pub fn publish_catalogue(
    connection: &mut Connection,
    version: u32,
    body: &str,
    now_ms: i64,
) -> Job<bool> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let inserted = transaction.execute(
        "INSERT INTO catalogues (version, body, published_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (version) DO NOTHING",
        params![version, body, now_ms],
    )?;
    if inserted == 0 {
        return Ok(false);
    }
    transaction.execute(
        "INSERT INTO updates (device_id, kind, catalogue_version, changed_at)
         VALUES (NULL, 'catalogue', ?1, ?2)",
        params![version, now_ms],
    )?;
    transaction.commit()?;
    Ok(true)
}

pub fn catalogues(connection: &mut Connection) -> Job<Vec<(u32, String)>> {
    let mut statement =
        connection.prepare("SELECT version, body FROM catalogues ORDER BY version")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn updates(connection: &mut Connection, device_id: &str, cursor: u64) -> Job<UpdatesPage> {
    let mut statement = connection.prepare_cached(
        "SELECT u.seq, u.kind, u.submission_id, u.status, u.answer, u.changed_at,
                u.catalogue_version, c.body
         FROM updates u LEFT JOIN catalogues c ON c.version = u.catalogue_version
         WHERE u.seq > ?1 AND (u.device_id = ?2 OR u.device_id IS NULL)
         ORDER BY u.seq LIMIT ?3",
    )?;
    let limit = i64::try_from(wire::MAX_UPDATES_PAGE + 1).unwrap_or(i64::MAX);
    let after = i64::try_from(cursor).unwrap_or(i64::MAX);
    let rows = statement.query_map(params![after, device_id, limit], |row| {
        Ok(FeedRow {
            seq: u64::try_from(row.get::<_, i64>(0)?).unwrap_or_default(),
            kind: row.get(1)?,
            submission_id: row.get(2)?,
            status: row.get(3)?,
            answer: row.get(4)?,
            changed_at: clock::rfc3339(row.get(5)?),
            catalogue_version: row.get(6)?,
            catalogue_body: row.get(7)?,
        })
    })?;
    let rows = rows.collect::<Result<Vec<_>, _>>()?;
    Ok(updates_page(rows, cursor)?)
}
