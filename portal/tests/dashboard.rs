//! The agency dashboard over real HTTP: sign-in, submissions with filters, one
//! submission with its values escaped, setting a status with an answer (which reaches the
//! terminal's feed), monitoring. Then headless Chromium renders the pages when it is
//! installed (Debian `chromium`); without it that part is skipped with a message, since the
//! browser is not part of the build's requirements.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::path::Path;
use std::process::Command;

use mahalla_host::clock;
use mahalla_portal_store::{Seen, Store};
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::wire::Change;
use mahalla_test_support::dashboard::{Dashboard, form_field};

const PASSWORD: &str = "agentlik-parol-2026";

/// One terminal with one submission whose values try to inject markup, and a heartbeat that
/// says its system image refused an update; a second terminal whose update did not start.
fn seed(data_dir: &Path) -> String {
    let db = support::terminal(data_dir);
    let id = support::submission(
        &db,
        "000-100-001B",
        serde_json::json!({ "full_name": "Oʻrinboy <script>alert(1)</script>", "subject": "Chiroq" }),
    );
    let seen = Seen {
        now_ms: clock::now_ms(),
        skew_ms: 0,
    };
    db.run(db.store.record_heartbeat(
        support::DEVICE,
        r#"{"app_version":"0.1.0","queue":{"queued":3,"sending":0,"delivered":9,"quarantined":1},
            "oldest_undelivered_secs":60,"printer":"paper-out","last_sync_at":null,
            "free_disk_bytes":null,"clock_offset_ms":0,
            "refused_catalogue":{"version":7,"reason":"unknown field type"},
            "image_version":"0.1.0",
            "software_update":{"state":"refused","version":"0.2.0","source":"usb",
                "reason":"update-bad-signature","detail":"the update's signature is not the project's"}}"#,
        seen,
    ))
    .expect("heartbeat");
    db.run(
        db.store
            .add_enrol_code("code-2", support::MAHALLA, 0, i64::MAX),
    )
    .expect("second code");
    db.run(db.store.enrol("code-2", "DEV-2", "KEY-2", 0))
        .expect("second terminal");
    db.run(db.store.record_heartbeat(
        "DEV-2",
        r#"{"app_version":"0.1.0","queue":{"queued":0,"sending":0,"delivered":0,"quarantined":0},
            "oldest_undelivered_secs":null,"printer":"ok","last_sync_at":null,
            "free_disk_bytes":null,"clock_offset_ms":0,
            "image_version":"0.1.0","software_update":{"state":"rolled-back","version":"0.2.0"}}"#,
        seen,
    ))
    .expect("second heartbeat");
    id
}

