//! The technician's commands as they run over ssh: staff with PINs from standard input, the
//! diagnostics archive (unpacked and searched for anything secret or personal), and the
//! factory reset that refuses while submissions are undelivered. Real binaries, real SQLite,
//! a real portal on loopback where delivery matters.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use data_encoding::{BASE64, BASE64URL, BASE64URL_NOPAD, HEXLOWER, HEXUPPER};
use mahalla_kiosk_core::device_key::{DeviceKey, KEY_FILE};
use mahalla_kiosk_core::diagnostics::FILES;
use mahalla_kiosk_core::store::{DATABASE_FILE, Store};
use mahalla_protocol::form::Values;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::wire::Assistance;
use mahalla_test_support::{Portal, enrol, run, run_with_input};

const STAFF: &str = "Dilnoza Karimova";
/// Long enough that it cannot turn up by chance inside a number in the archive.
const STAFF_PIN: &str = "73918264";
const NEW_PIN: &str = "46197352";

/// A resident of our own making: the PINFL's check digit is right (weights 7,3,1 over
/// 3150385123456 give 6).
const RESIDENT_NAME: &str = "Gulnora Toʻxtasinova";
const RESIDENT_PINFL: &str = "31503851234566";
const RESIDENT_PASSPORT: &str = "AC7654321";
const RESIDENT_PHONE: &str = "+998935551177";
const RESIDENT_ADDRESS: &str = "Mustaqillik koʻchasi 17-uy";
const RESIDENT_MESSAGE: &str = "Hovlimizdagi suv quvuri uch kundan beri oqyapti";

fn add_staff(data_dir: &Path) {
    let (code, stdout, stderr) = run_with_input(
        data_dir,
        &["staff", "add", "--name", STAFF],
        &format!("{STAFF_PIN}\n"),
    );
    assert_eq!(code, 0, "staff add: {stdout} {stderr}");
    assert!(stdout.contains("staff #1"), "{stdout}");
}

/// A complaint with every personal field; returns its receipt code.
fn submit_complaint(data_dir: &Path) -> String {
    let (ok, stdout, stderr) = run(
        data_dir,
        &[
            "submit",
            "--service",
            "shikoyat",
            "--field",
            &format!("full_name={RESIDENT_NAME}"),
            "--field",
            &format!("pinfl={RESIDENT_PINFL}"),
            "--field",
            &format!("phone={RESIDENT_PHONE}"),
            "--field",
            &format!("address={RESIDENT_ADDRESS}"),
            "--field",
            "addressee=mahalla",
            "--field",
            "subject=Suv quvuri",
            "--field",
            &format!("message={RESIDENT_MESSAGE}"),
        ],
    );
    assert!(ok, "submit: {stderr}");
    stdout.trim().to_owned()
}

fn submit_debt_check(data_dir: &Path) {
    let (ok, _, stderr) = run(
        data_dir,
        &[
            "submit",
            "--service",
            "enforcement-debt-check",
            "--field",
            &format!("full_name={RESIDENT_NAME}"),
            "--field",
            &format!("pinfl={RESIDENT_PINFL}"),
            "--field",
            &format!("passport={RESIDENT_PASSPORT}"),
            "--field",
            &format!("phone={RESIDENT_PHONE}"),
        ],
    );
    assert!(ok, "submit: {stderr}");
}

fn queue(data_dir: &Path) -> String {
    let (ok, stdout, stderr) = run(data_dir, &["queue", "--json"]);
    assert!(ok, "queue: {stderr}");
    stdout
}

fn reset(data_dir: &Path, extra: &[&str], input: &str) -> (i32, String, String) {
    let mut args = vec!["reset"];
    args.extend_from_slice(extra);
    run_with_input(data_dir, &args, input)
}

