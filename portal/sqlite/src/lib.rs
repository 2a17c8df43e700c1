//! The portal's embedded store: one SQLite file in the data dir, in WAL with
//! `synchronous = FULL`, so a batch is on disk before its answer goes out. One connection
//! behind a mutex: SQLite has one writer, so every transaction here is serialised, and each
//! job runs on tokio's blocking threads.

mod agency;
mod ingest;
mod notices;
mod receipts;
mod register;
mod schema;
mod software_updates;
mod staff;

use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use mahalla_portal_store::{
    AuditEntry, BatchEntry, CodeState, Dates, DayCount, Decision, Delivery, Device, EnrolOutcome,
    Issuer, ListQuery, LookedUp, OpenCount, PendingNotice, PinflLimits, Publication,
    PublishedUpdate, ReceiptRecord, Result, Role, Row, Scope, Seen, StaffMember, StatusChange,
    Store, StoreError, StoreOutcome, StoredSubmission, SubmissionView, TermExtension,
    TerminalFigures, Undated,
};
use mahalla_protocol::software_update::Version;
use mahalla_protocol::wire::{Mahalla, UpdatesPage};
use rusqlite::Connection;

/// The database's file name in the data dir.
pub const DATABASE_FILE: &str = "portal.sqlite3";

/// What a job on the connection can fail with.
enum Failure {
    Sqlite(rusqlite::Error),
    Store(StoreError),
}

impl From<rusqlite::Error> for Failure {
    fn from(error: rusqlite::Error) -> Self {
        Failure::Sqlite(error)
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        Failure::Store(error)
    }
}

impl From<Failure> for StoreError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Sqlite(error) => StoreError::Backend(Box::new(error)),
            Failure::Store(error) => error,
        }
    }
}

type Job<T> = std::result::Result<T, Failure>;

fn corrupt(what: String) -> Failure {
    Failure::Store(StoreError::Corrupt(what))
}

