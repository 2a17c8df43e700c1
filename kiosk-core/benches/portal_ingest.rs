//! Portal durable ingest: N simulated terminals upload batches of encrypted submissions at
//! once; every 200 means the batch is committed with synchronous=FULL. Prints submissions per
//! second for each N. Payloads are encrypted before the clock starts (that is the terminals'
//! work); decryption, validation and the durable commit are the portal's and are measured.
//!
//! Run with `cargo bench --bench portal_ingest [-- TOTAL]`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

#[path = "support/mod.rs"]
mod support;

use std::str::FromStr;
use std::time::{Duration, Instant};

use data_encoding::BASE64URL_NOPAD;
use mahalla_portal::Limits;
use mahalla_protocol::form::Values;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::signing::sha256_hex;
use mahalla_protocol::wire::{
    self, PayloadFormat, SubmissionPayload, UploadBatch, UploadItem, UploadResponse,
};
use support::{EmbeddedPortal, SimKiosk, arg_or, quantile};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn batches(kiosk: &SimKiosk, count: usize, plaintext: &[u8], version: u32) -> Vec<UploadBatch> {
    let recipient =
        age::x25519::Recipient::from_str(&kiosk.enrolled.age_recipient).expect("recipient");
    let created_at = OffsetDateTime::now_utc().format(&Rfc3339).expect("time");
    let items: Vec<UploadItem> = (0..count)
        .map(|sequence| {
            let sealed = age::encrypt(&recipient, plaintext).expect("encrypt");
            UploadItem {
                id: uuid::Uuid::now_v7(),
                receipt_code: ReceiptCode::new(
                    kiosk.enrolled.device_number,
                    u32::try_from(sequence).expect("fits"),
                )
                .expect("code"),
                target_id: "taklif".into(),
                catalogue_version: version,
                created_at: created_at.clone(),
                payload_format: PayloadFormat::Age,
                payload_sha256: sha256_hex(&sealed),
                payload: BASE64URL_NOPAD.encode(&sealed),
            }
        })
        .collect();
    items
        .chunks(wire::MAX_BATCH_ITEMS)
        .map(|chunk| UploadBatch {
            items: chunk.to_vec(),
        })
        .collect()
}

fn main() {
    let total = arg_or(20_000).min(200_000);
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let values: Values = [
        ("full_name", "Oʻrinboy Qodirov"),
        ("subject", "Koʻcha chiroqlari"),
        (
            "message",
            "Mahallamiz koʻchasida kechqurun chiroqlar yonmaydi.",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let plaintext = serde_json::to_vec(&SubmissionPayload {
        target_id: "taklif".into(),
        catalogue_version: catalogue.version,
        lang: Lang::UzLatn,
        values,
        assistance: None,
    })
    .expect("plaintext");

    println!(
        "portal durable ingest, {total} submissions per run, batches of {}",
        wire::MAX_BATCH_ITEMS
    );
    for terminals in [1usize, 4, 16] {
        let dir = tempfile::tempdir().expect("temp dir");
        let portal = EmbeddedPortal::start(&dir.path().join("portal"), Limits::default(), 2);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let kiosks: Vec<SimKiosk> = runtime.block_on(async {
            let mut kiosks = Vec::new();
            for n in 0..terminals {
                kiosks.push(SimKiosk::enrol(&portal, &dir.path().join(format!("k{n}"))).await);
            }
            kiosks
        });
        let per = total / terminals;
        let work: Vec<(SimKiosk, Vec<UploadBatch>)> = kiosks
            .into_iter()
            .map(|kiosk| {
                let batches = batches(&kiosk, per, &plaintext, catalogue.version);
                (kiosk, batches)
            })
            .collect();
        let started = Instant::now();
        let latencies: Vec<Duration> = runtime.block_on(async {
            let tasks: Vec<_> = work
                .into_iter()
                .map(|(kiosk, batches)| {
                    tokio::spawn(async move {
                        let mut latencies = Vec::new();
                        for batch in batches {
                            let sent = Instant::now();
                            let answer: UploadResponse = kiosk
                                .client
                                .post(wire::SUBMISSIONS_PATH, &batch)
                                .await
                                .expect("upload");
                            assert!(answer.results.iter().all(|r| r.outcome.is_stored()));
                            latencies.push(sent.elapsed());
                        }
                        latencies
                    })
                })
                .collect();
            let mut all = Vec::new();
            for task in tasks {
                all.extend(task.await.expect("task"));
            }
            all
        });
        let elapsed = started.elapsed();
        let stored = portal.stored();
        assert_eq!(stored, per * terminals);
        let mut sorted = latencies;
        sorted.sort_unstable();
        println!(
            "  {terminals:>2} terminals: {stored} stored in {elapsed:.2?} = {:.0} submissions/s; batch p50 {:.1?} p99 {:.1?}",
            stored as f64 / elapsed.as_secs_f64(),
            quantile(&sorted, 0.5),
            quantile(&sorted, 0.99)
        );
    }
}
