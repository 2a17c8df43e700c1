//! What the dashboard reads: submissions per mahalla with filters, one submission, and the
//! per-mahalla monitoring figures.

use rusqlite::{OptionalExtension, params};

use crate::db::{Db, DbError};

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub mahalla: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub target: String,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub receipt_code: String,
    pub mahalla: String,
    pub target_id: String,
    pub status: String,
    pub created_at: String,
}

#[derive(Debug, Clone)]
pub struct Detail {
    pub row: Row,
    pub lang: String,
    pub values: Vec<(String, String)>,
    pub answer: Option<String>,
    /// Who set the status and when; `None` before anyone did.
    pub changed: Option<(String, String)>,
    /// Set when mahalla staff filled the form in with the resident.
    pub assistance: Option<mahalla_protocol::wire::Assistance>,
}

#[derive(Debug, Clone, Default)]
pub struct MahallaFigures {
    pub code: String,
    pub name: String,
    pub terminals: u32,
    pub online: u32,
    pub queued: u64,
    pub quarantined: u64,
    pub last_seen_at: Option<i64>,
    pub printer_faults: u32,
    /// Catalogue versions a terminal of the mahalla refused (it keeps the one before).
    pub refused_catalogues: Vec<u32>,
    pub today: u32,
    pub last_7_days: u32,
}

/// A terminal seen within this window counts as online.
pub const ONLINE_WINDOW_MS: i64 = 10 * 60 * 1000;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const PAGE: i64 = 200;

pub fn submissions(db: &Db, filters: &Filters) -> Result<Vec<Row>, DbError> {
    let connection = db.lock();
    let mut statement = connection.prepare_cached(
        "SELECT s.id, s.receipt_code, d.mahalla, s.target_id, s.status, s.created_at
         FROM submissions s JOIN devices d ON d.device_id = s.device_id
         WHERE (?1 = '' OR d.mahalla = ?1) AND (?2 = '' OR s.status = ?2)
           AND (?3 = '' OR s.target_id = ?3)
         ORDER BY s.received_at DESC, s.id DESC LIMIT ?4",
    )?;
    let rows = statement.query_map(
        params![filters.mahalla, filters.status, filters.target, PAGE],
        |row| {
            Ok(Row {
                id: row.get(0)?,
                receipt_code: row.get(1)?,
                mahalla: row.get(2)?,
                target_id: row.get(3)?,
                status: row.get(4)?,
                created_at: row.get(5)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn detail(db: &Db, id: &str) -> Result<Option<Detail>, DbError> {
    type Found = (Row, String, Option<String>, Option<(String, String)>);
    let found: Option<Found> = db
        .lock()
        .query_row(
            "SELECT s.id, s.receipt_code, d.mahalla, s.target_id, s.status, s.created_at,
                    s.plaintext, s.answer, s.status_changed_by, s.status_changed_at
             FROM submissions s JOIN devices d ON d.device_id = s.device_id WHERE s.id = ?1",
            [id],
            |row| {
                Ok((
                    Row {
                        id: row.get(0)?,
                        receipt_code: row.get(1)?,
                        mahalla: row.get(2)?,
                        target_id: row.get(3)?,
                        status: row.get(4)?,
                        created_at: row.get(5)?,
                    },
                    row.get(6)?,
                    row.get(7)?,
                    row.get::<_, Option<String>>(8)?
                        .zip(row.get::<_, Option<String>>(9)?),
                ))
            },
        )
        .optional()?;
    let Some((row, plaintext, answer, changed)) = found else {
        return Ok(None);
    };
    let payload: mahalla_protocol::wire::SubmissionPayload = serde_json::from_str(&plaintext)
        .map_err(|error| DbError::Corrupt(format!("payload of {id}: {error}")))?;
    Ok(Some(Detail {
        row,
        lang: payload.lang.tag().to_owned(),
        values: payload.values.into_iter().collect(),
        answer,
        changed,
        assistance: payload.assistance,
    }))
}

/// Figures per mahalla, for every mahalla that has a terminal.
pub fn monitoring(db: &Db, now_ms: i64) -> Result<Vec<MahallaFigures>, DbError> {
    let connection = db.lock();
    let mut statement = connection.prepare_cached(
        "SELECT m.code, m.name, d.last_seen_at, d.last_heartbeat,
                (SELECT count(*) FROM submissions s WHERE s.device_id = d.device_id
                   AND s.received_at >= ?1),
                (SELECT count(*) FROM submissions s WHERE s.device_id = d.device_id
                   AND s.received_at >= ?2)
         FROM devices d JOIN mahallas m ON m.code = d.mahalla
         WHERE d.revoked_at IS NULL ORDER BY m.code",
    )?;
    let rows = statement.query_map(params![now_ms - DAY_MS, now_ms - 7 * DAY_MS], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<i64>>(2)?,
            row.get::<_, Option<String>>(3)?,
            row.get::<_, u32>(4)?,
            row.get::<_, u32>(5)?,
        ))
    })?;
    let mut figures: Vec<MahallaFigures> = Vec::new();
    for row in rows {
        let (code, name, last_seen_at, heartbeat, today, week) = row?;
        if figures.last().is_none_or(|f| f.code != code) {
            figures.push(MahallaFigures {
                code: code.clone(),
                name,
                ..MahallaFigures::default()
            });
        }
        let Some(entry) = figures.last_mut() else {
            continue;
        };
        entry.terminals += 1;
        entry.today += today;
        entry.last_7_days += week;
        if last_seen_at.is_some_and(|seen| now_ms - seen <= ONLINE_WINDOW_MS) {
            entry.online += 1;
        }
        entry.last_seen_at = entry.last_seen_at.max(last_seen_at);
        let heartbeat: Option<mahalla_protocol::wire::Heartbeat> =
            heartbeat.and_then(|text| serde_json::from_str(&text).ok());
        if let Some(heartbeat) = heartbeat {
            entry.queued += heartbeat.queue.queued + heartbeat.queue.sending;
            entry.quarantined += heartbeat.queue.quarantined;
            if !matches!(heartbeat.printer.as_str(), "ok" | "virtual" | "unknown") {
                entry.printer_faults += 1;
            }
            if let Some(refused) = heartbeat.refused_catalogue
                && !entry.refused_catalogues.contains(&refused.version)
            {
                entry.refused_catalogues.push(refused.version);
            }
        }
    }
    Ok(figures)
}