pub struct SqliteStore {
    connection: Arc<Mutex<Connection>>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir` and brings its schema up to
    /// date.
    pub fn open(data_dir: &Path) -> Result<SqliteStore> {
        std::fs::create_dir_all(data_dir).map_err(|error| {
            StoreError::Backend(Box::new(std::io::Error::new(
                error.kind(),
                format!("cannot create the data dir {}: {error}", data_dir.display()),
            )))
        })?;
        let open = || -> Job<Connection> {
            let mut connection = mahalla_host::sqlite::open(&data_dir.join(DATABASE_FILE))?;
            let before: usize = connection.pragma_query_value(None, "user_version", |row| {
                row.get::<_, i64>(0)
                    .map(|v| usize::try_from(v).unwrap_or_default())
            })?;
            schema::migrations()
                .to_latest(&mut connection)
                .map_err(|error| StoreError::Schema(error.to_string()))?;
            if before > 0 && before < schema::NO_PLAINTEXT_STEP {
                // The dropped plaintext stays in free pages until the file is rewritten.
                connection.execute_batch("VACUUM")?;
            }
            Ok(connection)
        };
        Ok(SqliteStore {
            connection: Arc::new(Mutex::new(open()?)),
        })
    }

    /// Runs `job` on the connection, on a blocking thread.
    async fn run<T, F>(&self, job: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Job<T> + Send + 'static,
    {
        let connection = self.connection.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = match connection.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            job(&mut guard).map_err(StoreError::from)
        })
        .await
        .map_err(|error| StoreError::Backend(Box::new(error)))?
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn import_mahallas(&self, mahallas: &[Mahalla]) -> Result<usize> {
        let mahallas = mahallas.to_vec();
        self.run(move |c| register::import_mahallas(c, &mahallas))
            .await
    }

    async fn mahalla(&self, code: &str) -> Result<Option<Mahalla>> {
        let code = code.to_owned();
        self.run(move |c| register::mahalla(c, &code)).await
    }

    async fn add_enrol_code(
        &self,
        code_sha256: &str,
        mahalla: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<()> {
        let (code, mahalla) = (code_sha256.to_owned(), mahalla.to_owned());
        self.run(move |c| register::add_enrol_code(c, &code, &mahalla, now_ms, expires_ms))
            .await
    }

    async fn code_state(&self, code_sha256: &str, now_ms: i64) -> Result<CodeState> {
        let code = code_sha256.to_owned();
        self.run(move |c| register::code_state(c, &code, now_ms))
            .await
    }

    async fn enrol(
        &self,
        code_sha256: &str,
        device_id: &str,
        public_key: &str,
        now_ms: i64,
    ) -> Result<EnrolOutcome> {
        let (code, device, key) = (
            code_sha256.to_owned(),
            device_id.to_owned(),
            public_key.to_owned(),
        );
        self.run(move |c| register::enrol(c, &code, &device, &key, now_ms))
            .await
    }

    async fn device(&self, device_id: &str) -> Result<Option<Device>> {
        let device = device_id.to_owned();
        self.run(move |c| register::device(c, &device)).await
    }

    async fn devices(&self) -> Result<Vec<Device>> {
        self.run(register::devices).await
    }

    async fn revoke(&self, device: &str, now_ms: i64) -> Result<bool> {
        let device = device.to_owned();
        self.run(move |c| register::revoke(c, &device, now_ms))
            .await
    }

    async fn record_heartbeat(&self, device_id: &str, heartbeat: &str, seen: Seen) -> Result<()> {
        let (device, heartbeat) = (device_id.to_owned(), heartbeat.to_owned());
        self.run(move |c| register::record_heartbeat(c, &device, &heartbeat, seen))
            .await
    }

    async fn record_nonce(&self, device_id: &str, nonce: &str, now_ms: i64) -> Result<bool> {
        let (device, nonce) = (device_id.to_owned(), nonce.to_owned());
        self.run(move |c| register::record_nonce(c, &device, &nonce, now_ms))
            .await
    }

    async fn store_batch(
        &self,
        device_id: &str,
        entries: &[BatchEntry],
        seen: Seen,
    ) -> Result<Vec<Option<StoreOutcome>>> {
        let (device, entries) = (device_id.to_owned(), entries.to_vec());
        self.run(move |c| ingest::store_batch(c, &device, &entries, seen))
            .await
    }

    async fn updates(&self, device_id: &str, cursor: u64) -> Result<UpdatesPage> {
        let device = device_id.to_owned();
        self.run(move |c| ingest::updates(c, &device, cursor)).await
    }

    async fn receipt_record(
        &self,
        device_id: &str,
        receipt_code: &str,
    ) -> Result<Option<ReceiptRecord>> {
        let (device, code) = (device_id.to_owned(), receipt_code.to_owned());
        self.run(move |c| receipts::receipt_record(c, &device, &code))
            .await
    }

    async fn look_up(&self, issuer: Issuer, receipt_code: &str) -> Result<Option<LookedUp>> {
        let code = receipt_code.to_owned();
        self.run(move |c| receipts::look_up(c, &issuer, &code))
            .await
    }

    async fn pinfl_tries_left(
        &self,
        submission_id: &str,
        asker_device: &str,
        limits: PinflLimits,
        now_ms: i64,
    ) -> Result<bool> {
        let (submission, asker) = (submission_id.to_owned(), asker_device.to_owned());
        self.run(move |c| receipts::pinfl_tries_left(c, &submission, &asker, limits, now_ms))
            .await
    }

    async fn record_pinfl_failure(
        &self,
        submission_id: &str,
        asker_device: &str,
        now_ms: i64,
    ) -> Result<()> {
        let (submission, asker) = (submission_id.to_owned(), asker_device.to_owned());
        self.run(move |c| receipts::record_pinfl_failure(c, &submission, &asker, now_ms))
            .await
    }

    async fn set_status(&self, change: StatusChange) -> Result<bool> {
        self.run(move |c| ingest::set_status(c, &change)).await
    }

    async fn submissions(&self) -> Result<Vec<StoredSubmission>> {
        self.run(agency::submissions).await
    }

    async fn list(&self, query: &ListQuery, scope: &Scope) -> Result<Vec<Row>> {
        let (query, scope) = (query.clone(), scope.clone());
        self.run(move |c| agency::list(c, &query, &scope)).await
    }

    async fn extend_term(&self, extension: TermExtension) -> Result<bool> {
        self.run(move |c| agency::extend_term(c, &extension)).await
    }

    async fn undated(&self, limit: u32) -> Result<Vec<Undated>> {
        self.run(move |c| agency::undated(c, limit)).await
    }

    async fn set_dates(&self, dated: &[(String, Dates)]) -> Result<()> {
        let dated = dated.to_vec();
        self.run(move |c| agency::set_dates(c, &dated)).await
    }

    async fn submission(&self, id: &str) -> Result<Option<SubmissionView>> {
        let id = id.to_owned();
        self.run(move |c| agency::submission(c, &id)).await
    }

    async fn terminal_figures(&self) -> Result<Vec<TerminalFigures>> {
        self.run(agency::terminal_figures).await
    }

    async fn mahallas(&self) -> Result<Vec<Mahalla>> {
        self.run(agency::mahallas).await
    }

    async fn handed_in_per_day(&self, from: time::Date) -> Result<Vec<DayCount>> {
        self.run(move |c| agency::handed_in_per_day(c, from)).await
    }

    async fn open_per_mahalla(&self, today: time::Date) -> Result<Vec<OpenCount>> {
        self.run(move |c| agency::open_per_mahalla(c, today)).await
    }

    async fn decisions_since(&self, since_ms: i64) -> Result<Vec<Decision>> {
        self.run(move |c| agency::decisions_since(c, since_ms))
            .await
    }

    async fn record_audit(&self, entry: &AuditEntry) -> Result<()> {
        let entry = entry.clone();
        self.run(move |c| staff::record_audit(c, &entry)).await
    }

    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        self.run(move |c| staff::audit_log(c, limit)).await
    }

    async fn publish_catalogue(&self, version: u32, body: &str, now_ms: i64) -> Result<bool> {
        let body = body.to_owned();
        self.run(move |c| ingest::publish_catalogue(c, version, &body, now_ms))
            .await
    }

    async fn catalogues(&self) -> Result<Vec<(u32, String)>> {
        self.run(ingest::catalogues).await
    }

    async fn publish_software_update(&self, update: &PublishedUpdate) -> Result<Publication> {
        let update = update.clone();
        self.run(move |c| software_updates::publish(c, &update))
            .await
    }

    async fn newest_software_update(&self) -> Result<Option<PublishedUpdate>> {
        self.run(software_updates::newest).await
    }

    async fn software_update(&self, version: Version) -> Result<Option<PublishedUpdate>> {
        self.run(move |c| software_updates::of_version(c, version))
            .await
    }

    async fn set_staff(&self, username: &str, password_hash: &str, role: &Role) -> Result<()> {
        let (user, hash, role) = (username.to_owned(), password_hash.to_owned(), role.clone());
        self.run(move |c| staff::set_staff(c, &user, &hash, &role))
            .await
    }

    async fn staff_password_hash(&self, username: &str) -> Result<Option<String>> {
        let user = username.to_owned();
        self.run(move |c| staff::password_hash(c, &user)).await
    }

    async fn open_session(
        &self,
        token_sha256: &str,
        username: &str,
        expires_ms: i64,
    ) -> Result<()> {
        let (token, user) = (token_sha256.to_owned(), username.to_owned());
        self.run(move |c| staff::open_session(c, &token, &user, expires_ms))
            .await
    }

    async fn session_user(&self, token_sha256: &str, now_ms: i64) -> Result<Option<StaffMember>> {
        let token = token_sha256.to_owned();
        self.run(move |c| staff::session_user(c, &token, now_ms))
            .await
    }

    async fn close_session(&self, token_sha256: &str) -> Result<()> {
        let token = token_sha256.to_owned();
        self.run(move |c| staff::close_session(c, &token)).await
    }

    async fn set_staff_language(&self, username: &str, language: &str) -> Result<()> {
        let (username, language) = (username.to_owned(), language.to_owned());
        self.run(move |c| staff::set_staff_language(c, &username, &language))
            .await
    }

    async fn remember_staff_address(&self, address: &str, now_ms: i64) -> Result<()> {
        let address = address.to_owned();
        self.run(move |c| staff::remember_address(c, &address, now_ms))
            .await
    }

    async fn staff_address_since(&self, address: &str, since_ms: i64) -> Result<bool> {
        let address = address.to_owned();
        self.run(move |c| staff::address_since(c, &address, since_ms))
            .await
    }

    async fn count_try(&self, limits: &[(String, u32)], now_ms: i64) -> Result<bool> {
        let limits = limits.to_vec();
        self.run(move |c| staff::count_try(c, &limits, now_ms))
            .await
    }

    async fn take_back_try(&self, limits: &[(String, u32)]) -> Result<()> {
        let limits = limits.to_vec();
        self.run(move |c| staff::take_back_try(c, &limits)).await
    }

    async fn forget_tries(&self, key: &str, prefix: &str) -> Result<()> {
        let (key, prefix) = (key.to_owned(), prefix.to_owned());
        self.run(move |c| staff::forget_tries(c, &key, &prefix))
            .await
    }

    async fn due_notices(&self, now_ms: i64, limit: u32) -> Result<Vec<PendingNotice>> {
        self.run(move |c| notices::due(c, now_ms, limit)).await
    }

    async fn record_delivery(&self, delivery: Delivery) -> Result<()> {
        self.run(move |c| notices::record_delivery(c, &delivery))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PINFL: &str = "31508901234567";
    const PHONE: &str = "+998901234567";

    /// A portal database from before personal data was kept only encrypted.
    fn database_with_plaintext(data_dir: &Path) {
        let mut connection =
            mahalla_host::sqlite::open(&data_dir.join(DATABASE_FILE)).expect("open");
        schema::migrations()
            .to_version(&mut connection, schema::NO_PLAINTEXT_STEP - 1)
            .expect("old schema");
        let plaintext = format!(r#"{{"values":{{"pinfl":"{PINFL}","phone":"{PHONE}"}}}}"#);
        connection
            .execute_batch(&format!(
                "INSERT INTO mahallas VALUES ('1', 'Navroz', 'Chilonzor', 'Toshkent');
                 INSERT INTO devices (device_id, public_key, mahalla, enrolled_at)
                     VALUES ('DEV', 'KEY', '1', 0);
                 INSERT INTO submissions (id, device_id, receipt_code, target_id,
                     catalogue_version, created_at, payload_sha256, payload, plaintext,
                     received_at, status, status_changed_at)
                     VALUES ('S1', 'DEV', '001-000-0001', 'taklif', 1, 'then', 'h', x'00',
                             '{plaintext}', 0, 'received', '2026-12-06T10:00:00Z');
                 INSERT INTO notifications (submission_id, phone, text, created_at)
                     VALUES ('S1', '{PHONE}', 'Murojaat', 'then');"
            ))
            .expect("rows");
    }

    /// A database in `dir` as a portal left it before schema `step`, with a mahalla, a
    /// terminal `DEV` in it, and `rows` (SQL); opened as the portal opens it.
    fn opened_after(dir: &Path, step: usize, rows: &str) -> SqliteStore {
        let mut connection = mahalla_host::sqlite::open(&dir.join(DATABASE_FILE)).expect("open");
        schema::migrations()
            .to_version(&mut connection, step - 1)
            .expect("old schema");
        connection
            .execute_batch(&format!(
                "INSERT INTO mahallas VALUES ('1', 'Navroz', 'Chilonzor', 'Toshkent');
                 INSERT INTO devices (device_id, public_key, mahalla, enrolled_at)
                     VALUES ('DEV', 'KEY', '1', 0);
                 {rows}"
            ))
            .expect("rows");
        drop(connection);
        SqliteStore::open(dir).expect("migrate")
    }

    #[tokio::test]
    async fn an_old_databases_times_become_unix_ms() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = opened_after(
            dir.path(),
            schema::UNIX_MS_STEP,
            "INSERT INTO submissions (id, device_id, receipt_code, target_id,
                     catalogue_version, created_at, payload_sha256, payload, received_at,
                     status, status_changed_at)
                     VALUES ('S1', 'DEV', '001-000-0001', 'taklif', 1,
                             '2026-12-06T15:00:00+05:00', 'h', x'00', 0, 'received',
                             '2026-12-06T10:00:00.25Z');
                 INSERT INTO updates (device_id, kind, submission_id, status, changed_at)
                     VALUES ('DEV', 'status', 'S1', 'received', '2026-12-06T10:00:00.25Z');",
        );
        let record = store
            .receipt_record("DEV", "001-000-0001")
            .await
            .expect("read")
            .expect("found");
        let at = mahalla_host::clock::rfc3339(1_796_551_200_250);
        assert_eq!(record.changed_at, at);
        assert_eq!(record.history[0].changed_at, at);
        assert_eq!(
            record.created_at, "2026-12-06T15:00:00+05:00",
            "the terminal's own text"
        );
    }

    #[tokio::test]
    async fn an_old_databases_submissions_keep_their_mahalla_and_decision_and_wait_for_dates() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = opened_after(
            dir.path(),
            schema::LIST_COLUMNS_STEP,
            "INSERT INTO submissions (id, device_id, receipt_code, target_id,
                     catalogue_version, created_at, payload_sha256, payload, received_at,
                     status, status_changed_at)
                     VALUES ('S1', 'DEV', '001-000-0001', 'taklif', 1,
                             '2026-12-06T15:00:00+05:00', 'h1', x'00', 5, 'approved', 0),
                            ('S2', 'DEV', '001-000-0002', 'taklif', 1,
                             '2026-12-07T15:00:00+05:00', 'h2', x'00', 6, 'in-review', 0);",
        );
        let rows = store
            .list(
                &ListQuery {
                    order: mahalla_portal_store::Order::Newest,
                    limit: 10,
                    ..ListQuery::default()
                },
                &Scope::default(),
            )
            .await
            .expect("list");
        let kept: Vec<(&str, &str, bool, &str)> = rows
            .iter()
            .map(|row| {
                (
                    row.id.as_str(),
                    row.mahalla.as_str(),
                    row.decided,
                    row.due_on.as_str(),
                )
            })
            .collect();
        assert_eq!(kept, [("S2", "1", false, ""), ("S1", "1", true, "")]);
        let undated: Vec<String> = store
            .undated(10)
            .await
            .expect("undated")
            .into_iter()
            .map(|kept| kept.id)
            .collect();
        assert_eq!(undated, ["S1", "S2"]);
    }

    #[test]
    fn opening_an_old_database_leaves_no_plaintext_in_its_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        database_with_plaintext(dir.path());
        let store = SqliteStore::open(dir.path()).expect("migrate");
        drop(store);
        for entry in std::fs::read_dir(dir.path()).expect("list") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("read");
            for secret in [PINFL, PHONE] {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "{} holds {secret}",
                    path.display()
                );
            }
        }
    }
}
