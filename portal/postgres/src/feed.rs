//! The updates feed terminals read by cursor, and the catalogue versions published to it.
//!
//! Each update takes its sequence number from the one row of `feed_head`, in the statement
//! that adds it. The row stays locked until the transaction ends, so numbers are taken in
//! the order transactions commit: once a reader sees number n, every number below n is
//! committed (or was given back by a rollback and taken again), and a cursor never passes
//! an update still in flight. Writers call these last in their transactions, to hold the
//! row for as short a time as they can.

use deadpool_postgres::GenericClient;
use mahalla_host::clock;
use mahalla_portal_store::{FeedRow, Result, StoreError, updates_page};
use mahalla_protocol::wire::{self, Status, UpdatesPage};

use crate::{PostgresStore, backend, get, get_u32};

/// A status change in the feed of the terminal `device_id`.
pub(crate) struct StatusUpdate<'a> {
    pub device_id: &'a str,
    pub submission_id: &'a str,
    pub status: Status,
    pub answer: Option<&'a str>,
    pub changed_at: i64,
    pub changed_by: Option<&'a str>,
}

/// Adds a status change to the feed, with the next sequence number.
pub(crate) async fn add_status(
    transaction: &impl GenericClient,
    update: &StatusUpdate<'_>,
) -> Result<()> {
    let insert = transaction
        .prepare_cached(
            "WITH head AS (UPDATE feed_head SET seq = seq + 1 RETURNING seq)
             INSERT INTO updates (seq, device_id, kind, submission_id, status, answer,
                 changed_at, changed_by)
             SELECT seq, $1, 'status', $2, $3, $4, $5, $6 FROM head",
        )
        .await
        .map_err(backend)?;
    transaction
        .execute(
            &insert,
            &[
                &update.device_id,
                &update.submission_id,
                &update.status.as_str(),
                &update.answer,
                &update.changed_at,
                &update.changed_by,
            ],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

/// Adds the `received` status of each of `submission_ids` (in that order) to the feed of
/// `device_id`, numbered in one statement.
pub(crate) async fn add_received(
    transaction: &impl GenericClient,
    device_id: &str,
    submission_ids: &[&str],
    changed_at: i64,
) -> Result<()> {
    if submission_ids.is_empty() {
        return Ok(());
    }
    let insert = transaction
        .prepare_cached(
            "WITH head AS (
                 UPDATE feed_head SET seq = seq + cardinality($2::text[]) RETURNING seq)
             INSERT INTO updates (seq, device_id, kind, submission_id, status, changed_at)
             SELECT head.seq - cardinality($2::text[]) + u.ord, $1, 'status', u.id, $3, $4
             FROM head, unnest($2::text[]) WITH ORDINALITY AS u (id, ord)",
        )
        .await
        .map_err(backend)?;
    transaction
        .execute(
            &insert,
            &[
                &device_id,
                &submission_ids,
                &Status::Received.as_str(),
                &changed_at,
            ],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

/// The page of `device_id`'s feed after `cursor`: its own updates and those for every
/// terminal.
pub(crate) async fn updates(
    store: &PostgresStore,
    device_id: &str,
    cursor: u64,
) -> Result<UpdatesPage> {
    let connection = store.connection().await?;
    let select = connection
        .prepare_cached(
            "SELECT u.seq, u.kind, u.submission_id, u.status, u.answer, u.changed_at,
                    u.catalogue_version, c.body
             FROM updates u LEFT JOIN catalogues c ON c.version = u.catalogue_version
             WHERE u.seq > $1 AND (u.device_id = $2 OR u.device_id IS NULL)
             ORDER BY u.seq
             LIMIT $3",
        )
        .await
        .map_err(backend)?;
    let after = i64::try_from(cursor).unwrap_or(i64::MAX);
    let limit = i64::try_from(wire::MAX_UPDATES_PAGE + 1).unwrap_or(i64::MAX);
    let rows = connection
        .query(&select, &[&after, &device_id, &limit])
        .await
        .map_err(backend)?;
    let mut feed = Vec::with_capacity(rows.len());
    for row in &rows {
        let seq: i64 = get(row, "seq")?;
        let catalogue_version: Option<i64> = get(row, "catalogue_version")?;
        feed.push(FeedRow {
            seq: u64::try_from(seq).map_err(|_| StoreError::Corrupt(format!("update {seq}")))?,
            kind: get(row, "kind")?,
            submission_id: get(row, "submission_id")?,
            status: get(row, "status")?,
            answer: get(row, "answer")?,
            changed_at: clock::rfc3339(get(row, "changed_at")?),
            catalogue_version: catalogue_version
                .map(|version| {
                    u32::try_from(version)
                        .map_err(|_| StoreError::Corrupt(format!("catalogue {version}")))
                })
                .transpose()?,
            catalogue_body: get(row, "body")?,
        });
    }
    updates_page(feed, cursor)
}

/// Keeps a catalogue version and puts it in every terminal's feed, in one transaction.
pub(crate) async fn publish_catalogue(
    store: &PostgresStore,
    version: u32,
    body: &str,
    now_ms: i64,
) -> Result<bool> {
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    let inserted = transaction
        .execute(
            "INSERT INTO catalogues (version, body, published_at) VALUES ($1, $2, $3)
             ON CONFLICT (version) DO NOTHING",
            &[&i64::from(version), &body, &now_ms],
        )
        .await
        .map_err(backend)?;
    if inserted == 0 {
        return Ok(false);
    }
    transaction
        .execute(
            "WITH head AS (UPDATE feed_head SET seq = seq + 1 RETURNING seq)
             INSERT INTO updates (seq, device_id, kind, catalogue_version, changed_at)
             SELECT seq, NULL, 'catalogue', $1, $2 FROM head",
            &[&i64::from(version), &now_ms],
        )
        .await
        .map_err(backend)?;
    transaction.commit().await.map_err(backend)?;
    Ok(true)
}

pub(crate) async fn catalogues(store: &PostgresStore) -> Result<Vec<(u32, String)>> {
    let connection = store.connection().await?;
    let rows = connection
        .query("SELECT version, body FROM catalogues ORDER BY version", &[])
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| Ok((get_u32(row, "version")?, get(row, "body")?)))
        .collect()
}
