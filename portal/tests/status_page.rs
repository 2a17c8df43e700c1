//! The receipt QR's address as a phone opens it: the status page over real HTTP, in the
//! resident's language and the others, with the history and the agency's answer, nothing
//! personal, never cached; JSON for programs; a forged QR gets nothing. Then headless Chromium
//! renders the page at a phone's size when it is installed (Debian `chromium`); without it that
//! part is skipped with a message.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::path::Path;
use std::process::Command;

use ed25519_dalek::SigningKey;
use mahalla_host::clock;
use mahalla_portal_store::{StatusChange, Store};
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_protocol::signing;
use mahalla_protocol::wire::{PublicStatus, Status};

const FULL_NAME: &str = "Oʻrinboy Qodirov";
const PINFL: &str = "31508901234567";
const PHONE: &str = "+998901234567";
const ANSWER: &str = "Таклифингиз маъқулланди. 12 декабрь куни маҳалла идорасига келинг.";

/// A terminal with a real key, and one proposal made in Uzbek Cyrillic that was taken into
/// review and then approved with an answer.
fn seed(data_dir: &Path, key: &SigningKey, code: &str) {
    let public = key.verifying_key();
    let device = signing::device_id(&public);
    let db = support::terminal_with_key(data_dir, &device, &signing::encode_public_key(&public));
    let id = support::submission_from(
        &db,
        &device,
        code,
        "uz-Cyrl",
        serde_json::json!({ "full_name": FULL_NAME, "pinfl": PINFL, "phone": PHONE,
                            "subject": "Кўча чироқлари", "message": "Кечаси чироқ ёнмайди" }),
    );
    for (status, answer) in [(Status::InReview, None), (Status::Approved, Some(ANSWER))] {
        let change = StatusChange {
            submission_id: id.clone(),
            status,
            answer: answer.map(str::to_owned),
            changed_by: "nodira".to_owned(),
            now_ms: clock::now_ms(),
            notice: None,
        };
        assert!(db.run(db.store.set_status(change)).expect("status"));
    }
}

fn get(url: &str, accept: &str) -> reqwest::blocking::Response {
    reqwest::blocking::Client::new()
        .get(url)
        .header("accept", accept)
        .send()
        .expect("request")
}

const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

#[test]
fn a_phone_sees_the_status_and_answer_in_the_residents_language() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let key = SigningKey::from_bytes(&[7; 32]);
    let code = ReceiptCode::new(1, 1).expect("code");
    seed(&data_dir, &key, &code.to_string());
    let portal = support::serve(&data_dir);
    let url = ReceiptQr::sign(&key, &portal.base, code).text();

    let page = get(&url, BROWSER);
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().expect("page");
    assert!(html.contains("<html lang=\"uz-Cyrl\">"), "{html}");
    assert!(
        html.contains("Маъқулланди") && html.contains(ANSWER),
        "{html}"
    );
    assert!(
        html.contains(&code.to_string()),
        "the code as the receipt prints it"
    );
    let history = html.split("id=\"history\"").nth(1).expect("history");
    for step in ["Қабул қилинди", "Кўриб чиқилмоқда", "Маъқулланди"]
    {
        assert!(history.contains(step), "{step} in {history}");
    }
    for personal in [FULL_NAME, PINFL, PHONE, "Кечаси чироқ ёнмайди"] {
        assert!(!html.contains(personal), "{personal} shows");
    }
    assert!(!html.contains("<script"), "no script");

    let russian = get(&format!("{url}?lang=ru"), BROWSER).text().expect("ru");
    assert!(russian.contains("<html lang=\"ru\">") && russian.contains("Одобрено"));
    assert!(
        russian.contains(ANSWER),
        "the answer as the agency wrote it"
    );

    let json = get(&url, "application/json");
    assert_eq!(json.headers()["cache-control"], "no-store");
    let status: PublicStatus = json.json().expect("JSON");
    assert_eq!(status.status, Status::Approved);
    assert_eq!(status.answer.as_deref(), Some(ANSWER));

    // Another code under the same signature: not this device's signature for it.
    let forged = url.replace(
        &code.compact(),
        &ReceiptCode::new(1, 2).expect("code").compact(),
    );
    let refused = get(&forged, BROWSER);
    assert_eq!(refused.status(), 404);
    let refused = refused.text().expect("page");
    assert!(refused.contains("id=\"not-found\"") && !refused.contains(ANSWER));
    assert_eq!(get(&forged, "application/json").status(), 404);

    browser_check(&url, dir.path());
}

/// Renders the page at a phone's size in headless Chromium: the answer is on it. The shots
/// go next to the test data, or to `STATUS_PAGE_SHOTS` when set (the docs' pictures).
fn browser_check(url: &str, dir: &Path) {
    let Some(chromium) = mahalla_test_support::browser::chromium() else {
        return;
    };
    let profile = dir.join("chromium-profile");
    let headless = mahalla_test_support::browser::PHONE;
    let dom = Command::new(chromium)
        .args(headless)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains(ANSWER), "Chromium shows the answer: {dom}");
    let shots = std::env::var_os("STATUS_PAGE_SHOTS").map_or_else(|| dir.to_owned(), Into::into);
    for lang in ["uz-Latn", "ru"] {
        let shot = shots.join(format!("status-page-{lang}.png"));
        let status = Command::new(chromium)
            .args(headless)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("{url}?lang={lang}"))
            .status()
            .expect("screenshot");
        assert!(
            status.success() && shot.exists(),
            "Chromium took {}",
            shot.display()
        );
    }
}
