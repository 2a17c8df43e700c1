//! The portal's store in PostgreSQL: a pool of connections to one database that several
//! portal processes may share, its schema brought up to date on connect, and the
//! [`Store`] trait answered by the modules beside this one, one part of the portal each.
//!
//! Transactions run at PostgreSQL's default isolation (read committed); where that is not
//! enough a row lock says so in the SQL (`FOR UPDATE`, the feed's one-row counter).

mod agency;
mod devices;
mod feed;
mod ingest;
mod notices;
mod receipts;
mod register;
mod software_updates;
mod staff;
mod tries;

use std::time::Duration;

use async_trait::async_trait;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use mahalla_portal_store::{
    AuditEntry, BatchEntry, CodeState, Dates, DayCount, Decision, Delivery, Device, EnrolOutcome,
    Issuer, ListQuery, LookedUp, OpenCount, PendingNotice, PinflLimits, Publication,
    PublishedUpdate, ReceiptRecord, Result, Role, Row, Scope, Seen, StaffMember, StatusChange,
    Store, StoreError, StoreOutcome, StoredSubmission, SubmissionView, TermExtension,
    TerminalFigures, Undated,
};
use mahalla_protocol::software_update::Version;
use mahalla_protocol::wire::{Mahalla, UpdatesPage};
use tokio_postgres::NoTls;
use tokio_postgres::types::FromSql;

refinery::embed_migrations!("migrations");

/// Connections kept open to the database by one portal process.
const POOL_SIZE: usize = 16;

/// How long opening a connection may take, unless the URL says (`connect_timeout`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The advisory lock held while migrations run, so that portal processes starting together
/// bring the schema up one after the other ("mahalla" in ASCII).
const MIGRATION_LOCK: i64 = 0x006d_6168_616c_6c61;

pub struct PostgresStore {
    pool: Pool,
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://user@host:port/database`, or
    /// `host=/socket/dir port=5432 user=portal dbname=portal`) and brings its schema up to
    /// date. Connections are not encrypted: the database is on the portal's machine or its
    /// own network.
    pub async fn connect(url: &str) -> Result<PostgresStore> {
        let mut config: tokio_postgres::Config = url.parse().map_err(backend)?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .build()
            .map_err(backend)?;
        let store = PostgresStore { pool };
        store.migrate().await?;
        Ok(store)
    }

    /// Runs the migrations not yet applied, under the advisory lock. A connection that failed
    /// half-way is closed rather than put back, so its session lets go of the lock.
    async fn migrate(&self) -> Result<()> {
        let mut connection = self.connection().await?;
        let migrated = async {
            connection
                .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
                .await
                .map_err(backend)?;
            let client: &mut tokio_postgres::Client = &mut connection;
            migrations::runner()
                .run_async(client)
                .await
                .map_err(|error| StoreError::Schema(error.to_string()))?;
            connection
                .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
                .await
                .map_err(backend)?;
            Ok(())
        }
        .await;
        if migrated.is_err() {
            drop(Object::take(connection));
        }
        migrated
    }

    /// A connection from the pool.
    pub(crate) async fn connection(&self) -> Result<Object> {
        self.pool.get().await.map_err(backend)
    }
}

/// An error of the database or of the pool, as the store reports it.
pub(crate) fn backend<E>(error: E) -> StoreError
where
    E: std::error::Error + Send + Sync + 'static,
{
    StoreError::Backend(Box::new(error))
}

/// Column `column` of `row`, read as `T`.
pub(crate) fn get<'a, T: FromSql<'a>>(row: &'a tokio_postgres::Row, column: &str) -> Result<T> {
    row.try_get(column).map_err(backend)
}

/// Column `column` of `row`, a bigint that holds a `u32` (a catalogue version, a count).
pub(crate) fn get_u32(row: &tokio_postgres::Row, column: &str) -> Result<u32> {
    let value: i64 = get(row, column)?;
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{column} {value}")))
}

#[async_trait]
impl Store for PostgresStore {
    async fn import_mahallas(&self, mahallas: &[Mahalla]) -> Result<usize> {
        register::import_mahallas(self, mahallas).await
    }

    async fn mahalla(&self, code: &str) -> Result<Option<Mahalla>> {
        register::mahalla(self, code).await
    }