#[test]
fn staff_sign_in_filter_answer_and_monitor() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let id = seed(&data_dir);
    support::add_staff(&data_dir, "nodira", PASSWORD);

    let portal = support::serve(&data_dir);
    let base = portal.base.clone();

    // No open admin: everything but the sign-in page redirects there.
    let mut stranger = Dashboard::open(&base, None);
    for path in [
        "/dashboard",
        "/dashboard/monitoring",
        &format!("/dashboard/submissions/{id}"),
    ] {
        let response = stranger.get(path);
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/dashboard/login", "{path}");
    }
    let wrong = stranger.try_sign_in("nodira", "wrong-password");
    assert!(!stranger.has_session());
    let wrong = wrong.text().expect("body");
    assert!(
        wrong.contains("<html lang=\"uz-Latn\"")
            && wrong.contains("Foydalanuvchi nomi yoki parol notoʻgʻri"),
        "in Uzbek until someone chooses: {wrong}"
    );
    let russian = stranger.page("/dashboard/login?lang=ru");
    assert!(russian.contains("Имя пользователя"), "{russian}");

    let mut staff = Dashboard::open(&base, None);
    let signed_in = staff.try_sign_in("nodira", PASSWORD);
    assert_eq!(signed_in.status(), 303);
    assert!(staff.has_session());
    let set_cookie: Vec<&str> = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    let session = set_cookie
        .iter()
        .find(|cookie| cookie.starts_with("mahalla_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    assert!(
        !session.contains("Secure"),
        "plain HTTP on loopback: {session}"
    );

    let list = staff.page("/dashboard?mahalla=1726264001");
    assert!(list.contains("000-100-001B"), "{list}");
    // In Uzbek at first, with names, not codes: the mahalla's and the proposal's.
    assert!(
        list.contains("<title>Murojaatlar") && list.contains(">Navroʻz<"),
        "{list}"
    );
    assert!(list.contains(">Taklif<"), "the service's name: {list}");
    assert!(list.contains("15 kun qoldi"), "{list}");
    // Chosen once, the language stays the staff member's, in every browser they use.
    let back = staff.choose_language("/dashboard?mahalla=1726264001", "ru");
    assert_eq!(
        back, "/dashboard?mahalla=1726264001",
        "back to the same page"
    );
    let russian = staff.page(&back);
    assert!(
        russian.contains("<html lang=\"ru\"") && russian.contains("осталось 15 дней"),
        "{russian}"
    );
    let elsewhere = Dashboard::sign_in(&base, "nodira", PASSWORD).page("/dashboard");
    assert!(elsewhere.contains("Обращения"), "{elsewhere}");
    staff.choose_language("/dashboard", "en");
    // A proposal made today is an appeal: its answer is due in 15 days, Tashkent's days.
    let due = format!("due {}, in 15 days", english_day(support::tashkent_day(15)));
    let list = staff.page("/dashboard?mahalla=1726264001");
    assert!(list.contains(&due), "{due}: {list}");
    let filtered = staff.page("/dashboard?status=approved");
    assert!(!filtered.contains("000-100-001B"));
    let other = staff.page("/dashboard?mahalla=1703202001");
    assert!(!other.contains("000-100-001B"));

    let detail_path = format!("/dashboard/submissions/{id}");
    let shown = staff.get(&detail_path);
    // A page with personal data: never stored, never framed, no script.
    let headers = shown.headers().clone();
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["x-frame-options"], "DENY");
    let policy = headers["content-security-policy"].to_str().expect("text");
    assert!(
        policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"),
        "{policy}"
    );
    let detail = shown.text().expect("detail");
    assert!(detail.contains("&lt;script&gt;"), "values are escaped");
    assert!(!detail.contains("<script>alert"));
    assert!(detail.contains("uz-Latn"));
    assert!(!detail.contains("<style>"), "no inline style: {detail}");
    let style = staff.get("/dashboard/style.css");
    assert!(
        style.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/css")
    );

    // A page on another port of this host posts the status form with the staff's cookie, as
    // Chromium would send it (SameSite counts every port of a host as the same site): refused,
    // with or without the form's token.
    let token = form_field(&detail, "csrf").expect("the form's token");
    let status_path = format!("/dashboard/submissions/{id}/status");
    let forged = |origin: Option<&str>, token: &str| {
        let mut request = reqwest::blocking::Client::new()
            .post(format!("{base}{status_path}"))
            .header("cookie", staff.cookie_header())
            .form(&[
                ("status", "rejected"),
                ("answer", "forged"),
                ("csrf", token),
            ]);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.send().expect("POST").status().as_u16()
    };
    let elsewhere = base
        .rsplit_once(':')
        .map(|(host, _)| format!("{host}:1"))
        .expect("port");
    assert_eq!(forged(Some(&elsewhere), &token), 403, "another port");
    assert_eq!(forged(Some(&elsewhere), ""), 403, "another port, no token");
    assert_eq!(forged(None, &token), 403, "no origin at all");
    assert_eq!(forged(Some(&base), "not-the-token"), 403, "a wrong token");
    assert!(!staff.page(&detail_path).contains("forged"));

    // Ids that do not exist, or that no submission could have, are not found.
    for bad in ["0190a0b2-0000-7000-8000-000000000000", "%01%02", "x%00y"] {
        let path = format!("/dashboard/submissions/{bad}");
        assert_eq!(staff.get(&path).status(), 404, "{path}");
        let posted = staff.post(
            &format!("{path}/status"),
            &[("status", "approved"), ("answer", ""), ("csrf", &token)],
        );
        assert_eq!(posted.status(), 404, "{path}/status");
    }

    staff.answer(&id, "needs-information", "Pasport nusxasini olib keling.");
    let detail = staff.page(&detail_path);
    assert!(detail.contains("needs-information") && detail.contains("Pasport nusxasini"));
    let timeline = detail
        .split_once("<ol id=\"history\">")
        .and_then(|(_, rest)| rest.split_once("</ol>"))
        .map(|(list, _)| list)
        .expect("the timeline");
    assert_eq!(timeline.matches("<li>").count(), 2, "{timeline}");
    assert!(
        timeline.contains("Received") && timeline.contains("More information needed"),
        "{timeline}"
    );
    assert!(
        detail.contains(" — <span id=\"changed-by\">nodira</span>"),
        "who set the status: {detail}"
    );
    let seed = support::Seed::open(&data_dir);
    let feed = seed
        .run(seed.store.updates(support::DEVICE, 0))
        .expect("feed");
    assert!(feed.updates.iter().any(|update| matches!(
        &update.change,
        Change::Status { answer: Some(answer), .. } if answer == "Pasport nusxasini olib keling."
    )));

    let monitoring = staff.page("/dashboard/monitoring");
    assert!(monitoring.contains("Navroʻz"), "{monitoring}");
    assert!(
        monitoring.contains("<td>v7 </td>"),
        "the refused catalogue: {monitoring}"
    );
    assert!(
        monitoring.contains("<td>3</td>"),
        "waiting items from the heartbeat"
    );
    // Each terminal with its image's version and its update's state, in words; the
    // terminals per version.
    let terminals = section(&monitoring, "<table id=\"terminals\">");
    assert!(
        terminals.contains(
            "<td>0.1.0</td><td class=\"overdue\" title=\"the update's signature is not the project's\">0.2.0: refused (update-bad-signature)</td>"
        ),
        "{terminals}"
    );
    assert!(
        terminals.contains(
            "<td class=\"overdue\">0.2.0: did not start, back on the version before</td>"
        ),
        "{terminals}"
    );
    let versions = section(&monitoring, "<table id=\"versions\">");
    assert!(
        versions.contains("<th scope=\"row\">0.1.0</th><td>2</td>"),
        "{versions}"
    );
    staff.choose_language("/dashboard/monitoring", "uz-Cyrl");
    let cyrillic = staff.page("/dashboard/monitoring");
    assert!(
        section(&cyrillic, "<table id=\"terminals\">")
            .contains("0.2.0: ишга тушмади, олдинги версияга қайтди"),
        "{cyrillic}"
    );
    staff.choose_language("/dashboard/monitoring", "en");

    // Signing out takes the form's token too.
    let out = staff.post("/dashboard/logout", &[("csrf", &token)]);
    assert_eq!(out.status(), 303);
    assert!(!staff.has_session());
    assert_eq!(staff.get("/dashboard").status(), 303);

    browser_check(&base, dir.path());
}