#[test]
fn staff_come_from_standard_input_and_are_listed_without_hashes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk = dir.path();
    add_staff(kiosk);

    for (pin, code) in [
        ("1234", "pin-too-simple"),
        ("12a4", "pin-digits"),
        ("123", "pin-length"),
        (STAFF_PIN, "pin-taken"),
    ] {
        let (exit, _, stderr) = run_with_input(
            kiosk,
            &["staff", "add", "--name", "Aziz Rahimov"],
            &format!("{pin}\n"),
        );
        assert_eq!(exit, 2, "{pin}: {stderr}");
        assert!(stderr.contains(code), "{pin}: {stderr}");
    }
    let (exit, _, stderr) = run_with_input(kiosk, &["staff", "add", "--name", STAFF], "5820\n");
    assert_eq!(exit, 2);
    assert!(stderr.contains("already"), "{stderr}");
    let (exit, _, stderr) = run_with_input(kiosk, &["staff", "add", "--name", "Aziz"], "");
    assert_eq!(exit, 2);
    assert!(stderr.contains("no PIN"), "{stderr}");

    let (ok, listing, _) = run(kiosk, &["staff", "list", "--json"]);
    assert!(ok);
    let staff: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&listing).expect("staff JSON");
    assert_eq!(staff.len(), 1, "{listing}");
    let keys: Vec<&str> = staff[0].keys().map(String::as_str).collect();
    assert_eq!(keys, ["created_at", "id", "name"], "{listing}");
    assert_eq!(staff[0]["id"], 1);
    assert_eq!(staff[0]["name"], STAFF);
    let (ok, text, _) = run(kiosk, &["staff", "list"]);
    assert!(ok && text.contains(STAFF), "{text}");
    for output in [&listing, &text] {
        assert!(!output.contains("argon2") && !output.contains(STAFF_PIN));
    }

    let (ok, shown, _) = run(kiosk, &["config", "show", "--json"]);
    assert!(ok);
    let config: serde_json::Value = serde_json::from_str(&shown).expect("config JSON");
    assert_eq!(config["staff_count"], 1, "{shown}");
    assert!(config["enrolment"].is_null(), "{shown}");
    assert!(!shown.contains("argon2") && !shown.contains(STAFF_PIN));

    // The reset's PIN check, on a terminal with nothing undelivered: a wrong PIN is refused;
    // the right one passes and only the missing confirmation stops the reset.
    let database = kiosk.join(DATABASE_FILE);
    let (exit, _, stderr) = reset(kiosk, &[], "11111111\nRESET\n");
    assert_eq!(exit, 2, "{stderr}");
    assert!(stderr.contains("wrong PIN"), "{stderr}");
    let (exit, _, stderr) = reset(kiosk, &[], &format!("{STAFF_PIN}\nno\n"));
    assert_eq!(exit, 2, "{stderr}");
    assert!(stderr.contains("not confirmed"), "{stderr}");
    assert!(database.exists());

    // A new PIN replaces the old one.
    let (exit, _, stderr) = run_with_input(
        kiosk,
        &["staff", "set-pin", "--name", STAFF],
        &format!("{NEW_PIN}\n"),
    );
    assert_eq!(exit, 0, "{stderr}");
    let (exit, _, stderr) = reset(kiosk, &[], &format!("{STAFF_PIN}\nno\n"));
    assert!(exit == 2 && stderr.contains("wrong PIN"), "{stderr}");
    let (exit, _, stderr) = reset(kiosk, &[], &format!("{NEW_PIN}\nno\n"));
    assert!(exit == 2 && stderr.contains("not confirmed"), "{stderr}");
    let (exit, _, stderr) = run_with_input(
        kiosk,
        &["staff", "set-pin", "--name", "Nobody"],
        &format!("{NEW_PIN}\n"),
    );
    assert!(exit == 2 && stderr.contains("Nobody"), "{stderr}");
    assert!(database.exists());
}

