//! Storing a terminal's batch of submissions: one transaction per batch, each submission
//! inserted unless one with its id or its receipt code is already there, with its `received`
//! update in the terminal's feed and its notice queued.
//!
//! The batch first updates its device's row (when it was seen), which also makes batches of
//! one terminal wait for each other. An insert that finds its id taken, even by a batch
//! still in flight, waits for it with `ON CONFLICT DO NOTHING` and then reads what was
//! stored: two retries of one batch at once give inserted and duplicate, never an error.

use mahalla_portal_store::{BatchEntry, Result, Seen, StoreOutcome};
use mahalla_protocol::wire::Status;

use crate::feed::{self, StatusUpdate};
use crate::{PostgresStore, backend, get, notices};

pub(crate) async fn store_batch(
    store: &PostgresStore,
    device_id: &str,
    entries: &[BatchEntry],
    seen: Seen,
) -> Result<Vec<Option<StoreOutcome>>> {
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    transaction
        .execute(
            "UPDATE devices SET last_seen_at = $2, last_skew_ms = $3 WHERE device_id = $1",
            &[&device_id, &seen.now_ms, &seen.skew_ms],
        )
        .await
        .map_err(backend)?;
    let insert = transaction
        .prepare_cached(
            "INSERT INTO submissions (id, device_id, receipt_code, target_id,
                 catalogue_version, created_at, payload_sha256, payload, received_at,
                 status, status_changed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', $9)
             ON CONFLICT DO NOTHING
             RETURNING id",
        )
        .await
        .map_err(backend)?;
    let stored_hash = transaction
        .prepare_cached("SELECT payload_sha256 FROM submissions WHERE id = $1")
        .await
        .map_err(backend)?;

    let mut outcomes = Vec::with_capacity(entries.len());
    let mut inserted = Vec::new();
    for entry in entries {
        let id = entry.id().to_string();
        if let BatchEntry::Ready(new) = entry {
            let row = transaction
                .query_opt(
                    &insert,
                    &[
                        &id,
                        &device_id,
                        &new.receipt_code,
                        &new.target_id,
                        &i64::from(new.catalogue_version),
                        &new.created_at,
                        &new.payload_sha256,
                        &new.payload,
                        &seen.now_ms,
                    ],
                )
                .await
                .map_err(backend)?;
            if row.is_some() {
                notices::enqueue(&transaction, &id, new.notice.as_deref(), seen.now_ms).await?;
                outcomes.push(Some(StoreOutcome::Inserted));
                inserted.push(id);
                continue;
            }
        }
        // Not inserted, or judged already: a stored twin with this id decides.
        let stored = transaction
            .query_opt(&stored_hash, &[&id])
            .await
            .map_err(backend)?;
        let stored: Option<String> = stored.map(|row| get(&row, "payload_sha256")).transpose()?;
        outcomes.push(match (stored, entry) {
            (Some(hash), _) if hash == entry.payload_sha256() => Some(StoreOutcome::Duplicate),
            (Some(_), _) => Some(StoreOutcome::Conflict),
            // Not inserted, yet no submission has this id: its receipt code was taken.
            (None, BatchEntry::Ready(_)) => Some(StoreOutcome::ReceiptCodeTaken),
            (None, BatchEntry::Judged { .. }) => None,
        });
    }

    for submission_id in &inserted {
        let update = StatusUpdate {
            device_id,
            submission_id,
            status: Status::Received,
            answer: None,
            changed_at: seen.now_ms,
            changed_by: None,
        };
        feed::add_status(&transaction, &update).await?;
    }
    transaction.commit().await.map_err(backend)?;
    Ok(outcomes)
}
