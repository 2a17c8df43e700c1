//! The sync worker: uploads the outbox in batches (the rules: docs/DOMAIN.md), pulls the updates feed by
//! cursor, and sends heartbeats. One sender at a time per data dir (a lock file); a sender
//! that died leaves `sending` items, which the next one puts back to `queued` and sends again
//! under the same ids.

mod backoff;
mod check;
mod client;
mod enrol;
mod lookup;
mod worker;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use mahalla_protocol::portal_keys::{KeyRotation, PortalKeysError};
use mahalla_protocol::wire::{
    self, Heartbeat, ItemOutcome, SoftwareUpdateOffer, UpdatesPage, UploadBatch, UploadResponse,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

pub use crate::config::PortalTls;
pub use backoff::Backoff;
pub use check::{NetworkCheck, check_network};
pub use client::{ClientError, PortalClient};
pub use enrol::{Enrolled, KeysCheck, Previewed, enrol, preview};
pub use lookup::{LOOKUP_TIMEOUT, PortalAnswer, ask_portal, ask_portal_now};
pub use worker::{SyncHandle, spawn};

use crate::config::UpdateConfig;
use crate::device_key::{DeviceKey, DeviceKeyError};
use crate::software_update::{self, Versions};
use crate::store::{Applied, Delivery, EnrolError, Store, StoreError, SyncProblem};

/// The lock file that makes one sender at a time.
pub const LOCK_FILE: &str = "sync.lock";

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Key(#[from] DeviceKeyError),
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Enrol(#[from] EnrolError),
    #[error("this terminal is not enrolled yet: run `kioskctl enroll`")]
    NotEnrolled,
    #[error("another sender is running on this data dir")]
    Busy,
    #[error("lock file {path}: {source}")]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot start the runtime: {0}")]
    Runtime(std::io::Error),
    #[error("not a portal address: {0}")]
    BadUrl(String),
    #[error("the key fingerprint as typed is not valid: {0}")]
    Fingerprint(PortalKeysError),
}

impl SyncError {
    /// The kind of trouble, as staff are told it.
    pub fn problem(&self) -> SyncProblem {
        match self {
            SyncError::Client(ClientError::Unreachable(_)) => SyncProblem::Offline,
            SyncError::Client(ClientError::Retry { .. } | ClientError::Decode(_)) => {
                SyncProblem::PortalBusy
            }
            SyncError::Client(ClientError::Refused { reason, .. }) if reason.is_retryable() => {
                SyncProblem::PortalBusy
            }
            SyncError::Client(ClientError::Refused { .. }) => SyncProblem::Refused,
            SyncError::Client(ClientError::Certificate(_)) => SyncProblem::Certificate,
            SyncError::Client(ClientError::PortalKeys(_)) => SyncProblem::PortalKeys,
            SyncError::Client(ClientError::Setup(_) | ClientError::Address(_))
            | SyncError::NotEnrolled
            | SyncError::Busy
            | SyncError::BadUrl(_)
            | SyncError::Fingerprint(_) => SyncProblem::Settings,
            SyncError::Key(_) => SyncProblem::DeviceKey,
            SyncError::Store(_)
            | SyncError::Enrol(_)
            | SyncError::Lock { .. }
            | SyncError::Runtime(_) => SyncProblem::Records,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOptions {
    pub backoff: Backoff,
    /// How often to look for work when all is quiet.
    pub interval: Duration,
    pub heartbeat_every: Duration,
    pub request_timeout: Duration,
    pub batch_items: usize,
    pub batch_bytes: usize,
    pub tls: PortalTls,
    /// Where the update's state is kept, for the heartbeat.
    pub update: UpdateConfig,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            backoff: Backoff::default(),
            interval: Duration::from_secs(30),
            heartbeat_every: Duration::from_secs(300),
            request_timeout: Duration::from_secs(30),
            batch_items: wire::MAX_BATCH_ITEMS,
            batch_bytes: wire::MAX_BODY_BYTES / 2,
            tls: PortalTls::default(),
            update: UpdateConfig::default(),
        }
    }
}

/// What one upload pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct UploadReport {
    pub batches: usize,
    pub delivered: usize,
    pub quarantined: usize,
    pub bytes_sent: usize,
}

/// The one sender of a data dir, holding the lock while it lives.
pub struct Syncer {
    store: Store,
    client: PortalClient,
    data_dir: PathBuf,
    options: SyncOptions,
    /// The newest software update the feed announced.
    software_update: Option<SoftwareUpdateOffer>,
    _lock: File,
}

/// Takes the sender lock of `data_dir`; [`SyncError::Busy`] while another process holds it
/// (a running kiosk's sync worker, or `kioskctl sync --once`).
pub(crate) fn take_lock(data_dir: &Path) -> Result<File, SyncError> {
    let path = data_dir.join(LOCK_FILE);
    let lock_error = |source| SyncError::Lock {
        path: path.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(lock_error)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(SyncError::Busy),
        Err(std::fs::TryLockError::Error(error)) => Err(lock_error(error)),
    }
}

impl Syncer {
    /// Takes the sender lock of an enrolled terminal's data dir and puts stale `sending`
    /// items back in the queue.
    pub fn open(data_dir: &Path, options: SyncOptions) -> Result<Syncer, SyncError> {
        let store = Store::open(data_dir)?;
        let lock = take_lock(data_dir)?;
        let enrolment = store.enrolment()?.ok_or(SyncError::NotEnrolled)?;
        let key = match DeviceKey::of_terminal(data_dir, Some(&enrolment.device_id)) {
            Ok(key) => Arc::new(key),
            Err(error) => {
                // Said where staff and technicians look: the staff menu, `sync status`,
                // diagnostics.
                let error = SyncError::from(error);
                store.record_sync_error(error.problem(), &error.to_string())?;
                return Err(error);
            }
        };
        let offset = store.sync_state()?.clock_offset_ms;
        let client = PortalClient::new(
            &enrolment.portal_url,
            key,
            options.request_timeout,
            &options.tls,
        )?
        .with_clock_offset(offset);
        let pinned = enrolment.portal_keys();
        if pinned.is_none() {
            tracing::warn!(
                "the portal's keys are not pinned (enrolled before pinning): answers are not checked; enrol again to pin them"
            );
        }
        client.pin(pinned);
        let requeued = store.requeue_stale_sending()?;
        if requeued > 0 {
            tracing::info!(
                requeued,
                "items left sending by a stopped sender are queued again"
            );
        }
        Ok(Syncer {
            store,
            client,
            data_dir: data_dir.to_owned(),
            options,
            software_update: None,
            _lock: lock,
        })
    }

    /// Uploads every queued item (only those due, when `due_only`), batch by batch. Stops at
    /// the first failed request, leaving its items queued with the next attempt time.
    pub async fn upload(
        &mut self,
        due_only: bool,
        failures: u32,
    ) -> Result<UploadReport, SyncError> {
        let mut report = UploadReport::default();
        loop {
            let batch = self.store.claim_batch(
                self.store.now()?,
                due_only,
                self.options.batch_items,
                self.options.batch_bytes,
            )?;
            if batch.is_empty() {
                return Ok(report);
            }
            let ids: Vec<Uuid> = batch.iter().map(|item| item.id).collect();
            let body = UploadBatch { items: batch };
            report.bytes_sent += serde_json::to_vec(&body).map_or(0, |bytes| bytes.len());
            match self
                .client
                .post::<_, UploadResponse>(wire::SUBMISSIONS_PATH, &body)
                .await
            {
                Ok(response) => {
                    let deliveries = deliveries(&response);
                    let stored = deliveries
                        .iter()
                        .filter(|(_, delivery)| *delivery == Delivery::Stored)
                        .count();
                    if let Err(error) = self.store.record_deliveries(&deliveries) {
                        // Back to the queue if the store lets us: the portal has the items
                        // and answers the next sending as a duplicate. If it does not, the
                        // worker opens the store again, which puts them back.
                        if let Err(release) =
                            self.release(&ids, &error.to_string(), failures + 1, None)
                        {
                            tracing::error!(%release, "claimed items could not be put back");
                        }
                        return Err(error.into());
                    }
                    report.batches += 1;
                    report.delivered += stored;
                    report.quarantined += deliveries.len() - stored;
                    // Items the answer did not mention go back to the queue, due after a
                    // backoff; this pass ends so they are not claimed again at once.
                    let answered: std::collections::HashSet<Uuid> =
                        deliveries.iter().map(|(id, _)| *id).collect();
                    let missing: Vec<Uuid> = ids
                        .into_iter()
                        .filter(|id| !answered.contains(id))
                        .collect();
                    if !missing.is_empty() {
                        self.release(&missing, "not in the portal's answer", failures + 1, None)?;
                        return Ok(report);
                    }
                }
                Err(error) => {
                    self.release(&ids, &error.to_string(), failures + 1, error.retry_after())?;
                    return Err(error.into());
                }
            }
        }
    }

    fn release(
        &mut self,
        ids: &[Uuid],
        error: &str,
        failures: u32,
        retry_after: Option<Duration>,
    ) -> Result<(), SyncError> {
        let wait = self.options.backoff.delay(failures, retry_after);
        let next = self.store.now()? + wait;
        self.store.release_for_retry(ids, error, next)?;
        Ok(())
    }

    /// Pulls the feed page by page from the stored cursor, applying each atomically.
    pub async fn pull_updates(&mut self) -> Result<Applied, SyncError> {
        let mut total = Applied::default();
        loop {
            let cursor = self.store.sync_state()?.cursor;
            let known = self.store.known_catalogue_version()?;
            let page: UpdatesPage = self
                .client
                .get(&format!(
                    "{}?cursor={cursor}&catalogue={known}",
                    wire::UPDATES_PATH
                ))
                .await?;
            if let Some(rotation) = &page.rotation {
                self.follow_rotation(rotation)?;
            }
            if page.software_update.is_some() {
                self.software_update.clone_from(&page.software_update);
            }
            let applied = self.store.apply_updates(&page)?;
            total.statuses += applied.statuses;
            total.catalogues += applied.catalogues;
            if !page.more || page.updates.is_empty() {
                return Ok(total);
            }
        }
    }

    /// Pins the portal's new keys when the feed announces a rotation from the pinned ones,
    /// signed with them. A rotation from other keys (one this terminal already followed) is
    /// ignored; one that does not verify is logged and ignored.
    fn follow_rotation(&mut self, rotation: &KeyRotation) -> Result<(), SyncError> {
        let Some(pinned) = self.store.enrolment()?.and_then(|e| e.portal_keys()) else {
            return Ok(());
        };
        if rotation.from != pinned.fingerprint() {
            return Ok(());
        }
        match pinned.rotate(rotation) {
            Ok(new) => {
                self.store.pin_portal_keys(&new)?;
                tracing::info!(
                    from = rotation.from,
                    to = new.fingerprint(),
                    "the portal's keys rotated"
                );
                self.client.pin(Some(new));
            }
            Err(error) => tracing::error!(%error, "a key rotation in the feed does not verify"),
        }
        Ok(())
    }

    /// The newest software update the feed announced, if any.
    pub fn software_update_offer(&self) -> Option<SoftwareUpdateOffer> {
        self.software_update.clone()
    }

    /// Where the portal's files are downloaded from.
    pub fn files(&self) -> software_update::download::Portal {
        self.client.files()
    }

    /// Sends the terminal's health.
    pub async fn heartbeat(&mut self, printer: &str) -> Result<(), SyncError> {
        let summary = self.store.outbox_summary()?;
        let state = self.store.sync_state()?;
        let now = self.store.now()?;
        let oldest_undelivered_secs = summary
            .oldest_undelivered_at
            .as_deref()
            .and_then(|at| OffsetDateTime::parse(at, &Rfc3339).ok())
            .map(|at| u64::try_from((now - at).whole_seconds()).unwrap_or_default());
        let versions = Versions::running();
        let heartbeat = Heartbeat {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            queue: summary.depths,
            oldest_undelivered_secs,
            printer: printer.to_owned(),
            last_sync_at: state.last_success_at,
            free_disk_bytes: free_disk_bytes(&self.data_dir),
            clock_offset_ms: self.client.offset_ms(),
            refused_catalogue: state.refused_catalogue,
            portal_keys: self
                .store
                .enrolment()?
                .and_then(|enrolment| enrolment.portal_keys())
                .map(|keys| keys.fingerprint()),
            image_version: versions.image.map(|version| version.to_string()),
            software_update: Some(software_update::status::current(
                &self.data_dir,
                &self.options.update.system_dir,
                versions.image,
            )),
        };
        let _: serde_json::Value = self.client.post(wire::HEARTBEAT_PATH, &heartbeat).await?;
        Ok(())
    }

    /// One full round: upload, then updates. Records success or the error, and the clock
    /// offset learned.
    pub async fn cycle(
        &mut self,
        due_only: bool,
        failures: u32,
    ) -> Result<(UploadReport, Applied), SyncError> {
        let result = async {
            let report = self.upload(due_only, failures).await?;
            let applied = self.pull_updates().await?;
            Ok::<_, SyncError>((report, applied))
        }
        .await;
        self.store.set_clock_offset(self.client.offset_ms())?;
        self.store.scrub_wal()?;
        match &result {
            Ok(_) => self.store.record_sync_success()?,
            Err(error) => self
                .store
                .record_sync_error(error.problem(), &error.to_string())?,
        }
        result
    }
}

fn deliveries(response: &UploadResponse) -> Vec<(Uuid, Delivery)> {
    response
        .results
        .iter()
        .map(|result| {
            let delivery = match &result.outcome {
                ItemOutcome::Accepted | ItemOutcome::Duplicate => Delivery::Stored,
                ItemOutcome::Conflict => Delivery::Quarantine("conflict".to_owned()),
                ItemOutcome::Rejected { reason } => {
                    Delivery::Quarantine(reason.as_str().to_owned())
                }
            };
            (result.id, delivery)
        })
        .collect()
}

fn free_disk_bytes(path: &Path) -> Option<u64> {
    crate::disk::space(path).ok().map(|space| space.free_bytes)
}

/// A runtime for one blocking exchange with the portal, on the calling thread.
fn runtime() -> Result<tokio::runtime::Runtime, SyncError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SyncError::Runtime)
}