#[test]
fn behind_an_https_proxy_the_session_cookie_is_secure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    drop(support::terminal(&data_dir));
    support::add_staff(&data_dir, "nodira", PASSWORD);
    let portal = support::serve(&data_dir);

    // The proxy on this machine says the browser came over HTTPS to the public name.
    mahalla_test_support::install_tls_provider();
    let http = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let public = "https://portal.example";
    let form = http
        .get(format!("{}/dashboard/login", portal.base))
        .header("x-forwarded-proto", "https")
        .send()
        .expect("GET");
    let form_cookie = form.headers()["set-cookie"]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(form_cookie.contains("Secure"), "{form_cookie}");
    let token = form_field(&form.text().expect("page"), "csrf").expect("token");
    let signed_in = http
        .post(format!("{}/dashboard/login", portal.base))
        .header("x-forwarded-proto", "https")
        .header("host", "portal.example")
        .header("origin", public)
        .header("cookie", form_cookie.split(';').next().expect("pair"))
        .form(&[
            ("username", "nodira"),
            ("password", PASSWORD),
            ("csrf", &token),
        ])
        .send()
        .expect("POST");
    assert_eq!(signed_in.status(), 303);
    let session = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.starts_with("mahalla_session="))
        .expect("session")
        .to_owned();
    assert!(session.contains("Secure"), "{session}");
}

/// The part of `page` from `start` to the end of that table.
fn section<'a>(page: &'a str, start: &str) -> &'a str {
    page.split_once(start)
        .and_then(|(_, rest)| rest.split_once("</table>"))
        .map(|(table, _)| table)
        .unwrap_or_else(|| panic!("no {start} in {page}"))
}

/// A day as the dashboard writes it in English.
fn english_day(day: time::Date) -> String {
    format!("{} {} {}", day.day(), day.month(), day.year())
}

/// The receipt codes listed on a page of the list, in order.
fn listed_codes(page: &str) -> Vec<String> {
    page.split("<a href=\"/dashboard/submissions/")
        .skip(1)
        .filter_map(|rest| {
            let text = rest.split_once("\">")?.1;
            Some(text.split_once('<')?.0.to_owned())
        })
        .collect()
}

/// The next page's address on a page of the list, if any.
fn next_page(page: &str) -> Option<String> {
    let rest = page.split_once("id=\"next-page\" href=\"")?.1;
    Some(rest.split_once('"')?.0.replace("&amp;", "&"))
}

