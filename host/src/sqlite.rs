//! SQLite connections as both the terminal and the portal open them.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

/// How long a writer waits for another connection's write lock before giving up. The
/// terminal's store, print and sync workers and the portal's admin commands each hold their
/// own connection; their transactions are short, so a wait this long means something is
/// stuck, not busy.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens (creating if needed) the database at `path` with [`apply_pragmas`].
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    apply_pragmas(&connection)?;
    Ok(connection)
}

/// The pragmas every connection uses: write-ahead log, `synchronous = FULL` (a commit is on
/// the disk when it returns, so a power cut cannot lose it), foreign keys enforced, and
/// [`BUSY_TIMEOUT`]. Also used by the submit benchmark's bare-SQLite baseline, so both measure
/// the same durability.
pub fn apply_pragmas(connection: &Connection) -> rusqlite::Result<()> {
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_is_durable_and_checks_foreign_keys() {
        let dir = tempfile::tempdir().expect("temp dir");
        let connection = open(&dir.path().join("test.sqlite3")).expect("open");
        let mode: String = connection
            .query_row("PRAGMA journal_mode", [], |row| row.get(0))
            .expect("journal mode");
        assert_eq!(mode, "wal");
        let synchronous: i64 = connection
            .query_row("PRAGMA synchronous", [], |row| row.get(0))
            .expect("synchronous");
        assert_eq!(synchronous, 2, "FULL");
        let foreign_keys: i64 = connection
            .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
            .expect("foreign keys");
        assert_eq!(foreign_keys, 1);
    }
}
