//! The kiosk and a real portal process on loopback, real SQLite on both sides: enrolment,
//! encrypted upload, statuses back, receipt QRs, and the portal refusing forged, replayed,
//! skewed and revoked requests with their reason codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::Path;

use ed25519_dalek::SigningKey;
use mahalla_kiosk_core::device_key::DeviceKey;
use mahalla_kiosk_core::store::{DATABASE_FILE, OutboxState, Store};
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_protocol::signing::{self, RequestParts};
use mahalla_protocol::wire;
use mahalla_test_support::dashboard::Dashboard;
use mahalla_test_support::*;
use rusqlite::Connection;

/// Every byte of the kiosk's database files, and every text cell of every table.
fn assert_no_personal_data(data_dir: &Path) {
    assert_no_personal_data_in(data_dir, DATABASE_FILE);
}

/// Every byte of the database `database` in `data_dir` (with its WAL and shared memory), and
/// every text cell of every table.
fn assert_no_personal_data_in(data_dir: &Path, database: &str) {
    let secrets = [
        PINFL,
        PASSPORT,
        PHONE,
        "901234567",
        FULL_NAME,
        "Qodirov",
        FREE_TEXT,
    ];
    for entry in std::fs::read_dir(data_dir).expect("list the data dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.starts_with(database) {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read a database file");
        for secret in secrets {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{name} holds {secret:?} in plaintext"
            );
        }
    }
    let db = Connection::open(data_dir.join(database)).expect("open with rusqlite");
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .expect("prepare")
        .query_map([], |row| row.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("names");
    for table in tables {
        let mut statement = db
            .prepare(&format!("SELECT * FROM {table}"))
            .expect("select");
        let columns = statement.column_count();
        let mut rows = statement.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            for column in 0..columns {
                let text = match row.get_ref(column).expect("cell") {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                    _ => continue,
                };
                for secret in secrets {
                    assert!(!text.contains(secret), "{table}.{column} holds {secret:?}");
                }
            }
        }
    }
}

