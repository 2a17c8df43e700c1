//! The terminal's own store failing in the middle of a sync round: the background worker
//! against a real portal on loopback, a store error injected with a SQLite trigger on the
//! terminal's real database. Items claimed for a batch must not stay `sending` once the store
//! works again.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::Path;
use std::time::{Duration, Instant};

use mahalla_kiosk_core::store::DATABASE_FILE;
use mahalla_kiosk_core::sync::{self, Backoff, SyncOptions};
use mahalla_test_support::*;
use rusqlite::Connection;

/// Makes every write that takes an item out of `sending` fail, as a full or failing disk
/// would, until [`heal`].
fn break_the_outbox(kiosk: &Path) {
    Connection::open(kiosk.join(DATABASE_FILE))
        .expect("open the terminal's database")
        .execute_batch(
            "CREATE TRIGGER injected_store_error BEFORE UPDATE OF outbox_state ON submissions
             WHEN OLD.outbox_state = 'sending' AND NEW.outbox_state <> 'sending'
             BEGIN SELECT RAISE(ABORT, 'injected store error'); END;",
        )
        .expect("inject the fault");
}

fn heal(kiosk: &Path) {
    Connection::open(kiosk.join(DATABASE_FILE))
        .expect("open the terminal's database")
        .execute_batch("DROP TRIGGER injected_store_error")
        .expect("heal");
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_store_error_after_a_claim_does_not_leave_items_sending() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    let first = submit_complaint(&kiosk);
    let second = submit_complaint(&kiosk);
    break_the_outbox(&kiosk);

    let worker = sync::spawn(
        kiosk.clone(),
        SyncOptions {
            backoff: Backoff {
                base: Duration::from_millis(50),
                cap: Duration::from_millis(300),
                first: Duration::from_millis(50),
            },
            interval: Duration::from_millis(100),
            ..SyncOptions::default()
        },
    )
    .expect("start the worker");
    // The portal stores the batch; the terminal cannot record that it did.
    wait_for("the portal to store the batch", || {
        portal.submissions().len() == 2
    });
    std::thread::sleep(Duration::from_millis(500));
    let status = sync_status(&kiosk);
    assert_eq!(status["delivered"], 0, "{status}");

    heal(&kiosk);
    worker.nudge();
    wait_for("the items to be delivered", || {
        sync_status(&kiosk)["delivered"] == 2
    });
    let status = sync_status(&kiosk);
    assert_eq!(
        (status["queued"].clone(), status["sending"].clone()),
        (0.into(), 0.into())
    );
    // Sent again, they are the portal's duplicates, not new submissions.
    let received: Vec<String> = portal
        .submissions()
        .iter()
        .map(|s| s["receipt_code"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(received.len(), 2, "{received:?}");
    assert!(received.contains(&first) && received.contains(&second));
    worker.stop();
}
