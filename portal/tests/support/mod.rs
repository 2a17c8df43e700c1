//! What the portal's process tests share: starting `mahalla-portal serve` and seeding the
//! database with a terminal and its submissions.

#![allow(dead_code)] // each test binary uses its own part

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use mahalla_host::clock;
use mahalla_portal::keys::KeyRing;
use mahalla_portal::notice;
use mahalla_portal_sqlite::SqliteStore;
use mahalla_portal_store::{BatchEntry, EnrolOutcome, NewSubmission, Seen, Store};
use mahalla_protocol::signing::sha256_hex;
use mahalla_protocol::term::{APPEAL_DAYS, Term};
use mahalla_protocol::wire::{Mahalla, Status, SubmissionPayload};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub const MAHALLA: &str = "1726264001";
pub const DEVICE: &str = "DEV";

pub struct Portal {
    child: Child,
    pub base: String,
}

impl Portal {
    /// The process's id, to read its memory.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn command(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mahalla-portal"));
    command.arg("--data-dir").arg(data_dir);
    command
}

/// Adds a dashboard administrator with `password`, as an administrator does: through the
/// portal's command line, the password on its standard input.
pub fn add_staff(data_dir: &Path, name: &str, password: &str) {
    assert!(add_staff_as(
        data_dir,
        name,
        password,
        &["--role", "administrator"]
    ));
}

/// Adds a dashboard user with the role `role` gives (`--role …` and its places); whether the
/// command succeeded.
pub fn add_staff_as(data_dir: &Path, name: &str, password: &str, role: &[&str]) -> bool {
    use std::io::Write;
    let mut add = command(data_dir)
        .args(["staff", "add", name])
        .args(role)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("staff add");
    // A refused role ends the command before it reads the password.
    let _ = writeln!(add.stdin.take().expect("stdin"), "{password}");
    add.wait().expect("wait").success()
}

pub fn serve(data_dir: &Path) -> Portal {
    let mut child = command(data_dir)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("address");
    let base = line.trim().trim_start_matches("listening on ").to_owned();
    Portal { child, base }
}

/// The portal's store, opened beside a running portal, and its keys, to seal payloads as
/// terminals do.
pub struct Seed {
    runtime: tokio::runtime::Runtime,
    pub store: SqliteStore,
    pub keys: KeyRing,
}

impl Seed {
    pub fn open(data_dir: &Path) -> Seed {
        Seed {
            runtime: tokio::runtime::Runtime::new().expect("runtime"),
            store: SqliteStore::open(data_dir).expect("open"),
            keys: KeyRing::load_or_create(data_dir).expect("keys"),
        }
    }

    /// Runs a store call to its end.
    pub fn run<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}

/// A terminal `DEVICE` enrolled in mahalla `MAHALLA`.
pub fn terminal(data_dir: &Path) -> Seed {
    terminal_with_key(data_dir, DEVICE, "KEY")
}

/// A terminal `device_id` with `public_key` enrolled in mahalla `MAHALLA`.
pub fn terminal_with_key(data_dir: &Path, device_id: &str, public_key: &str) -> Seed {
    let seed = Seed::open(data_dir);
    let store = &seed.store;
    seed.run(store.import_mahallas(&[Mahalla {
        code: MAHALLA.into(),
        name: "Navroʻz".into(),
        district: "Chilonzor tumani".into(),
        region: "Toshkent shahri".into(),
    }]))
    .expect("import");
    seed.run(store.add_enrol_code("code", MAHALLA, 0, i64::MAX))
        .expect("code");
    assert!(matches!(
        seed.run(store.enrol("code", device_id, public_key, 0))
            .expect("enrol"),
        EnrolOutcome::Enrolled(_)
    ));
    seed
}

/// Stores a received proposal of `DEVICE` in Uzbek with these form values; returns its id.
pub fn submission(seed: &Seed, receipt_code: &str, values: serde_json::Value) -> String {
    submission_from(seed, DEVICE, receipt_code, "uz-Latn", values)
}

/// Stores a received proposal of `device_id` made in `lang`, encrypted to the portal as a
/// terminal sends it, with its notice as ingest queues it; returns its id.
pub fn submission_from(
    seed: &Seed,
    device_id: &str,
    receipt_code: &str,
    lang: &str,
    values: serde_json::Value,
) -> String {
    let id = uuid::Uuid::now_v7();
    let content = serde_json::json!({
        "target_id": "taklif",
        "catalogue_version": 1,
        "lang": lang,
        "values": values,
    });
    let payload: SubmissionPayload = serde_json::from_value(content.clone()).expect("payload");
    let sealed = seed
        .keys
        .seal(content.to_string().as_bytes())
        .expect("seal");
    let now = clock::now_ms();
    let created = clock::rfc3339(now);
    let dates = mahalla_portal::due::dates(
        Term::Days(APPEAL_DAYS),
        OffsetDateTime::parse(&created, &Rfc3339).expect("time"),
    );
    seed.run(seed.store.store_batch(
        device_id,
        &[BatchEntry::Ready(NewSubmission {
            id,
            receipt_code: receipt_code.into(),
            target_id: "taklif".into(),
            catalogue_version: 1,
            created_at: created,
            payload_sha256: sha256_hex(&sealed),
            payload: sealed,
            dates,
            notice: notice::sealed_for(&seed.keys, &payload, receipt_code, Status::Received, None),
        })],
        Seen {
            now_ms: now,
            skew_ms: 0,
        },
    ))
    .expect("store");
    id.to_string()
}

/// Today in Tashkent, and a day `offset` days from it.
pub fn tashkent_day(offset: i64) -> time::Date {
    time::OffsetDateTime::now_utc()
        .to_offset(mahalla_protocol::UZBEKISTAN)
        .date()
        + time::Duration::days(offset)
}

/// Gives the submissions `ids[index]` the last day `offset` days from today, each handed in
/// 15 days before it, as appeals are.
pub fn due_in(seed: &Seed, ids: &[String], moved: &[(usize, i64)]) {
    let dated: Vec<_> = moved
        .iter()
        .map(|&(index, offset)| {
            (
                ids[index].clone(),
                mahalla_portal_store::Dates {
                    created_on: tashkent_day(offset - 15),
                    due_on: tashkent_day(offset),
                },
            )
        })
        .collect();
    seed.run(seed.store.set_dates(&dated)).expect("dates");
}
