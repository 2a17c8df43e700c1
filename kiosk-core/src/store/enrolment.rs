//! The terminal's enrolment: recorded in one transaction that also assigns the device number
//! and encrypts every submission that waited in plain JSON since before enrolment (demo
//! mode). From that commit on the database holds no plaintext personal data; old page images
//! are zeroed (`secure_delete`) and the WAL, whose old frames may still hold them, is emptied
//! right after. A connection still reading keeps the WAL from being emptied: then the store
//! remembers it and empties it at the next chance (the next open, the next sync round).

use std::str::FromStr;

use mahalla_protocol::portal_keys::PortalKeys;
use mahalla_protocol::signing::{self, sha256_hex};
use mahalla_protocol::wire::{DeviceKey, EnrolResponse};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError, audit};

/// What the terminal knows about its enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub device_id: String,
    pub device_number: u32,
    pub portal_url: String,
    pub mahalla_code: String,
    pub mahalla_name: String,
    pub age_recipient: String,
    /// The portal's signing key pinned at enrolment; `None` if enrolled before pinning.
    pub portal_signing_key: Option<String>,
    pub device_keys: Vec<DeviceKey>,
}

impl Enrolment {
    /// The portal keys answers must be signed with, once pinned.
    pub fn portal_keys(&self) -> Option<PortalKeys> {
        self.portal_signing_key
            .as_ref()
            .filter(|key| !key.is_empty())
            .map(|signing_key| PortalKeys {
                age_recipient: self.age_recipient.clone(),
                signing_key: signing_key.clone(),
            })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EnrolError {
    #[error("this terminal is already enrolled as {0}")]
    AlreadyEnrolled(String),
    #[error("the portal's age recipient is not valid: {0}")]
    Recipient(String),
    #[error("the portal's signing key is not valid: {0}")]
    SigningKey(String),
    #[error("the portal gave device id {given}, but this terminal's key is {ours}")]
    DeviceMismatch { given: String, ours: String },
    #[error("cannot encrypt a waiting submission: {0}")]
    Encrypt(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for EnrolError {
    fn from(error: rusqlite::Error) -> Self {
        EnrolError::Store(StoreError::Sqlite(error))
    }
}

/// The setting that marks a WAL still to be emptied after enrolment.
const WAL_SCRUB: &str = "privacy.wal_scrub";
/// How long emptying the WAL waits for connections still reading.
const SCRUB_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Encrypts `plaintext` to an `age` X25519 recipient (`age1…`).
pub(crate) fn seal(recipient: &str, plaintext: &[u8]) -> Result<Vec<u8>, String> {
    let recipient = age::x25519::Recipient::from_str(recipient).map_err(|e| e.to_string())?;
    age::encrypt(&recipient, plaintext).map_err(|error| error.to_string())
}

impl Store {
    pub fn enrolment(&self) -> Result<Option<Enrolment>, StoreError> {
        let row = self
            .connection
            .query_row(
                "SELECT e.device_id, d.device_number, e.portal_url, e.mahalla_code,
                        e.mahalla_name, e.age_recipient, e.device_keys, e.portal_signing_key
                 FROM enrolment e, device d WHERE e.id = 1 AND d.id = 1",
                [],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, u32>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, String>(4)?,
                        row.get::<_, String>(5)?,
                        row.get::<_, String>(6)?,
                        row.get::<_, Option<String>>(7)?,
                    ))
                },
            )
            .optional()?;
        row.map(
            |(device_id, device_number, portal_url, code, name, recipient, keys, signing_key)| {
                Ok(Enrolment {
                    device_id,
                    device_number,
                    portal_url,
                    mahalla_code: code,
                    mahalla_name: name,
                    age_recipient: recipient,
                    portal_signing_key: signing_key,
                    device_keys: serde_json::from_str(&keys)
                        .map_err(|error| StoreError::Corrupt(format!("device keys: {error}")))?,
                })
            },
        )
        .transpose()
    }

    /// Records the portal's answer to `kioskctl enroll`, and in the same transaction sets the
    /// device number and encrypts every waiting plain-JSON submission. Returns how many were
    /// encrypted. Those items were never sent (an unenrolled terminal sends nothing), so the
    /// bytes the portal first sees are the encrypted ones and never change again.
    pub fn enrol(
        &mut self,
        portal_url: &str,
        our_device_id: &str,
        response: &EnrolResponse,
    ) -> Result<usize, EnrolError> {
        if response.device_id != our_device_id {
            return Err(EnrolError::DeviceMismatch {
                given: response.device_id.clone(),
                ours: our_device_id.to_owned(),
            });
        }
        seal(&response.age_recipient, b"").map_err(EnrolError::Recipient)?;
        signing::parse_public_key(&response.portal_signing_key)
            .map_err(|error| EnrolError::SigningKey(error.to_string()))?;
        let now = self.now_text()?;
        let keys = serde_json::to_string(&response.device_keys)
            .map_err(|error| StoreError::Corrupt(error.to_string()))?;
        self.connection.pragma_update(None, "secure_delete", "ON")?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(existing) = transaction
            .query_row("SELECT device_id FROM enrolment WHERE id = 1", [], |row| {
                row.get::<_, String>(0)
            })
            .optional()?
        {
            return Err(EnrolError::AlreadyEnrolled(existing));
        }
        transaction.execute(
            "INSERT INTO enrolment (id, device_id, portal_url, mahalla_code, mahalla_name,
                 age_recipient, device_keys, enrolled_at, portal_signing_key)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                response.device_id,
                portal_url,
                response.mahalla.code,
                response.mahalla.name,
                response.age_recipient,
                keys,
                now,
                response.portal_signing_key
            ],
        )?;
        transaction.execute(
            "UPDATE device SET device_number = ?1 WHERE id = 1",
            [response.device_number],
        )?;
        let waiting: Vec<(String, Vec<u8>)> = {
            let mut statement = transaction.prepare(
                "SELECT id, payload FROM submissions
                 WHERE payload_format = 'json' AND payload IS NOT NULL",
            )?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        {
            let mut update = transaction.prepare(
                "UPDATE submissions SET payload_format = 'age', payload = ?2, payload_sha256 = ?3
                 WHERE id = ?1",
            )?;
            for (id, plaintext) in &waiting {
                let sealed =
                    seal(&response.age_recipient, plaintext).map_err(EnrolError::Encrypt)?;
                update.execute(params![id, sealed, sha256_hex(&sealed)])?;
            }
        }
        audit::record(
            &transaction,
            &now,
            "technician",
            "terminal.enrolled",
            &format!("{} #{}", response.device_id, response.device_number),
        )?;
        transaction.execute(
            "INSERT INTO settings (key, value) VALUES (?1, 'pending')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [WAL_SCRUB],
        )?;
        transaction.commit()?;
        self.connection
            .pragma_update(None, "secure_delete", "OFF")?;
        self.scrub_wal()?;
        Ok(waiting.len())
    }

