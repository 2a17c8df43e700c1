//! Agency work: setting a submission's status (with its feed update and notice), and what
//! the dashboard and the command line read: the list with its filters, one submission,
//! every submission, and the figures per terminal.

use mahalla_host::clock;
use mahalla_portal_store::{
    Filters, Result, Row, Scope, StatusChange, StoredSubmission, SubmissionView, TerminalFigures,
};

use crate::feed::{self, StatusUpdate};
use crate::{PostgresStore, backend, get, get_u32, notices};

/// Sets the status, queues the notice and adds the change to the terminal's feed, in one
/// transaction; false when there is no such submission.
pub(crate) async fn set_status(store: &PostgresStore, change: StatusChange) -> Result<bool> {
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    let updated = transaction
        .query_opt(
            "UPDATE submissions SET status = $2, answer = $3, status_changed_at = $4,
                 status_changed_by = $5
             WHERE id = $1
             RETURNING device_id",
            &[
                &change.submission_id,
                &change.status.as_str(),
                &change.answer,
                &change.now_ms,
                &change.changed_by,
            ],
        )
        .await
        .map_err(backend)?;
    let Some(updated) = updated else {
        return Ok(false);
    };
    let device_id: String = get(&updated, "device_id")?;
    notices::enqueue(
        &transaction,
        &change.submission_id,
        change.notice.as_deref(),
        change.now_ms,
    )
    .await?;
    let update = StatusUpdate {
        device_id: &device_id,
        submission_id: &change.submission_id,
        status: change.status,
        answer: change.answer.as_deref(),
        changed_at: change.now_ms,
        changed_by: Some(&change.changed_by),
    };
    feed::add_status(&transaction, &update).await?;
    transaction.commit().await.map_err(backend)?;
    Ok(true)
}

/// Every submission, oldest first.
pub(crate) async fn submissions(store: &PostgresStore) -> Result<Vec<StoredSubmission>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT id, device_id, receipt_code, target_id, catalogue_version, created_at,
                    received_at, payload_sha256, status, answer, payload
             FROM submissions ORDER BY received_at, id",
            &[],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(StoredSubmission {
                id: get(row, "id")?,
                device_id: get(row, "device_id")?,
                receipt_code: get(row, "receipt_code")?,
                target_id: get(row, "target_id")?,
                catalogue_version: get_u32(row, "catalogue_version")?,
                created_at: get(row, "created_at")?,
                received_at: get(row, "received_at")?,
                payload_sha256: get(row, "payload_sha256")?,
                status: get(row, "status")?,
                answer: get(row, "answer")?,
                payload: get(row, "payload")?,
            })
        })
        .collect()
}

/// A row of the list from the columns `id, receipt_code, mahalla, target_id, status,
/// created_at, catalogue_version`.
fn list_row(row: &tokio_postgres::Row) -> Result<Row> {
    Ok(Row {
        id: get(row, "id")?,
        receipt_code: get(row, "receipt_code")?,
        mahalla: get(row, "mahalla")?,
        target_id: get(row, "target_id")?,
        status: get(row, "status")?,
        created_at: get(row, "created_at")?,
        catalogue_version: get_u32(row, "catalogue_version")?,
    })
}

/// The newest `limit` submissions within `scope` that pass `filters`; an empty filter
/// passes everything. The scope's rule is `Scope::covers`: services, then regions or
/// districts.
pub(crate) async fn list(
    store: &PostgresStore,
    filters: &Filters,
    scope: &Scope,
    limit: u32,
) -> Result<Vec<Row>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT s.id, s.receipt_code, d.mahalla, s.target_id, s.status, s.created_at,
                    s.catalogue_version
             FROM submissions s JOIN devices d ON d.device_id = s.device_id
             JOIN mahallas m ON m.code = d.mahalla
             WHERE ($1 = '' OR d.mahalla = $1)
               AND ($2 = '' OR s.status = $2)
               AND ($3 = '' OR s.target_id = $3)
               AND (cardinality($5::text[]) = 0 OR s.target_id = ANY($5))
               AND ((cardinality($6::text[]) = 0 AND cardinality($7::text[]) = 0)
                    OR m.region = ANY($6) OR m.district = ANY($7))
             ORDER BY s.received_at DESC, s.id DESC
             LIMIT $4",
            &[
                &filters.mahalla,
                &filters.status,
                &filters.target,
                &i64::from(limit),
                &scope.services,
                &scope.regions,
                &scope.districts,
            ],
        )
        .await
        .map_err(backend)?;
    rows.iter().map(list_row).collect()
}

/// One submission as the dashboard shows it; who changed its status and when, once someone
/// did.
pub(crate) async fn submission(store: &PostgresStore, id: &str) -> Result<Option<SubmissionView>> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            "SELECT s.id, s.receipt_code, d.mahalla, s.target_id, s.status, s.created_at,
                    s.catalogue_version, s.answer, s.status_changed_by, s.status_changed_at, s.payload,
                    m.region, m.district
             FROM submissions s JOIN devices d ON d.device_id = s.device_id
             JOIN mahallas m ON m.code = d.mahalla
             WHERE s.id = $1",
            &[&id],
        )
        .await
        .map_err(backend)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let changed_by: Option<String> = get(&row, "status_changed_by")?;
    let changed_at: i64 = get(&row, "status_changed_at")?;
    Ok(Some(SubmissionView {
        row: list_row(&row)?,
        region: get(&row, "region")?,
        district: get(&row, "district")?,
        answer: get(&row, "answer")?,
        changed: changed_by.map(|by| (by, clock::rfc3339(changed_at))),
        payload: get(&row, "payload")?,
    }))
}

/// Each terminal not revoked, by mahalla code, with how many submissions it received at or
/// after each of the two times.
pub(crate) async fn terminal_figures(
    store: &PostgresStore,
    (since_a, since_b): (i64, i64),
) -> Result<Vec<TerminalFigures>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT m.code, m.name, m.region, m.district, d.last_seen_at, d.last_heartbeat,
                    (SELECT count(*) FROM submissions s
                     WHERE s.device_id = d.device_id AND s.received_at >= $1) AS since_a,
                    (SELECT count(*) FROM submissions s
                     WHERE s.device_id = d.device_id AND s.received_at >= $2) AS since_b
             FROM devices d JOIN mahallas m ON m.code = d.mahalla
             WHERE d.revoked_at IS NULL
             ORDER BY m.code, d.number",
            &[&since_a, &since_b],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(TerminalFigures {
                mahalla: get(row, "code")?,
                mahalla_name: get(row, "name")?,
                region: get(row, "region")?,
                district: get(row, "district")?,
                last_seen_at: get(row, "last_seen_at")?,
                last_heartbeat: get(row, "last_heartbeat")?,
                received_since: (get_u32(row, "since_a")?, get_u32(row, "since_b")?),
            })
        })
        .collect()
}
