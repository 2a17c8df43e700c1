//! The portal's keys as the terminal pins them, tested with real processes on loopback and a
//! relay in the portal's place: a relay that swaps the recipient in the enrolment answer is
//! refused by the sheet's fingerprint before anything is stored; after enrolment, answers
//! signed with other keys are refused and the queue waits; a key rotation announced in the
//! feed, signed with the old key, is followed; a terminal that missed it is refused once the
//! old keys are retired.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::Path;

use mahalla_test_support::relay::KeySwappingRelay;
use mahalla_test_support::*;

fn enroll_at(kiosk: &Path, url: &str, code: &str, fingerprint: &str) -> (bool, String, String) {
    run(kiosk, &enroll_args(url, code, fingerprint))
}

fn pinned_keys(kiosk: &Path) -> String {
    sync_status(kiosk)["portal_keys"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_relay_that_swaps_the_recipient_is_refused_by_the_sheets_fingerprint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let relay = KeySwappingRelay::start(&portal.url);
    relay.set_swapping(true);
    let kiosk = dir.path().join("kiosk");
    let receipt = submit_personal(&kiosk);
    let (code, fingerprint) = portal.enrol_code_and_fingerprint();

    let (ok, stdout, stderr) = enroll_at(&kiosk, &relay.url, &code, &fingerprint);
    assert!(!ok, "enrolled through the relay: {stdout}");
    assert!(
        stderr.contains("did not come from the enrolled portal")
            && stderr.contains(&fingerprint)
            && stderr.contains(&relay.keys.fingerprint()),
        "{stderr}"
    );
    // Nothing was stored: not enrolled, the submission still waiting, still not encrypted.
    let status = sync_status(&kiosk);
    assert!(status["enrolled_as"].is_null(), "{status}");
    assert_eq!(status["queued"], 1, "{status}");

    // Without the sheet's fingerprint nothing tells the relay from the portal: the terminal
    // enrols, pins the relay's keys, and says it did so unchecked.
    let trusting = dir.path().join("trusting");
    let (ok, stdout, stderr) = run(
        &trusting,
        &[
            "enroll",
            "--portal",
            &relay.url,
            "--code",
            &portal.enrol_code(),
        ],
    );
    assert!(ok, "enrol without a fingerprint: {stdout} {stderr}");
    assert!(
        stdout.contains("WITHOUT a check") && stdout.contains(&relay.keys.fingerprint()),
        "{stdout}"
    );

    // On a network without the relay the same code and key enrol (the portal answers a
    // repeated enrolment the same way), and the submission reaches the portal.
    let (ok, stdout, stderr) = enroll_at(&kiosk, &portal.url, &code, &fingerprint);
    assert!(ok, "enrol directly: {stdout} {stderr}");
    assert_eq!(pinned_keys(&kiosk), fingerprint);
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok, "sync: {stdout} {stderr}");
    let received = portal.submissions();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0]["receipt_code"], receipt.as_str());
    assert_eq!(received[0]["payload"]["values"]["pinfl"], PINFL);
}

#[test]
fn after_enrolment_only_answers_signed_with_the_pinned_keys_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let relay = KeySwappingRelay::start(&portal.url);
    let kiosk = dir.path().join("kiosk");
    let (code, fingerprint) = portal.enrol_code_and_fingerprint();
    let (ok, stdout, stderr) = enroll_at(&kiosk, &relay.url, &code, &fingerprint);
    assert!(ok, "enrol through a passing relay: {stdout} {stderr}");

    let receipt = submit_complaint(&kiosk);
    relay.set_swapping(true);
    let (ok, _, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(!ok, "a sync answered by other keys succeeded");
    assert!(
        stderr.contains("not signed with the portal keys") && stderr.contains(&fingerprint),
        "{stderr}"
    );
    let status = sync_status(&kiosk);
    assert_eq!(status["queued"], 1, "the item waits: {status}");
    assert!(
        status["last_error"]
            .as_str()
            .is_some_and(|error| error.contains("did not come from the enrolled portal")),
        "{status}"
    );
    // The portal did get the batch (the relay forwarded it), but the terminal does not take
    // the relay's word for it and sends again; the portal sees a duplicate.
    relay.set_swapping(false);
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok, "sync: {stdout} {stderr}");
    let status = sync_status(&kiosk);
    assert_eq!(status["delivered"], 1, "{status}");
    let received = portal.submissions();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["receipt_code"], receipt.as_str());
}

#[test]
fn a_signed_key_rotation_is_followed_and_the_old_keys_retire() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal_dir = dir.path().join("portal");
    let mut portal = Portal::start(&portal_dir, &[]);
    let relay = KeySwappingRelay::start(&portal.url);
    let (online, offline) = (dir.path().join("online"), dir.path().join("offline"));
    let mut old_fingerprint = String::new();
    for kiosk in [&online, &offline] {
        let (code, fingerprint) = portal.enrol_code_and_fingerprint();
        let (ok, stdout, stderr) = enroll_at(kiosk, &relay.url, &code, &fingerprint);
        assert!(ok, "enrol: {stdout} {stderr}");
        old_fingerprint = fingerprint;
    }
    // Encrypted to the old recipient before the rotation, sent after it.
    let before = submit_complaint(&online);

    portal.stop();
    let rotated = portal.admin(&["keys", "rotate"]);
    let new_fingerprint = rotated
        .lines()
        .find_map(|line| line.strip_prefix("keys"))
        .expect("the new keys")
        .trim()
        .to_owned();
    assert_ne!(new_fingerprint, old_fingerprint);
    let mut portal = Portal::start(&portal_dir, &[]);
    relay.set_upstream(&portal.url);

    let (ok, stdout, stderr) = run(&online, &["sync", "--once"]);
    assert!(ok, "sync across the rotation: {stdout} {stderr}");
    assert_eq!(pinned_keys(&online), new_fingerprint);
    let after = submit_complaint(&online);
    let (ok, stdout, stderr) = run(&online, &["sync", "--once"]);
    assert!(ok, "sync with the new keys: {stdout} {stderr}");
    let codes: Vec<String> = portal
        .submissions()
        .iter()
        .map(|s| s["receipt_code"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        codes.contains(&before) && codes.contains(&after),
        "{codes:?}"
    );
    // The portal's admin sees who follows which keys.
    let devices = portal.admin(&["devices"]);
    assert!(
        devices.contains(&format!("keys {new_fingerprint}")),
        "{devices}"
    );

    portal.stop();
    portal.admin(&["keys", "retire"]);
    let portal = Portal::start(&portal_dir, &[]);
    relay.set_upstream(&portal.url);
    let (ok, stdout, stderr) = run(&online, &["sync", "--once"]);
    assert!(ok, "sync after the old keys retired: {stdout} {stderr}");

    // The terminal that was offline through the rotation is now answered by keys it does
    // not know, signed by nobody it trusts: it refuses and keeps its queue.
    let waiting = submit_complaint(&offline);
    let (ok, _, stderr) = run(&offline, &["sync", "--once"]);
    assert!(!ok, "a terminal that missed the rotation synced");
    assert!(stderr.contains(&old_fingerprint), "{stderr}");
    assert_eq!(pinned_keys(&offline), old_fingerprint);
    let (ok, queue, _) = run(&offline, &["queue"]);
    assert!(ok && queue.contains(&waiting), "{queue}");
}
