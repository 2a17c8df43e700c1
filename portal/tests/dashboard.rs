//! The agency dashboard over real HTTP: sign-in, submissions with filters, one
//! submission with its values escaped, setting a status with an answer (which reaches the
//! terminal's feed), monitoring. Then headless Chromium renders the pages when it is
//! installed (Debian `chromium`); without it that part is skipped with a message, since the
//! browser is not part of the build's requirements.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use mahalla_host::clock;
use mahalla_portal::db::Db;
use mahalla_protocol::wire::Change;

const PASSWORD: &str = "agentlik-parol-2026";

/// One terminal with one submission whose values try to inject markup, and a heartbeat.
fn seed(data_dir: &Path) -> String {
    let db = support::terminal(data_dir);
    let id = support::submission(
        &db,
        "000-100-001B",
        serde_json::json!({ "full_name": "Oʻrinboy <script>alert(1)</script>", "subject": "Chiroq" }),
    );
    db.record_heartbeat(
        support::DEVICE,
        r#"{"app_version":"0.1.0","queue":{"queued":3,"sending":0,"delivered":9,"quarantined":1},
            "oldest_undelivered_secs":60,"printer":"paper-out","last_sync_at":null,
            "free_disk_bytes":null,"clock_offset_ms":0,
            "refused_catalogue":{"version":7,"reason":"unknown field type"}}"#,
        (clock::now_ms(), 0),
    )
    .expect("heartbeat");
    id
}

fn session_cookie(response: &reqwest::blocking::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("mahalla_session="))
        .and_then(|value| value.split(';').next())
        .map(str::to_owned)
}

#[test]
fn staff_sign_in_filter_answer_and_monitor() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let id = seed(&data_dir);
    let mut add = support::command(&data_dir)
        .args(["staff", "add", "nodira"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("staff add");
    writeln!(add.stdin.take().expect("stdin"), "{PASSWORD}").expect("password");
    assert!(add.wait().expect("wait").success());

    let portal = support::serve(&data_dir);
    let base = portal.base.clone();
    let http = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");

    // No open admin: everything but the sign-in page redirects there.
    for path in [
        "/dashboard",
        "/dashboard/monitoring",
        &format!("/dashboard/submissions/{id}"),
    ] {
        let response = http.get(format!("{base}{path}")).send().expect("GET");
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/dashboard/login", "{path}");
    }
    let wrong = http
        .post(format!("{base}/dashboard/login"))
        .form(&[("username", "nodira"), ("password", "wrong-password")])
        .send()
        .expect("POST");
    assert!(session_cookie(&wrong).is_none());
    assert!(
        wrong
            .text()
            .expect("body")
            .contains("Wrong user name or password")
    );

    let signed_in = http
        .post(format!("{base}/dashboard/login"))
        .form(&[("username", "nodira"), ("password", PASSWORD)])
        .send()
        .expect("POST");
    assert_eq!(signed_in.status(), 303);
    let cookie = session_cookie(&signed_in).expect("session cookie");
    let set_cookie = signed_in.headers()["set-cookie"].to_str().expect("text");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
    let get = |path: &str| {
        http.get(format!("{base}{path}"))
            .header("cookie", &cookie)
            .send()
            .expect("GET")
    };

    let list = get("/dashboard?mahalla=1726264001").text().expect("list");
    assert!(list.contains("000-100-001B"), "{list}");
    let filtered = get("/dashboard?status=approved").text().expect("filtered");
    assert!(!filtered.contains("000-100-001B"));
    let other = get("/dashboard?mahalla=1703202001")
        .text()
        .expect("other mahalla");
    assert!(!other.contains("000-100-001B"));

    let detail = get(&format!("/dashboard/submissions/{id}"))
        .text()
        .expect("detail");
    assert!(detail.contains("&lt;script&gt;"), "values are escaped");
    assert!(!detail.contains("<script>alert"));
    assert!(detail.contains("uz-Latn"));

    let saved = http
        .post(format!("{base}/dashboard/submissions/{id}/status"))
        .header("cookie", &cookie)
        .form(&[
            ("status", "needs-information"),
            ("answer", "Pasport nusxasini olib keling."),
        ])
        .send()
        .expect("POST status");
    assert_eq!(saved.status(), 303);
    let detail = get(&format!("/dashboard/submissions/{id}"))
        .text()
        .expect("detail");
    assert!(detail.contains("needs-information") && detail.contains("Pasport nusxasini"));
    let feed = Db::open(&data_dir)
        .expect("open")
        .updates(support::DEVICE, 0)
        .expect("feed");
    assert!(feed.updates.iter().any(|update| matches!(
        &update.change,
        Change::Status { answer: Some(answer), .. } if answer == "Pasport nusxasini olib keling."
    )));

    let monitoring = get("/dashboard/monitoring").text().expect("monitoring");
    assert!(monitoring.contains("Navroʻz"), "{monitoring}");
    assert!(
        monitoring.contains("<td>v7 </td>"),
        "the refused catalogue: {monitoring}"
    );
    assert!(
        monitoring.contains("<td>3</td>"),
        "waiting items from the heartbeat"
    );

    browser_check(&base, dir.path());
}

/// Renders the sign-in page in headless Chromium and saves a screenshot next to the test
/// data; skipped with a message when Chromium is not installed.
fn browser_check(base: &str, dir: &Path) {
    let Some(chromium) = mahalla_test_support::browser::chromium() else {
        return;
    };
    let headless = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
    ];
    let dom = Command::new(chromium)
        .args(headless)
        .arg("--dump-dom")
        .arg(format!("{base}/dashboard/login"))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("id=\"username\"") && dom.contains("id=\"sign-in\""),
        "Chromium renders the sign-in form: {dom}"
    );
    let shot = dir.join("dashboard-login.png");
    let status = Command::new(chromium)
        .args(headless)
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1000,600")
        .arg(format!("{base}/dashboard/login"))
        .status()
        .expect("screenshot");
    assert!(
        status.success() && shot.exists(),
        "Chromium took a screenshot"
    );
}
