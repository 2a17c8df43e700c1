//! Dashboard staff: their password hashes and sessions (kept as hashes of the cookie's
//! token), tries counted in windows before the thing tried is checked, and the audit log of
//! what they exported.

use mahalla_portal_store::{AuditEntry, Role, StaffMember, THROTTLE_WINDOW_MS};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Job;

pub fn set_staff(connection: &mut Connection, username: &str, hash: &str, role: &Role) -> Job<()> {
    connection.execute(
        "INSERT INTO staff (username, password_hash, role) VALUES (?1, ?2, ?3)
         ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,
             role = excluded.role",
        params![username, hash, role.to_stored()],
    )?;
    Ok(())
}

pub fn password_hash(connection: &mut Connection, username: &str) -> Job<Option<String>> {
    Ok(connection
        .query_row(
            "SELECT password_hash FROM staff WHERE username = ?1",
            [username],
            |row| row.get(0),
        )
        .optional()?)
}

pub fn open_session(
    connection: &mut Connection,
    token_sha256: &str,
    username: &str,
    expires_ms: i64,
) -> Job<()> {
    connection.execute(
        "INSERT INTO staff_sessions (token_sha256, username, expires_at) VALUES (?1, ?2, ?3)",
        params![token_sha256, username, expires_ms],
    )?;
    Ok(())
}

pub fn session_user(
    connection: &mut Connection,
    token_sha256: &str,
    now_ms: i64,
) -> Job<Option<StaffMember>> {
    let found: Option<(String, String, String)> = connection
        .query_row(
            "SELECT s.username, st.role, st.language FROM staff_sessions s
             JOIN staff st ON st.username = s.username
             WHERE s.token_sha256 = ?1 AND s.expires_at > ?2",
            params![token_sha256, now_ms],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    found
        .map(|(username, role, language)| {
            Ok(StaffMember {
                username,
                role: Role::from_stored(&role)?,
                language,
            })
        })
        .transpose()
}

pub fn set_staff_language(connection: &mut Connection, username: &str, language: &str) -> Job<()> {
    connection.execute(
        "UPDATE staff SET language = ?2 WHERE username = ?1",
        params![username, language],
    )?;
    Ok(())
}

pub fn close_session(connection: &mut Connection, token_sha256: &str) -> Job<()> {
    connection.execute(
        "DELETE FROM staff_sessions WHERE token_sha256 = ?1",
        [token_sha256],
    )?;
    Ok(())
}

pub fn remember_address(connection: &mut Connection, address: &str, now_ms: i64) -> Job<()> {
    connection.execute(
        "INSERT INTO staff_addresses (address, last_sign_in) VALUES (?1, ?2)
         ON CONFLICT (address) DO UPDATE SET
             last_sign_in = max(last_sign_in, excluded.last_sign_in)",
        params![address, now_ms],
    )?;
    Ok(())
}

pub fn address_since(connection: &mut Connection, address: &str, since_ms: i64) -> Job<bool> {
    Ok(connection
        .query_row(
            "SELECT 1 FROM staff_addresses WHERE address = ?1 AND last_sign_in >= ?2",
            params![address, since_ms],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn count_try(connection: &mut Connection, limits: &[(String, u32)], now_ms: i64) -> Job<bool> {
    let transaction = connection.transaction()?;
    transaction.execute(
        "DELETE FROM throttle WHERE window_start <= ?1",
        [now_ms - THROTTLE_WINDOW_MS],
    )?;
    for (key, limit) in limits {
        let tries: u32 = transaction
            .query_row("SELECT tries FROM throttle WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?
            .unwrap_or(0);
        if tries >= *limit {
            return Ok(false);
        }
    }
    for (key, _) in limits {
        transaction.execute(
            "INSERT INTO throttle (key, tries, window_start) VALUES (?1, 1, ?2)
             ON CONFLICT (key) DO UPDATE SET tries = tries + 1",
            params![key, now_ms],
        )?;
    }
    transaction.commit()?;
    Ok(true)
}

pub fn take_back_try(connection: &mut Connection, limits: &[(String, u32)]) -> Job<()> {
    let transaction = connection.transaction()?;
    for (key, _) in limits {
        transaction.execute(
            "UPDATE throttle SET tries = max(tries - 1, 0) WHERE key = ?1",
            [key],
        )?;
    }
    transaction.commit()?;
    Ok(())
}

pub fn forget_tries(connection: &mut Connection, key: &str, prefix: &str) -> Job<()> {
    let escaped = prefix
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    connection.execute(
        "DELETE FROM throttle WHERE key = ?1 OR key LIKE ?2 ESCAPE '\\'",
        params![key, format!("{escaped}%")],
    )?;
    Ok(())
}

pub fn record_audit(connection: &mut Connection, entry: &AuditEntry) -> Job<()> {
    connection.execute(
        "INSERT INTO audit_log (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
        params![entry.at_ms, entry.actor, entry.action, entry.detail],
    )?;
    Ok(())
}

pub fn audit_log(connection: &mut Connection, limit: u32) -> Job<Vec<AuditEntry>> {
    let mut statement = connection.prepare_cached(
        "SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = statement.query_map([limit], |row| {
        Ok(AuditEntry {
            at_ms: row.get(0)?,
            actor: row.get(1)?,
            action: row.get(2)?,
            detail: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