#[test]
fn enrol_submit_sync_and_statuses_come_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal_dir = dir.path().join("portal");
    let portal = Portal::start(&portal_dir, &[]);
    let kiosk = dir.path().join("kiosk");

    // Demo mode: stored as JSON, waiting; sync refuses politely.
    let demo_code = submit_personal(&kiosk);
    assert!(
        demo_code.starts_with("000-0"),
        "unenrolled code {demo_code}"
    );
    let (ok, _, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(!ok && stderr.contains("not enrolled"), "{stderr}");

    enrol(&kiosk, &portal);
    let (ok, _, stderr) = run(&kiosk, &["enroll", "--portal", &portal.url, "--code", "X"]);
    assert!(!ok && stderr.contains("already enrolled"), "{stderr}");
    let enrolled_code = submit_complaint(&kiosk);
    assert!(
        !enrolled_code.starts_with("000-0"),
        "enrolled code {enrolled_code}"
    );
    assert_no_personal_data(&kiosk);

    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok, "sync: {stdout} {stderr}");
    assert!(stdout.contains("delivered 2"), "{stdout}");
    let status = sync_status(&kiosk);
    assert_eq!(status["delivered"], 2, "{status}");
    assert_eq!(status["queued"], 0, "{status}");
    assert!(status["last_success_at"].is_string(), "{status}");
    assert_no_personal_data(&kiosk);

    let submissions = portal.submissions();
    assert_eq!(submissions.len(), 2);
    let personal = submissions
        .iter()
        .find(|s| s["target_id"] == "enforcement-debt-check")
        .expect("the debt check arrived");
    assert_eq!(personal["receipt_code"], demo_code.as_str());
    assert_eq!(personal["payload"]["values"]["pinfl"], PINFL);
    assert_eq!(personal["payload"]["values"]["passport"], PASSPORT);

    // The agency answers; the terminal learns it on its next round.
    let id = personal["id"].as_str().expect("id");
    portal.admin(&[
        "set-status",
        id,
        "--status",
        "approved",
        "--answer",
        "Qarzingiz yoʻq.",
    ]);
    let (ok, stdout, _) = run(&kiosk, &["sync", "--once"]);
    assert!(ok && stdout.contains("1 status updates"), "{stdout}");
    let store = Store::open(&kiosk).expect("open the kiosk store");
    let local = store
        .status(&ReceiptCode::parse(&demo_code).expect("code"))
        .expect("lookup")
        .expect("known receipt");
    assert_eq!(local.state, OutboxState::Delivered);
    let newest = local.history.last().expect("a status from the portal");
    assert_eq!(newest.status, "approved");
    assert_eq!(newest.answer.as_deref(), Some("Qarzingiz yoʻq."));

    // The receipt QR verifies with the key list, a tampered one does not, and the portal
    // shows the status behind a genuine QR only.
    let enrolment = store.enrolment().expect("read").expect("enrolled");
    let key = DeviceKey::load_or_create(&kiosk).expect("device key");
    let code = ReceiptCode::parse(&demo_code).expect("code");
    let qr = key.receipt_qr(&portal.url, code);
    let listed = enrolment
        .device_keys
        .iter()
        .find(|k| k.device_id == enrolment.device_id)
        .expect("own key in the list");
    let public = signing::parse_public_key(&listed.public_key).expect("key");
    let scanned = ReceiptQr::parse(&qr.text()).expect("parse");
    assert_eq!(scanned.verify(&public), Ok(()));
    let other = ReceiptCode::new(code.device(), code.sequence() + 1).expect("code");
    let tampered = qr.text().replace(&code.compact(), &other.compact());
    assert!(
        ReceiptQr::parse(&tampered)
            .expect("parse")
            .verify(&public)
            .is_err()
    );

    install_tls_provider();
    let http = reqwest::blocking::Client::new();
    let genuine = http.get(qr.text()).send().expect("GET the QR URL");
    assert_eq!(genuine.status(), 200);
    let body: serde_json::Value = genuine.json().expect("JSON");
    assert_eq!(body["status"], "approved");
    assert!(body.get("payload").is_none());
    // A phone opening the same address gets the page with the answer, nothing personal.
    let page = http
        .get(qr.text())
        .header("accept", "text/html")
        .send()
        .expect("GET the QR URL as a browser")
        .text()
        .expect("page");
    assert!(page.contains("Qarzingiz yoʻq."), "{page}");
    for personal in [PINFL, PASSPORT, PHONE, FULL_NAME] {
        assert!(!page.contains(personal), "{personal} on the page");
    }
    let forged = http.get(&tampered).send().expect("GET a forged QR URL");
    assert_eq!(forged.status(), 404);

    // At the terminal: the typed code shows the state without the answer, the scanned QR
    // with it; a QR whose signature does not check shows no answer.
    let look_up = |receipt: &str| -> serde_json::Value {
        let (ok, stdout, stderr) = run(&kiosk, &["status", receipt, "--json"]);
        assert!(ok, "status {receipt}: {stderr}");
        serde_json::from_str(&stdout).expect("status JSON")
    };
    let typed = look_up(&demo_code.to_lowercase().replace('-', ""));
    assert_eq!(
        typed["history"].as_array().map(Vec::len),
        Some(2),
        "{typed}"
    );
    assert_eq!(typed["history"][1]["status"], "approved");
    assert!(typed["history"][1].get("answer").is_none(), "{typed}");
    assert_eq!(typed["answers"], "need-proof", "{typed}");
    assert_eq!(typed["source"], "portal", "{typed}");
    let with_qr = look_up(&format!("{}\r\n", qr.text()));
    assert_eq!(
        with_qr["history"][1]["answer"], "Qarzingiz yoʻq.",
        "{with_qr}"
    );
    assert_eq!(with_qr["answers"], "shown", "{with_qr}");
    let mut bad_signature = qr.text();
    let last = bad_signature.pop();
    bad_signature.push(if last == Some('A') { 'B' } else { 'A' });
    let forged_qr = look_up(&bad_signature);
    assert!(
        forged_qr["history"][1].get("answer").is_none(),
        "{forged_qr}"
    );
    assert_eq!(forged_qr["answers"], "need-proof", "{forged_qr}");

    // The portal listed the form, queued notices and answered lookups by decrypting on
    // view: its database keeps personal data only as the terminal encrypted it.
    assert_no_personal_data_in(&portal_dir, mahalla_portal_sqlite::DATABASE_FILE);
}

fn reason(response: reqwest::blocking::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().expect("error JSON");
    (
        status,
        body["reason"].as_str().unwrap_or_default().to_owned(),
    )
}

