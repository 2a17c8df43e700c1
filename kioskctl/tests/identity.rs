//! The device key and the database belong together. An enrolled terminal whose key is gone
//! or is another device's stops syncing with an error that says what to do, and never makes
//! a new key; a key without its database is not a new demo terminal. Real processes: a
//! portal on loopback and `kioskctl` on a real data dir.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use mahalla_kiosk_core::device_key::KEY_FILE;
use mahalla_kiosk_core::store::DATABASE_FILE;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_test_support::*;

#[test]
fn an_enrolled_terminal_never_makes_itself_a_new_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    let receipt = submit_complaint(&kiosk);
    let key_file = kiosk.join(KEY_FILE);
    let key = std::fs::read(&key_file).expect("the enrolled key");

    // The key is lost: sync stops and says so, and no key appears.
    std::fs::remove_file(&key_file).expect("lose the key");
    let (ok, _, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(!ok, "synced without the enrolled key");
    assert!(
        stderr.contains("device key") && stderr.contains("missing") && stderr.contains("backup"),
        "{stderr}"
    );
    assert!(!key_file.exists(), "a new key was made");
    let status = sync_status(&kiosk);
    assert_eq!(status["last_problem"], "device-key", "{status}");
    assert!(
        status["last_error"]
            .as_str()
            .is_some_and(|error| error.contains("device key")),
        "{status}"
    );
    let (ok, archive, stderr) = run(
        &kiosk,
        &[
            "diagnostics",
            "--out",
            dir.path().join("diag.tar.gz").to_str().expect("path"),
        ],
    );
    assert!(ok, "diagnostics: {archive} {stderr}");
    let sync = std::process::Command::new("tar")
        .arg("-xzOf")
        .arg(dir.path().join("diag.tar.gz"))
        .arg("sync.json")
        .output()
        .expect("read the archive");
    let sync = String::from_utf8_lossy(&sync.stdout);
    assert!(
        sync.contains("device key"),
        "diagnostics' sync.json: {sync}"
    );

    // Another terminal's key is no better.
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).expect("another data dir");
    mahalla_kiosk_core::device_key::DeviceKey::load_or_create(&other).expect("another key");
    std::fs::copy(other.join(KEY_FILE), &key_file).expect("another key");
    let (ok, _, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(!ok, "synced with another device's key");
    assert!(stderr.contains("enrolled as"), "{stderr}");

    // The key put back from the backup: the queue goes out as it was.
    std::fs::write(&key_file, &key).expect("restore the key");
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok, "sync with the key restored: {stdout} {stderr}");
    assert!(
        portal
            .submissions()
            .iter()
            .any(|s| s["receipt_code"] == receipt.as_str())
    );
}

#[test]
fn a_key_without_its_database_is_not_a_new_demo_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk = dir.path().join("kiosk");
    let first = submit_complaint(&kiosk);
    // The running kiosk's print worker makes the key, to sign the receipts' QRs.
    mahalla_kiosk_core::device_key::DeviceKey::load_or_create(&kiosk).expect("key");
    for lost in ["removed", "emptied"] {
        let database = kiosk.join(DATABASE_FILE);
        if lost == "removed" {
            std::fs::remove_file(&database).expect("remove the database");
        } else {
            std::fs::write(&database, b"").expect("empty the database");
        }
        let (ok, _, stderr) = run(
            &kiosk,
            &[
                "submit",
                "--service",
                "taklif",
                "--field",
                "full_name=Aziz",
                "--field",
                "subject=Yoʻl",
                "--field",
                "message=Yoʻlni taʼmirlash kerak",
            ],
        );
        assert!(!ok, "{lost}: a new demo terminal started");
        assert!(
            stderr.contains("no database") && stderr.contains("kioskctl reset"),
            "{lost}: {stderr}"
        );
        let (ok, _, stderr) = run(&kiosk, &["queue"]);
        assert!(!ok && stderr.contains("no database"), "{lost}: {stderr}");
    }

    // A deliberate start over clears the key too; then the terminal is a new demo.
    let (ok, stdout, stderr) = run(&kiosk, &["reset", "--yes"]);
    assert!(ok, "reset: {stdout} {stderr}");
    assert!(!kiosk.join(KEY_FILE).exists());
    let again = submit_complaint(&kiosk);
    assert_eq!(
        again, first,
        "a new demo terminal numbers from the start again"
    );
}

