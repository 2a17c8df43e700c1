//! Portal durable ingest: N simulated terminals upload batches of encrypted submissions at
//! once; every 200 means the batch is committed durably. Prints submissions per second for
//! each N, on each store: the portal embedded here on its SQLite file (synchronous=FULL), and
//! one and two `mahalla-portal serve` processes on one PostgreSQL database (fsync on, in a
//! throwaway cluster), the terminals taking turns between the processes. Payloads are
//! encrypted before the clock starts (that is the terminals' work); decryption, validation
//! and the durable commit are the portal's and are measured.
//!
//! Run with `cargo build --release -p mahalla-portal && cargo bench --bench portal_ingest
//! [-- TOTAL]`; without PostgreSQL installed its runs are skipped with a message.

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
use mahalla_test_support::Portal;
use mahalla_test_support::postgres::TempPostgres;
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
    let postgres = TempPostgres::start();
    for setup in [Setup::Sqlite, Setup::Postgres(1), Setup::Postgres(2)] {
        if matches!(setup, Setup::Postgres(_)) && postgres.is_none() {
            continue;
        }
        println!("{}:", setup.name());
        for terminals in [1usize, 4, 16] {
            let dir = tempfile::tempdir().expect("temp dir");
            let portals = Portals::start(setup, dir.path(), postgres.as_ref());
            run(
                &portals,
                dir.path(),
                terminals,
                total,
                &plaintext,
                catalogue.version,
            );
        }
    }
}

/// Where the terminals upload.
#[derive(Debug, Clone, Copy)]
enum Setup {
    /// The portal embedded in this process, on its SQLite file.
    Sqlite,
    /// This many `mahalla-portal serve` processes on one PostgreSQL database.
    Postgres(usize),
}

impl Setup {
    fn name(self) -> String {
        match self {
            Setup::Sqlite => "SQLite, one portal (embedded)".to_owned(),
            Setup::Postgres(1) => "PostgreSQL, one portal process".to_owned(),
            Setup::Postgres(n) => format!("PostgreSQL, {n} portal processes"),
        }
    }
}

/// The portal or portals of one run.
enum Portals {
    Embedded(EmbeddedPortal),
    Processes(Vec<Portal>),
}

impl Portals {
    fn start(setup: Setup, dir: &std::path::Path, postgres: Option<&TempPostgres>) -> Portals {
        match (setup, postgres) {
            (Setup::Postgres(processes), Some(postgres)) => {
                let database = postgres.fresh_database();
                let data_dir = dir.join("portal");
                Portals::Processes(
                    (0..processes)
                        .map(|_| Portal::start_on(&data_dir, Some(&database), &[]))
                        .collect(),
                )
            }
            _ => Portals::Embedded(EmbeddedPortal::start(
                &dir.join("portal"),
                Limits::default(),
                2,
            )),
        }
    }

    /// The address terminal `n` uploads to.
    fn url(&self, n: usize) -> &str {
        match self {
            Portals::Embedded(portal) => &portal.url,
            Portals::Processes(portals) => &portals[n % portals.len()].url,
        }
    }

    fn enrol_code(&self) -> String {
        match self {
            Portals::Embedded(portal) => portal.enrol_code(),
            Portals::Processes(portals) => portals[0].enrol_code(),
        }
    }

    fn stored(&self) -> usize {
        match self {
            Portals::Embedded(portal) => portal.stored(),
            Portals::Processes(portals) => portals[0].submissions().len(),
        }
    }
}

fn run(
    portals: &Portals,
    dir: &std::path::Path,
    terminals: usize,
    total: usize,
    plaintext: &[u8],
    version: u32,
) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let codes: Vec<String> = (0..terminals).map(|_| portals.enrol_code()).collect();
    let kiosks: Vec<SimKiosk> = runtime.block_on(async {
        let mut kiosks = Vec::new();
        for (n, code) in codes.into_iter().enumerate() {
            let dir = dir.join(format!("k{n}"));
            kiosks.push(SimKiosk::enrol(portals.url(n), code, &dir).await);
        }
        kiosks
    });
    let per = total / terminals;
    let work: Vec<(SimKiosk, Vec<UploadBatch>)> = kiosks
        .into_iter()
        .map(|kiosk| {
            let batches = batches(&kiosk, per, plaintext, version);
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
    let stored = portals.stored();
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
