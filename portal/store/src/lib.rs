//! What the portal asks of its database, in the portal's own words: the register and
//! enrolment, devices, ingest and the updates feed, receipts, agency work, catalogues, staff
//! and their sessions, counted tries, notices and request nonces, software updates.
//!
//! Each backend (`mahalla-portal-sqlite`, `mahalla-portal-postgres`) implements [`Store`]
//! and passes the [`conformance`] suite; no SQL lives anywhere else. Every time the portal
//! makes is Unix milliseconds at this seam; texts a terminal signed (its `created_at`) are
//! kept as it sent them.

#[cfg(feature = "conformance")]
pub mod conformance;
mod model;

use async_trait::async_trait;
use mahalla_protocol::software_update::Version;
use mahalla_protocol::wire::{DeviceKey, Mahalla, UpdatesPage};

pub use model::*;

/// How long counted tries are remembered.
pub const THROTTLE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// How long a request nonce is remembered: twice the window in which a signed request's
/// timestamp is accepted, so a replay is refused for as long as its timestamp would pass.
pub const NONCE_MEMORY_MS: i64 = 2 * mahalla_protocol::signing::TIMESTAMP_WINDOW_MS;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("database schema: {0}")]
    Schema(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

#[async_trait]
pub trait Store: Send + Sync {
    // The register of mahallas.

    /// Inserts or updates mahallas; returns how many were written.
    async fn import_mahallas(&self, mahallas: &[Mahalla]) -> Result<usize>;
    async fn mahalla(&self, code: &str) -> Result<Option<Mahalla>>;

    // Enrolment.

    async fn add_enrol_code(
        &self,
        code_sha256: &str,
        mahalla: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<()>;
    /// What a code is good for, without using it.
    async fn code_state(&self, code_sha256: &str, now_ms: i64) -> Result<CodeState>;
    /// Uses a one-time code for a device key, atomically. The same code with the same key
    /// again gives the same device, so a terminal that lost the answer can ask again.
    async fn enrol(
        &self,
        code_sha256: &str,
        device_id: &str,
        public_key: &str,
        now_ms: i64,
    ) -> Result<EnrolOutcome>;

    // Devices.

    async fn device(&self, device_id: &str) -> Result<Option<Device>>;
    /// Every device, by number.
    async fn devices(&self) -> Result<Vec<Device>>;
    async fn device_keys(&self) -> Result<Vec<DeviceKey>> {
        Ok(self
            .devices()
            .await?
            .into_iter()
            .map(|device| DeviceKey {
                device_id: device.device_id,
                public_key: device.public_key,
                revoked: device.revoked_at.is_some(),
            })
            .collect())
    }
    /// Revokes a device by id or number; false when there is no such device.
    async fn revoke(&self, device: &str, now_ms: i64) -> Result<bool>;
    /// Keeps the terminal's last heartbeat (JSON), when it was seen and its clock skew.
    async fn record_heartbeat(&self, device_id: &str, heartbeat: &str, seen: Seen) -> Result<()>;
    /// Records a signed request's nonce; false when this device used it within
    /// [`NONCE_MEMORY_MS`]. Forgets older nonces.
    async fn record_nonce(&self, device_id: &str, nonce: &str, now_ms: i64) -> Result<bool>;

    // Ingest and the feed.

    /// Stores a batch atomically and durably before returning: one outcome per entry, `None`
    /// for a judged entry without a stored twin. Each stored submission gets a `received`
    /// update in its terminal's feed and its notice queued; the device is marked seen.
    /// Concurrent retries of one batch give inserted and duplicate, never an error.
    async fn store_batch(
        &self,
        device_id: &str,
        entries: &[BatchEntry],
        seen: Seen,
    ) -> Result<Vec<Option<StoreOutcome>>>;
    /// The page of `device_id`'s feed after `cursor`. A cursor never passes an update that
    /// a transaction still in flight will add.
    async fn updates(&self, device_id: &str, cursor: u64) -> Result<UpdatesPage>;

    // Receipts asked about.

    /// A receipt of `device_id` for its public status page.
    async fn receipt_record(
        &self,
        device_id: &str,
        receipt_code: &str,
    ) -> Result<Option<ReceiptRecord>>;
    /// A receipt asked about at a terminal.
    async fn look_up(&self, issuer: Issuer, receipt_code: &str) -> Result<Option<LookedUp>>;
    /// Whether another wrong PINFL may still be checked for this receipt and from this
    /// terminal.
    async fn pinfl_tries_left(
        &self,
        submission_id: &str,
        asker_device: &str,
        limits: PinflLimits,
        now_ms: i64,
    ) -> Result<bool>;
    async fn record_pinfl_failure(
        &self,
        submission_id: &str,
        asker_device: &str,
        now_ms: i64,
    ) -> Result<()>;

    // Agency work.

    /// Sets a status, puts the change in the terminal's feed and queues its notice, in one
    /// transaction. False when there is no such submission.
    async fn set_status(&self, change: StatusChange) -> Result<bool>;
    /// Every submission, oldest first.
    async fn submissions(&self) -> Result<Vec<StoredSubmission>>;
    /// A page of the submissions within `scope` that pass `query`, in its order, after its
    /// cursor, at most its limit.
    async fn list(&self, query: &ListQuery, scope: &Scope) -> Result<Vec<Row>>;
    /// Gives an open submission a new last day with the reason, once. False when there is no
    /// such submission, it is decided, or its term was extended before.
    async fn extend_term(&self, extension: TermExtension) -> Result<bool>;
    /// Up to `limit` submissions kept before submissions were dated at ingest.
    async fn undated(&self, limit: u32) -> Result<Vec<Undated>>;
    /// Dates submissions kept before they were dated at ingest.
    async fn set_dates(&self, dated: &[(String, Dates)]) -> Result<()>;
    async fn submission(&self, id: &str) -> Result<Option<SubmissionView>>;
    /// The submission `id` when it is within `scope`: outside it, it is not there for the
    /// one asking.
    async fn submission_within(&self, id: &str, scope: &Scope) -> Result<Option<SubmissionView>> {
        Ok(self.submission(id).await?.filter(|view| {
            let row = &view.row;
            scope.covers(&row.target_id, &row.region, &row.district)
        }))
    }
    /// Each terminal not revoked, by mahalla code, with when it was last seen and its last
    /// heartbeat.
    async fn terminal_figures(&self) -> Result<Vec<TerminalFigures>>;
    /// Every mahalla of the register.
    async fn mahallas(&self) -> Result<Vec<Mahalla>>;
    /// Submissions handed in on each day from `from` on, per mahalla.
    async fn handed_in_per_day(&self, from: time::Date) -> Result<Vec<DayCount>>;
    /// Open submissions per mahalla and service, and how many of them were due before
    /// `today`.
    async fn open_per_mahalla(&self, today: time::Date) -> Result<Vec<OpenCount>>;
    /// The decisions given at or after `since_ms`.
    async fn decisions_since(&self, since_ms: i64) -> Result<Vec<Decision>>;

    // The audit log.

    /// Keeps a record of what a staff member did.
    async fn record_audit(&self, entry: &AuditEntry) -> Result<()>;
    /// The newest `limit` records, newest first.
    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>>;

    // Catalogues.

    /// Publishes a catalogue version to every terminal's feed. False when the version exists.
    async fn publish_catalogue(&self, version: u32, body: &str, now_ms: i64) -> Result<bool>;
    /// Every catalogue version with its JSON, oldest first.
    async fn catalogues(&self) -> Result<Vec<(u32, String)>>;

    // Software updates.

    /// Publishes a software update unless it is not newer than the newest published, decided
    /// and written in one step, so that of two publications at once only a newer one passes.
    async fn publish_software_update(&self, update: &PublishedUpdate) -> Result<Publication>;
    /// The newest software update published (versions ordered as numbers): the one the feed
    /// offers.
    async fn newest_software_update(&self) -> Result<Option<PublishedUpdate>>;
    /// The software update of `version`, when it was published.
    async fn software_update(&self, version: Version) -> Result<Option<PublishedUpdate>>;

    // Staff and their sessions.

    /// Adds a staff member, or gives one a new password hash and role.
    async fn set_staff(&self, username: &str, password_hash: &str, role: &Role) -> Result<()>;
    async fn staff_password_hash(&self, username: &str) -> Result<Option<String>>;
    async fn open_session(&self, token_sha256: &str, username: &str, expires_ms: i64)
    -> Result<()>;
    /// The staff member of a session still valid at `now_ms`.
    async fn session_user(&self, token_sha256: &str, now_ms: i64) -> Result<Option<StaffMember>>;
    async fn close_session(&self, token_sha256: &str) -> Result<()>;
    /// Keeps the language (its tag) a staff member chose for the dashboard.
    async fn set_staff_language(&self, username: &str, language: &str) -> Result<()>;
    /// Remembers that staff signed in from `address` at `now_ms`.
    async fn remember_staff_address(&self, address: &str, now_ms: i64) -> Result<()>;
    /// Whether staff signed in from `address` at or after `since_ms`.
    async fn staff_address_since(&self, address: &str, since_ms: i64) -> Result<bool>;

    // Counted tries.

    /// Counts a try under each of `limits` (key, most tries in a window), atomically,
    /// unless one of them is at its limit: then nothing is counted and the answer is false.
    async fn count_try(&self, limits: &[(String, u32)], now_ms: i64) -> Result<bool>;
    /// Takes back a counted try: it succeeded.
    async fn take_back_try(&self, limits: &[(String, u32)]) -> Result<()>;
    /// Forgets the counts of `key` and of every key starting with `prefix`.
    async fn forget_tries(&self, key: &str, prefix: &str) -> Result<()>;

    // Notices.

    /// Up to `limit` notices not yet out on every channel whose time has come.
    async fn due_notices(&self, now_ms: i64, limit: u32) -> Result<Vec<PendingNotice>>;
    async fn record_delivery(&self, delivery: Delivery) -> Result<()>;
}
