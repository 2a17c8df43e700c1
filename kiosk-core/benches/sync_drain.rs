//! Backlog drain: a terminal that was offline for a week holds 10,000 queued, encrypted
//! submissions; how fast does one `sync` round deliver them to a loopback portal, and how many
//! bytes go on the wire per submission against the payload size? Prints figures.
//!
//! Run with `cargo bench --bench sync_drain [-- COUNT]`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

#[path = "support/mod.rs"]
mod support;

use std::time::Instant;

use mahalla_kiosk_core::store::Store;
use mahalla_kiosk_core::sync::{SyncOptions, Syncer};
use mahalla_protocol::form::Values;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::wire::SubmissionPayload;
use support::{arg_or, portal_and_terminal};

fn main() {
    let count = arg_or(10_000).min(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let (portal, kiosk) = portal_and_terminal(dir.path());

    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let values: Values = [
        ("full_name", "Oʻrinboy Qodirov"),
        ("pinfl", "31508901234567"),
        ("phone", "+998901234567"),
        ("subject", "Koʻcha chiroqlari"),
        (
            "message",
            "Mahallamiz koʻchasida kechqurun chiroqlar yonmaydi, bolalar maktabdan qorongʻida qaytadi.",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let mut store = Store::open(&kiosk).expect("store");
    let queued = Instant::now();
    for _ in 0..count {
        store
            .submit(&catalogue, "taklif", &values, Lang::UzLatn)
            .expect("submit");
    }
    let queue_time = queued.elapsed();
    let plaintext = serde_json::to_vec(&SubmissionPayload {
        target_id: "taklif".into(),
        catalogue_version: catalogue.version,
        lang: Lang::UzLatn,
        values: values.clone(),
        assistance: None,
    })
    .expect("plaintext")
    .len();
    let ciphertext: f64 = rusqlite::Connection::open(kiosk.join("kiosk.sqlite3"))
        .expect("open")
        .query_row("SELECT avg(length(payload)) FROM submissions", [], |row| {
            row.get(0)
        })
        .expect("average payload");
    drop(store);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let started = Instant::now();
    let report = runtime.block_on(async {
        let mut syncer = Syncer::open(&kiosk, SyncOptions::default()).expect("syncer");
        syncer.upload(false, 0).await.expect("drain")
    });
    let elapsed = started.elapsed();
    assert_eq!(report.delivered, count, "every submission delivered");
    let stored = portal.stored();
    assert_eq!(stored, count, "every submission stored at the portal");

    println!("backlog drain to a loopback portal (2 cores, portal in-process)");
    println!("  queued              {count} submissions in {queue_time:.2?} (durable, encrypted)");
    println!(
        "  drained             {count} in {elapsed:.2?} = {:.0} submissions/s, {} batches",
        count as f64 / elapsed.as_secs_f64(),
        report.batches
    );
    println!(
        "  payload             {plaintext} B plaintext JSON, {ciphertext:.0} B age ciphertext"
    );
    println!(
        "  on the wire         {:.0} B request body per submission ({:.2}× the plaintext)",
        report.bytes_sent as f64 / count as f64,
        report.bytes_sent as f64 / count as f64 / plaintext as f64
    );
}
