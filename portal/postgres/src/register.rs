//! The register of mahallas and enrolment: one-time codes kept as hashes, and a code used
//! for a device key under a lock on the code's row, so that two terminals with one code
//! cannot both enrol.

use mahalla_portal_store::{CodeState, EnrolOutcome, Result, StoreError};
use mahalla_protocol::wire::Mahalla;

use crate::devices::{DEVICE_COLUMNS, device_of};
use crate::{PostgresStore, backend, get};

pub(crate) async fn import_mahallas(store: &PostgresStore, mahallas: &[Mahalla]) -> Result<usize> {
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    let upsert = transaction
        .prepare_cached(
            "INSERT INTO mahallas (code, name, district, region) VALUES ($1, $2, $3, $4)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                 district = excluded.district, region = excluded.region",
        )
        .await
        .map_err(backend)?;
    // A mahalla moved to another district or region takes its submissions along.
    let moved = transaction
        .prepare_cached(
            "UPDATE submissions SET district = $2, region = $3
             WHERE mahalla = $1 AND (district <> $2 OR region <> $3)",
        )
        .await
        .map_err(backend)?;
    for mahalla in mahallas {
        transaction
            .execute(
                &upsert,
                &[
                    &mahalla.code,
                    &mahalla.name,
                    &mahalla.district,
                    &mahalla.region,
                ],
            )
            .await
            .map_err(backend)?;
        transaction
            .execute(&moved, &[&mahalla.code, &mahalla.district, &mahalla.region])
            .await
            .map_err(backend)?;
    }
    transaction.commit().await.map_err(backend)?;
    Ok(mahallas.len())
}

pub(crate) async fn mahalla(store: &PostgresStore, code: &str) -> Result<Option<Mahalla>> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            "SELECT code, name, district, region FROM mahallas WHERE code = $1",
            &[&code],
        )
        .await
        .map_err(backend)?;
    row.map(|row| {
        Ok(Mahalla {
            code: get(&row, "code")?,
            name: get(&row, "name")?,
            district: get(&row, "district")?,
            region: get(&row, "region")?,
        })
    })
    .transpose()
}

pub(crate) async fn add_enrol_code(
    store: &PostgresStore,
    code_sha256: &str,
    mahalla: &str,
    now_ms: i64,
    expires_ms: i64,
) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "INSERT INTO enrol_codes (code_sha256, mahalla, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
            &[&code_sha256, &mahalla, &now_ms, &expires_ms],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

pub(crate) async fn code_state(
    store: &PostgresStore,
    code_sha256: &str,
    now_ms: i64,
) -> Result<CodeState> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            "SELECT mahalla, expires_at, used_by FROM enrol_codes WHERE code_sha256 = $1",
            &[&code_sha256],
        )
        .await
        .map_err(backend)?;
    let Some(row) = row else {
        return Ok(CodeState::Invalid);
    };
    let expires_at: i64 = get(&row, "expires_at")?;
    Ok(match get::<Option<String>>(&row, "used_by")? {
        Some(by) => CodeState::Used { by },
        None if expires_at < now_ms => CodeState::Expired,
        None => CodeState::Usable {
            mahalla: get(&row, "mahalla")?,
        },
    })
}

/// Uses the code for the device in one transaction that holds the code's row: a second
/// enrolment with the same code waits, then finds it used.
pub(crate) async fn enrol(
    store: &PostgresStore,
    code_sha256: &str,
    device_id: &str,
    public_key: &str,
    now_ms: i64,
) -> Result<EnrolOutcome> {
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    let code = transaction
        .query_opt(
            "SELECT mahalla, expires_at, used_by FROM enrol_codes WHERE code_sha256 = $1
             FOR UPDATE",
            &[&code_sha256],
        )
        .await
        .map_err(backend)?;
    let Some(code) = code else {
        return Ok(EnrolOutcome::Invalid);
    };
    let mahalla: String = get(&code, "mahalla")?;
    let expires_at: i64 = get(&code, "expires_at")?;
    match get::<Option<String>>(&code, "used_by")? {
        Some(used_by) if used_by == device_id => {
            let device = transaction
                .query_opt(
                    &format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE device_id = $1"),
                    &[&device_id],
                )
                .await
                .map_err(backend)?
                .ok_or_else(|| StoreError::Corrupt(format!("code used by unknown {device_id}")))?;
            return Ok(EnrolOutcome::Enrolled(device_of(&device)?));
        }
        Some(_) => return Ok(EnrolOutcome::Used),
        None if expires_at < now_ms => return Ok(EnrolOutcome::Expired),
        None => {}
    }
    // A key enrolled with another code. Looked for first, so that the insert below takes a
    // device number only for a new key; its ON CONFLICT is for an enrolment with another
    // code still in flight.
    let known = transaction
        .query_opt("SELECT 1 FROM devices WHERE device_id = $1", &[&device_id])
        .await
        .map_err(backend)?;
    if known.is_some() {
        return Ok(EnrolOutcome::AlreadyEnrolled);
    }
    let inserted = transaction
        .query_opt(
            &format!(
                "INSERT INTO devices (device_id, public_key, mahalla, enrolled_at)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (device_id) DO NOTHING
                 RETURNING {DEVICE_COLUMNS}"
            ),
            &[&device_id, &public_key, &mahalla, &now_ms],
        )
        .await
        .map_err(backend)?;
    let Some(inserted) = inserted else {
        return Ok(EnrolOutcome::AlreadyEnrolled);
    };
    transaction
        .execute(
            "UPDATE enrol_codes SET used_by = $1, used_at = $2 WHERE code_sha256 = $3",
            &[&device_id, &now_ms, &code_sha256],
        )
        .await
        .map_err(backend)?;
    let device = device_of(&inserted)?;
    transaction.commit().await.map_err(backend)?;
    Ok(EnrolOutcome::Enrolled(device))
}
