//! Exactly once under faults: two terminals sync through a proxy that drops requests, drops
//! responses after the portal committed, resets connections, answers 500 and 429 and delays,
//! while their `kioskctl sync --once` processes are SIGKILLed at random moments and new
//! submissions keep arriving. After healing, the portal holds every receipt exactly once and
//! both terminals show all of theirs delivered. Once with one portal on its SQLite file; once
//! with two portal processes behind the proxy on one PostgreSQL database that is cut off and
//! restarted half-way.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use mahalla_test_support::postgres::TempPostgres;
use mahalla_test_support::proxy::{Fault, FaultProxy};
use mahalla_test_support::*;
use rand::Rng;

const KIOSKS: usize = 2;
const ROUNDS: usize = 40;
const INITIAL: u32 = 40;

fn submit_many(data_dir: &Path, count: u32) {
    let (ok, _, stderr) = run(
        data_dir,
        &[
            "submit",
            "--service",
            "taklif",
            "--repeat",
            &count.to_string(),
            "--field",
            &format!("full_name={FULL_NAME}"),
            "--field",
            "subject=Koʻcha chiroqlari",
            "--field",
            &format!("message={FREE_TEXT}"),
        ],
    );
    assert!(ok, "submit: {stderr}");
}

/// One `sync --once`, SIGKILLed after a random moment when `kill` is set.
fn sync_round(data_dir: &Path, kill: bool) {
    let mut child = kioskctl(data_dir)
        .args(["sync", "--once"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a sync");
    if kill {
        std::thread::sleep(Duration::from_millis(rand::rng().random_range(5..200)));
        let _ = child.kill();
        let _ = child.wait();
        return;
    }
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().expect("wait").is_some() {
            return;
        }
        assert!(Instant::now() < deadline, "a sync round hung");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn local_codes(data_dir: &Path) -> Vec<(String, String)> {
    let (ok, stdout, stderr) = run(data_dir, &["queue", "--json"]);
    assert!(ok, "queue: {stderr}");
    let queue: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("queue JSON");
    queue
        .iter()
        .map(|entry| {
            (
                entry["receipt_code"].as_str().expect("code").to_owned(),
                entry["state"].as_str().expect("state").to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_receipt_arrives_exactly_once_despite_faults_and_kills() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    exactly_once(dir.path(), &[&portal], || {});
}

#[test]
fn two_portals_on_one_postgresql_store_every_receipt_once_through_a_database_restart() {
    let Some(postgres) = TempPostgres::start() else {
        return;
    };
    let database = postgres.fresh_database();
    let dir = tempfile::tempdir().expect("temp dir");
    // One deployment: the same keys (data dir) and database behind both processes.
    let data_dir = dir.path().join("portal");
    let first = Portal::start_on(&data_dir, Some(&database), &[]);
    let second = Portal::start_on(&data_dir, Some(&database), &[]);
    exactly_once(dir.path(), &[&first, &second], || postgres.restart());
}

/// Terminals in `dir` sync through a faulty proxy in front of `portals` (taking turns);
/// `midway` runs half-way through the faulty rounds, while that round's syncs run.
fn exactly_once(dir: &Path, portals: &[&Portal], midway: impl Fn() + Sync) {
    let started = Instant::now();
    let portal = portals[0];
    let proxy = FaultProxy::balancing(portals.iter().map(|portal| portal.address()).collect());
    let kiosks: Vec<PathBuf> = (0..KIOSKS)
        .map(|n| dir.join(format!("kiosk-{n}")))
        .collect();
    for kiosk in &kiosks {
        // Half of the backlog waited since before enrolment (device number 0).
        submit_many(kiosk, INITIAL / 2);
        let code = portal.enrol_code();
        let (ok, _, stderr) = run(kiosk, &["enroll", "--portal", &proxy.url, "--code", &code]);
        assert!(ok, "enroll: {stderr}");
        submit_many(kiosk, INITIAL / 2);
    }

    proxy.set_faulty(true);
    let mut rng = rand::rng();
    for round in 0..ROUNDS {
        std::thread::scope(|scope| {
            if round == ROUNDS / 2 {
                // While this round's syncs run.
                scope.spawn(&midway);
            }
            for kiosk in &kiosks {
                let kill = rng.random_bool(0.35);
                scope.spawn(move || sync_round(kiosk, kill));
            }
        });
        if round % 4 == 0 {
            for kiosk in &kiosks {
                submit_many(kiosk, 5);
            }
        }
    }
    let faults = proxy.counts();

    proxy.set_faulty(false);
    for kiosk in &kiosks {
        for _ in 0..5 {
            let status = sync_status(kiosk);
            if status["queued"] == 0 && status["sending"] == 0 {
                break;
            }
            sync_round(kiosk, false);
        }
    }

    let portal_rows = portal.submissions();
    let mut seen_ids = HashSet::new();
    let mut per_device: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &portal_rows {
        assert!(
            seen_ids.insert(row["id"].as_str().expect("id").to_owned()),
            "a submission id is stored twice: {row}"
        );
        per_device
            .entry(row["device_id"].as_str().expect("device").to_owned())
            .or_default()
            .push(row["receipt_code"].as_str().expect("code").to_owned());
    }
    let mut total = 0;
    for kiosk in &kiosks {
        let local = local_codes(kiosk);
        total += local.len();
        let status = sync_status(kiosk);
        assert_eq!(status["delivered"], local.len(), "{status}");
        assert_eq!(status["quarantined"], 0, "{status}");
        assert!(local.iter().all(|(_, state)| state == "delivered"));
        let device_id = status["enrolled_as"]
            .as_str()
            .and_then(|s| s.split(' ').next())
            .expect("enrolled")
            .to_owned();
        let mut at_portal = per_device.remove(&device_id).unwrap_or_default();
        at_portal.sort();
        let mut here: Vec<String> = local.into_iter().map(|(code, _)| code).collect();
        here.sort();
        assert_eq!(
            at_portal, here,
            "the portal holds each receipt of {device_id} once"
        );
    }
    assert!(per_device.is_empty(), "no receipts from elsewhere");
    assert_eq!(portal_rows.len(), total);
    assert!(
        faults.get(&Fault::DropResponse).copied().unwrap_or(0) > 0
            && faults.get(&Fault::Status429).copied().unwrap_or(0) > 0,
        "the faults that matter most were injected: {faults:?}"
    );
    eprintln!(
        "{total} receipts from {KIOSKS} terminals through {} portal processes, each stored once; faults {faults:?}; {:?}",
        portals.len(),
        started.elapsed()
    );
}
