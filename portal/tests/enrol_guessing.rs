//! The unsigned enrolment routes as a guesser would use them, over real HTTP against a portal
//! process: wrong codes from one address stop being looked at, other addresses go on, and a
//! refused enrolment leaves no nonce behind.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::net::IpAddr;

use ed25519_dalek::SigningKey;
use mahalla_portal::api::enrol::CODE_TRIES_PER_ADDRESS;
use mahalla_protocol::signing::{self, RequestParts};
use mahalla_protocol::wire::{self, EnrolPreviewRequest, EnrolRequest};
use mahalla_test_support::Portal;
use rand::RngCore;

fn client(from: &str) -> reqwest::blocking::Client {
    mahalla_test_support::install_tls_provider();
    reqwest::blocking::Client::builder()
        .local_address(from.parse::<IpAddr>().expect("address"))
        .build()
        .expect("client")
}

/// The status and reason of a preview of `code` from `from`.
fn preview(portal: &Portal, from: &str, code: &str) -> (u16, String) {
    let answer = client(from)
        .post(format!("{}{}", portal.url, wire::ENROL_PREVIEW_PATH))
        .json(&EnrolPreviewRequest {
            code: code.to_owned(),
        })
        .send()
        .expect("preview");
    let status = answer.status().as_u16();
    let body: serde_json::Value = answer.json().unwrap_or_default();
    (
        status,
        body["reason"].as_str().unwrap_or_default().to_owned(),
    )
}

#[test]
fn wrong_codes_from_one_address_stop_being_looked_at() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(dir.path(), &[]);
    let (code, _) = portal.enrol_code_and_fingerprint();

    for n in 0..CODE_TRIES_PER_ADDRESS {
        let guess = format!("WRONG-{n:04}");
        assert_eq!(
            preview(&portal, "127.0.0.7", &guess),
            (403, "enrol-code-invalid".to_owned()),
            "guess {n}"
        );
    }
    assert_eq!(
        preview(&portal, "127.0.0.7", &code),
        (429, "busy".to_owned()),
        "beyond the limit even the right code is not looked at"
    );
    assert_eq!(
        preview(&portal, "127.0.0.8", &code).0,
        200,
        "a technician elsewhere goes on"
    );
}

#[test]
fn a_refused_enrolment_leaves_no_nonce_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(dir.path(), &[]);
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    let key = SigningKey::from_bytes(&secret);
    let body = serde_json::to_vec(&EnrolRequest {
        code: "NO-SUCH-CODE".to_owned(),
        public_key: signing::encode_public_key(&key.verifying_key()),
    })
    .expect("body");
    let timestamp_ms = mahalla_host::clock::now_ms();
    let mut nonce = [0u8; signing::NONCE_BYTES];
    rand::rng().fill_bytes(&mut nonce);
    let nonce = signing::encode_nonce(&nonce);
    let signature = signing::sign_request(
        &key,
        &RequestParts {
            method: "POST",
            path: wire::ENROL_PATH,
            timestamp_ms,
            nonce: &nonce,
            body: &body,
        },
    );
    // The same signed request twice: each time the code is refused, never "replayed".
    for attempt in 0..2 {
        let answer = client("127.0.0.9")
            .post(format!("{}{}", portal.url, wire::ENROL_PATH))
            .header("content-type", "application/json")
            .header(
                signing::DEVICE_HEADER,
                signing::device_id(&key.verifying_key()),
            )
            .header(signing::TIMESTAMP_HEADER, timestamp_ms.to_string())
            .header(signing::NONCE_HEADER, &nonce)
            .header(signing::SIGNATURE_HEADER, &signature)
            .body(body.clone())
            .send()
            .expect("enrol");
        assert_eq!(answer.status().as_u16(), 403, "attempt {attempt}");
        let body: serde_json::Value = answer.json().expect("JSON");
        assert_eq!(body["reason"], "enrol-code-invalid", "attempt {attempt}");
    }
}
