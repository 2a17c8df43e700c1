//! The commands that only look work on a data dir the user cannot write (or a data partition
//! remounted read-only after a disk error): `queue`, `sync status`, `config show`. Run as
//! root, the test makes the directory read-only the only way root feels it: it runs
//! `kioskctl` as the unprivileged user `nobody` (`setpriv`), with the files readable to all.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use mahalla_test_support::*;

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Makes `dir` and everything in it readable and not writable (to `nobody`, when root runs
/// the test).
fn make_read_only(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("list") {
        set_mode(&entry.expect("entry").path(), 0o444);
    }
    set_mode(dir, 0o555);
}

/// `kioskctl --data-dir <dir> args…` as a user who cannot write `dir`: (success, stdout,
/// stderr).
fn kioskctl_reading(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let kioskctl = binary("kioskctl", "kioskctl");
    let mut command = if running_as_root() {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(kioskctl);
        command
    } else {
        Command::new(kioskctl)
    };
    outcome(command.arg("--data-dir").arg(dir).args(args))
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Uid:"))
                .map(|uids| uids.split_whitespace().next() == Some("0"))
        })
        .unwrap_or(false)
}

#[test]
fn the_commands_that_only_look_work_on_a_read_only_data_dir() {
    let root = tempfile::tempdir().expect("temp dir");
    set_mode(root.path(), 0o755);
    let kiosk = root.path().join("kiosk");
    let receipt = submit_complaint(&kiosk);
    make_read_only(&kiosk);

    let (ok, queue, stderr) = kioskctl_reading(&kiosk, &["queue"]);
    assert!(ok, "queue: {stderr}");
    assert!(queue.contains(&receipt), "{queue}");
    let (ok, status, stderr) = kioskctl_reading(&kiosk, &["sync", "status", "--json"]);
    assert!(ok, "sync status: {stderr}");
    let status: serde_json::Value = serde_json::from_str(&status).expect("JSON");
    assert_eq!(status["queued"], 1, "{status}");
    let (ok, shown, stderr) = kioskctl_reading(&kiosk, &["config", "show"]);
    assert!(ok, "config show: {stderr}");
    assert!(shown.contains("not enrolled"), "{shown}");

    // What writes says why it cannot, and nothing changed.
    let (ok, _, stderr) = kioskctl_reading(
        &kiosk,
        &["submit", "--service", "taklif", "--field", "full_name=X"],
    );
    assert!(!ok, "a submission was written to a read-only data dir");
    assert!(stderr.contains("error"), "{stderr}");
    set_mode(&kiosk, 0o755);
    let (ok, queue, _) = run(&kiosk, &["queue"]);
    assert!(ok && queue.lines().count() == 1, "{queue}");
}