#[test]
fn a_backup_puts_the_terminal_back_on_a_new_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    let waiting = submit_personal(&kiosk);
    let copy = dir.path().join("usb").join("kiosk-backup");
    std::fs::create_dir_all(copy.parent().expect("parent")).expect("the stick");
    let copy_arg = copy.to_str().expect("UTF-8 path");
    let (ok, stdout, stderr) = run(&kiosk, &["backup", "--out", copy_arg]);
    assert!(ok, "backup: {stdout} {stderr}");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &std::path::Path| {
            std::fs::metadata(path)
                .expect("metadata")
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode(&copy), 0o700);
        assert_eq!(mode(&copy.join(KEY_FILE)), 0o600);
    }
    let (ok, _, stderr) = run(&kiosk, &["backup", "--out", copy_arg]);
    assert!(!ok && stderr.contains("already exists"), "{stderr}");

    // The disk is replaced: nothing of the terminal is left.
    std::fs::remove_dir_all(&kiosk).expect("lose the data dir");
    let (ok, stdout, stderr) = run(&kiosk, &["restore", copy_arg]);
    assert!(ok, "restore: {stdout} {stderr}");
    assert!(
        stdout.contains("1 submissions still to deliver"),
        "{stdout}"
    );
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok, "sync after the restore: {stdout} {stderr}");
    let received = portal.submissions();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["receipt_code"], waiting.as_str());
    assert_eq!(received[0]["payload"]["values"]["pinfl"], PINFL);
    // The next receipt goes on from the last number, under the same device.
    let next = submit_complaint(&kiosk);
    let code = |text: &str| text.parse::<ReceiptCode>().expect("a receipt code");
    assert_eq!(code(&next).device(), code(&waiting).device());
    assert_eq!(code(&next).sequence(), code(&waiting).sequence() + 1);

    // A restore never writes over a terminal's database.
    let (ok, _, stderr) = run(&kiosk, &["restore", copy_arg]);
    assert!(!ok && stderr.contains("already has a database"), "{stderr}");
    // A backup whose key is not the enrolled one is refused.
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).expect("another data dir");
    mahalla_kiosk_core::device_key::DeviceKey::load_or_create(&other).expect("another key");
    std::fs::copy(other.join(KEY_FILE), copy.join(KEY_FILE)).expect("swap the key");
    let elsewhere = dir.path().join("elsewhere");
    let (ok, _, stderr) = run(&elsewhere, &["restore", copy_arg]);
    assert!(!ok && stderr.contains("enrolled as"), "{stderr}");
    assert!(!elsewhere.join(DATABASE_FILE).exists());
}

#[test]
fn a_backup_carries_nothing_from_before_enrolment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk = dir.path().join("kiosk");
    // Handed in on the demo terminal, in plain JSON until enrolment encrypts it.
    submit_personal(&kiosk);
    mahalla_test_support::offline::enrol_without_a_portal(&kiosk, "Navroʻz");
    let copy = dir.path().join("kiosk-backup");
    let (ok, stdout, stderr) = run(&kiosk, &["backup", "--out", copy.to_str().expect("path")]);
    assert!(ok, "backup: {stdout} {stderr}");
    for entry in std::fs::read_dir(&copy).expect("the backup") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        for secret in [PINFL, PASSPORT, PHONE, FULL_NAME] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{} holds {secret:?}",
                path.display()
            );
        }
    }
}