/// Every file of a `.tar.gz`, unpacked with the `tar` and `flate2` crates.
fn unpack(archive: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(archive).expect("open the archive");
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut files = BTreeMap::new();
    for entry in archive.entries().expect("entries") {
        let mut entry = entry.expect("entry");
        let name = entry.path().expect("path").display().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read an entry");
        files.insert(name, bytes);
    }
    files
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[test]
fn the_diagnostics_archive_holds_no_secrets_and_no_personal_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk = dir.path().join("kiosk");
    add_staff(&kiosk);
    // Not enrolled: the payloads sit in the database as plain JSON, so the archive is tested
    // against a database that does hold the resident's data.
    submit_complaint(&kiosk);
    submit_complaint(&kiosk);
    submit_debt_check(&kiosk);
    {
        let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
        let values: Values = [
            ("full_name", RESIDENT_NAME),
            ("pinfl", RESIDENT_PINFL),
            ("subject", "Yoritish"),
            ("message", RESIDENT_MESSAGE),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();
        Store::open(&kiosk)
            .expect("open")
            .submit_assisted(
                &catalogue,
                "taklif",
                &values,
                Lang::UzLatn,
                Assistance {
                    staff_id: 1,
                    identity_document_checked: true,
                },
            )
            .expect("assisted submission");
    }
    DeviceKey::load_or_create(&kiosk).expect("device key");
    let database = std::fs::read(kiosk.join(DATABASE_FILE)).expect("database");
    assert!(
        contains(&database, RESIDENT_PINFL.as_bytes()),
        "the test needs plaintext in the database"
    );

    let out = dir.path().join("diagnostics.tar.gz");
    let (ok, stdout, stderr) = run(&kiosk, &["diagnostics", "--out", &out.to_string_lossy()]);
    assert!(ok, "diagnostics: {stdout} {stderr}");
    let files = unpack(&out);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    let mut expected = FILES.to_vec();
    expected.sort_unstable();
    assert_eq!(names, expected);

    let json = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&files[name]).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let queue = json("queue.json");
    assert_eq!(queue["queued"], 4, "{queue}");
    assert_eq!(queue["undelivered"], 4, "{queue}");
    assert_eq!(queue["delivered"], 0, "{queue}");
    assert!(queue["oldest_undelivered_at"].is_string(), "{queue}");
    assert_eq!(json("config.json")["staff_count"], 1);
    assert_eq!(json("sync.json")["cursor"], 0);
    assert!(json("disk.json")["total_bytes"].as_u64().unwrap_or(0) > 0);
    assert!(json("printer.json")["live"].is_object());
    let audit = json("audit.json");
    let actors: Vec<&str> = audit
        .as_array()
        .expect("audit lines")
        .iter()
        .filter_map(|line| line["actor"].as_str())
        .collect();
    assert!(
        actors.contains(&"staff:1") && actors.contains(&"technician"),
        "{audit}"
    );
    let versions = String::from_utf8_lossy(&files["versions.txt"]).into_owned();
    assert!(
        versions.starts_with(&format!("kioskctl {}", env!("CARGO_PKG_VERSION"))),
        "{versions}"
    );
    assert!(!files["logs.txt"].is_empty());

    let key_text = std::fs::read_to_string(kiosk.join(KEY_FILE)).expect("key file");
    let seed = BASE64URL_NOPAD
        .decode(key_text.trim().as_bytes())
        .expect("base64url key");
    let mut secrets: Vec<(String, Vec<u8>)> = [
        RESIDENT_NAME,
        "Toʻxtasinova",
        RESIDENT_PINFL,
        RESIDENT_PASSPORT,
        RESIDENT_PHONE,
        "935551177",
        RESIDENT_ADDRESS,
        RESIDENT_MESSAGE,
        STAFF,
        STAFF_PIN,
        "$argon2",
        key_text.trim(),
        "SQLite format 3",
    ]
    .iter()
    .map(|text| ((*text).to_owned(), text.as_bytes().to_vec()))
    .collect();
    secrets.push(("the raw device key".to_owned(), seed.clone()));
    for encoded in [
        BASE64.encode(&seed),
        BASE64URL.encode(&seed),
        HEXLOWER.encode(&seed),
        HEXUPPER.encode(&seed),
    ] {
        secrets.push((encoded.clone(), encoded.into_bytes()));
    }
    for (name, bytes) in &files {
        for (label, secret) in &secrets {
            assert!(!contains(bytes, secret), "{name} holds {label:?}");
        }
    }
}

