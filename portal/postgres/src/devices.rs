//! Registered terminals: reading them, revoking one, what their heartbeats say, and the
//! nonces of their signed requests, remembered so that a replay is refused.

use mahalla_portal_store::{Device, NONCE_MEMORY_MS, Result, Seen, StoreError};

use crate::{PostgresStore, backend, get};

/// The columns [`device_of`] reads.
pub(crate) const DEVICE_COLUMNS: &str = "number, device_id, public_key, mahalla, enrolled_at,
    revoked_at, last_seen_at, last_skew_ms, last_heartbeat";

/// A device from a row of [`DEVICE_COLUMNS`].
pub(crate) fn device_of(row: &tokio_postgres::Row) -> Result<Device> {
    let number: i64 = get(row, "number")?;
    let heartbeat: Option<String> = get(row, "last_heartbeat")?;
    Ok(Device {
        number: u32::try_from(number)
            .map_err(|_| StoreError::Corrupt(format!("device number {number}")))?,
        device_id: get(row, "device_id")?,
        public_key: get(row, "public_key")?,
        mahalla: get(row, "mahalla")?,
        enrolled_at: get(row, "enrolled_at")?,
        revoked_at: get(row, "revoked_at")?,
        last_seen_at: get(row, "last_seen_at")?,
        last_skew_ms: get(row, "last_skew_ms")?,
        last_heartbeat: heartbeat.and_then(|text| serde_json::from_str(&text).ok()),
    })
}

pub(crate) async fn device(store: &PostgresStore, device_id: &str) -> Result<Option<Device>> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            &format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE device_id = $1"),
            &[&device_id],
        )
        .await
        .map_err(backend)?;
    row.as_ref().map(device_of).transpose()
}

pub(crate) async fn devices(store: &PostgresStore) -> Result<Vec<Device>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            &format!("SELECT {DEVICE_COLUMNS} FROM devices ORDER BY number"),
            &[],
        )
        .await
        .map_err(backend)?;
    rows.iter().map(device_of).collect()
}

/// Revokes the device whose id or number (as text) is `device`; a device revoked before
/// keeps its first time.
pub(crate) async fn revoke(store: &PostgresStore, device: &str, now_ms: i64) -> Result<bool> {
    let connection = store.connection().await?;
    let changed = connection
        .execute(
            "UPDATE devices SET revoked_at = coalesce(revoked_at, $2)
             WHERE device_id = $1 OR number::text = $1",
            &[&device, &now_ms],
        )
        .await
        .map_err(backend)?;
    Ok(changed > 0)
}

pub(crate) async fn record_heartbeat(
    store: &PostgresStore,
    device_id: &str,
    heartbeat: &str,
    seen: Seen,
) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "UPDATE devices SET last_heartbeat = $2, last_seen_at = $3, last_skew_ms = $4
             WHERE device_id = $1",
            &[&device_id, &heartbeat, &seen.now_ms, &seen.skew_ms],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

/// Forgets the nonces older than [`NONCE_MEMORY_MS`], then records this one; false when it
/// is still remembered. Forgetting is a statement of its own that leaves rows another
/// request is already forgetting to it, so it never waits; a request with the same nonce as
/// one being forgotten waits at its insert until that row is gone.
pub(crate) async fn record_nonce(
    store: &PostgresStore,
    device_id: &str,
    nonce: &str,
    now_ms: i64,
) -> Result<bool> {
    let connection = store.connection().await?;
    connection
        .execute(
            "DELETE FROM nonces WHERE (device_id, nonce) IN (
                 SELECT device_id, nonce FROM nonces WHERE seen_at < $1
                 FOR UPDATE SKIP LOCKED)",
            &[&(now_ms - NONCE_MEMORY_MS)],
        )
        .await
        .map_err(backend)?;
    let inserted = connection
        .execute(
            "INSERT INTO nonces (device_id, nonce, seen_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&device_id, &nonce, &now_ms],
        )
        .await
        .map_err(backend)?;
    Ok(inserted == 1)
}
