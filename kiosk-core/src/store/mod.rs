//! The terminal's durable local store: one SQLite database under the data dir, in WAL mode
//! with `synchronous=FULL`, so a committed submission survives a power cut.

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

use rusqlite::Connection;

pub use audit::AuditEntry;
pub use clock::corrected;
pub use enrolment::{EnrolError, Enrolment};
pub use outbox::{Delivery, OutboxSummary};
pub use receipts::WaitingReceipt;
pub use settings::WizardProgress;
pub use staff::{SignIn, StaffError, StaffMember};
pub use status::{StatusChange, StatusRecord};
pub use submissions::{OutboxState, QueueEntry, SubmissionCount, SubmitError, Submitted};
pub use sync_state::{Applied, SyncState};

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
}

pub struct Store {
    connection: Connection,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and brings its schema up to date.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let mut connection = mahalla_host::sqlite::open(&data_dir.join(DATABASE_FILE))?;
        migrations::migrations().to_latest(&mut connection)?;
        let store = Store { connection };
        store.scrub_wal()?;
        Ok(store)
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