/// The files a reset removes, as the data dir lists them.
fn listing(data_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn reset_refuses_while_submissions_are_undelivered_and_takes_their_exact_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk = dir.path().join("kiosk");
    add_staff(&kiosk);
    submit_complaint(&kiosk);
    submit_debt_check(&kiosk);
    DeviceKey::load_or_create(&kiosk).expect("device key");
    std::fs::create_dir_all(kiosk.join("receipts")).expect("receipts dir");
    std::fs::write(kiosk.join("receipts/receipt-0001.png"), b"png").expect("a receipt");
    let before = queue(&kiosk);
    let files_before = listing(&kiosk);
    let right = format!("{STAFF_PIN}\nRESET\n");

    let (exit, _, stderr) = reset(&kiosk, &[], &right);
    assert_eq!(exit, 2, "{stderr}");
    assert!(
        stderr.contains("2 submissions are not delivered")
            && stderr.contains("--force-lose-data 2"),
        "{stderr}"
    );
    for wrong in ["1", "3", "0"] {
        let (exit, _, stderr) = reset(&kiosk, &["--force-lose-data", wrong], &right);
        assert_eq!(exit, 2, "{wrong}: {stderr}");
        assert!(stderr.contains("would lose 2"), "{wrong}: {stderr}");
    }
    let (exit, _, stderr) = reset(&kiosk, &["--force-lose-data", "2"], "11111111\nRESET\n");
    assert_eq!(exit, 2, "{stderr}");
    assert!(stderr.contains("wrong PIN"), "{stderr}");
    let (exit, _, stderr) = reset(
        &kiosk,
        &["--force-lose-data", "2"],
        &format!("{STAFF_PIN}\n"),
    );
    assert_eq!(exit, 2, "{stderr}");
    assert!(stderr.contains("no confirmation"), "{stderr}");

    assert_eq!(
        queue(&kiosk),
        before,
        "every refusal leaves the queue as it was"
    );
    // The sender lock file appears once a reset (or a sync) has taken the lock; nothing else
    // changes.
    let without_lock = |names: Vec<String>| -> Vec<String> {
        names
            .into_iter()
            .filter(|name| name != "sync.lock")
            .collect()
    };
    assert_eq!(without_lock(listing(&kiosk)), without_lock(files_before));

    let (exit, stdout, stderr) = reset(&kiosk, &["--force-lose-data", "2"], &right);
    assert_eq!(exit, 0, "{stdout} {stderr}");
    assert!(
        stdout.contains("2 undelivered submissions lost"),
        "{stdout}"
    );
    let left = listing(&kiosk);
    for removed in [
        DATABASE_FILE.to_owned(),
        format!("{DATABASE_FILE}-wal"),
        format!("{DATABASE_FILE}-shm"),
        KEY_FILE.to_owned(),
        "sync.lock".to_owned(),
        "receipts".to_owned(),
    ] {
        assert!(
            !left.contains(&removed),
            "{removed} is still there: {left:?}"
        );
    }
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn reset_goes_ahead_once_everything_is_delivered_and_enrolling_again_keeps_the_queue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    add_staff(&kiosk);
    submit_complaint(&kiosk);
    submit_debt_check(&kiosk);
    let before = queue(&kiosk);

    // Another portal (or the same one again) is refused without touching the queue.
    let (ok, _, stderr) = run(
        &kiosk,
        &["enroll", "--portal", "http://127.0.0.1:9", "--code", "X"],
    );
    assert!(!ok && stderr.contains("already enrolled"), "{stderr}");
    let (exit, _, stderr) = reset(&kiosk, &[], &format!("{STAFF_PIN}\nRESET\n"));
    assert!(exit == 2 && stderr.contains("2 submissions"), "{stderr}");
    assert_eq!(queue(&kiosk), before);

    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok && stdout.contains("delivered 2"), "{stdout} {stderr}");
    let (exit, stdout, stderr) = reset(&kiosk, &[], &format!("{STAFF_PIN}\nRESET\n"));
    assert_eq!(exit, 0, "{stdout} {stderr}");
    assert!(
        stdout.contains("0 undelivered submissions lost"),
        "{stdout}"
    );
    assert!(!kiosk.join(DATABASE_FILE).exists());
    assert!(!kiosk.join(KEY_FILE).exists());
    assert_eq!(
        portal.submissions().len(),
        2,
        "the portal keeps what it got"
    );

    // Provisioned again from scratch: a new key, a new enrolment, no staff yet.
    enrol(&kiosk, &portal);
    let (ok, shown, _) = run(&kiosk, &["config", "show", "--json"]);
    assert!(ok);
    let config: serde_json::Value = serde_json::from_str(&shown).expect("config JSON");
    assert_eq!(config["staff_count"], 0, "{shown}");
    assert!(config["enrolment"]["device_id"].is_string(), "{shown}");
    assert!(
        !shown.contains("age1"),
        "the recipient is left out: {shown}"
    );
}
