//! Agency staff who sign in to the dashboard (their argon2id password hashes), their
//! sessions, kept as hashes of the cookie token with the time they end, and the audit log of
//! what they exported.

use mahalla_portal_store::{AuditEntry, Result, Role, StaffMember};

use crate::{PostgresStore, backend, get};

/// Adds a staff member, or gives one a new password hash and role.
pub(crate) async fn set_staff(
    store: &PostgresStore,
    username: &str,
    password_hash: &str,
    role: &Role,
) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "INSERT INTO staff (username, password_hash, role) VALUES ($1, $2, $3)
             ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,
                 role = excluded.role",
            &[&username, &password_hash, &role.to_stored()],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

pub(crate) async fn password_hash(store: &PostgresStore, username: &str) -> Result<Option<String>> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            "SELECT password_hash FROM staff WHERE username = $1",
            &[&username],
        )
        .await
        .map_err(backend)?;
    row.map(|row| get(&row, "password_hash")).transpose()
}

pub(crate) async fn open_session(
    store: &PostgresStore,
    token_sha256: &str,
    username: &str,
    expires_ms: i64,
) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "INSERT INTO staff_sessions (token_sha256, username, expires_at) VALUES ($1, $2, $3)",
            &[&token_sha256, &username, &expires_ms],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

/// The staff member whose session this is, while it has not ended at `now_ms`.
pub(crate) async fn session_user(
    store: &PostgresStore,
    token_sha256: &str,
    now_ms: i64,
) -> Result<Option<StaffMember>> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            "SELECT s.username, st.role, st.language FROM staff_sessions s
             JOIN staff st ON st.username = s.username
             WHERE s.token_sha256 = $1 AND s.expires_at > $2",
            &[&token_sha256, &now_ms],
        )
        .await
        .map_err(backend)?;
    row.map(|row| {
        let role: String = get(&row, "role")?;
        Ok(StaffMember {
            username: get(&row, "username")?,
            role: Role::from_stored(&role)?,
            language: get(&row, "language")?,
        })
    })
    .transpose()
}

pub(crate) async fn set_staff_language(
    store: &PostgresStore,
    username: &str,
    language: &str,
) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "UPDATE staff SET language = $2 WHERE username = $1",
            &[&username, &language],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

pub(crate) async fn close_session(store: &PostgresStore, token_sha256: &str) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "DELETE FROM staff_sessions WHERE token_sha256 = $1",
            &[&token_sha256],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

/// Remembers that staff signed in from `address` at `now_ms`.
pub(crate) async fn remember_address(
    store: &PostgresStore,
    address: &str,
    now_ms: i64,
) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "INSERT INTO staff_addresses (address, last_sign_in) VALUES ($1, $2)
             ON CONFLICT (address) DO UPDATE SET
                 last_sign_in = greatest(staff_addresses.last_sign_in, excluded.last_sign_in)",
            &[&address, &now_ms],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

/// Whether staff signed in from `address` at or after `since_ms`.
pub(crate) async fn address_since(
    store: &PostgresStore,
    address: &str,
    since_ms: i64,
) -> Result<bool> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            "SELECT 1 FROM staff_addresses WHERE address = $1 AND last_sign_in >= $2",
            &[&address, &since_ms],
        )
        .await
        .map_err(backend)?;
    Ok(row.is_some())
}

pub(crate) async fn record_audit(store: &PostgresStore, entry: &AuditEntry) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES ($1, $2, $3, $4)",
            &[&entry.at_ms, &entry.actor, &entry.action, &entry.detail],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

pub(crate) async fn audit_log(store: &PostgresStore, limit: u32) -> Result<Vec<AuditEntry>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT $1",
            &[&i64::from(limit)],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(AuditEntry {
                at_ms: get(row, "at")?,
                actor: get(row, "actor")?,
                action: get(row, "action")?,
                detail: get(row, "detail")?,
            })
        })
        .collect()
}