#[test]
fn staff_find_a_receipt_by_code_see_what_is_overdue_and_page_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let db = support::terminal(&data_dir);
    let codes: Vec<String> = (1..=60)
        .map(|n| ReceiptCode::new(1, n).expect("code").to_string())
        .collect();
    let pick = |indexes: &[usize]| -> Vec<String> {
        indexes.iter().map(|&index| codes[index].clone()).collect()
    };
    let ids: Vec<String> = codes
        .iter()
        .map(|code| support::submission(&db, code, serde_json::json!({ "subject": "Yoʻl" })))
        .collect();
    // Three answers are overdue (by 5, 2 and 1 days) and two due within three days; the
    // rest are due in 15 days, as appeals handed in today.
    support::due_in(&db, &ids, &[(0, -5), (7, -1), (13, -2), (21, 0), (34, 3)]);
    // The terminal went quiet two days ago.
    let two_days_ago = Seen {
        now_ms: clock::now_ms() - 2 * 86_400_000,
        skew_ms: 0,
    };
    db.run(db.store.record_heartbeat(
        support::DEVICE,
        r#"{"app_version":"0.1.0","queue":{"queued":0,"sending":0,"delivered":60,"quarantined":0},
            "oldest_undelivered_secs":null,"printer":"ok","last_sync_at":null,
            "free_disk_bytes":null,"clock_offset_ms":0}"#,
        two_days_ago,
    ))
    .expect("heartbeat");
    drop(db);
    support::add_staff(&data_dir, "nodira", PASSWORD);
    let portal = support::serve(&data_dir);
    let mut staff = Dashboard::sign_in(&portal.base, "nodira", PASSWORD);

    // The soonest due first: the overdue ones, then today's, then in three days.
    let first = staff.page("/dashboard");
    let listed = listed_codes(&first);
    assert_eq!(listed.len(), 50, "a page is 50 rows");
    assert_eq!(listed[..5], pick(&[0, 13, 7, 21, 34]), "{first}");
    assert!(first.contains("5 kun kechikdi"), "{first}");
    assert!(first.contains("bugun tugaydi"), "{first}");
    let next = next_page(&first).expect("a next page");
    let second = staff.page(&next);
    let rest = listed_codes(&second);
    assert_eq!(rest.len(), 10);
    assert!(next_page(&second).is_none(), "the last page");
    let mut seen: Vec<String> = listed.into_iter().chain(rest).collect();
    seen.sort();
    let mut all = codes.clone();
    all.sort();
    assert_eq!(seen, all, "every submission once over the two pages");

    let overdue = listed_codes(&staff.page("/dashboard?due=overdue"));
    assert_eq!(overdue, pick(&[0, 13, 7]));
    let soon = listed_codes(&staff.page("/dashboard?due=soon"));
    assert_eq!(soon, pick(&[21, 34]));

    // A code as a resident reads it out: lower case, no dashes, O for 0.
    let typed = codes[41].replace('-', "").replace('0', "O").to_lowercase();
    let found = listed_codes(&staff.page(&format!("/dashboard?code={typed}")));
    assert_eq!(found, pick(&[41]), "{typed}");
    let wrong = staff.page("/dashboard?code=000-100-0019");
    assert!(wrong.contains("kvitansiya kodi emas"), "{wrong}");

    // An appeal overdue by a day needs further study: its term is extended to 30 days from
    // the day it was handed in (today here), once, with the reason kept.
    let extend_path = format!("/dashboard/submissions/{}/term", ids[7]);
    let detail_path = format!("/dashboard/submissions/{}", ids[7]);
    let detail = staff.page(&detail_path);
    assert!(detail.contains("id=\"extend\""), "{detail}");
    let token = form_field(&detail, "csrf").expect("token");
    let no_reason = staff.post(&extend_path, &[("reason", " "), ("csrf", &token)]);
    assert_eq!(no_reason.status(), 400);
    let reason = "Tuman hokimligidan xulosa kutilmoqda";
    let extended = staff.post(&extend_path, &[("reason", reason), ("csrf", &token)]);
    assert_eq!(extended.status(), 303);
    let detail = staff.page(&detail_path);
    assert!(
        detail.contains(reason) && detail.contains("30 kun qoldi"),
        "{detail}"
    );
    assert!(!detail.contains("id=\"extend\""), "extended once: {detail}");
    let again = staff.post(&extend_path, &[("reason", reason), ("csrf", &token)]);
    assert_eq!(again.status(), 409);
    let overdue = listed_codes(&staff.page("/dashboard?due=overdue"));
    assert_eq!(overdue, pick(&[0, 13]));

    // Decided ones go to the end; the newest first on request.
    staff.answer(&ids[0], "approved", "Bajarildi.");
    let after = listed_codes(&staff.page("/dashboard"));
    assert_eq!(after[0], codes[13], "no longer overdue once decided");
    let newest = listed_codes(&staff.page("/dashboard?sort=newest"));
    assert_eq!(newest[0], codes[59]);

    // Monitoring counts the same: 59 open, one overdue (one decided, one extended), the
    // decision late, and the 60 in the chart (55 handed in today, five dated earlier).
    staff.choose_language("/dashboard/monitoring", "en");
    let figures = staff.page("/dashboard/monitoring");
    exports(&mut staff, &data_dir, &codes[13]);
    for shown in [
        "<dd id=\"open\">59</dd>",
        "<dd id=\"overdue\" class=\"overdue\">1</dd>",
        "<dd id=\"on-time\">0%</dd>",
        "60 submissions in 30 days, at most 55 a day",
        "<th scope=\"row\">Navroʻz</th>",
    ] {
        assert!(figures.contains(shown), "{shown}: {figures}");
    }
}

