//! The sync worker's own state: the feed cursor, the clock offset learned from the portal,
//! the last success and the last error; and applying a page of updates atomically.

use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::wire::{Change, RefusedCatalogue, UpdatesPage};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError};

/// What kind of trouble the last sync had, as staff are told it on the terminal's screen
/// (`staff-sync-problem-<kind>` in their language); the technician's full text is stored
/// beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SyncProblem {
    /// The portal cannot be reached: no network, or it does not answer.
    Offline,
    /// The portal is busy or failing, or asked to come back later.
    PortalBusy,
    /// The portal's certificate is not trusted.
    Certificate,
    /// An answer was not signed by the enrolled portal.
    PortalKeys,
    /// The device key is missing, unreadable or another terminal's.
    DeviceKey,
    /// The portal refused the terminal's request for good.
    Refused,
    /// The terminal's own settings keep it from sending (address, not enrolled).
    Settings,
    /// The terminal's database or files failed.
    Records,
}

impl SyncProblem {
    pub const ALL: [SyncProblem; 8] = [
        SyncProblem::Offline,
        SyncProblem::PortalBusy,
        SyncProblem::Certificate,
        SyncProblem::PortalKeys,
        SyncProblem::DeviceKey,
        SyncProblem::Refused,
        SyncProblem::Settings,
        SyncProblem::Records,
    ];

