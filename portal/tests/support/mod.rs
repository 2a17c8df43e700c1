//! What the portal's process tests share: starting `mahalla-portal serve` and seeding the
//! database with a terminal and its submissions.

#![allow(dead_code)] // each test binary uses its own part

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use mahalla_host::clock;
use mahalla_portal::db::{BatchEntry, Db, EnrolOutcome, NewSubmission};
use mahalla_protocol::signing::sha256_hex;
use mahalla_protocol::wire::Mahalla;

pub const MAHALLA: &str = "1726264001";
pub const DEVICE: &str = "DEV";

pub struct Portal {
    child: Child,
    pub base: String,
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

/// Adds a dashboard user with `password`, as an administrator does: through the portal's
/// command line, the password on its standard input.
pub fn add_staff(data_dir: &Path, name: &str, password: &str) {
    use std::io::Write;
    let mut add = command(data_dir)
        .args(["staff", "add", name])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("staff add");
    writeln!(add.stdin.take().expect("stdin"), "{password}").expect("password");
    assert!(add.wait().expect("wait").success());
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

/// A terminal `DEVICE` enrolled in mahalla `MAHALLA`.
pub fn terminal(data_dir: &Path) -> Db {
    terminal_with_key(data_dir, DEVICE, "KEY")
}

/// A terminal `device_id` with `public_key` enrolled in mahalla `MAHALLA`.
pub fn terminal_with_key(data_dir: &Path, device_id: &str, public_key: &str) -> Db {
    let db = Db::open(data_dir).expect("open");
    db.import_mahallas(&[Mahalla {
        code: MAHALLA.into(),
        name: "Navroʻz".into(),
        district: "Chilonzor tumani".into(),
        region: "Toshkent shahri".into(),
    }])
    .expect("import");
    db.add_enrol_code("code", MAHALLA, 0, i64::MAX)
        .expect("code");
    assert!(matches!(
        db.enrol("code", device_id, public_key, 0).expect("enrol"),
        EnrolOutcome::Enrolled(_)
    ));
    db
}

/// Stores a received proposal of `DEVICE` in Uzbek with these form values; returns its id.
pub fn submission(db: &Db, receipt_code: &str, values: serde_json::Value) -> String {
    submission_from(db, DEVICE, receipt_code, "uz-Latn", values)
}

/// Stores a received proposal of `device_id` made in `lang`; returns its id.
pub fn submission_from(
    db: &Db,
    device_id: &str,
    receipt_code: &str,
    lang: &str,
    values: serde_json::Value,
) -> String {
    let id = uuid::Uuid::now_v7();
    let plaintext = serde_json::json!({
        "target_id": "taklif",
        "catalogue_version": 1,
        "lang": lang,
        "values": values,
    })
    .to_string();
    let now = clock::now_ms();
    db.store_batch(
        device_id,
        &[BatchEntry::Ready(NewSubmission {
            id,
            receipt_code: receipt_code.into(),
            target_id: "taklif".into(),
            catalogue_version: 1,
            created_at: clock::rfc3339(now),
            payload_sha256: sha256_hex(id.as_bytes()),
            payload: id.as_bytes().to_vec(),
            plaintext,
        })],
        (now, 0),
        &clock::rfc3339(now),
    )
    .expect("store");
    id.to_string()
}
