//! The audit log: who did what on the terminal, with no personal data in it.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Store, StoreError};

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    /// `resident`, `technician`, `staff` (command line) or `staff:<id>` (signed in).
    pub actor: String,
    pub action: String,
    /// A receipt code, a staff number or a count; never a resident's data.
    pub detail: String,
}

/// Adds a line inside the caller's transaction (or on its own).
pub(crate) fn record(
    connection: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    connection
        .prepare_cached(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![at, actor, action, detail])?;
    Ok(())
}

impl Store {
    /// Records an action that changes nothing else in the store (sign-out, "sync now").
    pub fn audit(&self, actor: &str, action: &str, detail: &str) -> Result<(), StoreError> {
        record(&self.connection, &self.now_text()?, actor, action, detail)?;
        Ok(())
    }

    /// The newest `limit` lines, newest first.
    pub fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = statement.query_map(params![limit], |row| {
            Ok(AuditEntry {
                at: row.get(0)?,
                actor: row.get(1)?,
                action: row.get(2)?,
                detail: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
