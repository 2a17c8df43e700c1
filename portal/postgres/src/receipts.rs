//! Receipts asked about: on their public status page, and at a terminal, found by the
//! issuing terminal (its device id from a QR, or its number from a typed code) and the code,
//! each with its status history; and the wrong PINFLs counted, so guessing stops at the
//! limits.
//!
//! A receipt and its history are read in one read-only snapshot, so the history always ends
//! with the status shown.

use deadpool_postgres::{GenericClient, Object, Transaction};
use mahalla_host::clock;
use mahalla_portal_store::{Issuer, LookedUp, PinflLimits, ReceiptRecord, Result, parse_status};
use mahalla_protocol::wire::StatusEntry;
use tokio_postgres::IsolationLevel;

use crate::{PostgresStore, backend, get, get_u32};

/// Every status the submission has had, oldest first, with the agency's answers.
pub(crate) async fn history(
    client: &impl GenericClient,
    submission_id: &str,
) -> Result<Vec<StatusEntry>> {
    let rows = client
        .query(
            "SELECT status, answer, changed_at FROM updates
             WHERE kind = 'status' AND submission_id = $1
             ORDER BY seq",
            &[&submission_id],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            let status: String = get(row, "status")?;
            Ok(StatusEntry {
                status: parse_status(&status)?,
                changed_at: clock::rfc3339(get(row, "changed_at")?),
                answer: get(row, "answer")?,
            })
        })
        .collect()
}

/// A read-only transaction that sees one snapshot: a receipt and its history agree.
async fn snapshot(connection: &mut Object) -> Result<Transaction<'_>> {
    connection
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await
        .map_err(backend)
}

/// The receipt `receipt_code` of `device_id`, for its public status page.
pub(crate) async fn receipt_record(
    store: &PostgresStore,
    device_id: &str,
    receipt_code: &str,
) -> Result<Option<ReceiptRecord>> {
    let mut connection = store.connection().await?;
    let transaction = snapshot(&mut connection).await?;
    let row = transaction
        .query_opt(
            "SELECT s.id, s.target_id, s.catalogue_version, s.created_at, s.status, s.answer,
                    s.status_changed_at, s.payload, m.name
             FROM submissions s
             JOIN devices d ON d.device_id = s.device_id
             JOIN mahallas m ON m.code = d.mahalla
             WHERE s.device_id = $1 AND s.receipt_code = $2",
            &[&device_id, &receipt_code],
        )
        .await
        .map_err(backend)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let id: String = get(&row, "id")?;
    let record = ReceiptRecord {
        target_id: get(&row, "target_id")?,
        catalogue_version: get_u32(&row, "catalogue_version")?,
        created_at: get(&row, "created_at")?,
        mahalla: get(&row, "name")?,
        status: get(&row, "status")?,
        answer: get(&row, "answer")?,
        changed_at: clock::rfc3339(get(&row, "status_changed_at")?),
        history: history(&transaction, &id).await?,
        payload: get(&row, "payload")?,
    };
    transaction.commit().await.map_err(backend)?;
    Ok(Some(record))
}

/// The receipt `receipt_code` issued by `issuer`, as a terminal's lookup finds it.
pub(crate) async fn look_up(
    store: &PostgresStore,
    issuer: Issuer,
    receipt_code: &str,
) -> Result<Option<LookedUp>> {
    let mut connection = store.connection().await?;
    let transaction = snapshot(&mut connection).await?;
    let select = "SELECT s.id, s.target_id, s.catalogue_version, s.created_at, s.received_at,
                         s.payload
                  FROM submissions s JOIN devices d ON d.device_id = s.device_id
                  WHERE s.receipt_code = $1 AND ";
    let row = match issuer {
        // A receipt printed before enrolment (number 0) is one of the asking terminal's own.
        Issuer::DeviceId(device_id)
        | Issuer::Number {
            number: 0,
            asker: device_id,
        } => transaction
            .query_opt(
                &format!("{select} d.device_id = $2"),
                &[&receipt_code, &device_id],
            )
            .await
            .map_err(backend)?,
        Issuer::Number { number, .. } => transaction
            .query_opt(
                &format!("{select} d.number = $2"),
                &[&receipt_code, &i64::from(number)],
            )
            .await
            .map_err(backend)?,
    };
    let Some(row) = row else {
        return Ok(None);
    };
    let submission_id: String = get(&row, "id")?;
    let found = LookedUp {
        history: history(&transaction, &submission_id).await?,
        submission_id,
        target_id: get(&row, "target_id")?,
        catalogue_version: get_u32(&row, "catalogue_version")?,
        created_at: get(&row, "created_at")?,
        received_at: get(&row, "received_at")?,
        payload: get(&row, "payload")?,
    };
    transaction.commit().await.map_err(backend)?;
    Ok(Some(found))
}

/// Whether another wrong PINFL may be checked: fewer than the limits within their windows,
/// for this receipt and from this terminal.
pub(crate) async fn pinfl_tries_left(
    store: &PostgresStore,
    submission_id: &str,
    asker_device: &str,
    limits: PinflLimits,
    now_ms: i64,
) -> Result<bool> {
    let connection = store.connection().await?;
    let row = connection
        .query_one(
            "SELECT
                 (SELECT count(*) FROM pinfl_failures
                  WHERE submission_id = $1 AND at > $2) AS for_receipt,
                 (SELECT count(*) FROM pinfl_failures
                  WHERE asker_device = $3 AND at > $4) AS from_terminal",
            &[
                &submission_id,
                &(now_ms - limits.per_receipt_window_ms),
                &asker_device,
                &(now_ms - limits.per_terminal_window_ms),
            ],
        )
        .await
        .map_err(backend)?;
    let for_receipt: i64 = get(&row, "for_receipt")?;
    let from_terminal: i64 = get(&row, "from_terminal")?;
    Ok(for_receipt < i64::from(limits.per_receipt)
        && from_terminal < i64::from(limits.per_terminal))
}

pub(crate) async fn record_pinfl_failure(
    store: &PostgresStore,
    submission_id: &str,
    asker_device: &str,
    now_ms: i64,
) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "INSERT INTO pinfl_failures (submission_id, asker_device, at) VALUES ($1, $2, $3)",
            &[&submission_id, &asker_device, &now_ms],
        )
        .await
        .map_err(backend)?;
    Ok(())
}
