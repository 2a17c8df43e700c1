//! The outbox as the sync worker sees it: claim a batch (mark it `sending` before the
//! request), then mark each item delivered, quarantined with a reason, or back to `queued`
//! with the time of its next attempt. Nothing here deletes a submission.

use data_encoding::BASE64URL_NOPAD;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::wire::{PayloadFormat, QueueDepths, UploadItem};
use rusqlite::{TransactionBehavior, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::{OutboxState, Store, StoreError};

/// What the portal said about one delivered-or-not item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Durably stored at the portal (accepted or duplicate).
    Stored,
    /// A permanent refusal, kept for a person to see.
    Quarantine(String),
}

/// Outbox figures for `kioskctl sync status` and the heartbeat.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutboxSummary {
    pub depths: QueueDepths,
    /// Creation time of the oldest submission not yet delivered.
    pub oldest_undelivered_at: Option<String>,
}

fn rfc3339(at: OffsetDateTime) -> Result<String, StoreError> {
    at.format(&Rfc3339)
        .map_err(|error| StoreError::Corrupt(error.to_string()))
}

fn corrupt(column: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, message.into())
}

impl Store {
    /// Puts items left in `sending` by a sender that died back to `queued`. Called by the one
    /// sender that holds the sync lock, so no live request owns them; they are sent again
    /// with the same id and the portal deduplicates.
    pub fn requeue_stale_sending(&self) -> Result<usize, StoreError> {
        let now = self.now_text()?;
        Ok(self.connection.execute(
            concat!(
                "UPDATE submissions SET outbox_state = 'queued', outbox_updated_at = ?1
                 WHERE ",
                unfinished!(),
                " AND outbox_state = 'sending'"
            ),
            [now],
        )?)
    }

    /// Claims up to `max_items` encrypted items (and at most about `max_bytes` of payload)
    /// that are due at `now` (or all queued ones when `due_only` is false), oldest first, and
    /// marks them `sending` with one more attempt, in one transaction.
    pub fn claim_batch(
        &mut self,
        now: OffsetDateTime,
        due_only: bool,
        max_items: usize,
        max_bytes: usize,
    ) -> Result<Vec<UploadItem>, StoreError> {
        let now = rfc3339(now)?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut items = Vec::new();
        {
            let mut select = transaction.prepare_cached(concat!(
                "SELECT id, receipt_code, target_id, catalogue_version, created_at,
                        payload, payload_sha256
                 FROM submissions
                 WHERE ",
                unfinished!(),
                " AND outbox_state = 'queued' AND payload_format = 'age'
                   AND payload IS NOT NULL
                   AND (?1 = 0 OR next_attempt_at IS NULL OR next_attempt_at <= ?2)
                 ORDER BY sequence LIMIT ?3"
            ))?;
            let limit = i64::try_from(max_items).unwrap_or(i64::MAX);
            let rows = select.query_map(params![due_only, now, limit], |row| {
                let id: String = row.get(0)?;
                let code: String = row.get(1)?;
                let payload: Vec<u8> = row.get(5)?;
                Ok(UploadItem {
                    id: Uuid::parse_str(&id).map_err(|e| corrupt(0, e.to_string()))?,
                    receipt_code: ReceiptCode::parse(&code)
                        .map_err(|e| corrupt(1, e.to_string()))?,
                    target_id: row.get(2)?,
                    catalogue_version: row.get(3)?,
                    created_at: row.get(4)?,
                    payload_format: PayloadFormat::Age,
                    payload: BASE64URL_NOPAD.encode(&payload),
                    payload_sha256: row.get(6)?,
                })
            })?;
            let mut bytes = 0;
            for item in rows {
                let item = item?;
                bytes += item.payload.len() + 512;
                if !items.is_empty() && bytes > max_bytes {
                    break;
                }
                items.push(item);
            }
            let mut mark = transaction.prepare_cached(
                "UPDATE submissions
                 SET outbox_state = 'sending', send_attempts = send_attempts + 1,
                     outbox_updated_at = ?2
                 WHERE id = ?1 AND outbox_state = 'queued'",
            )?;
            for item in &items {
                mark.execute(params![item.id.to_string(), now])?;
            }
        }
        transaction.commit()?;
        Ok(items)
    }

