//! The terminal talks to its portal over verified HTTPS: a real portal process serving TLS on
//! loopback with a certificate from a CA made here, `kioskctl` trusting that CA through its
//! configuration file. A certificate for another name, an expired one and one from an
//! unknown CA are each refused before anything is sent; a plain `http://` address to another
//! machine is refused by the configuration and by `kioskctl enroll`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::{Path, PathBuf};

use mahalla_test_support::tls::TestCa;
use mahalla_test_support::*;
use time::Duration;

/// A configuration file for the terminal at `data_dir` that trusts the CA at `ca`.
fn config_trusting(dir: &Path, data_dir: &Path, ca: &Path) -> PathBuf {
    let path = dir.join("kiosk.toml");
    std::fs::write(
        &path,
        format!(
            "data_dir = {:?}\ntls_ca = {:?}\n",
            data_dir.display().to_string(),
            ca.display().to_string()
        ),
    )
    .expect("write the configuration");
    path
}

/// `kioskctl --config <config> args…`: (success, stdout, stderr).
fn kioskctl_with(config: &Path, args: &[&str]) -> (bool, String, String) {
    outcome(
        std::process::Command::new(binary("kioskctl", "kioskctl"))
            .arg("--config")
            .arg(config)
            .args(args),
    )
}

fn enroll(config: &Path, portal: &Portal) -> (bool, String, String) {
    let (code, fingerprint) = portal.enrol_code_and_fingerprint();
    kioskctl_with(config, &enroll_args(&portal.url, &code, &fingerprint))
}

#[test]
fn enrolment_and_sync_go_over_verified_https() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ca = TestCa::new("Mahalla test state CA");
    let ca_file = ca.write_pem(&dir.path().join("portal-ca.pem"));
    let cert = ca.localhost(dir.path(), "portal");
    let portal = Portal::start_with_tls(&dir.path().join("portal"), &cert);
    assert!(
        portal.url.starts_with("https://localhost:"),
        "{}",
        portal.url
    );
    let kiosk = dir.path().join("kiosk");
    let config = config_trusting(dir.path(), &kiosk, &ca_file);

    let receipt = submit_complaint(&kiosk);
    let (ok, stdout, stderr) = enroll(&config, &portal);
    assert!(ok, "enroll over https: {stdout} {stderr}");
    assert!(stdout.contains("match the enrolment sheet"), "{stdout}");
    let (ok, stdout, stderr) = kioskctl_with(&config, &["sync", "--once"]);
    assert!(ok, "sync over https: {stdout} {stderr}");
    assert!(stdout.contains("delivered 1"), "{stdout}");
    let received = portal.submissions();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["receipt_code"], receipt.as_str());
    let (ok, shown, _) = kioskctl_with(&config, &["config", "show"]);
    let (_, fingerprint) = portal.enrol_code_and_fingerprint();
    assert!(ok);
    assert!(
        shown.contains(&format!("portal CA     {}", ca_file.display()))
            && shown.contains(&format!("portal keys   {fingerprint}")),
        "{shown}"
    );

    // Without the CA the same portal is a stranger.
    let untrusting = dir.path().join("untrusting.toml");
    std::fs::write(
        &untrusting,
        format!("data_dir = {:?}\n", kiosk.display().to_string()),
    )
    .expect("write");
    let (ok, _, stderr) = kioskctl_with(&untrusting, &["sync", "--once"]);
    assert!(!ok, "a certificate from an unknown CA was accepted");
    assert!(stderr.contains("certificate is not trusted"), "{stderr}");
}

#[test]
fn certificates_that_do_not_prove_the_portal_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ca = TestCa::new("Mahalla test state CA");
    let ca_file = ca.write_pem(&dir.path().join("portal-ca.pem"));
    let stranger = TestCa::new("Somebody else's CA");
    let cases = [
        (
            "another name",
            ca.issue(
                &["portal.example.uz"],
                Duration::hours(-1),
                Duration::days(1),
                dir.path(),
                "other-name",
            ),
            "not valid for name",
        ),
        (
            "expired",
            ca.issue(
                &["localhost"],
                Duration::days(-30),
                Duration::days(-1),
                dir.path(),
                "expired",
            ),
            "expired",
        ),
        (
            "unknown CA",
            stranger.localhost(dir.path(), "stranger"),
            "UnknownIssuer",
        ),
    ];
    let portal_dir = dir.path().join("portal");
    for (what, cert, reason) in cases {
        let mut portal = Portal::start_with_tls(&portal_dir, &cert);
        let kiosk = dir.path().join(format!("kiosk-{}", what.replace(" ", "-")));
        let config = config_trusting(dir.path(), &kiosk, &ca_file);
        let receipt = submit_complaint(&kiosk);
        let (ok, stdout, stderr) = enroll(&config, &portal);
        assert!(!ok, "{what}: enrolled anyway: {stdout}");
        assert!(
            stderr.contains("certificate is not trusted") && stderr.contains(reason),
            "{what}: {stderr}"
        );
        // Nothing was stored: not enrolled, the resident's submission still waiting.
        let status = sync_status(&kiosk);
        assert_eq!(status["enrolled_as"], serde_json::Value::Null, "{what}");
        assert_eq!(status["queued"], 1, "{what}: {status}");
        let (ok, queue, _) = run(&kiosk, &["queue"]);
        assert!(ok && queue.contains(&receipt), "{what}: {queue}");
        portal.stop();
    }
}

#[test]
fn plain_http_to_another_machine_is_refused_everywhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk = dir.path().join("kiosk");
    let (ok, _, stderr) = run(
        &kiosk,
        &[
            "enroll",
            "--portal",
            "http://192.0.2.10:8080",
            "--code",
            "7KQ2-M9XD-3TRA",
        ],
    );
    assert!(!ok, "enrolled over plain http");
    assert!(stderr.contains("plain http://"), "{stderr}");
    assert!(!kiosk.join("kiosk.sqlite3").exists() || sync_status(&kiosk)["enrolled_as"].is_null());

    let config = dir.path().join("kiosk.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = {:?}\nportal_url = \"http://portal.example.uz\"\n",
            kiosk.display().to_string()
        ),
    )
    .expect("write");
    let (ok, _, stderr) = kioskctl_with(&config, &["config", "show"]);
    assert!(!ok, "a plain http portal_url was accepted");
    assert!(
        stderr.contains("portal_url") && stderr.contains("plain http://"),
        "{stderr}"
    );

    // A development terminal may allow it, and says so in its file.
    std::fs::write(
        &config,
        format!(
            "data_dir = {:?}\nportal_url = \"http://portal.example.uz\"\nallow_plain_http = true\n",
            kiosk.display().to_string()
        ),
    )
    .expect("write");
    let (ok, _, stderr) = kioskctl_with(&config, &["config", "show"]);
    assert!(ok, "allowed plain http: {stderr}");
}