#[test]
fn forged_replayed_skewed_and_revoked_requests_are_refused() {
    install_tls_provider();
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    let device = device_signing_key(&kiosk);
    let http = reqwest::blocking::Client::new();
    let url = &portal.url;
    let path = wire::SUBMISSIONS_PATH;
    let nonce = |n: u8| signing::encode_nonce(&[n; signing::NONCE_BYTES]);

    let fresh = send_signed(
        &http,
        url,
        &device,
        mahalla_host::clock::now_ms(),
        &nonce(1),
    );
    assert_eq!(fresh.status(), 200);
    assert!(fresh.headers().contains_key(wire::SERVER_TIME_HEADER));
    assert!(fresh.headers().contains_key(wire::CLOCK_SKEW_HEADER));

    let stranger = SigningKey::from_bytes(&[42; 32]);
    let unknown = send_signed(
        &http,
        url,
        &stranger,
        mahalla_host::clock::now_ms(),
        &nonce(2),
    );
    assert_eq!(reason(unknown), (401, "unknown-device".to_owned()));

    // A request from the enrolled id, signed with another key.
    let body = b"{\"items\":[]}".to_vec();
    let ts = mahalla_host::clock::now_ms();
    let forged_signature = signing::sign_request(
        &stranger,
        &RequestParts {
            method: "POST",
            path,
            timestamp_ms: ts,
            nonce: &nonce(3),
            body: &body,
        },
    );
    let forged = http
        .post(format!("{url}{path}"))
        .header(
            signing::DEVICE_HEADER,
            signing::device_id(&device.verifying_key()),
        )
        .header(signing::TIMESTAMP_HEADER, ts.to_string())
        .header(signing::NONCE_HEADER, nonce(3))
        .header(signing::SIGNATURE_HEADER, forged_signature)
        .body(body)
        .send()
        .expect("request");
    assert_eq!(reason(forged), (401, "bad-signature".to_owned()));

    let ts = mahalla_host::clock::now_ms();
    assert_eq!(
        send_signed(&http, url, &device, ts, &nonce(4)).status(),
        200
    );
    let replay = send_signed(&http, url, &device, ts, &nonce(4));
    assert_eq!(reason(replay), (401, "replayed".to_owned()));

    let an_hour_late = send_signed(
        &http,
        url,
        &device,
        mahalla_host::clock::now_ms() - 3_600_000,
        &nonce(5),
    );
    assert!(
        an_hour_late
            .headers()
            .contains_key(wire::SERVER_TIME_HEADER)
    );
    assert_eq!(reason(an_hour_late), (401, "clock-skew".to_owned()));

    let unsigned = http
        .post(format!("{url}{path}"))
        .body("{}")
        .send()
        .expect("request");
    assert_eq!(reason(unsigned), (401, "missing-signature".to_owned()));

    // Revoked: refused, and the terminal keeps its queue.
    let device_id = signing::device_id(&device.verifying_key());
    portal.admin(&["revoke", &device_id]);
    let revoked = send_signed(
        &http,
        url,
        &device,
        mahalla_host::clock::now_ms(),
        &nonce(6),
    );
    assert_eq!(reason(revoked), (403, "device-revoked".to_owned()));
    submit_complaint(&kiosk);
    let (ok, _, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(!ok && stderr.contains("DeviceRevoked"), "{stderr}");
    let status = sync_status(&kiosk);
    assert_eq!(status["queued"], 1, "{status}");
    assert!(
        status["last_error"]
            .as_str()
            .unwrap_or_default()
            .contains("revoked"),
        "{status}"
    );
    let devices = portal.admin(&["devices"]);
    assert!(devices.contains("REVOKED"), "{devices}");
}

#[test]
fn the_background_worker_delivers_then_notices_the_portal_is_gone() {
    use mahalla_kiosk_core::sync::{self, Backoff, SyncOptions};
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    let options = SyncOptions {
        backoff: Backoff {
            base: Duration::from_millis(50),
            cap: Duration::from_millis(400),
            first: Duration::from_millis(100),
        },
        interval: Duration::from_millis(100),
        ..SyncOptions::default()
    };
    let worker = sync::spawn(kiosk.clone(), options).expect("start the worker");
    // The worker takes the sender lock after its jittered first wait (at most 100 ms).
    std::thread::sleep(Duration::from_millis(600));
    let (ok, _, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(
        !ok && stderr.contains("another sender"),
        "one sender at a time: {stderr}"
    );
    for _ in 0..3 {
        submit_complaint(&kiosk);
    }
    worker.nudge();
    let until_delivered = |expected: u64| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while sync_status(&kiosk)["delivered"] != expected {
            assert!(Instant::now() < deadline, "the worker did not deliver");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    until_delivered(3);
    assert!(worker.online());
    assert_eq!(portal.submissions().len(), 3);

    drop(portal);
    submit_complaint(&kiosk);
    worker.nudge();
    let deadline = Instant::now() + Duration::from_secs(20);
    while worker.online() {
        assert!(Instant::now() < deadline, "the worker did not notice");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The worker says it is offline as soon as the request fails; it puts the item back in
    // the queue right after.
    let mut status = sync_status(&kiosk);
    while status["queued"] != 1 {
        assert!(Instant::now() < deadline, "kept for later: {status}");
        std::thread::sleep(Duration::from_millis(50));
        status = sync_status(&kiosk);
    }
    assert_eq!(status["sending"], 0, "{status}");
    assert!(status["last_error"].is_string(), "{status}");
    worker.stop();
}

#[test]
fn a_wrong_clock_is_corrected_and_a_permanent_rejection_is_quarantined() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    let good = submit_complaint(&kiosk);
    let bad = submit_complaint(&kiosk);
    let db = Connection::open(kiosk.join(DATABASE_FILE)).expect("open");
    // A terminal whose clock (with its learned offset) is two hours behind the portal's.
    db.execute("UPDATE sync_state SET clock_offset_ms = -7200000", [])
        .expect("skew the clock");
    // A stored payload whose hash no longer matches: the portal must refuse it for good.
    db.execute(
        "UPDATE submissions SET payload_sha256 = ?1 WHERE receipt_code = ?2",
        [&"0".repeat(64), &bad],
    )
    .expect("break the hash");
    drop(db);

    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(
        ok,
        "the skewed terminal syncs after one correction: {stdout} {stderr}"
    );
    let status = sync_status(&kiosk);
    assert_eq!(status["delivered"], 1, "{status}");
    assert_eq!(status["quarantined"], 1, "{status}");
    let offset = status["clock_offset_ms"].as_i64().expect("offset");
    assert!(
        offset.abs() < 60_000,
        "offset learned from the portal: {offset}"
    );

    let db = Connection::open(kiosk.join(DATABASE_FILE)).expect("open");
    let reason: String = db
        .query_row(
            "SELECT quarantine_reason FROM submissions WHERE receipt_code = ?1",
            [&bad],
            |row| row.get(0),
        )
        .expect("quarantined row");
    assert_eq!(reason, "payload-hash-mismatch");
    let kept: Option<Vec<u8>> = db
        .query_row(
            "SELECT payload FROM submissions WHERE receipt_code = ?1",
            [&bad],
            |row| row.get(0),
        )
        .expect("row");
    assert!(
        kept.is_some(),
        "a quarantined payload is kept for a person to see"
    );
    let codes: Vec<String> = portal
        .submissions()
        .iter()
        .map(|s| s["receipt_code"].as_str().expect("code").to_owned())
        .collect();
    assert_eq!(codes, [good]);
}

#[test]
fn the_assisted_flag_and_the_staff_id_arrive_at_the_portal() {
    use mahalla_protocol::lang::Lang;
    use mahalla_protocol::wire::Assistance;

    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let mut store = Store::open(&kiosk).expect("open the kiosk store");
    store
        .add_staff("Dilnoza Karimova", "73918264", "technician")
        .expect("first staff member");
    let helper = store
        .add_staff("Aziz Rahimov", "46197352", "technician")
        .expect("second staff member");
    let values = [
        ("full_name", FULL_NAME),
        ("subject", "Koʻcha chiroqlari"),
        ("message", "Mahalla koʻchasida kechasi chiroq yonmaydi."),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .collect();
    let assisted = store
        .submit_assisted(
            &catalogue,
            "taklif",
            &values,
            Lang::UzLatn,
            Assistance {
                staff_id: helper.id,
                identity_document_checked: true,
            },
        )
        .expect("assisted submission");
    drop(store);
    let on_their_own = submit_complaint(&kiosk);

    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok && stdout.contains("delivered 2"), "{stdout} {stderr}");
    let submissions = portal.submissions();
    let by_code = |code: &str| {
        submissions
            .iter()
            .find(|s| s["receipt_code"] == code)
            .unwrap_or_else(|| panic!("{code} did not arrive"))
    };
    let arrived = by_code(&assisted.receipt_code.to_string());
    assert_eq!(
        arrived["payload"]["assistance"],
        serde_json::json!({ "staff_id": helper.id, "identity_document_checked": true }),
        "{arrived}"
    );
    assert!(
        by_code(&on_their_own)["payload"]["assistance"].is_null(),
        "a resident's own submission carries no assistance"
    );

    // The agency sees it on the submission's page.
    let password = "agentlik-parol-2026";
    portal.add_staff("nodira", password);
    let mut dashboard = Dashboard::sign_in(&portal.url, "nodira", password);
    let id = arrived["id"].as_str().expect("id");
    let path = format!("/dashboard/submissions/{id}");
    dashboard.choose_language(&path, "en");
    let page = dashboard.page(&path);
    assert!(
        page.contains(&format!(
            "staff no. {}, identity document checked: yes",
            helper.id
        )),
        "{page}"
    );
}
