//! The terminal's durable local store: one SQLite database under the data dir, in WAL mode
//! with `synchronous=FULL`, so a committed submission survives a power cut.

/// The condition of the `submissions_unfinished` index, word for word: not delivered to the
/// portal yet, or a receipt still to print. A query that has it as one of its AND terms reads
/// only those rows, through the index, however many finished submissions the terminal holds.
macro_rules! unfinished {
    () => {
        "(outbox_state <> 'delivered' OR printed = 0 OR reprint_requested = 1)"
    };
}

mod audit;
mod clock;
mod enrolment;
mod migrations;
mod outbox;
mod receipts;
mod settings;
mod staff;
mod status;
mod submissions;
mod sync_state;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::device_key::KEY_FILE;

pub use audit::AuditEntry;
pub use clock::corrected;
pub use enrolment::{EnrolError, Enrolment};
pub use outbox::{Delivery, OutboxSummary};
pub use receipts::WaitingReceipt;
pub use settings::WizardProgress;
pub use staff::{SignIn, StaffError, StaffMember};
pub use status::{StatusChange, StatusRecord};
pub use submissions::{OutboxState, QueueEntry, SubmissionCount, SubmitError, Submitted};
pub use sync_state::{Applied, SyncProblem, SyncState};

/// The database file inside the data dir.
pub const DATABASE_FILE: &str = "kiosk.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data dir {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("there is no database in {0}")]
    NoDatabase(PathBuf),
    #[error(
        "{0} holds this terminal's device key but no database (missing or empty): the queue and the receipt numbers are in the database, so the terminal does not start over without them. Put back the database from the backup of this data dir, or start this terminal over with `kioskctl reset`"
    )]
    KeyWithoutDatabase(PathBuf),
    #[error(
        "the database in {path} is from another version of this software (schema {found}, this one reads {expected})"
    )]
    SchemaVersion {
        path: PathBuf,
        found: i64,
        expected: i64,
    },
}

pub struct Store {
    connection: Connection,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and brings its schema up to date.
    /// A data dir that has a device key but no database (or an empty one) is refused: the
    /// terminal would start over as a demo and issue receipt numbers it issued before.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        let database = data_dir.join(DATABASE_FILE);
        let no_database = std::fs::metadata(&database).map_or(true, |file| file.len() == 0);
        if no_database && data_dir.join(KEY_FILE).exists() {
            return Err(StoreError::KeyWithoutDatabase(data_dir.to_owned()));
        }
        Store::open_even_without_database(data_dir)
    }

    /// [`Store::open`] without its check for a key without a database: for the factory reset,
    /// which removes the key too.
    pub fn open_even_without_database(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let mut connection = mahalla_host::sqlite::open(&data_dir.join(DATABASE_FILE))?;
        // A migration that rebuilds a table must not run with foreign keys enforced (SQLite's
        // own procedure for schema changes); the last one checks them instead.
        connection.pragma_update(None, "foreign_keys", "OFF")?;
        migrations::migrations().to_latest(&mut connection)?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        let store = Store { connection };
        store.scrub_wal()?;
        Ok(store)
    }

    /// Opens the database in `data_dir` for reading only, for the commands that only look:
    /// they work on a data dir the user may not write, or on a disk mounted read-only after
    /// an error. Nothing is created or migrated. Where the WAL's index cannot be created (a
    /// read-only directory), nobody can be writing either, so the file is read as it stands.
    pub fn open_read_only(data_dir: &Path) -> Result<Store, StoreError> {
        let path = data_dir.join(DATABASE_FILE);
        if !path.exists() {
            return Err(StoreError::NoDatabase(data_dir.to_owned()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri = |mode: &str| {
            let mut uri = url::Url::from_file_path(&path)
                .map_err(|()| StoreError::NoDatabase(data_dir.to_owned()))?;
            uri.set_query(Some(mode));
            Ok::<_, StoreError>(uri.to_string())
        };
        // Reading the schema version is the first read: a mode that cannot read fails there.
        let open = |mode: &str| -> Result<(Connection, i64), StoreError> {
            let connection = Connection::open_with_flags(uri(mode)?, flags)?;
            connection.busy_timeout(mahalla_host::sqlite::BUSY_TIMEOUT)?;
            let version = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
            Ok((connection, version))
        };
        let (connection, found) = open("mode=ro").or_else(|_| open("immutable=1"))?;
        let expected = migrations::version();
        if found != expected {
            return Err(StoreError::SchemaVersion {
                path,
                found,
                expected,
            });
        }
        Ok(Store { connection })
    }

    /// What a command that only looks opens: [`Store::open_read_only`], unless there is no
    /// database yet or its schema is older than this software's; then [`Store::open`] makes
    /// or migrates it, as any other command would.
    pub fn open_to_look(data_dir: &Path) -> Result<Store, StoreError> {
        match Store::open_read_only(data_dir) {
            Err(StoreError::NoDatabase(_)) => Store::open(data_dir),
            Err(StoreError::SchemaVersion {
                found, expected, ..
            }) if found < expected => Store::open(data_dir),
            opened => opened,
        }
    }

    /// Writes a consistent copy of the database to the new file `path`, without free pages
    /// (nothing deleted travels along).
    pub fn copy_to(&self, path: &Path) -> Result<(), StoreError> {
        let target = path.to_str().ok_or_else(|| StoreError::DataDir {
            path: path.to_owned(),
            source: std::io::Error::other("the path is not UTF-8"),
        })?;
        self.connection.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    /// The result of SQLite's own consistency check: `["ok"]` when the file is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self.connection.prepare("PRAGMA integrity_check")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A valid proposal (taklif) for tests of the store.
#[cfg(test)]
pub(crate) fn sample_proposal() -> mahalla_protocol::form::Values {
    [
        ("full_name", "Oʻrinboy Qodirov"),
        ("subject", "Bolalar maydonchasi"),
        (
            "message",
            "Mahallamizda bolalar maydonchasini taʼmirlash kerak.",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}