/// Runs one cycle now, ignoring backoff times: `kioskctl sync --once`.
/// Asks the portal's feed for its software update and downloads it now, in the foreground:
/// what the sync worker does in the background. `None` when the portal offers none.
pub fn fetch_software_update(
    data_dir: &Path,
    options: SyncOptions,
) -> Result<
    Option<Result<software_update::download::Fetched, software_update::download::DownloadError>>,
    SyncError,
> {
    runtime()?.block_on(async {
        let mut syncer = Syncer::open(data_dir, options.clone())?;
        syncer.pull_updates().await?;
        let Some(offer) = syncer.software_update_offer() else {
            return Ok(None);
        };
        let terminal = software_update::download::Terminal {
            data_dir,
            config: &options.update,
            versions: Versions::running(),
        };
        Ok(Some(
            software_update::download::fetch(&syncer.files(), &offer, &terminal).await,
        ))
    })
}

pub fn run_once(
    data_dir: &Path,
    options: SyncOptions,
) -> Result<(UploadReport, Applied), SyncError> {
    runtime()?.block_on(async {
        let mut syncer = Syncer::open(data_dir, options)?;
        let result = syncer.cycle(false, 0).await?;
        if let Err(error) = syncer.heartbeat("unknown").await {
            tracing::warn!(%error, "heartbeat");
        }
        Ok(result)
    })
}
