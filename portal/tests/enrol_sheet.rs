//! `mahalla-portal enrol-code --qr`: the enrolment sheet read back from its PNG enrols a real
//! terminal (`kioskctl enroll`) with a real portal process on loopback; a sheet without the
//! portal's address, or over an existing file, is refused with a message. Needs `kioskctl`
//! built (`cargo build -p kioskctl`), as `cargo test --workspace` does.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::Path;
use std::process::{Command, Output};

use mahalla_protocol::enrol_link::EnrolLink;
use mahalla_test_support::{MAHALLA, Portal, qr, run, sample_register};

fn portal_command(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mahalla-portal"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run mahalla-portal")
}

/// `enrol-code --mahalla <mahalla> --qr <sheet> --portal-url <portal_url>`.
fn sheet_command(data_dir: &Path, mahalla: &str, sheet: &Path, portal_url: &str) -> Output {
    let sheet = sheet.to_str().expect("UTF-8 path");
    portal_command(
        data_dir,
        &[
            "enrol-code",
            "--mahalla",
            mahalla,
            "--qr",
            sheet,
            "--portal-url",
            portal_url,
        ],
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_sheet_read_back_from_its_png_enrols_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let sheet = dir.path().join("sheet.png");
    let sheet_arg = sheet.to_str().expect("UTF-8 path");
    let printed = portal.admin(&[
        "enrol-code",
        "--mahalla",
        MAHALLA,
        "--expires",
        "2h",
        "--qr",
        sheet_arg,
        "--portal-url",
        &portal.url,
    ]);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sheet)
            .expect("sheet")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the sheet holds a secret");
    }
    let texts = qr::qr_texts(&sheet);
    assert_eq!(texts.len(), 1, "{texts:?}");
    let link = EnrolLink::parse(&texts[0]).expect("an enrolment link");
    assert_eq!(link.portal_url, portal.url);
    // The sheet carries the fingerprint of the keys the portal answers with.
    let shown = portal.admin(&["keys", "show"]);
    let fingerprint = link
        .fingerprint
        .clone()
        .expect("the sheet's key fingerprint");
    assert_eq!(shown.trim(), format!("keys     {fingerprint}"));

    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.first(), Some(&link.code.as_str()), "{printed}");
    assert!(
        printed.contains(&format!("portal   {}\n", portal.url)),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("keys     {fingerprint}\n")),
        "{printed}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("expires  ") && line.ends_with(" in Tashkent)")),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("sheet    {sheet_arg}\n")),
        "{printed}"
    );

    let kiosk = dir.path().join("kiosk");
    let (ok, stdout, stderr) = run(
        &kiosk,
        &[
            "enroll",
            "--portal",
            &link.portal_url,
            "--code",
            &link.code,
            "--fingerprint",
            &fingerprint,
        ],
    );
    assert!(ok, "enroll: {stdout} {stderr}");
    assert!(stdout.contains("match the enrolment sheet"), "{stdout}");
    assert!(
        stdout.contains(&format!("for mahalla {MAHALLA} ")),
        "{stdout}"
    );
    let devices: serde_json::Value =
        serde_json::from_str(&portal.admin(&["devices", "--json"])).expect("devices JSON");
    assert_eq!(devices.as_array().map(Vec::len), Some(1), "{devices}");
    assert_eq!(devices[0]["mahalla"], MAHALLA);

    // The code is used: a second terminal cannot enrol with the same sheet.
    let (ok, _, stderr) = run(
        &dir.path().join("other-kiosk"),
        &["enroll", "--portal", &link.portal_url, "--code", &link.code],
    );
    assert!(!ok, "a used code enrolled again");
    assert!(stderr.contains("used"), "{stderr}");
}

#[test]
fn a_sheet_without_the_portal_address_or_over_an_existing_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let register = sample_register();
    let register = register.to_str().expect("UTF-8 path");
    let import = portal_command(&data_dir, &["mahalla", "import", register]);
    assert!(import.status.success(), "{import:?}");
    let sheet = dir.path().join("sheet.png");
    let sheet_arg = sheet.to_str().expect("UTF-8 path");

    let no_address = portal_command(
        &data_dir,
        &["enrol-code", "--mahalla", MAHALLA, "--qr", sheet_arg],
    );
    assert!(!no_address.status.success());
    let stderr = text(&no_address.stderr);
    assert!(
        stderr.contains("required") && stderr.contains("--portal-url"),
        "{stderr}"
    );
    assert!(no_address.stdout.is_empty() && !sheet.exists());

    let not_http = sheet_command(&data_dir, MAHALLA, &sheet, "ftp://portal.example.uz");
    assert!(!not_http.status.success());
    let stderr = text(&not_http.stderr);
    assert!(stderr.contains("not https: or http:"), "{stderr}");
    assert!(!sheet.exists());

    std::fs::write(&sheet, b"an earlier sheet").expect("write");
    let over = sheet_command(&data_dir, MAHALLA, &sheet, "https://portal.example.uz");
    assert!(!over.status.success());
    let stderr = text(&over.stderr);
    assert!(stderr.contains("exists already"), "{stderr}");
    assert!(over.stdout.is_empty(), "no code was shown");
    assert_eq!(std::fs::read(&sheet).expect("read"), b"an earlier sheet");

    // A mahalla not in the register issues nothing and leaves no file behind.
    let elsewhere = dir.path().join("elsewhere.png");
    let unknown = sheet_command(&data_dir, "999", &elsewhere, "https://portal.example.uz");
    assert!(!unknown.status.success());
    assert!(text(&unknown.stderr).contains("no mahalla 999"));
    assert!(!elsewhere.exists());
}
