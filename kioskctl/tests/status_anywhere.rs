//! A receipt's status at any terminal, with real processes on loopback: terminal A issues it,
//! terminal B looks it up through the portal. The typed code shows the state without the
//! agency's answer; the scanned QR or the applicant's PINFL shows the answer; wrong PINFLs
//! are limited per receipt; with the portal gone, B says it can only show its own records.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::Path;

use mahalla_kiosk_core::device_key::DeviceKey;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_test_support::*;

const ANSWER: &str = "Shovqin masalasi mahalla yigʻinida koʻriladi.";
const OTHER_PINFL: &str = "41508901234563";

fn status(data_dir: &Path, receipt: &str, pinfl: Option<&str>) -> serde_json::Value {
    let mut args = vec!["status", receipt, "--json"];
    if pinfl.is_some() {
        args.push("--with-pinfl");
    }
    let (code, stdout, stderr) = run_with_input(data_dir, &args, pinfl.unwrap_or(""));
    assert_eq!(code, 0, "status {receipt}: {stderr}");
    serde_json::from_str(&stdout).expect("status JSON")
}

fn answer_of(shown: &serde_json::Value) -> Option<&str> {
    shown["history"]
        .as_array()
        .and_then(|history| history.last())
        .and_then(|last| last["answer"].as_str())
}

#[test]
fn another_terminal_shows_the_state_and_the_answer_only_with_a_proof() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut portal = Portal::start(&dir.path().join("portal"), &[]);
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    enrol(&a, &portal);
    enrol(&b, &portal);
    let code = submit_complaint(&a);
    let (ok, stdout, stderr) = run(&a, &["sync", "--once"]);
    assert!(ok, "sync: {stdout} {stderr}");
    let submission = portal
        .submissions()
        .into_iter()
        .find(|s| s["receipt_code"] == code.as_str())
        .expect("the complaint arrived");
    portal.admin(&[
        "set-status",
        submission["id"].as_str().expect("id"),
        "--status",
        "approved",
        "--answer",
        ANSWER,
    ]);
    let qr = DeviceKey::load_or_create(&a)
        .expect("A's key")
        .receipt_qr(&portal.url, ReceiptCode::parse(&code).expect("code"))
        .text();

    // B never saw this receipt: the portal answers.
    let typed = status(&b, &code, None);
    assert_eq!(typed["source"], "portal", "{typed}");
    assert_eq!(typed["history"][1]["status"], "approved", "{typed}");
    assert_eq!(answer_of(&typed), None, "{typed}");
    assert_eq!(typed["answers"], "need-proof");
    assert!(typed.get("state").is_none(), "B holds no record: {typed}");

    let scanned = status(&b, &format!("{qr}\n"), None);
    assert_eq!(answer_of(&scanned), Some(ANSWER), "{scanned}");
    assert_eq!(scanned["answers"], "shown");

    let with_pinfl = status(&b, &code, Some(PINFL));
    assert_eq!(answer_of(&with_pinfl), Some(ANSWER), "{with_pinfl}");
    let wrong = status(&b, &code, Some(OTHER_PINFL));
    assert_eq!(answer_of(&wrong), None, "{wrong}");
    assert_eq!(wrong["answers"], "pinfl-mismatch");

    // Guessing stops: after five wrong PINFLs even the right one is not checked.
    for _ in 0..4 {
        assert_eq!(
            status(&b, &code, Some(OTHER_PINFL))["answers"],
            "pinfl-mismatch"
        );
    }
    let limited = status(&b, &code, Some(PINFL));
    assert_eq!(limited["answers"], "too-many-tries", "{limited}");
    assert_eq!(answer_of(&limited), None);
    // The QR still shows it: holding the receipt is proof enough.
    assert_eq!(answer_of(&status(&b, &qr, None)), Some(ANSWER));

    // The portal is gone: B holds nothing and says so; A shows its own record and says it
    // is only this terminal's.
    portal.stop();
    let (ok, _, stderr) = run(&b, &["status", &code, "--json"]);
    assert!(!ok && stderr.contains("no receipt"), "{stderr}");
    let offline = status(&a, &code, None);
    assert_eq!(offline["source"], "this-terminal", "{offline}");
    assert!(offline["portal_last_reached"].is_string(), "{offline}");
    assert_eq!(offline["state"], "delivered");
}
