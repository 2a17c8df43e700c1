//! A terminal whose system clock is years off (no clock battery) while the portal's is right:
//! `kioskctl` runs under libfaketime three years in the past. The offset learned from the
//! portal at enrolment corrects everything the terminal records and checks: `created_at`,
//! "today" in the form's date rules, what reaches the portal. Skipped, saying so, where
//! libfaketime is not installed (Debian: apt-get install faketime).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::Path;
use std::process::Command;

use mahalla_test_support::*;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const YEARS_BEHIND: &str = "-3y";

fn faketime_installed() -> bool {
    let found = Command::new("faketime")
        .args(["-f", "+0", "true"])
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        eprintln!("faketime is not installed (Debian: apt-get install faketime): test skipped");
    }
    found
}

/// `kioskctl` with the system clock three years behind; returns (success, stdout, stderr).
fn behind(data_dir: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new("faketime")
        .args(["-f", YEARS_BEHIND])
        .arg(binary("kioskctl", "kioskctl"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        // Timers and timeouts run on the monotonic clock, which stays true.
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
        .env_remove("KIOSK_CONFIG")
        .env_remove("KIOSK_DATA_DIR")
        .env("KIOSK_LOG", "warn")
        .output()
        .expect("run kioskctl under faketime");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn years_from_now(text: &str) -> i64 {
    let at = OffsetDateTime::parse(text, &Rfc3339).expect("an RFC 3339 time");
    (at - OffsetDateTime::now_utc()).whole_days() / 365
}

#[test]
fn a_clock_years_off_is_corrected_by_the_portal() {
    if !faketime_installed() {
        return;
    }
    let (ok, stdout, _) = behind(Path::new("/nonexistent"), &["--version"]);
    assert!(ok, "{stdout}");
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");

    let code = portal.enrol_code();
    let (ok, stdout, stderr) = behind(
        &kiosk,
        &["enroll", "--portal", &portal.url, "--code", &code],
    );
    assert!(ok, "enrolment corrects the clock: {stdout} {stderr}");
    let state = sync_status(&kiosk);
    let offset_days = state["clock_offset_ms"].as_i64().expect("offset") / 86_400_000;
    assert!(
        (offset_days - 3 * 365).abs() <= 2,
        "the portal taught an offset of about three years: {state}"
    );

    // A birth a month ago: in the past by the true date, three years ahead by the system
    // clock. The form's rule "not in the future" reads the corrected date.
    let a_month_ago = OffsetDateTime::now_utc().date() - time::Duration::days(30);
    let (ok, submitted, stderr) = behind(
        &kiosk,
        &[
            "submit",
            "--service",
            "childbirth-allowance",
            "--field",
            &format!("full_name={FULL_NAME}"),
            "--field",
            &format!("pinfl={PINFL}"),
            "--field",
            &format!("phone={PHONE}"),
            "--field",
            "child_name=Laylo",
            "--field",
            &format!("child_birth_date={a_month_ago}"),
            "--field",
            "birth_certificate=I-TN 1234567",
            "--field",
            "card_number=8600 1234 5678 9012",
        ],
    );
    assert!(ok, "the birth date is accepted: {stderr}");
    let code = submitted.trim();

    let (ok, queue, stderr) = behind(&kiosk, &["queue", "--json"]);
    assert!(ok, "{stderr}");
    let queue: serde_json::Value = serde_json::from_str(&queue).expect("queue JSON");
    let created = queue
        .as_array()
        .and_then(|items| items.iter().find(|item| item["receipt_code"] == code))
        .and_then(|item| item["created_at"].as_str())
        .expect("the submission in the queue")
        .to_owned();
    assert_eq!(
        years_from_now(&created),
        0,
        "created_at is today: {created}"
    );

    let (ok, stdout, stderr) = behind(&kiosk, &["sync", "--once"]);
    assert!(ok && stdout.contains("delivered 1"), "{stdout} {stderr}");
    let arrived = portal
        .submissions()
        .into_iter()
        .find(|s| s["receipt_code"] == code)
        .expect("it reached the portal");
    let at_portal = arrived["created_at"].as_str().expect("created_at");
    assert_eq!(years_from_now(at_portal), 0, "{arrived}");
}