    /// Empties the WAL if enrolment left it to be emptied; whether it is empty now. Waits at
    /// most [`SCRUB_WAIT`] for connections still reading.
    pub fn scrub_wal(&self) -> Result<bool, StoreError> {
        let pending = self.connection.query_row(
            "SELECT count(*) > 0 FROM settings WHERE key = ?1",
            [WAL_SCRUB],
            |row| row.get::<_, bool>(0),
        )?;
        if !pending {
            return Ok(true);
        }
        self.connection.busy_timeout(SCRUB_WAIT)?;
        let checkpoint = self
            .connection
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
                row.get::<_, i64>(0)
            });
        self.connection
            .busy_timeout(mahalla_host::sqlite::BUSY_TIMEOUT)?;
        if checkpoint? != 0 {
            tracing::warn!(
                "the WAL could not be emptied yet (a connection is reading): tried again later"
            );
            return Ok(false);
        }
        // Deleting the mark writes a frame, but one without personal data.
        self.connection
            .execute("DELETE FROM settings WHERE key = ?1", [WAL_SCRUB])?;
        self.connection
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        tracing::info!("the WAL holds nothing from before enrolment");
        Ok(true)
    }

    /// Pins the portal's new keys after a verified rotation: submissions from now on are
    /// encrypted to the new recipient, and answers must be signed with the new key.
    pub fn pin_portal_keys(&mut self, keys: &PortalKeys) -> Result<(), EnrolError> {
        seal(&keys.age_recipient, b"").map_err(EnrolError::Recipient)?;
        let now = self.now_text()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute(
            "UPDATE enrolment SET age_recipient = ?1, portal_signing_key = ?2 WHERE id = 1",
            params![keys.age_recipient, keys.signing_key],
        )?;
        audit::record(
            &transaction,
            &now,
            "portal",
            "portal.keys-rotated",
            &keys.fingerprint(),
        )?;
        transaction.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mahalla_protocol::lang::Lang;
    use mahalla_protocol::wire::Mahalla;

    fn response(recipient: String) -> EnrolResponse {
        EnrolResponse {
            device_id: "DEVICE".into(),
            device_number: 7,
            mahalla: Mahalla {
                code: "1".into(),
                name: "Navroʻz".into(),
                district: "Chilonzor".into(),
                region: "Toshkent".into(),
            },
            age_recipient: recipient,
            portal_signing_key: signing::encode_public_key(
                &ed25519_dalek::SigningKey::from_bytes(&[9; 32]).verifying_key(),
            ),
            device_keys: Vec::new(),
        }
    }

    fn stored(store: &Store, id: &str) -> (String, Vec<u8>, String) {
        store
            .connection
            .query_row(
                "SELECT payload_format, payload, payload_sha256 FROM submissions WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .expect("row")
    }

    #[test]
    fn enrolment_encrypts_waiting_submissions_and_later_ones_are_encrypted_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
        let demo = store
            .submit(
                &catalogue,
                "taklif",
                &crate::store::sample_proposal(),
                Lang::UzLatn,
            )
            .expect("demo submission");
        let (format, plaintext, _) = stored(&store, &demo.id.to_string());
        assert_eq!(format, "json");

        let identity = age::x25519::Identity::generate();
        let answer = response(identity.to_public().to_string());
        assert!(matches!(
            store.enrol("http://portal", "OTHER", &answer),
            Err(EnrolError::DeviceMismatch { .. })
        ));
        assert_eq!(
            store
                .enrol("http://portal", "DEVICE", &answer)
                .expect("enrol"),
            1
        );
        assert!(matches!(
            store.enrol("http://portal", "DEVICE", &answer),
            Err(EnrolError::AlreadyEnrolled(_))
        ));

        let (format, sealed, hash) = stored(&store, &demo.id.to_string());
        assert_eq!(format, "age");
        assert_eq!(hash, sha256_hex(&sealed));
        assert_eq!(
            age::decrypt(&identity, &sealed).expect("decrypt"),
            plaintext
        );

        let later = store
            .submit(
                &catalogue,
                "taklif",
                &crate::store::sample_proposal(),
                Lang::UzLatn,
            )
            .expect("enrolled submission");
        assert_eq!(later.receipt_code.device(), 7);
        assert_eq!(later.receipt_code.sequence(), 1);
        let (format, sealed, _) = stored(&store, &later.id.to_string());
        assert_eq!(format, "age");
        let opened: serde_json::Value =
            serde_json::from_slice(&age::decrypt(&identity, &sealed).expect("decrypt"))
                .expect("JSON");
        assert_eq!(opened["values"]["full_name"], "Oʻrinboy Qodirov");
        let enrolment = store.enrolment().expect("read").expect("enrolled");
        assert_eq!(enrolment.device_number, 7);
        assert_eq!(enrolment.portal_url, "http://portal");
    }

    /// Whether any database file of `dir` (the database, its WAL, its shared memory) holds
    /// `text`.
    fn files_hold(dir: &std::path::Path, text: &str) -> bool {
        std::fs::read_dir(dir)
            .expect("list")
            .filter_map(Result::ok)
            .filter(|entry| {
                entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with(super::super::DATABASE_FILE)
            })
            .any(|entry| {
                let bytes = std::fs::read(entry.path()).expect("read");
                bytes.windows(text.len()).any(|w| w == text.as_bytes())
            })
    }

    #[test]
    fn nothing_from_before_enrolment_stays_in_the_files_even_past_a_reader() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
        let values = crate::store::sample_proposal();
        let written = values.get("full_name").cloned().expect("a name");
        store
            .submit(&catalogue, "taklif", &values, Lang::UzLatn)
            .expect("demo submission");
        assert!(
            files_hold(dir.path(), &written),
            "the demo keeps plain JSON"
        );

        // Another connection is in the middle of reading, as the print worker may be.
        let reader = rusqlite::Connection::open(dir.path().join(super::super::DATABASE_FILE))
            .expect("reader");
        reader
            .execute_batch("BEGIN; SELECT count(*) FROM submissions;")
            .expect("a read under way");
        let identity = age::x25519::Identity::generate();
        store
            .enrol(
                "http://portal",
                "DEVICE",
                &response(identity.to_public().to_string()),
            )
            .expect("enrol");
        reader.execute_batch("COMMIT").expect("the read ends");
        drop(reader);

        // The next chance empties the WAL: here another connection opening the store, as
        // the sync worker does each round, while the first stays open (closing the last
        // connection would empty the WAL by itself).
        let again = Store::open(dir.path()).expect("another connection");
        assert!(again.scrub_wal().expect("scrub"));
        assert!(
            !files_hold(dir.path(), &written),
            "plain text from before enrolment is still in the files"
        );
        drop((store, again));
    }

    #[test]
    fn a_bad_recipient_enrols_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        assert!(matches!(
            store.enrol("http://portal", "DEVICE", &response("age1nonsense".into())),
            Err(EnrolError::Recipient(_))
        ));
        assert_eq!(store.enrolment().expect("read"), None);
    }
}
