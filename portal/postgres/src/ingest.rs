//! Storing a terminal's batch of submissions: one transaction per batch, each submission
//! inserted unless one with its id or its receipt code is already there, with its `received`
//! update in the terminal's feed and its notice queued. A batch takes a handful of
//! statements whatever its size: the rows go in as arrays.
//!
//! The batch first updates its device's row (when it was seen), which also makes batches of
//! one terminal wait for each other. An insert that finds its id taken, even by a batch
//! still in flight, waits for it with `ON CONFLICT DO NOTHING` and then reads what was
//! stored: two retries of one batch at once give inserted and duplicate, never an error.

use std::collections::{HashMap, HashSet};

use mahalla_portal_store::{BatchEntry, NewSubmission, Result, Seen, StoreOutcome, day_text};

use crate::{PostgresStore, backend, feed, get, notices};

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

    let ready: Vec<&NewSubmission> = entries
        .iter()
        .filter_map(|entry| match entry {
            BatchEntry::Ready(new) => Some(new),
            BatchEntry::Judged { .. } => None,
        })
        .collect();
    let mut inserted: HashSet<String> = insert(&transaction, device_id, &ready, seen.now_ms)
        .await?
        .into_iter()
        .collect();

    // What is stored under the ids that were not inserted now decides their outcome.
    let others: Vec<String> = entries
        .iter()
        .map(|entry| entry.id().to_string())
        .filter(|id| !inserted.contains(id))
        .collect();
    let stored: HashMap<String, String> = transaction
        .query(
            "SELECT id, payload_sha256 FROM submissions WHERE id = ANY($1)",
            &[&others],
        )
        .await
        .map_err(backend)?
        .iter()
        .map(|row| Ok((get(row, "id")?, get(row, "payload_sha256")?)))
        .collect::<Result<_>>()?;

    let mut outcomes = Vec::with_capacity(entries.len());
    // The id and payload hash of each submission this batch inserted, in batch order.
    let mut received: Vec<(String, &str)> = Vec::new();
    let mut notices: Vec<(String, &[u8])> = Vec::new();
    for entry in entries {
        let id = entry.id().to_string();
        let twin = received
            .iter()
            .find(|(received_id, _)| *received_id == id)
            .map(|(_, hash)| *hash);
        let outcome = match (twin, entry) {
            // A second entry with an id this batch has just stored.
            (Some(hash), _) if hash == entry.payload_sha256() => Some(StoreOutcome::Duplicate),
            (Some(_), _) => Some(StoreOutcome::Conflict),
            (None, BatchEntry::Ready(new)) if inserted.remove(&id) => {
                if let Some(sealed) = &new.notice {
                    notices.push((id.clone(), sealed));
                }
                received.push((id, &new.payload_sha256));
                Some(StoreOutcome::Inserted)
            }
            (None, _) => match (stored.get(&id), entry) {
                (Some(hash), _) if hash == entry.payload_sha256() => Some(StoreOutcome::Duplicate),
                (Some(_), _) => Some(StoreOutcome::Conflict),
                // Not inserted, yet no submission has this id: its receipt code was taken.
                (None, BatchEntry::Ready(_)) => Some(StoreOutcome::ReceiptCodeTaken),
                (None, BatchEntry::Judged { .. }) => None,
            },
        };
        outcomes.push(outcome);
    }

    notices::enqueue_many(&transaction, &notices, seen.now_ms).await?;
    let ids: Vec<&str> = received.iter().map(|(id, _)| id.as_str()).collect();
    feed::add_received(&transaction, device_id, &ids, seen.now_ms).await?;
    transaction.commit().await.map_err(backend)?;
    Ok(outcomes)
}

/// Inserts `ready` in one statement; the ids inserted.
async fn insert(
    transaction: &deadpool_postgres::Transaction<'_>,
    device_id: &str,
    ready: &[&NewSubmission],
    now_ms: i64,
) -> Result<Vec<String>> {
    if ready.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = ready.iter().map(|new| new.id.to_string()).collect();
    let codes: Vec<&str> = ready.iter().map(|new| new.receipt_code.as_str()).collect();
    let targets: Vec<&str> = ready.iter().map(|new| new.target_id.as_str()).collect();
    let versions: Vec<i64> = ready
        .iter()
        .map(|new| i64::from(new.catalogue_version))
        .collect();
    let created: Vec<&str> = ready.iter().map(|new| new.created_at.as_str()).collect();
    let hashes: Vec<&str> = ready
        .iter()
        .map(|new| new.payload_sha256.as_str())
        .collect();
    let payloads: Vec<&[u8]> = ready.iter().map(|new| new.payload.as_slice()).collect();
    let created_on: Vec<String> = ready
        .iter()
        .map(|new| day_text(new.dates.created_on))
        .collect();
    let due_on: Vec<String> = ready.iter().map(|new| day_text(new.dates.due_on)).collect();
    let statement = transaction
        .prepare_cached(
            "INSERT INTO submissions (id, device_id, receipt_code, target_id,
                 catalogue_version, created_at, payload_sha256, payload, received_at,
                 status, status_changed_at, mahalla, district, region, created_on, due_on)
             SELECT u.id, $1, u.code, u.target, u.version, u.created, u.hash, u.payload, $2,
                 'received', $2, place.code, place.district, place.region,
                 u.created_on, u.due_on
             FROM (SELECT m.code, m.district, m.region FROM devices d
                   JOIN mahallas m ON m.code = d.mahalla WHERE d.device_id = $1) AS place,
                  unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],
                         $8::text[], $9::bytea[], $10::text[], $11::text[])
                  WITH ORDINALITY
                  AS u (id, code, target, version, created, hash, payload, created_on, due_on,
                        ord)
             ORDER BY u.ord
             ON CONFLICT DO NOTHING
             RETURNING id",
        )
        .await
        .map_err(backend)?;
    transaction
        .query(
            &statement,
            &[
                &device_id,
                &now_ms,
                &ids,
                &codes,
                &targets,
                &versions,
                &created,
                &hashes,
                &payloads,
                &created_on,
                &due_on,
            ],
        )
        .await
        .map_err(backend)?
        .iter()
        .map(|row| get(row, "id"))
        .collect()
}
