//! Software updates published to the terminals: each version once, only newer ones, the
//! newest found through the key's order.

use mahalla_portal_store::{Publication, PublishedUpdate};
use mahalla_protocol::software_update::Version;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::Job;

const COLUMNS: &str = "major, minor, patch, manifest, signature, published_at";

fn published(row: &rusqlite::Row<'_>) -> rusqlite::Result<PublishedUpdate> {
    Ok(PublishedUpdate {
        version: Version {
            major: row.get(0)?,
            minor: row.get(1)?,
            patch: row.get(2)?,
        },
        manifest: row.get(3)?,
        signature: row.get(4)?,
        published_at: row.get(5)?,
    })
}

fn find_newest(connection: &Connection) -> Job<Option<PublishedUpdate>> {
    Ok(connection
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM software_updates
             ORDER BY major DESC, minor DESC, patch DESC LIMIT 1"
        ))?
        .query_row([], published)
        .optional()?)
}

/// Publishes `update` in a write transaction that first reads the newest: SQLite's one
/// writer makes the check and the insert one step.
pub fn publish(connection: &mut Connection, update: &PublishedUpdate) -> Job<Publication> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(newest) = find_newest(&transaction)?
        && newest.version >= update.version
    {
        return Ok(Publication::NotNewer {
            newest: newest.version,
        });
    }
    let version = update.version;
    transaction.execute(
        &format!("INSERT INTO software_updates ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        params![
            version.major,
            version.minor,
            version.patch,
            update.manifest,
            update.signature,
            update.published_at
        ],
    )?;
    transaction.commit()?;
    Ok(Publication::Published)
}

pub fn newest(connection: &mut Connection) -> Job<Option<PublishedUpdate>> {
    find_newest(connection)
}

pub fn of_version(connection: &mut Connection, version: Version) -> Job<Option<PublishedUpdate>> {
    Ok(connection
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM software_updates
             WHERE major = ?1 AND minor = ?2 AND patch = ?3"
        ))?
        .query_row(
            params![version.major, version.minor, version.patch],
            published,
        )
        .optional()?)
}
