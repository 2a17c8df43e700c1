//! The portal's database: mahallas, enrolment codes, devices, submissions, the updates feed
//! and catalogue versions. WAL with `synchronous=FULL`: a batch is on disk before its 2xx.
//!
//! Longer than the 600 lines a file aims for: it is the one SQLite implementation of all the
//! portal stores, and is to be cut along a storage trait (one backend per crate) when the
//! PostgreSQL backend arrives, not split by table before then.

mod lookup;
mod notices;
pub mod throttle;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use mahalla_protocol::wire::{self, Change, DeviceKey, Mahalla, Status, Update};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};
use uuid::Uuid;

pub use lookup::{Issuer, LookedUp, PinflLimits};

pub const DATABASE_FILE: &str = "portal.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum DbError {
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

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            r#"
        CREATE TABLE mahallas (
            code        TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            district    TEXT NOT NULL,
            region      TEXT NOT NULL
        );
        -- One-time enrolment codes, kept as hashes.
        CREATE TABLE enrol_codes (
            code_sha256 TEXT PRIMARY KEY,
            mahalla     TEXT NOT NULL REFERENCES mahallas(code),
            created_at  INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            used_by     TEXT,
            used_at     INTEGER,
            CHECK ((used_by IS NULL) = (used_at IS NULL))
        );
        -- The device number is the row id: 1, 2, 3, … (0 means "not enrolled" on receipts).
        CREATE TABLE devices (
            number          INTEGER PRIMARY KEY CHECK (number >= 1),
            device_id       TEXT NOT NULL UNIQUE,
            public_key      TEXT NOT NULL,
            mahalla         TEXT NOT NULL REFERENCES mahallas(code),
            enrolled_at     INTEGER NOT NULL,
            revoked_at      INTEGER,
            last_seen_at    INTEGER,
            last_skew_ms    INTEGER,
            last_heartbeat  TEXT
        );
        -- Receipt codes are unique per device: a terminal that was not enrolled yet issued
        -- codes with device number 0, which only its device id tells apart.
        CREATE TABLE submissions (
            id                  TEXT PRIMARY KEY,
            device_id           TEXT NOT NULL REFERENCES devices(device_id),
            receipt_code        TEXT NOT NULL,
            target_id           TEXT NOT NULL,
            catalogue_version   INTEGER NOT NULL,
            created_at          TEXT NOT NULL,
            payload_sha256      TEXT NOT NULL,
            payload             BLOB NOT NULL,
            plaintext           TEXT NOT NULL,
            received_at         INTEGER NOT NULL,
            status              TEXT NOT NULL,
            answer              TEXT,
            status_changed_at   TEXT NOT NULL,
            UNIQUE (device_id, receipt_code)
        );
        CREATE TABLE catalogues (
            version         INTEGER PRIMARY KEY,
            body            TEXT NOT NULL,
            published_at    INTEGER NOT NULL
        );
        -- The feed terminals read by cursor. device_id NULL: for every terminal.
        CREATE TABLE updates (
            seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id           TEXT,
            kind                TEXT NOT NULL CHECK (kind IN ('status', 'catalogue')),
            submission_id       TEXT REFERENCES submissions(id),
            status              TEXT,
            answer              TEXT,
            changed_at          TEXT NOT NULL,
            catalogue_version   INTEGER REFERENCES catalogues(version),
            CHECK ((kind = 'status') = (submission_id IS NOT NULL AND status IS NOT NULL)),
            CHECK ((kind = 'catalogue') = (catalogue_version IS NOT NULL))
        );
        CREATE INDEX updates_by_device ON updates (device_id, seq);
        "#,
        ),
        M::up(
            r#"
        -- Agency staff who sign in to the dashboard; passwords as argon2id hashes.
        CREATE TABLE staff (
            username        TEXT PRIMARY KEY,
            password_hash   TEXT NOT NULL,
            failed_logins   INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
            locked_until    INTEGER
        );
        -- Dashboard sessions, kept as hashes of the cookie token.
        CREATE TABLE staff_sessions (
            token_sha256    TEXT PRIMARY KEY,
            username        TEXT NOT NULL REFERENCES staff(username),
            expires_at      INTEGER NOT NULL
        );
        "#,
        ),
        M::up(
            r#"
        -- Status notices for residents who gave a phone number and consent; each channel
        -- marks its own delivery.
        CREATE TABLE notifications (
            id                  INTEGER PRIMARY KEY,
            submission_id       TEXT NOT NULL REFERENCES submissions(id),
            phone               TEXT NOT NULL,
            text                TEXT NOT NULL,
            created_at          TEXT NOT NULL,
            sms_sent            INTEGER NOT NULL DEFAULT 0 CHECK (sms_sent IN (0, 1)),
            telegram_sent       INTEGER NOT NULL DEFAULT 0 CHECK (telegram_sent IN (0, 1)),
            attempts            INTEGER NOT NULL DEFAULT 0,
            next_attempt_at     INTEGER NOT NULL DEFAULT 0,
            last_error          TEXT
        );
        CREATE INDEX notifications_pending ON notifications (next_attempt_at)
            WHERE sms_sent = 0 OR telegram_sent = 0;
        "#,
        ),
        M::up(
            r#"
        -- Wrong PINFLs given at terminals to see an answer: the rate limits count them.
        CREATE TABLE pinfl_failures (
            submission_id   TEXT NOT NULL REFERENCES submissions(id),
            asker_device    TEXT NOT NULL,
            at              INTEGER NOT NULL
        );
        CREATE INDEX pinfl_failures_by_submission ON pinfl_failures (submission_id, at);
        CREATE INDEX pinfl_failures_by_asker ON pinfl_failures (asker_device, at);
        "#,
        ),
        M::up(
            r#"
        -- Tries counted before what is tried is checked (dashboard passwords, enrolment
        -- codes), in windows, per key: 'sign-in:user-from:<name> <address>',
        -- 'sign-in:from:<address>', 'sign-in:user:<name>', 'enrol:from:<address>'.
        CREATE TABLE throttle (
            key             TEXT PRIMARY KEY,
            tries           INTEGER NOT NULL CHECK (tries >= 0),
            window_start    INTEGER NOT NULL           -- Unix ms
        );
        ALTER TABLE staff DROP COLUMN failed_logins;
        ALTER TABLE staff DROP COLUMN locked_until;

        -- Who set a submission's status: a dashboard user name, or 'command line'.
        ALTER TABLE submissions ADD COLUMN status_changed_by TEXT;
        ALTER TABLE updates ADD COLUMN changed_by TEXT;
        "#,
        ),
    ])
}