    /// The name stored in the database and used in the message id.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncProblem::Offline => "offline",
            SyncProblem::PortalBusy => "portal-busy",
            SyncProblem::Certificate => "certificate",
            SyncProblem::PortalKeys => "portal-keys",
            SyncProblem::DeviceKey => "device-key",
            SyncProblem::Refused => "refused",
            SyncProblem::Settings => "settings",
            SyncProblem::Records => "records",
        }
    }

    fn from_sql(text: &str) -> Option<SyncProblem> {
        SyncProblem::ALL
            .into_iter()
            .find(|problem| problem.as_str() == text)
    }

    /// The id of the sentence that tells staff what happened and what happens next.
    pub fn message_id(self) -> String {
        format!("staff-sync-problem-{}", self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SyncState {
    pub cursor: u64,
    pub clock_offset_ms: i64,
    pub last_success_at: Option<String>,
    /// The technician's text of the last error (English, no personal data).
    pub last_error: Option<String>,
    /// Its kind, for staff; `None` for an error stored before kinds were.
    pub last_problem: Option<SyncProblem>,
    pub last_error_at: Option<String>,
    /// The newest catalogue the portal sent that did not check.
    pub refused_catalogue: Option<RefusedCatalogue>,
}

/// What applying a page did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub statuses: usize,
    pub catalogues: usize,
}

impl Store {
    pub fn sync_state(&self) -> Result<SyncState, StoreError> {
        Ok(self.connection.query_row(
            "SELECT cursor, clock_offset_ms, last_success_at, last_error, last_error_at,
                    refused_catalogue, last_problem
             FROM sync_state WHERE id = 1",
            [],
            |row| {
                Ok(SyncState {
                    cursor: u64::try_from(row.get::<_, i64>(0)?).unwrap_or_default(),
                    clock_offset_ms: row.get(1)?,
                    last_success_at: row.get(2)?,
                    last_error: row.get(3)?,
                    last_problem: row
                        .get::<_, Option<String>>(6)?
                        .as_deref()
                        .and_then(SyncProblem::from_sql),
                    last_error_at: row.get(4)?,
                    // Unreadable, it is as if none was refused: it only informs monitoring.
                    refused_catalogue: row
                        .get::<_, Option<String>>(5)?
                        .and_then(|text| serde_json::from_str(&text).ok()),
                })
            },
        )?)
    }

    pub fn set_clock_offset(&self, offset_ms: i64) -> Result<(), StoreError> {
        self.connection
            .prepare_cached("UPDATE sync_state SET clock_offset_ms = ?1 WHERE id = 1")?
            .execute([offset_ms])?;
        Ok(())
    }

    pub fn record_sync_success(&self) -> Result<(), StoreError> {
        self.connection
            .prepare_cached(
                "UPDATE sync_state SET last_success_at = ?1, last_error = NULL,
                     last_problem = NULL, last_error_at = NULL WHERE id = 1",
            )?
            .execute([self.now_text()?])?;
        Ok(())
    }

    /// Records a failed sync: its kind for staff, its text for the technician.
    pub fn record_sync_error(&self, problem: SyncProblem, error: &str) -> Result<(), StoreError> {
        self.connection
            .prepare_cached(
                "UPDATE sync_state SET last_problem = ?1, last_error = ?2, last_error_at = ?3
                 WHERE id = 1",
            )?
            .execute(params![problem.as_str(), error, self.now_text()?])?;
        Ok(())
    }

    /// Applies a page of the feed and moves the cursor, in one transaction: statuses are
    /// appended to the history (never touching the outbox, so an undelivered item stays as it
    /// is), a catalogue version is stored whole only if it parses and checks.
    pub fn apply_updates(&mut self, page: &UpdatesPage) -> Result<Applied, StoreError> {
        let received = self.now_text()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut applied = Applied::default();
        {
            let mut known =
                transaction.prepare_cached("SELECT 1 FROM submissions WHERE id = ?1")?;
            let mut status = transaction.prepare_cached(
                "INSERT INTO status_history (submission_id, status, answer, changed_at, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut catalogue = transaction.prepare_cached(
                "INSERT INTO catalogue_cache (version, body, received_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (version) DO NOTHING",
            )?;
            let mut refuse = transaction
                .prepare_cached("UPDATE sync_state SET refused_catalogue = ?1 WHERE id = 1")?;
            // A newer catalogue taken makes an older refusal history.
            let mut forget_refusal = transaction.prepare_cached(
                "UPDATE sync_state SET refused_catalogue = NULL
                 WHERE id = 1 AND json_extract(refused_catalogue, '$.version') <= ?1",
            )?;
            for update in &page.updates {
                match &update.change {
                    Change::Status {
                        submission_id,
                        status: new,
                        answer,
                        changed_at,
                    } => {
                        let id = submission_id.to_string();
                        if known.query_row([&id], |_| Ok(())).optional()?.is_none() {
                            tracing::warn!(%id, "status for a submission this terminal lacks");
                            continue;
                        }
                        status.execute(params![id, new.as_str(), answer, changed_at, received])?;
                        applied.statuses += 1;
                    }
                    Change::Catalogue { version, body } => {
                        let checked = match Catalogue::from_json(body) {
                            Ok(parsed) if parsed.version == *version => Ok(()),
                            Ok(parsed) => Err(format!("the body says version {}", parsed.version)),
                            Err(error) => Err(error.to_string()),
                        };
                        match checked {
                            Ok(()) => {
                                applied.catalogues +=
                                    catalogue.execute(params![version, body, received])?;
                                forget_refusal.execute([version])?;
                            }
                            Err(reason) => {
                                tracing::warn!(version, %reason, "refusing a catalogue");
                                let refused = serde_json::to_string(&RefusedCatalogue {
                                    version: *version,
                                    reason,
                                })
                                .map_err(|error| StoreError::Corrupt(error.to_string()))?;
                                refuse.execute([refused])?;
                            }
                        }
                    }
                }
            }
            transaction
                .prepare_cached("UPDATE sync_state SET cursor = ?1 WHERE id = 1")?
                .execute([i64::try_from(page.cursor).unwrap_or(i64::MAX)])?;
        }
        transaction.commit()?;
        Ok(applied)
    }

    /// The newest catalogue the portal sent (stored only if it checked) when it is newer than
    /// `version`; nothing is read or parsed otherwise.
    pub fn catalogue_newer_than(&self, version: u32) -> Result<Option<Catalogue>, StoreError> {
        let body: Option<String> = self
            .connection
            .query_row(
                "SELECT body FROM catalogue_cache WHERE version > ?1
                 ORDER BY version DESC LIMIT 1",
                [version],
                |row| row.get(0),
            )
            .optional()?;
        body.map(|body| {
            Catalogue::from_json(&body)
                .map_err(|error| StoreError::Corrupt(format!("cached catalogue: {error}")))
        })
        .transpose()
    }

    /// The newest catalogue version the terminal has, of the bundled one and those the portal
    /// sent; the portal leaves out of the feed what is not newer. Nothing is parsed.
    pub fn known_catalogue_version(&self) -> Result<u32, StoreError> {
        let sent: Option<u32> =
            self.connection
                .query_row("SELECT max(version) FROM catalogue_cache", [], |row| {
                    row.get(0)
                })?;
        Ok(sent.max(mahalla_protocol::bundled::version()).unwrap_or(0))
    }

    /// The catalogue the terminal works with: the newest of the one the portal sent last and
    /// the one the app was built with.
    pub fn current_catalogue(&self) -> Result<Catalogue, StoreError> {
        let bundled = mahalla_protocol::bundled::catalogue()
            .map_err(|error| StoreError::Corrupt(format!("bundled catalogue: {error}")))?;
        Ok(self
            .catalogue_newer_than(bundled.version)?
            .unwrap_or(bundled))
    }
}

#[cfg(test)]
mod tests {
    use mahalla_protocol::wire::Update;

    use super::*;

    fn catalogue_page(seq: u64, version: u32, body: String) -> UpdatesPage {
        UpdatesPage {
            updates: vec![Update {
                seq,
                change: Change::Catalogue { version, body },
            }],
            cursor: seq,
            more: false,
            rotation: None,
            software_update: None,
        }
    }

    #[test]
    fn a_catalogue_that_does_not_check_is_refused_kept_out_and_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let bundled = mahalla_protocol::bundled::catalogue().expect("bundled");
        let mut broken: serde_json::Value =
            serde_json::from_str(mahalla_protocol::bundled::CATALOGUE_JSON).expect("json");
        broken["version"] = (bundled.version + 1).into();
        broken["appeals"][0]["form"] = serde_json::json!([]);
        store
            .apply_updates(&catalogue_page(1, bundled.version + 1, broken.to_string()))
            .expect("apply");
        let refused = store.sync_state().expect("state").refused_catalogue;
        let refused = refused.expect("the refusal is kept for the heartbeat");
        assert_eq!(refused.version, bundled.version + 1);
        assert!(
            refused.reason.contains("needs a form"),
            "{}",
            refused.reason
        );
        assert_eq!(store.current_catalogue().expect("current"), bundled);

        let mut good: serde_json::Value =
            serde_json::from_str(mahalla_protocol::bundled::CATALOGUE_JSON).expect("json");
        good["version"] = (bundled.version + 2).into();
        store
            .apply_updates(&catalogue_page(2, bundled.version + 2, good.to_string()))
            .expect("apply");
        let state = store.sync_state().expect("state");
        assert_eq!(state.refused_catalogue, None, "a newer one was taken");
        assert_eq!(
            store.current_catalogue().expect("current").version,
            bundled.version + 2
        );
    }

    #[test]
    fn the_known_catalogue_version_is_the_newest_kept_and_never_a_refused_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let bundled = mahalla_protocol::bundled::catalogue()
            .expect("bundled")
            .version;
        assert_eq!(store.known_catalogue_version().expect("known"), bundled);

        let mut broken: serde_json::Value =
            serde_json::from_str(mahalla_protocol::bundled::CATALOGUE_JSON).expect("json");
        broken["version"] = (bundled + 1).into();
        broken["appeals"][0]["form"] = serde_json::json!([]);
        store
            .apply_updates(&catalogue_page(1, bundled + 1, broken.to_string()))
            .expect("apply");
        assert_eq!(store.known_catalogue_version().expect("known"), bundled);

        let mut good: serde_json::Value =
            serde_json::from_str(mahalla_protocol::bundled::CATALOGUE_JSON).expect("json");
        good["version"] = (bundled + 2).into();
        store
            .apply_updates(&catalogue_page(2, bundled + 2, good.to_string()))
            .expect("apply");
        assert_eq!(store.known_catalogue_version().expect("known"), bundled + 2);
    }
}
