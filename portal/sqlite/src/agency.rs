//! What agency staff and administrators read: every submission, the dashboard's filtered
//! list, one submission, and each terminal's part of the monitoring figures.

use mahalla_host::clock;
use mahalla_portal_store::{
    Filters, Row, Scope, StoredSubmission, SubmissionView, TerminalFigures,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Job;

pub fn submissions(connection: &mut Connection) -> Job<Vec<StoredSubmission>> {
    let mut statement = connection.prepare(
        "SELECT id, device_id, receipt_code, target_id, catalogue_version, created_at,
                received_at, payload_sha256, status, answer, payload
         FROM submissions ORDER BY received_at, id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(StoredSubmission {
            id: row.get(0)?,
            device_id: row.get(1)?,
            receipt_code: row.get(2)?,
            target_id: row.get(3)?,
            catalogue_version: row.get(4)?,
            created_at: row.get(5)?,
            received_at: row.get(6)?,
            payload_sha256: row.get(7)?,
            status: row.get(8)?,
            answer: row.get(9)?,
            payload: row.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn list_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: row.get(0)?,
        receipt_code: row.get(1)?,
        mahalla: row.get(2)?,
        target_id: row.get(3)?,
        status: row.get(4)?,
        created_at: row.get(5)?,
        catalogue_version: row.get(6)?,
    })
}

/// A list as a JSON array, for `json_each`.
fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

pub fn list(
    connection: &mut Connection,
    filters: &Filters,
    scope: &Scope,
    limit: u32,
) -> Job<Vec<Row>> {
    // The scope's rule is `Scope::covers`: services, then regions or districts.
    let mut statement = connection.prepare_cached(
        "SELECT s.id, s.receipt_code, d.mahalla, s.target_id, s.status, s.created_at,
                s.catalogue_version
         FROM submissions s JOIN devices d ON d.device_id = s.device_id
         JOIN mahallas m ON m.code = d.mahalla
         WHERE (?1 = '' OR d.mahalla = ?1) AND (?2 = '' OR s.status = ?2)
           AND (?3 = '' OR s.target_id = ?3)
           AND (?5 = '[]' OR s.target_id IN (SELECT value FROM json_each(?5)))
           AND ((?6 = '[]' AND ?7 = '[]')
                OR m.region IN (SELECT value FROM json_each(?6))
                OR m.district IN (SELECT value FROM json_each(?7)))
         ORDER BY s.received_at DESC, s.id DESC LIMIT ?4",
    )?;
    let rows = statement.query_map(
        params![
            filters.mahalla,
            filters.status,
            filters.target,
            limit,
            json_list(&scope.services),
            json_list(&scope.regions),
            json_list(&scope.districts)
        ],
        list_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn submission(connection: &mut Connection, id: &str) -> Job<Option<SubmissionView>> {
    Ok(connection
        .query_row(
            "SELECT s.id, s.receipt_code, d.mahalla, s.target_id, s.status, s.created_at,
                    s.catalogue_version, s.payload, s.answer, s.status_changed_by,
                    s.status_changed_at, m.region, m.district
             FROM submissions s JOIN devices d ON d.device_id = s.device_id
             JOIN mahallas m ON m.code = d.mahalla
             WHERE s.id = ?1",
            [id],
            |row| {
                Ok(SubmissionView {
                    row: list_row(row)?,
                    region: row.get(11)?,
                    district: row.get(12)?,
                    payload: row.get(7)?,
                    answer: row.get(8)?,
                    changed: row
                        .get::<_, Option<String>>(9)?
                        .map(|by| Ok::<_, rusqlite::Error>((by, clock::rfc3339(row.get(10)?))))
                        .transpose()?,
                })
            },
        )
        .optional()?)
}

pub fn terminal_figures(
    connection: &mut Connection,
    (since_a, since_b): (i64, i64),
) -> Job<Vec<TerminalFigures>> {
    let mut statement = connection.prepare_cached(
        "SELECT m.code, m.name, m.region, m.district, d.last_seen_at, d.last_heartbeat,
                (SELECT count(*) FROM submissions s WHERE s.device_id = d.device_id
                   AND s.received_at >= ?1),
                (SELECT count(*) FROM submissions s WHERE s.device_id = d.device_id
                   AND s.received_at >= ?2)
         FROM devices d JOIN mahallas m ON m.code = d.mahalla
         WHERE d.revoked_at IS NULL ORDER BY m.code, d.number",
    )?;
    let rows = statement.query_map(params![since_a, since_b], |row| {
        Ok(TerminalFigures {
            mahalla: row.get(0)?,
            mahalla_name: row.get(1)?,
            region: row.get(2)?,
            district: row.get(3)?,
            last_seen_at: row.get(4)?,
            last_heartbeat: row.get(5)?,
            received_since: (row.get(6)?, row.get(7)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
