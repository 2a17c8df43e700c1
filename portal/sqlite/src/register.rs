//! The register: mahallas, enrolment codes, devices with their heartbeats, and the nonces of
//! their signed requests.

use mahalla_portal_store::{CodeState, Device, EnrolOutcome, NONCE_MEMORY_MS, Seen};
use mahalla_protocol::wire::Mahalla;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::{Job, corrupt};

pub fn import_mahallas(connection: &mut Connection, mahallas: &[Mahalla]) -> Job<usize> {
    let transaction = connection.transaction()?;
    {
        let mut insert = transaction.prepare(
            "INSERT INTO mahallas (code, name, district, region) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                 district = excluded.district, region = excluded.region",
        )?;
        // A mahalla moved to another district or region takes its submissions along.
        let mut moved = transaction.prepare(
            "UPDATE submissions SET district = ?2, region = ?3
             WHERE mahalla = ?1 AND (district <> ?2 OR region <> ?3)",
        )?;
        for m in mahallas {
            insert.execute(params![m.code, m.name, m.district, m.region])?;
            moved.execute(params![m.code, m.district, m.region])?;
        }
    }
    transaction.commit()?;
    Ok(mahallas.len())
}

pub fn mahalla(connection: &mut Connection, code: &str) -> Job<Option<Mahalla>> {
    Ok(connection
        .query_row(
            "SELECT code, name, district, region FROM mahallas WHERE code = ?1",
            [code],
            |row| {
                Ok(Mahalla {
                    code: row.get(0)?,
                    name: row.get(1)?,
                    district: row.get(2)?,
                    region: row.get(3)?,
                })
            },
        )
        .optional()?)
}

pub fn add_enrol_code(
    connection: &mut Connection,
    code_sha256: &str,
    mahalla: &str,
    now_ms: i64,
    expires_ms: i64,
) -> Job<()> {
    connection.execute(
        "INSERT INTO enrol_codes (code_sha256, mahalla, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![code_sha256, mahalla, now_ms, expires_ms],
    )?;
    Ok(())
}

type Code = (String, i64, Option<String>);

fn code(connection: &Connection, code_sha256: &str) -> Job<Option<Code>> {
    Ok(connection
        .query_row(
            "SELECT mahalla, expires_at, used_by FROM enrol_codes WHERE code_sha256 = ?1",
            [code_sha256],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?)
}

pub fn code_state(connection: &mut Connection, code_sha256: &str, now_ms: i64) -> Job<CodeState> {
    Ok(match code(connection, code_sha256)? {
        None => CodeState::Invalid,
        Some((_, _, Some(by))) => CodeState::Used { by },
        Some((_, expires_at, None)) if expires_at < now_ms => CodeState::Expired,
        Some((mahalla, _, None)) => CodeState::Usable { mahalla },
    })
}

pub fn enrol(
    connection: &mut Connection,
    code_sha256: &str,
    device_id: &str,
    public_key: &str,
    now_ms: i64,
) -> Job<EnrolOutcome> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some((mahalla, expires_at, used_by)) = code(&transaction, code_sha256)? else {
        return Ok(EnrolOutcome::Invalid);
    };
    match used_by {
        Some(used_by) if used_by == device_id => {
            return find_device(&transaction, device_id)?
                .map(EnrolOutcome::Enrolled)
                .ok_or_else(|| corrupt(format!("code used by unknown {device_id}")));
        }
        Some(_) => return Ok(EnrolOutcome::Used),
        None if expires_at < now_ms => return Ok(EnrolOutcome::Expired),
        None => {}
    }
    if find_device(&transaction, device_id)?.is_some() {
        return Ok(EnrolOutcome::AlreadyEnrolled);
    }
    transaction.execute(
        "INSERT INTO devices (device_id, public_key, mahalla, enrolled_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![device_id, public_key, mahalla, now_ms],
    )?;
    transaction.execute(
        "UPDATE enrol_codes SET used_by = ?1, used_at = ?2 WHERE code_sha256 = ?3",
        params![device_id, now_ms, code_sha256],
    )?;
    let device = find_device(&transaction, device_id)?
        .ok_or_else(|| corrupt(format!("enrolled {device_id} vanished")))?;
    transaction.commit()?;
    Ok(EnrolOutcome::Enrolled(device))
}

const DEVICE_COLUMNS: &str = "number, device_id, public_key, mahalla, enrolled_at, revoked_at,
     last_seen_at, last_skew_ms, last_heartbeat";

fn device_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Device> {
    let heartbeat: Option<String> = row.get(8)?;
    Ok(Device {
        number: row.get(0)?,
        device_id: row.get(1)?,
        public_key: row.get(2)?,
        mahalla: row.get(3)?,
        enrolled_at: row.get(4)?,
        revoked_at: row.get(5)?,
        last_seen_at: row.get(6)?,
        last_skew_ms: row.get(7)?,
        last_heartbeat: heartbeat.and_then(|text| serde_json::from_str(&text).ok()),
    })
}

fn find_device(connection: &Connection, device_id: &str) -> Job<Option<Device>> {
    Ok(connection
        .prepare_cached(&format!(
            "SELECT {DEVICE_COLUMNS} FROM devices WHERE device_id = ?1"
        ))?
        .query_row([device_id], device_row)
        .optional()?)
}

pub fn device(connection: &mut Connection, device_id: &str) -> Job<Option<Device>> {
    find_device(connection, device_id)
}

pub fn devices(connection: &mut Connection) -> Job<Vec<Device>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {DEVICE_COLUMNS} FROM devices ORDER BY number"
    ))?;
    let rows = statement.query_map([], device_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn revoke(connection: &mut Connection, device: &str, now_ms: i64) -> Job<bool> {
    let changed = connection.execute(
        "UPDATE devices SET revoked_at = coalesce(revoked_at, ?2)
         WHERE device_id = ?1 OR CAST(number AS TEXT) = ?1",
        params![device, now_ms],
    )?;
    Ok(changed > 0)
}

pub fn record_heartbeat(
    connection: &mut Connection,
    device_id: &str,
    heartbeat: &str,
    seen: Seen,
) -> Job<()> {
    connection
        .prepare_cached(
            "UPDATE devices SET last_heartbeat = ?2, last_seen_at = ?3, last_skew_ms = ?4
             WHERE device_id = ?1",
        )?
        .execute(params![device_id, heartbeat, seen.now_ms, seen.skew_ms])?;
    Ok(())
}

pub fn record_nonce(
    connection: &mut Connection,
    device_id: &str,
    nonce: &str,
    now_ms: i64,
) -> Job<bool> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    transaction
        .prepare_cached("DELETE FROM nonces WHERE seen_at < ?1")?
        .execute([now_ms - NONCE_MEMORY_MS])?;
    let inserted = transaction
        .prepare_cached(
            "INSERT INTO nonces (device_id, nonce, seen_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![device_id, nonce, now_ms])?;
    transaction.commit()?;
    Ok(inserted == 1)
}
