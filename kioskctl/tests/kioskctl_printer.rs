//! `kioskctl printer sample`, `emulate`, `test` and `status` as a technician runs them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use mahalla_escpos::profile::Profile;
use mahalla_escpos::sample_bytes;
use mahalla_protocol::lang::Lang;

fn kioskctl(data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kioskctl"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("KIOSK_CONFIG")
        .env_remove("KIOSK_DATA_DIR");
    command
}

#[test]
fn sample_writes_the_exact_bytes_and_emulate_prints_them_to_png() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sample.bin");
    let status = kioskctl(dir.path())
        .args([
            "printer",
            "sample",
            "--lang",
            "uz-Cyrl",
            "--profile",
            "epson-tm-t20",
        ])
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .status()
        .expect("kioskctl runs");
    assert!(status.success());
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let profile = Profile::named("epson-tm-t20").expect("profile");
    let bytes = std::fs::read(&out).expect("sample written");
    assert_eq!(
        bytes,
        sample_bytes(&catalogue, Lang::UzCyrl, &profile).expect("bytes")
    );

    let mut emulator = kioskctl(dir.path())
        .args(["printer", "emulate", "--profile", "epson-tm-t20"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("emulator starts");
    let mut lines = BufReader::new(emulator.stdout.take().expect("stdout")).lines();
    let mut next = || lines.next().expect("a line").expect("text");
    let pty = next();
    assert!(pty.starts_with("/dev/"), "{pty}");

    std::fs::write(&pty, &bytes).expect("bytes to the pty");
    let printed = next();
    let png = printed.strip_prefix("printed ").expect("a printed line");
    assert!(png.ends_with("receipts/receipt-0001.png"), "{png}");
    assert!(std::fs::metadata(png).expect("png").len() > 1000);

    let status = kioskctl(dir.path())
        .args(["printer", "status", "--port", &pty])
        .output()
        .expect("status runs");
    assert!(status.status.success());
    assert_eq!(String::from_utf8_lossy(&status.stdout), "printer ready\n");

    let mut stdin = emulator.stdin.take().expect("stdin");
    writeln!(stdin, "cover-open").expect("control word");
    assert_eq!(next(), "fault: cover-open");
    let test = kioskctl(dir.path())
        .args(["printer", "test", "--port", &pty])
        .output()
        .expect("test runs");
    assert!(!test.status.success());
    assert!(String::from_utf8_lossy(&test.stderr).contains("cover is open"));

    writeln!(stdin, "quit").expect("quit");
    assert!(emulator.wait().expect("emulator exits").success());
}

#[test]
fn detect_finds_the_printer_saves_it_and_test_and_status_use_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut emulator = kioskctl(dir.path())
        .args(["printer", "emulate", "--profile", "epson-tm-t20"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("emulator starts");
    let mut lines = BufReader::new(emulator.stdout.take().expect("stdout")).lines();
    let pty = lines.next().expect("a line").expect("text");

    // Without a stored printer or a configured port, status has nowhere to look.
    let status = kioskctl(dir.path())
        .args(["printer", "status"])
        .output()
        .expect("status runs");
    assert_eq!(status.status.code(), Some(2));

    let detect = kioskctl(dir.path())
        .args(["printer", "detect", "--save", "--json", "--port", &pty])
        .output()
        .expect("detect runs");
    assert!(detect.status.success(), "{detect:?}");
    let report: serde_json::Value = serde_json::from_slice(&detect.stdout).expect("JSON");
    let first = &report["ports"][0];
    assert_eq!(first["port"], pty.as_str(), "{report}");
    assert_eq!(first["outcome"], "found", "{report}");
    assert_eq!(first["baud"], 9600, "{report}");
    assert_eq!(first["status"], "ready", "{report}");
    assert_eq!(first["model"], "TM-T20", "{report}");
    assert_eq!(first["suggested_profile"], "epson-tm-t20", "{report}");
    assert_eq!(report["saved"]["port"], pty.as_str(), "{report}");

    let shown = kioskctl(dir.path())
        .args(["config", "show", "--json"])
        .output()
        .expect("config show runs");
    let config: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("JSON");
    assert_eq!(config["printer"]["port"], pty.as_str(), "{config}");
    assert_eq!(config["printer"]["profile"], "epson-tm-t20", "{config}");
    assert_eq!(config["printer"]["source"], "stored", "{config}");

    // No flags: the stored printer.
    let status = kioskctl(dir.path())
        .args(["printer", "status"])
        .output()
        .expect("status runs");
    assert!(status.status.success(), "{status:?}");
    assert_eq!(String::from_utf8_lossy(&status.stdout), "printer ready\n");
    let test = kioskctl(dir.path())
        .args(["printer", "test"])
        .output()
        .expect("test runs");
    assert!(test.status.success(), "{test:?}");
    let printed = lines.next().expect("a line").expect("text");
    assert!(printed.starts_with("printed "), "{printed}");
    // Flags still win over the stored printer.
    let elsewhere = kioskctl(dir.path())
        .args(["printer", "status", "--port", "/dev/no-such-printer"])
        .output()
        .expect("status runs");
    assert!(!elsewhere.status.success());
    assert!(String::from_utf8_lossy(&elsewhere.stderr).contains("no-such-printer"));

    let mut stdin = emulator.stdin.take().expect("stdin");
    writeln!(stdin, "quit").expect("quit");
    assert!(emulator.wait().expect("emulator exits").success());
}