    /// Records the portal's per-item answers after its 2xx, in one transaction. A delivered
    /// item's payload is dropped: the portal holds it durably.
    pub fn record_deliveries(&mut self, results: &[(Uuid, Delivery)]) -> Result<(), StoreError> {
        let now = self.now_text()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut delivered = transaction.prepare_cached(
                "UPDATE submissions
                 SET outbox_state = 'delivered', delivered_at = ?2, outbox_updated_at = ?2,
                     send_error = NULL, next_attempt_at = NULL, payload = NULL
                 WHERE id = ?1 AND outbox_state = 'sending'",
            )?;
            let mut quarantine = transaction.prepare_cached(
                "UPDATE submissions
                 SET outbox_state = 'quarantined', quarantine_reason = ?2, outbox_updated_at = ?3
                 WHERE id = ?1 AND outbox_state = 'sending'",
            )?;
            for (id, delivery) in results {
                let id = id.to_string();
                match delivery {
                    Delivery::Stored => {
                        delivered.execute(params![id, now])?;
                    }
                    Delivery::Quarantine(reason) => {
                        quarantine.execute(params![id, reason, now])?;
                    }
                }
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Puts `sending` items back to `queued` after a failed request, due again at
    /// `next_attempt_at`, with the error (no personal data) for the technician.
    pub fn release_for_retry(
        &mut self,
        ids: &[Uuid],
        error: &str,
        next_attempt_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let now = self.now_text()?;
        let next = rfc3339(next_attempt_at)?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut release = transaction.prepare_cached(
                "UPDATE submissions
                 SET outbox_state = 'queued', send_error = ?2, next_attempt_at = ?3,
                     outbox_updated_at = ?4
                 WHERE id = ?1 AND outbox_state = 'sending'",
            )?;
            for id in ids {
                release.execute(params![id.to_string(), error, next, now])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Submissions the portal does not hold yet: queued, sending or quarantined. These are
    /// what a factory reset would lose.
    pub fn undelivered_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self.connection.query_row(
            concat!(
                "SELECT count(*) FROM submissions WHERE ",
                unfinished!(),
                " AND outbox_state <> 'delivered'"
            ),
            [],
            |row| row.get(0),
        )?;
        Ok(count.unsigned_abs())
    }

    pub fn outbox_summary(&self) -> Result<OutboxSummary, StoreError> {
        let mut depths = QueueDepths::default();
        // Only unfinished rows are read: the delivered ones are all the others, and sequence
        // numbers have no gaps, so every submission ever stored is the highest one plus one.
        let mut statement = self.connection.prepare_cached(concat!(
            "SELECT outbox_state, count(*), min(created_at) FROM submissions WHERE ",
            unfinished!(),
            " AND outbox_state <> 'delivered' GROUP BY outbox_state"
        ))?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut oldest_undelivered_at: Option<String> = None;
        let mut undelivered = 0;
        for row in rows {
            let (state, count, oldest) = row?;
            let count = u64::try_from(count).unwrap_or_default();
            undelivered += count;
            match OutboxState::from_sql(&state) {
                Some(OutboxState::Queued) => depths.queued = count,
                Some(OutboxState::Sending) => depths.sending = count,
                Some(OutboxState::Quarantined) => {
                    depths.quarantined = count;
                    continue;
                }
                Some(OutboxState::Delivered) | None => {
                    return Err(StoreError::Corrupt(format!("outbox state {state:?}")));
                }
            }
            if let Some(oldest) = oldest
                && oldest_undelivered_at
                    .as_ref()
                    .is_none_or(|known| oldest < *known)
            {
                oldest_undelivered_at = Some(oldest);
            }
        }
        let stored: i64 = self
            .connection
            .prepare_cached("SELECT coalesce(max(sequence) + 1, 0) FROM submissions")?
            .query_row([], |row| row.get(0))?;
        depths.delivered = stored.unsigned_abs().saturating_sub(undelivered);
        Ok(OutboxSummary {
            depths,
            oldest_undelivered_at,
        })
    }
}
