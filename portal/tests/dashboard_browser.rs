//! Agency staff at the dashboard in real headless Chromium, with the keyboard only: sign in,
//! switch the language, find a submission by its code as a resident reads it out, answer it,
//! filter what is overdue, look at the monitoring chart, download an export. Every page stays
//! under 100 KB. Screenshots of each page in Uzbek (Latin) and Russian are written to the
//! directory `DASHBOARD_SCREENSHOTS` names (`docs/dashboard` keeps the ones looked at), or to
//! the test's temporary directory.
//!
//! Skipped with a message when Chromium is not installed (`cargo xtask test` installs it).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::Browser as Cdp;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use mahalla_host::clock;
use mahalla_portal_store::{Seen, Store};
use mahalla_protocol::receipt_code::ReceiptCode;

const PASSWORD: &str = "agentlik-parol-2026";
/// The most a page may weigh.
const MOST_PAGE_BYTES: usize = 100 * 1024;

/// A JavaScript expression's value in the page (through JSON, so arrays come whole).
fn value(tab: &Tab, expression: &str) -> serde_json::Value {
    let json = tab
        .evaluate(&format!("JSON.stringify({expression})"), false)
        .expect("evaluate")
        .value;
    json.as_ref()
        .and_then(serde_json::Value::as_str)
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// Presses Tab until the element `css` names has the focus, as a person moving through the
/// page with the keyboard; fails when it is never reached.
fn tab_to(tab: &Tab, css: &str) {
    let focused = format!("document.activeElement === document.querySelector({css:?})");
    for _ in 0..80 {
        if value(tab, &focused) == serde_json::Value::Bool(true) {
            return;
        }
        tab.press_key("Tab").expect("Tab");
    }
    panic!("{css} is never reached with the Tab key");
}

/// Presses Enter on the focused element and waits for the page it opens.
fn enter(tab: &Tab) {
    tab.press_key("Enter").expect("Enter");
    tab.wait_until_navigated().expect("the next page");
}

/// Moves a focused drop-down with the arrow keys until it shows `wanted`.
fn choose(tab: &Tab, css: &str, wanted: &str) {
    tab_to(tab, css);
    let current = format!("document.querySelector({css:?}).value");
    for _ in 0..12 {
        if value(tab, &current) == serde_json::Value::String(wanted.to_owned()) {
            return;
        }
        tab.press_key("ArrowDown").expect("ArrowDown");
    }
    panic!("{wanted} is never chosen in {css}");
}

/// Saves the page as `name`.png in `dir` and checks its weight.
fn page_shot(tab: &Tab, dir: &Path, name: &str) {
    let html = value(tab, "document.documentElement.outerHTML.length");
    let bytes = html.as_u64().expect("length") as usize;
    assert!(bytes < MOST_PAGE_BYTES, "{name}: {bytes} bytes");
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write");
}

fn text(tab: &Tab) -> String {
    tab.get_content().expect("content")
}

/// A terminal with 30 submissions, three of them overdue, one due today.
fn seed(data_dir: &Path) -> Vec<String> {
    let db = support::terminal(data_dir);
    let codes: Vec<String> = (1..=30)
        .map(|n| ReceiptCode::new(1, n).expect("code").to_string())
        .collect();
    let ids: Vec<String> = codes
        .iter()
        .map(|code| {
            support::submission(
                &db,
                code,
                serde_json::json!({ "full_name": "Oʻrinboy Karimov", "subject": "Koʻcha chiroqlari yonmayapti" }),
            )
        })
        .collect();
    support::due_in(&db, &ids, &[(0, -6), (4, -2), (9, -1), (12, 0)]);
    db.run(db.store.record_heartbeat(
        support::DEVICE,
        r#"{"app_version":"0.1.0","queue":{"queued":2,"sending":0,"delivered":30,"quarantined":0},
            "oldest_undelivered_secs":60,"printer":"ok","last_sync_at":null,
            "free_disk_bytes":null,"clock_offset_ms":0}"#,
        Seen {
            now_ms: clock::now_ms() - 120_000,
            skew_ms: 0,
        },
    ))
    .expect("heartbeat");
    codes
}

fn launch(chromium: &str) -> (Browser, Arc<Tab>) {
    let options = LaunchOptions::default_builder()
        .path(Some(PathBuf::from(chromium)))
        .sandbox(false)
        .headless(true)
        .window_size(Some((1280, 900)))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(
            [
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--no-first-run",
            ]
            .iter()
            .map(std::ffi::OsStr::new)
            .collect(),
        )
        .build()
        .expect("launch options");
    let browser = Browser::new(options).expect("Chromium starts");
    let tab = browser.new_tab().expect("a tab");
    (browser, tab)
}

