//! A software update published at the portal reaches an enrolled terminal: its feed announces
//! it, the terminal downloads it under its rate cap, a download cut short resumes where it
//! stopped (a range request), and the bundle is checked whole before it is ready to install;
//! the heartbeat tells the portal. An update signed with another key than the terminal's is
//! refused with that reason, which staff see and the portal learns. Real processes on
//! loopback: `mahalla-portal serve`, `kioskctl`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ed25519_dalek::SigningKey;
use mahalla_kiosk_core::config::UpdateConfig;
use mahalla_kiosk_core::sync::{self, Backoff, SyncOptions};
use mahalla_test_support::software_update::{public_pem, write_bundle};
use mahalla_test_support::*;

const VERSION: &str = "7.1.0";
/// The root image: large enough that the cap holds the download for seconds.
const ROOT_BYTES: usize = 3 * 1024 * 1024;
const RATE: u64 = 1024 * 1024;

/// A terminal's configuration trusting `key` for updates, the installer's directory beside it.
fn config(dir: &Path, key: &Path) -> PathBuf {
    let path = dir.join("kiosk.toml");
    std::fs::write(
        &path,
        format!(
            "[update]\nkey = {key:?}\nsystem_dir = {:?}\nmax_bytes_per_second = {RATE}\n",
            dir.join("installer")
        ),
    )
    .unwrap();
    path
}

/// [`config`] trusting the public half of `project`.
fn terminal_config(dir: &Path, project: &SigningKey) -> PathBuf {
    config(dir, &public_pem(&dir.join("terminal.pem"), project))
}

/// `kioskctl update check` of `bundle`, as a technician checks a stick.
fn check(config: &Path, kiosk: &Path, bundle: &Path) -> (bool, String, String) {
    outcome(&mut kioskctl_with(
        config,
        kiosk,
        &["update", "check", bundle.to_str().unwrap()],
    ))
}

fn kioskctl_with(config: &Path, kiosk: &Path, args: &[&str]) -> std::process::Command {
    let mut command = kioskctl(kiosk);
    command.arg("--config").arg(config).args(args);
    command
}

/// Publishes a bundle of `VERSION` signed with `publisher` (the portal checks it with the same
/// key) and enrols a terminal; returns (portal, kiosk data dir).
fn published(dir: &Path, publisher: &SigningKey) -> (Portal, PathBuf, PathBuf) {
    let portal = Portal::start(&dir.join("portal"), &[]);
    let bundle = dir.join("bundle");
    write_bundle(&bundle, VERSION, ROOT_BYTES, Some(publisher));
    let key = public_pem(&dir.join("publisher.pem"), publisher);
    portal.admin(&[
        "publish-update",
        bundle.to_str().unwrap(),
        "--update-key",
        key.to_str().unwrap(),
    ]);
    let kiosk = dir.join("kiosk");
    enrol(&kiosk, &portal);
    (portal, kiosk, bundle)
}