/// The overdue list and the monitoring figures downloaded as CSV and XLSX, in English, with
/// no personal data, each download in the audit log; `overdue` is the one overdue code.
fn exports(staff: &mut Dashboard, data_dir: &Path, overdue: &str) {
    let csv = staff.get("/dashboard/export/submissions/submissions.csv?due=overdue");
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .expect("text")
            .starts_with("attachment; filename=\"submissions-")
    );
    let csv = csv.text().expect("CSV");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("Receipt,Mahalla,District,Region,Service,Status"),
        "{csv}"
    );
    assert_eq!(lines.len(), 2, "the heading and the one overdue: {csv}");
    assert!(
        lines[1].starts_with(overdue) && lines[1].contains("Navroʻz (1726264001)"),
        "{csv}"
    );
    assert!(!csv.contains("Yoʻl"), "no personal data: {csv}");

    let xlsx = staff.get("/dashboard/export/submissions/submissions.xlsx?due=overdue");
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().expect("XLSX");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/sharedStrings.xml").expect("strings"),
        &mut strings,
    )
    .expect("read");
    assert!(
        strings.contains(overdue) && strings.contains("Receipt"),
        "{strings}"
    );

    // Every page of the list, not only the first.
    let everything = staff
        .get("/dashboard/export/submissions/submissions.csv")
        .text()
        .expect("CSV");
    assert_eq!(everything.lines().count(), 1 + 60, "the heading and all 60");

    let figures = staff
        .get("/dashboard/export/monitoring/monitoring.csv")
        .text()
        .expect("CSV");
    // One terminal, not online, flagged silent for more than a day.
    assert!(figures.contains("\nNavroʻz,1,0,1,"), "{figures}");

    let db = support::Seed::open(data_dir);
    let log = db.run(db.store.audit_log(10)).expect("audit log");
    let kept: Vec<(&str, &str)> = log
        .iter()
        .map(|entry| (entry.actor.as_str(), entry.action.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            ("nodira", "export monitoring.csv"),
            ("nodira", "export submissions.csv"),
            ("nodira", "export submissions.xlsx"),
            ("nodira", "export submissions.csv"),
        ]
    );
    assert!(
        log[3].detail.starts_with("1 rows; /dashboard?due=overdue"),
        "{:?}",
        log[3]
    );
    drop(db);
    // An administrator reads it on the command line.
    let shown = support::command(data_dir)
        .arg("audit")
        .output()
        .expect("audit");
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.lines().count() == 4 && shown.contains("nodira  export submissions.xlsx  1 rows"),
        "{shown}"
    );
}

#[test]
fn submissions_kept_before_terms_were_stored_are_dated_when_the_portal_starts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let db = support::terminal(&data_dir);
    support::submission(
        &db,
        "000-100-001B",
        serde_json::json!({ "subject": "Chiroq" }),
    );
    drop(db);
    // As the schema step that added the columns leaves a kept submission.
    mahalla_host::sqlite::open(&data_dir.join("portal.sqlite3"))
        .expect("open")
        .execute_batch("UPDATE submissions SET created_on = '', due_on = ''")
        .expect("blank");
    let db = support::Seed::open(&data_dir);
    assert_eq!(db.run(db.store.undated(10)).expect("undated").len(), 1);
    drop(db);

    support::add_staff(&data_dir, "nodira", PASSWORD);
    let portal = support::serve(&data_dir);
    let mut staff = Dashboard::sign_in(&portal.base, "nodira", PASSWORD);
    staff.choose_language("/dashboard", "en");
    let list = staff.page("/dashboard");
    let due = format!("due {}, in 15 days", english_day(support::tashkent_day(15)));
    assert!(list.contains(&due), "{due}: {list}");
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
