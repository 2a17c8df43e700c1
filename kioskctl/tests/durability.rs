//! Power-cut durability: a `kioskctl` process submits in a loop and is SIGKILLed at random
//! moments. Every receipt code it reported as committed must be in the database afterwards,
//! and the database must stay consistent.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use mahalla_kiosk_core::store::{DATABASE_FILE, Store};
use rand::Rng;
use rusqlite::Connection;

const KILLS: usize = 200;

fn submitter(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kioskctl"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(["submit", "--service", "taklif", "--repeat", "1000000"])
        .args(["--field", "full_name=Oʻrinboy Qodirov"])
        .args(["--field", "subject=Bolalar maydonchasi"])
        .args([
            "--field",
            "message=Mahallamizda bolalar maydonchasini taʼmirlash kerak.",
        ])
        .env_remove("KIOSK_CONFIG")
        .env_remove("KIOSK_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

/// Receipt codes stored, and whether the database holds together.
fn check_database(data_dir: &Path) -> HashSet<String> {
    let store = Store::open(data_dir).expect("the database opens after a kill");
    assert_eq!(store.integrity_check().expect("integrity check"), ["ok"]);
    drop(store);

    let db = Connection::open(data_dir.join(DATABASE_FILE)).expect("open the database");
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |row| row.get(0)).expect(sql) };
    let submissions = count("SELECT count(*) FROM submissions");
    assert_eq!(
        count("SELECT coalesce(max(sequence) + 1, 0) FROM submissions"),
        submissions,
        "every receipt number used belongs to exactly one stored submission, none skipped"
    );
    assert_eq!(
        count("SELECT count(DISTINCT receipt_code) FROM submissions"),
        submissions,
        "no receipt code appears twice"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM submissions
             WHERE outbox_state = 'queued' AND send_attempts = 0 AND quarantine_reason IS NULL
               AND delivered_at IS NULL"
        ),
        submissions,
        "with no portal, every submission is queued, exactly once"
    );
    assert_eq!(
        count("SELECT count(*) FROM submissions WHERE printed = 0"),
        submissions,
        "every submission's receipt is waiting for the printer"
    );
    assert_eq!(
        count("SELECT count(*) FROM submissions WHERE payload IS NULL"),
        0
    );

    let mut statement = db
        .prepare("SELECT receipt_code FROM submissions")
        .expect("prepare");
    statement
        .query_map([], |row| row.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("codes")
}

#[test]
fn every_reported_receipt_survives_sigkill() {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut rng = rand::rng();
    let mut reported: Vec<String> = Vec::new();

    for _ in 0..KILLS {
        let mut child = submitter(data_dir.path()).spawn().expect("start kioskctl");
        let stdout = child.stdout.take().expect("piped stdout");
        let (lines, received) = std::sync::mpsc::channel();
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        // Kill at a random moment once submissions are streaming, so every kill lands
        // between or inside transactions rather than during start-up.
        let first = received
            .recv_timeout(Duration::from_secs(30))
            .expect("the submitter reports its first receipt");
        thread::sleep(Duration::from_micros(rng.random_range(0..40_000)));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        assert!(!status.success(), "the submitter was killed, not finished");
        reader.join().expect("reader thread");
        reported.push(first);
        reported.extend(received.try_iter());

        let stored = check_database(data_dir.path());
        for code in &reported {
            assert!(stored.contains(code), "reported receipt {code} was lost");
        }
    }

    let unique: HashSet<_> = reported.iter().collect();
    assert_eq!(
        unique.len(),
        reported.len(),
        "a receipt code was reported twice"
    );
    eprintln!(
        "{KILLS} kills mid-stream, {} receipts reported and all found",
        reported.len()
    );
}