fn update_status(config: &Path, kiosk: &Path) -> serde_json::Value {
    let (ok, stdout, stderr) = outcome(&mut kioskctl_with(
        config,
        kiosk,
        &["update", "status", "--json"],
    ));
    assert!(ok, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// The update state the portal last heard from the terminal.
fn reported(portal: &Portal) -> serde_json::Value {
    let devices: serde_json::Value =
        serde_json::from_str(&portal.admin(&["devices", "--json"])).unwrap();
    devices[0]["last_heartbeat"]["software_update"].clone()
}

#[test]
fn a_published_update_downloads_under_the_cap_resumes_and_is_ready() {
    let dir = tempfile::tempdir().unwrap();
    let project = SigningKey::from_bytes(&[21; 32]);
    let (portal, kiosk, bundle) = published(dir.path(), &project);
    let config = terminal_config(dir.path(), &project);
    // A technician checks a bundle on a stick before handing it to staff.
    let (ok, stdout, stderr) = check(&config, &kiosk, &bundle);
    assert!(
        ok && stdout.contains(&format!("{VERSION} for amd64: signed, 4 files")),
        "{stdout} {stderr}"
    );
    let root = format!("mahalla-kiosk_{VERSION}.root.erofs");
    let partial = kiosk.join("update/download").join(VERSION).join(&root);

    // The first download is cut short (the terminal switched off).
    let mut first = kioskctl_with(&config, &kiosk, &["update", "fetch"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&partial).map_or(0, |m| m.len()) < 512 * 1024 {
        assert!(Instant::now() < deadline, "the download never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    first.kill().unwrap();
    first.wait().unwrap();
    let kept = std::fs::metadata(&partial).unwrap().len();
    assert!(kept > 0 && kept < ROOT_BYTES as u64, "{kept} bytes kept");
    let state = update_status(&config, &kiosk);
    assert_eq!(state["update"]["state"], "downloading", "{state}");

    // The next attempt asks for the rest only, and is held to the cap.
    let started = Instant::now();
    let output = kioskctl_with(&config, &kiosk, &["update", "fetch"])
        .env("KIOSK_LOG", "info")
        .output()
        .unwrap();
    let (ok, stdout, stderr) = (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    let took = started.elapsed();
    assert!(ok, "{stdout} {stderr}");
    assert!(stdout.contains("downloaded and checked"), "{stdout}");
    assert!(
        stderr.contains(&format!("file={root} from={kept}")),
        "resumed at {kept}: {stderr}"
    );
    let rest = ROOT_BYTES as u64 - kept + 90_000 + 60_000;
    let floor = Duration::from_secs_f64(rest as f64 / RATE as f64);
    println!(
        "resumed at {kept} bytes; {rest} bytes in {:.2} s ({:.0} KiB/s, cap {} KiB/s)",
        took.as_secs_f64(),
        rest as f64 / 1024.0 / took.as_secs_f64(),
        RATE / 1024
    );
    assert!(
        took >= floor.mul_f64(0.95),
        "faster than the cap: {took:?} for {rest} bytes"
    );

    let ready = kiosk.join("update/ready").join(VERSION);
    for entry in std::fs::read_dir(&bundle).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(
            std::fs::read(bundle.join(&name)).unwrap(),
            std::fs::read(ready.join(&name)).unwrap(),
            "{name:?} byte for byte"
        );
    }
    let state = update_status(&config, &kiosk);
    assert_eq!(state["update"]["state"], "ready", "{state}");
    assert_eq!(state["update"]["source"], "portal", "{state}");
    assert_eq!(state["update"]["version"], VERSION, "{state}");

    // The heartbeat tells the portal.
    let (ok, stdout, stderr) = outcome(&mut kioskctl_with(&config, &kiosk, &["sync", "--once"]));
    assert!(ok, "{stdout} {stderr}");
    let told = reported(&portal);
    assert_eq!(told["state"], "ready", "{told}");
    assert_eq!(told["version"], VERSION, "{told}");
}

#[test]
fn an_update_signed_with_another_key_is_refused_and_the_portal_learns_why() {
    let dir = tempfile::tempdir().unwrap();
    let publisher = SigningKey::from_bytes(&[22; 32]);
    let (portal, kiosk, bundle) = published(dir.path(), &publisher);
    // The terminal trusts the project's key; this portal published one signed otherwise.
    let project = SigningKey::from_bytes(&[23; 32]);
    let config = terminal_config(dir.path(), &project);
    let (ok, stdout, stderr) = check(&config, &kiosk, &bundle);
    assert!(
        !ok && stderr.contains("refused: the update's signature is not the project's"),
        "{stdout} {stderr}"
    );

    let (ok, stdout, stderr) = outcome(&mut kioskctl_with(&config, &kiosk, &["update", "fetch"]));
    assert!(
        !ok && stderr.contains("update-bad-signature"),
        "{stdout} {stderr}"
    );
    assert!(
        !kiosk.join("update/download").join(VERSION).exists(),
        "nothing downloaded"
    );
    let state = update_status(&config, &kiosk);
    assert_eq!(state["update"]["state"], "refused", "{state}");
    assert_eq!(state["update"]["reason"], "update-bad-signature", "{state}");

    let (ok, stdout, stderr) = outcome(&mut kioskctl_with(&config, &kiosk, &["sync", "--once"]));
    assert!(ok, "{stdout} {stderr}");
    let told = reported(&portal);
    assert_eq!(told["state"], "refused", "{told}");
    assert_eq!(told["reason"], "update-bad-signature", "{told}");
}

#[test]
fn the_running_terminal_downloads_in_the_background_while_its_queue_is_delivered() {
    let dir = tempfile::tempdir().unwrap();
    let project = SigningKey::from_bytes(&[24; 32]);
    let (portal, kiosk, _) = published(dir.path(), &project);
    let key = public_pem(&dir.path().join("terminal.pem"), &project);
    // The kiosk's own sync worker, as the touchscreen runs it.
    let worker = sync::spawn(
        kiosk.clone(),
        SyncOptions {
            backoff: Backoff {
                base: Duration::from_millis(200),
                cap: Duration::from_secs(1),
                first: Duration::from_millis(10),
            },
            interval: Duration::from_millis(300),
            update: UpdateConfig {
                key,
                system_dir: dir.path().join("installer"),
                max_bytes_per_second: RATE,
                ..UpdateConfig::default()
            },
            ..SyncOptions::default()
        },
    )
    .unwrap();
    let downloading = kiosk.join("update/download").join(VERSION);
    let ready = kiosk.join("update/ready").join(VERSION);
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait("the download to start", &|| downloading.exists());

    // A resident hands something in while the update is still coming.
    let code = submit_complaint(&kiosk);
    wait("the submission delivered", &|| {
        portal
            .submissions()
            .iter()
            .any(|s| s["receipt_code"] == code.as_str())
    });
    assert!(
        !ready.exists(),
        "delivered while the update was still downloading, not after it"
    );
    wait("the update ready", &|| ready.exists());
    worker.stop();
    let state = update_status(&terminal_config(dir.path(), &project), &kiosk);
    assert_eq!(state["update"]["state"], "ready", "{state}");
}
