//! Two portal processes on one PostgreSQL database behind a load balancer without sticky
//! sessions: a request one process accepted is a replay at the other, a dashboard session
//! made at one works at the other, and a terminal syncing through the balancer (its requests
//! taking turns) delivers once and gets the answer given at either. A backup of the database
//! (`pg_dump`) then holds none of the residents' personal data in plaintext.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use ed25519_dalek::SigningKey;
use mahalla_protocol::signing;
use mahalla_test_support::dashboard::Dashboard;
use mahalla_test_support::postgres::TempPostgres;
use mahalla_test_support::proxy::FaultProxy;
use mahalla_test_support::*;

const PASSWORD: &str = "agentlik-parol-2026";

/// The status and reason of an empty batch signed with `nonce`, sent to `url`.
fn send(url: &str, key: &SigningKey, timestamp_ms: i64, nonce: &str) -> (u16, String) {
    let response = send_signed(
        &reqwest::blocking::Client::new(),
        url,
        key,
        timestamp_ms,
        nonce,
    );
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().unwrap_or_default();
    (
        status,
        body["reason"].as_str().unwrap_or_default().to_owned(),
    )
}

#[test]
fn two_portal_processes_share_nonces_sessions_and_submissions() {
    let Some(postgres) = TempPostgres::start() else {
        return;
    };
    install_tls_provider();
    let database = postgres.fresh_database();
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let first = Portal::start_on(&data_dir, Some(&database), &[]);
    let second = Portal::start_on(&data_dir, Some(&database), &[]);

    let balancer = FaultProxy::balancing(vec![first.address(), second.address()]);

    // Enrolled through the balancer; a request the first accepted is refused as a replay by
    // the second.
    let kiosk = dir.path().join("kiosk");
    let (code, fingerprint) = first.enrol_code_and_fingerprint();
    let (ok, stdout, stderr) = run(&kiosk, &enroll_args(&balancer.url, &code, &fingerprint));
    assert!(ok, "enroll: {stdout} {stderr}");
    let device = device_signing_key(&kiosk);
    let now = mahalla_host::clock::now_ms();
    let nonce = signing::encode_nonce(&[9; signing::NONCE_BYTES]);
    assert_eq!(send(&first.url, &device, now, &nonce).0, 200);
    assert_eq!(
        send(&second.url, &device, now, &nonce),
        (401, "replayed".to_owned()),
        "the second process knows the nonce the first accepted"
    );

    // Delivered once, whichever process took the upload; the proposal asks for notices.
    let code = submit_complaint(&kiosk);
    submit_proposal_asking_for_notices(&kiosk);
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok && stdout.contains("delivered 2"), "{stdout} {stderr}");
    let stored = second.submissions();
    assert_eq!(stored.len(), 2, "{stored:?}");
    let complaint = stored
        .iter()
        .find(|s| s["receipt_code"] == code.as_str())
        .expect("the complaint");
    assert_eq!(
        complaint["payload"]["values"]["pinfl"], PINFL,
        "the command line reads the form, decrypting on view"
    );
    let id = complaint["id"].as_str().expect("id").to_owned();

    // Signed in at the first, the browser answers at the second.
    first.add_staff("nodira", PASSWORD);
    let at_first = Dashboard::sign_in(&first.url, "nodira", PASSWORD);
    let mut at_second = at_first.moved_to(&second.url);
    let list = at_second.page("/dashboard");
    assert!(
        list.contains(&code),
        "the session made at the first works: {list}"
    );
    at_second.answer(&id, "approved", "Koʻcha chiroqlari yoqildi.");

    // The answer given at the second reaches the terminal through the balancer.
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(
        ok && stdout.contains("1 status updates"),
        "{stdout} {stderr}"
    );
    let (ok, stdout, _) = run(&kiosk, &["status", &code, "--json"]);
    assert!(ok && stdout.contains("approved"), "{stdout}");

    // Answered, notices queued: the backup still holds nothing personal in plaintext.
    let proposal = stored
        .iter()
        .find(|s| s["receipt_code"] != code.as_str())
        .expect("the proposal");
    first.admin(&[
        "set-status",
        proposal["id"].as_str().expect("id"),
        "--status",
        "in-review",
    ]);
    let dump = postgres.dump(&database);
    assert!(
        dump.windows(6).any(|w| w == b"sealed"),
        "a dump of the portal's tables"
    );
    for secret in [PINFL, PHONE, "901234567", FULL_NAME, "Qodirov", FREE_TEXT] {
        assert!(
            !dump.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the backup holds {secret:?} in plaintext"
        );
    }
}