    async fn add_enrol_code(
        &self,
        code_sha256: &str,
        mahalla: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<()> {
        register::add_enrol_code(self, code_sha256, mahalla, now_ms, expires_ms).await
    }

    async fn code_state(&self, code_sha256: &str, now_ms: i64) -> Result<CodeState> {
        register::code_state(self, code_sha256, now_ms).await
    }

    async fn enrol(
        &self,
        code_sha256: &str,
        device_id: &str,
        public_key: &str,
        now_ms: i64,
    ) -> Result<EnrolOutcome> {
        register::enrol(self, code_sha256, device_id, public_key, now_ms).await
    }

    async fn device(&self, device_id: &str) -> Result<Option<Device>> {
        devices::device(self, device_id).await
    }

    async fn devices(&self) -> Result<Vec<Device>> {
        devices::devices(self).await
    }

    async fn revoke(&self, device: &str, now_ms: i64) -> Result<bool> {
        devices::revoke(self, device, now_ms).await
    }

    async fn record_heartbeat(&self, device_id: &str, heartbeat: &str, seen: Seen) -> Result<()> {
        devices::record_heartbeat(self, device_id, heartbeat, seen).await
    }

    async fn record_nonce(&self, device_id: &str, nonce: &str, now_ms: i64) -> Result<bool> {
        devices::record_nonce(self, device_id, nonce, now_ms).await
    }

    async fn store_batch(
        &self,
        device_id: &str,
        entries: &[BatchEntry],
        seen: Seen,
    ) -> Result<Vec<Option<StoreOutcome>>> {
        ingest::store_batch(self, device_id, entries, seen).await
    }

    async fn updates(&self, device_id: &str, cursor: u64) -> Result<UpdatesPage> {
        feed::updates(self, device_id, cursor).await
    }

    async fn receipt_record(
        &self,
        device_id: &str,
        receipt_code: &str,
    ) -> Result<Option<ReceiptRecord>> {
        receipts::receipt_record(self, device_id, receipt_code).await
    }

    async fn look_up(&self, issuer: Issuer, receipt_code: &str) -> Result<Option<LookedUp>> {
        receipts::look_up(self, issuer, receipt_code).await
    }

    async fn pinfl_tries_left(
        &self,
        submission_id: &str,
        asker_device: &str,
        limits: PinflLimits,
        now_ms: i64,
    ) -> Result<bool> {
        receipts::pinfl_tries_left(self, submission_id, asker_device, limits, now_ms).await
    }

    async fn record_pinfl_failure(
        &self,
        submission_id: &str,
        asker_device: &str,
        now_ms: i64,
    ) -> Result<()> {
        receipts::record_pinfl_failure(self, submission_id, asker_device, now_ms).await
    }

    async fn set_status(&self, change: StatusChange) -> Result<bool> {
        agency::set_status(self, change).await
    }

    async fn submissions(&self) -> Result<Vec<StoredSubmission>> {
        agency::submissions(self).await
    }

    async fn list(&self, query: &ListQuery, scope: &Scope) -> Result<Vec<Row>> {
        agency::list(self, query, scope).await
    }

    async fn extend_term(&self, extension: TermExtension) -> Result<bool> {
        agency::extend_term(self, extension).await
    }

    async fn undated(&self, limit: u32) -> Result<Vec<Undated>> {
        agency::undated(self, limit).await
    }

    async fn set_dates(&self, dated: &[(String, Dates)]) -> Result<()> {
        agency::set_dates(self, dated).await
    }

    async fn submission(&self, id: &str) -> Result<Option<SubmissionView>> {
        agency::submission(self, id).await
    }

    async fn terminal_figures(&self) -> Result<Vec<TerminalFigures>> {
        agency::terminal_figures(self).await
    }

    async fn mahallas(&self) -> Result<Vec<Mahalla>> {
        agency::mahallas(self).await
    }

    async fn handed_in_per_day(&self, from: time::Date) -> Result<Vec<DayCount>> {
        agency::handed_in_per_day(self, from).await
    }

    async fn open_per_mahalla(&self, today: time::Date) -> Result<Vec<OpenCount>> {
        agency::open_per_mahalla(self, today).await
    }

    async fn decisions_since(&self, since_ms: i64) -> Result<Vec<Decision>> {
        agency::decisions_since(self, since_ms).await
    }

    async fn record_audit(&self, entry: &AuditEntry) -> Result<()> {
        staff::record_audit(self, entry).await
    }

    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        staff::audit_log(self, limit).await
    }

    async fn publish_catalogue(&self, version: u32, body: &str, now_ms: i64) -> Result<bool> {
        feed::publish_catalogue(self, version, body, now_ms).await
    }

    async fn catalogues(&self) -> Result<Vec<(u32, String)>> {
        feed::catalogues(self).await
    }

    async fn publish_software_update(&self, update: &PublishedUpdate) -> Result<Publication> {
        software_updates::publish(self, update).await
    }

    async fn newest_software_update(&self) -> Result<Option<PublishedUpdate>> {
        software_updates::newest(self).await
    }

    async fn software_update(&self, version: Version) -> Result<Option<PublishedUpdate>> {
        software_updates::of_version(self, version).await
    }

    async fn set_staff(&self, username: &str, password_hash: &str, role: &Role) -> Result<()> {
        staff::set_staff(self, username, password_hash, role).await
    }

    async fn staff_password_hash(&self, username: &str) -> Result<Option<String>> {
        staff::password_hash(self, username).await
    }

    async fn open_session(
        &self,
        token_sha256: &str,
        username: &str,
        expires_ms: i64,
    ) -> Result<()> {
        staff::open_session(self, token_sha256, username, expires_ms).await
    }

    async fn session_user(&self, token_sha256: &str, now_ms: i64) -> Result<Option<StaffMember>> {
        staff::session_user(self, token_sha256, now_ms).await
    }

    async fn close_session(&self, token_sha256: &str) -> Result<()> {
        staff::close_session(self, token_sha256).await
    }

    async fn set_staff_language(&self, username: &str, language: &str) -> Result<()> {
        staff::set_staff_language(self, username, language).await
    }

    async fn remember_staff_address(&self, address: &str, now_ms: i64) -> Result<()> {
        staff::remember_address(self, address, now_ms).await
    }

    async fn staff_address_since(&self, address: &str, since_ms: i64) -> Result<bool> {
        staff::address_since(self, address, since_ms).await
    }

    async fn count_try(&self, limits: &[(String, u32)], now_ms: i64) -> Result<bool> {
        tries::count_try(self, limits, now_ms).await
    }

    async fn take_back_try(&self, limits: &[(String, u32)]) -> Result<()> {
        tries::take_back_try(self, limits).await
    }

    async fn forget_tries(&self, key: &str, prefix: &str) -> Result<()> {
        tries::forget_tries(self, key, prefix).await
    }

    async fn due_notices(&self, now_ms: i64, limit: u32) -> Result<Vec<PendingNotice>> {
        notices::due_notices(self, now_ms, limit).await
    }

    async fn record_delivery(&self, delivery: Delivery) -> Result<()> {
        notices::record_delivery(self, delivery).await
    }
}