#[test]
fn staff_work_the_queue_in_chromium_with_the_keyboard_alone() {
    let Some(chromium) = mahalla_test_support::browser::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let codes = seed(&data_dir);
    support::add_staff(&data_dir, "nodira", PASSWORD);
    let portal = support::serve(&data_dir);
    let shots = std::env::var_os("DASHBOARD_SCREENSHOTS")
        .map_or_else(|| dir.path().join("shots"), PathBuf::from);
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let (_browser, tab) = launch(chromium);

    // The sign-in page, switched to Russian and back to Uzbek with the keyboard.
    tab.navigate_to(&format!("{}/dashboard/login", portal.base))
        .expect("open")
        .wait_until_navigated()
        .expect("loaded");
    page_shot(&tab, &shots, "sign-in-uz-Latn");
    tab_to(&tab, "#lang-ru");
    enter(&tab);
    assert!(text(&tab).contains("Имя пользователя"));
    page_shot(&tab, &shots, "sign-in-ru");
    tab_to(&tab, "#lang-uz-Latn");
    enter(&tab);
    tab_to(&tab, "#username");
    tab.type_str("nodira").expect("type");
    tab_to(&tab, "#password");
    tab.type_str(PASSWORD).expect("type");
    tab_to(&tab, "#sign-in");
    enter(&tab);
    let list = text(&tab);
    assert!(
        list.contains("6 kun kechikdi"),
        "signed in, the overdue first"
    );
    page_shot(&tab, &shots, "list-uz-Latn");

    // A code as a resident reads it out: lower case, no dashes.
    let wanted = &codes[17];
    tab_to(&tab, "#code");
    tab.type_str(&wanted.replace('-', "").to_lowercase())
        .expect("type");
    enter(&tab);
    let found = value(
        &tab,
        "Array.from(document.querySelectorAll('#submissions tbody a')).map(a => a.textContent)",
    );
    assert_eq!(found, serde_json::json!([wanted]));
    page_shot(&tab, &shots, "search-uz-Latn");
    tab_to(&tab, "#submissions tbody a");
    enter(&tab);
    page_shot(&tab, &shots, "detail-uz-Latn");

    // Answered from the page's form.
    choose(&tab, "#new-status", "approved");
    tab_to(&tab, "#answer-text");
    tab.type_str("Chiroqlar 10-dekabrgacha tuzatiladi.")
        .expect("type");
    tab_to(&tab, "#save");
    enter(&tab);
    let answered = text(&tab);
    assert!(answered.contains("Chiroqlar 10-dekabrgacha tuzatiladi."));
    assert!(answered.contains("data-status=\"approved\""));

    // In Russian from now on, kept for the staff member.
    tab_to(&tab, "#lang-ru");
    enter(&tab);
    assert!(text(&tab).contains("Одобрено"));
    page_shot(&tab, &shots, "detail-ru");

    // What is overdue, at a glance.
    tab_to(&tab, "#nav-submissions");
    enter(&tab);
    page_shot(&tab, &shots, "list-ru");
    choose(&tab, "#due", "overdue");
    tab_to(&tab, "#filter");
    enter(&tab);
    let overdue = value(
        &tab,
        "Array.from(document.querySelectorAll('#submissions tbody tr')).map(r => r.querySelector('.overdue') !== null)",
    );
    assert_eq!(overdue, serde_json::json!([true, true, true]));
    page_shot(&tab, &shots, "overdue-ru");
    tab_to(&tab, "#code");
    tab.type_str(&codes[4].replace('-', " ")).expect("type");
    enter(&tab);
    page_shot(&tab, &shots, "search-ru");

    // Monitoring with its chart, in both languages.
    tab_to(&tab, "#nav-monitoring");
    enter(&tab);
    let bars = value(&tab, "document.querySelectorAll('#chart svg rect').length");
    assert_eq!(bars, serde_json::json!(30), "a bar for each of 30 days");
    page_shot(&tab, &shots, "monitoring-ru");

    // The export, downloaded as a browser does.
    let downloads = dir.path().join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads");
    tab.call_method(Cdp::SetDownloadBehavior {
        behavior: Cdp::SetDownloadBehaviorBehaviorOption::Allow,
        browser_context_id: None,
        download_path: Some(downloads.display().to_string()),
        events_enabled: None,
    })
    .expect("downloads allowed");
    tab_to(&tab, "#export-csv");
    tab.press_key("Enter").expect("Enter");
    let csv = wait_for_download(&downloads);
    assert!(csv.contains("Navroʻz"), "{csv}");
    assert!(!csv.contains("Karimov"), "no personal data: {csv}");

    tab_to(&tab, "#lang-uz-Latn");
    enter(&tab);
    page_shot(&tab, &shots, "monitoring-uz-Latn");
    tab_to(&tab, "#nav-submissions");
    enter(&tab);
    choose(&tab, "#due", "overdue");
    tab_to(&tab, "#filter");
    enter(&tab);
    page_shot(&tab, &shots, "overdue-uz-Latn");
    tab_to(&tab, "#nav-submissions");
    enter(&tab);
    tab_to(&tab, "#code");
    tab.type_str(wanted).expect("type");
    enter(&tab);
    tab_to(&tab, "#submissions tbody a");
    enter(&tab);
    let answered = text(&tab);
    assert!(answered.contains("Maʼqullandi") && answered.contains("id=\"history\""));
}

/// The text of the first file to finish downloading into `dir`.
fn wait_for_download(dir: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let done = std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|entry| entry.path())
            .find(|path| path.extension().is_some_and(|ext| ext == "csv"));
        if let Some(path) = done {
            return std::fs::read_to_string(path).expect("read");
        }
        assert!(Instant::now() < deadline, "no download arrived");
        std::thread::sleep(Duration::from_millis(100));
    }
}