pub struct Db {
    connection: Mutex<Connection>,
}

/// A registered terminal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Device {
    pub number: u32,
    pub device_id: String,
    pub public_key: String,
    pub mahalla: String,
    pub enrolled_at: i64,
    pub revoked_at: Option<i64>,
    pub last_seen_at: Option<i64>,
    pub last_skew_ms: Option<i64>,
    pub last_heartbeat: Option<serde_json::Value>,
}

/// A submission ready to be stored: checked and decrypted.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    pub id: Uuid,
    pub receipt_code: String,
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    pub payload_sha256: String,
    pub payload: Vec<u8>,
    pub plaintext: String,
}

/// What storing one item did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOutcome {
    Inserted,
    Duplicate,
    Conflict,
    ReceiptCodeTaken,
}

/// One item of a batch as the database sees it: either ready to store or already judged
/// (but a stored twin still decides duplicate/conflict).
pub enum BatchEntry {
    Ready(NewSubmission),
    Judged { id: Uuid, payload_sha256: String },
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredSubmission {
    pub id: String,
    pub device_id: String,
    pub receipt_code: String,
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    pub received_at: i64,
    pub payload_sha256: String,
    pub status: String,
    pub answer: Option<String>,
    pub payload: serde_json::Value,
}

pub enum EnrolOutcome {
    Enrolled(Device),
    Invalid,
    Used,
    Expired,
    /// This key is already enrolled with another code.
    AlreadyEnrolled,
}

/// A receipt as its status page shows it.
#[derive(Debug, Clone)]
pub struct ReceiptRecord {
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    /// The language the resident used at the terminal.
    pub lang: mahalla_protocol::lang::Lang,
    /// The terminal's mahalla, by name.
    pub mahalla: String,
    pub status: String,
    pub answer: Option<String>,
    pub changed_at: String,
    /// Every status the submission has had, with its time, oldest first.
    pub history: Vec<(String, String)>,
}

/// What an enrolment code is good for, without using it.
pub enum CodeState {
    Usable {
        mahalla: String,
    },
    Invalid,
    /// Used to enrol the device `by`.
    Used {
        by: String,
    },
    Expired,
}

impl Db {
    pub fn open(data_dir: &Path) -> Result<Db, DbError> {
        std::fs::create_dir_all(data_dir).map_err(|source| DbError::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let mut connection = mahalla_host::sqlite::open(&data_dir.join(DATABASE_FILE))?;
        migrations().to_latest(&mut connection)?;
        Ok(Db {
            connection: Mutex::new(connection),
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        match self.connection.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Inserts or updates mahallas; returns how many rows were written.
    pub fn import_mahallas(&self, mahallas: &[Mahalla]) -> Result<usize, DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        {
            let mut insert = transaction.prepare(
                "INSERT INTO mahallas (code, name, district, region) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                     district = excluded.district, region = excluded.region",
            )?;
            for m in mahallas {
                insert.execute(params![m.code, m.name, m.district, m.region])?;
            }
        }
        transaction.commit()?;
        Ok(mahallas.len())
    }

    pub fn mahalla(&self, code: &str) -> Result<Option<Mahalla>, DbError> {
        Ok(self
            .lock()
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
        &self,
        code_sha256: &str,
        mahalla: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), DbError> {
        self.lock().execute(
            "INSERT INTO enrol_codes (code_sha256, mahalla, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![code_sha256, mahalla, now_ms, expires_ms],
        )?;
        Ok(())
    }

    /// Uses a one-time code for a device key, in one transaction. Repeating the same code
    /// with the same key gives the same device again, so a terminal that lost the answer can
    /// ask again.
    /// The mahalla a code would enrol a terminal into, so the technician can check it before
    /// the code is used.
    pub fn code_state(&self, code_sha256: &str, now_ms: i64) -> Result<CodeState, DbError> {
        let code: Option<(String, i64, Option<String>)> = self
            .lock()
            .query_row(
                "SELECT mahalla, expires_at, used_by FROM enrol_codes WHERE code_sha256 = ?1",
                [code_sha256],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        Ok(match code {
            None => CodeState::Invalid,
            Some((_, _, Some(by))) => CodeState::Used { by },
            Some((_, expires_at, None)) if expires_at < now_ms => CodeState::Expired,
            Some((mahalla, _, None)) => CodeState::Usable { mahalla },
        })
    }

    pub fn enrol(
        &self,
        code_sha256: &str,
        device_id: &str,
        public_key: &str,
        now_ms: i64,
    ) -> Result<EnrolOutcome, DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let code: Option<(String, i64, Option<String>)> = transaction
            .query_row(
                "SELECT mahalla, expires_at, used_by FROM enrol_codes WHERE code_sha256 = ?1",
                [code_sha256],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let Some((mahalla, expires_at, used_by)) = code else {
            return Ok(EnrolOutcome::Invalid);
        };
        match used_by {
            Some(used_by) if used_by == device_id => {
                drop(transaction);
                drop(connection);
                return self
                    .device(device_id)?
                    .map(EnrolOutcome::Enrolled)
                    .ok_or_else(|| DbError::Corrupt(format!("code used by unknown {device_id}")));
            }
            Some(_) => return Ok(EnrolOutcome::Used),
            None if expires_at < now_ms => return Ok(EnrolOutcome::Expired),
            None => {}
        }
        let known: bool = transaction
            .query_row(
                "SELECT 1 FROM devices WHERE device_id = ?1",
                [device_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if known {
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
        transaction.commit()?;
        drop(connection);
        self.device(device_id)?
            .map(EnrolOutcome::Enrolled)
            .ok_or_else(|| DbError::Corrupt(format!("enrolled {device_id} vanished")))
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

    pub fn device(&self, device_id: &str) -> Result<Option<Device>, DbError> {
        Ok(self
            .lock()
            .query_row(
                &format!(
                    "SELECT {} FROM devices WHERE device_id = ?1",
                    Self::DEVICE_COLUMNS
                ),
                [device_id],
                Self::device_row,
            )
            .optional()?)
    }

    pub fn devices(&self) -> Result<Vec<Device>, DbError> {
        let connection = self.lock();
        let mut statement = connection.prepare(&format!(
            "SELECT {} FROM devices ORDER BY number",
            Self::DEVICE_COLUMNS
        ))?;
        let rows = statement.query_map([], Self::device_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn device_keys(&self) -> Result<Vec<DeviceKey>, DbError> {
        Ok(self
            .devices()?
            .into_iter()
            .map(|device| DeviceKey {
                device_id: device.device_id,
                public_key: device.public_key,
                revoked: device.revoked_at.is_some(),
            })
            .collect())
    }

    /// Revokes a device by id or number; false when there is no such device.
    pub fn revoke(&self, device: &str, now_ms: i64) -> Result<bool, DbError> {
        let changed = self.lock().execute(
            "UPDATE devices SET revoked_at = coalesce(revoked_at, ?2)
             WHERE device_id = ?1 OR CAST(number AS TEXT) = ?1",
            params![device, now_ms],
        )?;
        Ok(changed > 0)
    }

    /// Keeps the terminal's last heartbeat, when it was seen and its clock skew.
    pub fn record_heartbeat(
        &self,
        device_id: &str,
        heartbeat: &str,
        (now_ms, skew_ms): (i64, i64),
    ) -> Result<(), DbError> {
        self.lock()
            .prepare_cached(
                "UPDATE devices SET last_heartbeat = ?2, last_seen_at = ?3, last_skew_ms = ?4
                 WHERE device_id = ?1",
            )?
            .execute(params![device_id, heartbeat, now_ms, skew_ms])?;
        Ok(())
    }

    /// Stores a batch in one transaction and commits it (synchronous=FULL) before returning.
    /// Each accepted submission gets a `received` status in the feed; the device is marked
    /// seen at `now_ms` with the request's clock skew.
    pub fn store_batch(
        &self,
        device_id: &str,
        entries: &[BatchEntry],
        (now_ms, skew_ms): (i64, i64),
        now_text: &str,
    ) -> Result<Vec<Option<StoreOutcome>>, DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction
            .prepare_cached(
                "UPDATE devices SET last_seen_at = ?2, last_skew_ms = ?3 WHERE device_id = ?1",
            )?
            .execute(params![device_id, now_ms, skew_ms])?;
        let mut outcomes = Vec::with_capacity(entries.len());
        {
            let mut existing = transaction
                .prepare_cached("SELECT payload_sha256 FROM submissions WHERE id = ?1")?;
            let mut code_taken = transaction.prepare_cached(
                "SELECT 1 FROM submissions WHERE device_id = ?1 AND receipt_code = ?2",
            )?;
            let mut insert = transaction.prepare_cached(
                "INSERT INTO submissions (id, device_id, receipt_code, target_id,
                     catalogue_version, created_at, payload_sha256, payload, plaintext,
                     received_at, status, status_changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'received', ?11)",
            )?;
            let mut feed = transaction.prepare_cached(
                "INSERT INTO updates (device_id, kind, submission_id, status, changed_at)
                 VALUES (?1, 'status', ?2, 'received', ?3)",
            )?;
            for entry in entries {
                let (id, hash) = match entry {
                    BatchEntry::Ready(new) => (new.id, &new.payload_sha256),
                    BatchEntry::Judged { id, payload_sha256 } => (*id, payload_sha256),
                };
                let stored: Option<String> = existing
                    .query_row([id.to_string()], |row| row.get(0))
                    .optional()?;
                let outcome = match (stored, entry) {
                    (Some(stored), _) if &stored == hash => Some(StoreOutcome::Duplicate),
                    (Some(_), _) => Some(StoreOutcome::Conflict),
                    (None, BatchEntry::Judged { .. }) => None,
                    (None, BatchEntry::Ready(new)) => {
                        let taken = code_taken
                            .query_row(params![device_id, new.receipt_code], |_| Ok(()))
                            .optional()?
                            .is_some();
                        if taken {
                            Some(StoreOutcome::ReceiptCodeTaken)
                        } else {
                            insert.execute(params![
                                new.id.to_string(),
                                device_id,
                                new.receipt_code,
                                new.target_id,
                                new.catalogue_version,
                                new.created_at,
                                new.payload_sha256,
                                new.payload,
                                new.plaintext,
                                now_ms,
                                now_text,
                            ])?;
                            feed.execute(params![device_id, new.id.to_string(), now_text])?;
                            notices::enqueue(
                                &transaction,
                                &new.id.to_string(),
                                Status::Received,
                                None,
                                now_text,
                            )?;
                            Some(StoreOutcome::Inserted)
                        }
                    }
                };
                outcomes.push(outcome);
            }
        }
        transaction.commit()?;
        Ok(outcomes)
    }

    /// Sets a submission's status and answer and puts the change in its terminal's feed.
    /// False when there is no such submission.
    pub fn set_status(
        &self,
        submission_id: &str,
        status: Status,
        answer: Option<&str>,
        changed_by: &str,
        now_text: &str,
    ) -> Result<bool, DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = transaction.execute(
            "UPDATE submissions SET status = ?2, answer = ?3, status_changed_at = ?4,
                 status_changed_by = ?5
             WHERE id = ?1",
            params![submission_id, status.as_str(), answer, now_text, changed_by],
        )?;
        if changed == 0 {
            return Ok(false);
        }
        transaction.execute(
            "INSERT INTO updates (device_id, kind, submission_id, status, answer, changed_at,
                 changed_by)
             SELECT device_id, 'status', id, ?2, ?3, ?4, ?5 FROM submissions WHERE id = ?1",
            params![submission_id, status.as_str(), answer, now_text, changed_by],
        )?;
        notices::enqueue(&transaction, submission_id, status, answer, now_text)?;
        transaction.commit()?;
        Ok(true)
    }

    /// Publishes a catalogue version to every terminal. False when the version exists.
    pub fn publish_catalogue(
        &self,
        version: u32,
        body: &str,
        now_ms: i64,
        now_text: &str,
    ) -> Result<bool, DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let inserted = transaction.execute(
            "INSERT INTO catalogues (version, body, published_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (version) DO NOTHING",
            params![version, body, now_ms],
        )?;
        if inserted == 0 {
            return Ok(false);
        }
        transaction.execute(
            "INSERT INTO updates (device_id, kind, catalogue_version, changed_at)
             VALUES (NULL, 'catalogue', ?1, ?2)",
            params![version, now_text],
        )?;
        transaction.commit()?;
        Ok(true)
    }

    /// Every catalogue version with its JSON.
    pub fn catalogues(&self) -> Result<Vec<(u32, String)>, DbError> {
        let connection = self.lock();
        let mut statement =
            connection.prepare("SELECT version, body FROM catalogues ORDER BY version")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The page of the feed after `cursor` for `device_id`.
    pub fn updates(&self, device_id: &str, cursor: u64) -> Result<wire::UpdatesPage, DbError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(
            "SELECT u.seq, u.kind, u.submission_id, u.status, u.answer, u.changed_at,
                    u.catalogue_version, c.body
             FROM updates u LEFT JOIN catalogues c ON c.version = u.catalogue_version
             WHERE u.seq > ?1 AND (u.device_id = ?2 OR u.device_id IS NULL)
             ORDER BY u.seq LIMIT ?3",
        )?;
        let limit = i64::try_from(wire::MAX_UPDATES_PAGE + 1).unwrap_or(i64::MAX);
        let after = i64::try_from(cursor).unwrap_or(i64::MAX);
        let rows = statement.query_map(params![after, device_id, limit], |row| {
            let kind: String = row.get(1)?;
            let seq = u64::try_from(row.get::<_, i64>(0)?).unwrap_or_default();
            Ok((
                seq,
                kind,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, Option<u32>>(6)?,
                row.get::<_, Option<String>>(7)?,
            ))
        })?;
        let mut updates = Vec::new();
        for row in rows {
            let (seq, kind, submission, status, answer, changed_at, version, body) = row?;
            let change = match (kind.as_str(), submission, status, version, body) {
                ("status", Some(submission), Some(status), _, _) => Change::Status {
                    submission_id: Uuid::parse_str(&submission)
                        .map_err(|_| DbError::Corrupt(format!("submission id {submission}")))?,
                    status: Status::from_name(&status)
                        .ok_or_else(|| DbError::Corrupt(format!("status {status}")))?,
                    answer,
                    changed_at,
                },
                ("catalogue", _, _, Some(version), Some(body)) => {
                    Change::Catalogue { version, body }
                }
                _ => return Err(DbError::Corrupt(format!("update {seq}"))),
            };
            updates.push(Update { seq, change });
        }
        let more = updates.len() > wire::MAX_UPDATES_PAGE;
        updates.truncate(wire::MAX_UPDATES_PAGE);
        let cursor = updates.last().map_or(cursor, |update| update.seq);
        Ok(wire::UpdatesPage {
            updates,
            cursor,
            more,
            rotation: None,
        })
    }

    /// The public status of a receipt of `device_id`.
    pub fn public_status(
        &self,
        device_id: &str,
        receipt_code: &str,
    ) -> Result<Option<(String, Option<String>, String)>, DbError> {
        Ok(self
            .lock()
            .query_row(
                "SELECT status, answer, status_changed_at FROM submissions
                 WHERE device_id = ?1 AND receipt_code = ?2",
                [device_id, receipt_code],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?)
    }

    /// What a receipt's status page shows, with the status history oldest first. No personal
    /// data: only the language is read from the submission's values.
    pub fn receipt_record(
        &self,
        device_id: &str,
        receipt_code: &str,
    ) -> Result<Option<ReceiptRecord>, DbError> {
        let connection = self.lock();
        let found = connection
            .query_row(
                "SELECT s.id, s.target_id, s.catalogue_version, s.created_at, s.plaintext,
                        s.status, s.answer, s.status_changed_at, m.name
                 FROM submissions s
                 JOIN devices d ON d.device_id = s.device_id
                 JOIN mahallas m ON m.code = d.mahalla
                 WHERE s.device_id = ?1 AND s.receipt_code = ?2",
                [device_id, receipt_code],
                |row| {
                    let plaintext: String = row.get(4)?;
                    let lang = serde_json::from_str::<wire::SubmissionPayload>(&plaintext)
                        .map(|payload| payload.lang)
                        .unwrap_or_default();
                    Ok((
                        row.get::<_, String>(0)?,
                        ReceiptRecord {
                            target_id: row.get(1)?,
                            catalogue_version: row.get(2)?,
                            created_at: row.get(3)?,
                            lang,
                            status: row.get(5)?,
                            answer: row.get(6)?,
                            changed_at: row.get(7)?,
                            mahalla: row.get(8)?,
                            history: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let Some((id, mut record)) = found else {
            return Ok(None);
        };
        let mut statement = connection.prepare_cached(
            "SELECT status, changed_at FROM updates
             WHERE kind = 'status' AND submission_id = ?1 ORDER BY seq",
        )?;
        record.history = statement
            .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Some(record))
    }

    pub fn submissions(&self) -> Result<Vec<StoredSubmission>, DbError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT id, device_id, receipt_code, target_id, catalogue_version, created_at,
                    received_at, payload_sha256, status, answer, plaintext
             FROM submissions ORDER BY received_at, id",
        )?;
        let rows = statement.query_map([], |row| {
            let plaintext: String = row.get(10)?;
            Ok(StoredSubmission {
                id: row.get(0)?,
                device_id: row.get(1)?,
                receipt_code: row.get(2)?,
                target_id: row.get(3)?,
                catalogue_version: row.get(4)?,
                created_at: row.get(5)?,
                received_at: row.get(6)?,
                payload_sha256: row.get(7)?,
                status: row.get(8)?,
                answer: row.get(9)?,
                payload: serde_json::from_str(&plaintext).unwrap_or(serde_json::Value::Null),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
