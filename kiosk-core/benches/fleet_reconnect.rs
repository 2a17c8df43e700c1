//! Fleet reconnect: 10,000 simulated terminals come back at the same instant after a regional
//! outage and each sends its first signed request (a heartbeat). Once all at once, once with
//! the first attempt spread by full jitter; on the portal's SQLite store, then on PostgreSQL
//! (a throwaway cluster; skipped with a message when PostgreSQL is not installed). The portal
//! runs in a child process (this program started again with `--serve-portal`), so each side
//! has its own descriptors; it sheds load with 429 + Retry-After, which the terminals honour
//! with full-jitter backoff. Prints the error rate (anything but an honoured 429), p99
//! latency, and the peak request rate.
//!
//! Run with `cargo bench --bench fleet_reconnect [-- COUNT]`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ed25519_dalek::SigningKey;
use mahalla_kiosk_core::sync::Backoff;
use mahalla_portal::Limits;
use mahalla_protocol::signing::{self, NONCE_BYTES, RequestParts};
use mahalla_protocol::wire::{self, Heartbeat, QueueDepths};
use mahalla_test_support::postgres::TempPostgres;
use rand::{Rng, RngCore};
use support::{EmbeddedPortal, arg_or, quantile};

const BUCKET: Duration = Duration::from_millis(100);
const MAX_ATTEMPTS: u32 = 12;
const SPREAD: Duration = Duration::from_secs(10);

fn serve_portal(data_dir: &str, database: Option<&str>) {
    let limits = Limits {
        max_in_flight: 256,
        retry_after_max_secs: 3,
    };
    let portal = EmbeddedPortal::start_on(std::path::Path::new(data_dir), database, limits, 2);
    println!("{}", portal.url);
    // Until the parent closes our stdin.
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

fn key(n: usize) -> SigningKey {
    let mut seed = [7u8; 32];
    seed[..8].copy_from_slice(&(n as u64).to_le_bytes());
    SigningKey::from_bytes(&seed)
}

/// Registers `count` terminals in the portal's store (provisioning is not measured).
fn provision(data_dir: &std::path::Path, database: Option<&str>, count: usize) {
    let state = support::block_on(mahalla_portal::open(data_dir, database, Limits::default()))
        .expect("open");
    support::block_on(state.store.import_mahallas(&[wire::Mahalla {
        code: support::MAHALLA.into(),
        name: "Navroʻz".into(),
        district: "Chilonzor tumani".into(),
        region: "Toshkent shahri".into(),
    }]))
    .expect("import");
    if database.is_some() {
        enrol_through_the_store(state.store.clone(), count);
        return;
    }
    drop(state);
    // Straight into the SQLite file in one transaction: enrolling 10,000 terminals one by one
    // would take most of the run, and is not what is measured.
    let mut db = rusqlite::Connection::open(data_dir.join(mahalla_portal_sqlite::DATABASE_FILE))
        .expect("open the portal database");
    let transaction = db.transaction().expect("transaction");
    {
        let mut insert = transaction
            .prepare(
                "INSERT INTO devices (device_id, public_key, mahalla, enrolled_at)
                 VALUES (?1, ?2, ?3, 0)",
            )
            .expect("prepare");
        for n in 0..count {
            let public = key(n).verifying_key();
            insert
                .execute(rusqlite::params![
                    signing::device_id(&public),
                    signing::encode_public_key(&public),
                    support::MAHALLA
                ])
                .expect("insert");
        }
    }
    transaction.commit().expect("commit");
}

/// Enrols `count` terminals as the enrolment route does, 64 at a time (PostgreSQL commits
/// them together).
fn enrol_through_the_store(store: Arc<dyn mahalla_portal_store::Store>, count: usize) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let mut started = 0;
        while started < count {
            let mut batch = tokio::task::JoinSet::new();
            for n in started..(started + 64).min(count) {
                let store = store.clone();
                batch.spawn(async move {
                    let code = format!("fleet-{n}");
                    store
                        .add_enrol_code(&code, support::MAHALLA, 0, i64::MAX)
                        .await
                        .expect("code");
                    let public = key(n).verifying_key();
                    store
                        .enrol(
                            &code,
                            &signing::device_id(&public),
                            &signing::encode_public_key(&public),
                            0,
                        )
                        .await
                        .expect("enrol");
                });
            }
            batch.join_all().await;
            started += 64;
        }
    });
}

#[derive(Default)]
struct Tally {
    sends: BTreeMap<u128, usize>,
    exchanges: Vec<Duration>,
    to_success: Vec<Duration>,
    busy: usize,
    errors: usize,
    gave_up: usize,
}

async fn terminal(
    http: reqwest::Client,
    url: String,
    n: usize,
    start: Instant,
    delay: Duration,
    tally: Arc<Mutex<Tally>>,
) {
    tokio::time::sleep(delay).await;
    let key = key(n);
    let device_id = signing::device_id(&key.verifying_key());
    let body = serde_json::to_vec(&Heartbeat {
        app_version: "bench".into(),
        queue: QueueDepths::default(),
        oldest_undelivered_secs: None,
        printer: "ok".into(),
        last_sync_at: None,
        free_disk_bytes: None,
        clock_offset_ms: 0,
        refused_catalogue: None,
        portal_keys: None,
        image_version: None,
        software_update: None,
    })
    .expect("body");
    let backoff = Backoff {
        base: Duration::from_millis(500),
        cap: Duration::from_secs(20),
        first: SPREAD,
    };
    let first = Instant::now();
    for attempt in 1..=MAX_ATTEMPTS {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let nonce = signing::encode_nonce(&nonce);
        let timestamp_ms = mahalla_host::clock::now_ms();
        let signature = signing::sign_request(
            &key,
            &RequestParts {
                method: "POST",
                path: wire::HEARTBEAT_PATH,
                timestamp_ms,
                nonce: &nonce,
                body: &body,
            },
        );
        let sent = Instant::now();
        *tally
            .lock()
            .expect("tally")
            .sends
            .entry(sent.duration_since(start).as_millis() / BUCKET.as_millis())
            .or_default() += 1;
        let result = http
            .post(format!("{url}{}", wire::HEARTBEAT_PATH))
            .header(signing::DEVICE_HEADER, &device_id)
            .header(signing::TIMESTAMP_HEADER, timestamp_ms.to_string())
            .header(signing::NONCE_HEADER, &nonce)
            .header(signing::SIGNATURE_HEADER, signature)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await;
        let exchange = sent.elapsed();
        let retry_after = match result {
            Ok(response) if response.status().is_success() => {
                let mut tally = tally.lock().expect("tally");
                tally.exchanges.push(exchange);
                tally.to_success.push(first.elapsed());
                return;
            }
            Ok(response) if response.status() == 429 => {
                tally.lock().expect("tally").busy += 1;
                response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse().ok())
                    .map(Duration::from_secs)
            }
            Ok(_) | Err(_) => {
                tally.lock().expect("tally").errors += 1;
                None
            }
        };
        tally.lock().expect("tally").exchanges.push(exchange);
        tokio::time::sleep(backoff.delay(attempt, retry_after)).await;
    }
    tally.lock().expect("tally").gave_up += 1;
}

fn run(url: &str, count: usize, spread: Duration) -> Tally {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    runtime.block_on(async {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let start = Instant::now();
        let tasks: Vec<_> = (0..count)
            .map(|n| {
                let millis = u64::try_from(spread.as_millis()).unwrap_or(0);
                let delay = Duration::from_millis(rand::rng().random_range(0..=millis));
                tokio::spawn(terminal(
                    http.clone(),
                    url.to_owned(),
                    n,
                    start,
                    delay,
                    tally.clone(),
                ))
            })
            .collect();
        for task in tasks {
            let _ = tokio::time::timeout(Duration::from_secs(180), task).await;
        }
    });
    let mut tally = std::mem::take(&mut *tally.lock().expect("tally"));
    tally.exchanges.sort_unstable();
    tally.to_success.sort_unstable();
    println!(
        "  first attempts spread over {spread:?}: {} of {count} succeeded in {:.1?}",
        tally.to_success.len(),
        started.elapsed()
    );
    let attempts: usize = tally.sends.values().sum();
    let peak = tally.sends.values().max().copied().unwrap_or(0);
    println!(
        "    requests {attempts}, 429 honoured {}, errors {} ({:.2} %), gave up {}",
        tally.busy,
        tally.errors,
        100.0 * tally.errors as f64 / attempts.max(1) as f64,
        tally.gave_up
    );
    println!(
        "    peak {peak} requests in 100 ms ({} /s); exchange p50 {:.1?} p99 {:.1?}; time to success p50 {:.1?} p99 {:.1?}",
        peak * 10,
        quantile(&tally.exchanges, 0.5),
        quantile(&tally.exchanges, 0.99),
        quantile(&tally.to_success, 0.5),
        quantile(&tally.to_success, 0.99)
    );
    tally
}

fn main() {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--serve-portal" {
            let data_dir = args.next().expect("data dir");
            serve_portal(&data_dir, args.next().as_deref());
            return;
        }
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let count = arg_or(10_000).min(10_000);
    println!("fleet reconnect: {count} terminals, portal in its own process (max 256 in flight)");
    println!("SQLite:");
    fleet(count, None);
    match TempPostgres::start() {
        Some(postgres) => {
            println!("PostgreSQL:");
            fleet(count, Some(&postgres.fresh_database()));
        }
        None => println!("PostgreSQL: skipped, it cannot be started here"),
    }
}

/// Both runs against a portal process on `database` (or its SQLite file).
fn fleet(count: usize, database: Option<&str>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    provision(&data_dir, database, count);
    let mut child = Command::new(std::env::current_exe().expect("own path"))
        .arg("--serve-portal")
        .arg(&data_dir)
        .args(database)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the portal process");
    let mut url = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut url)
        .expect("portal address");
    let url = url.trim().to_owned();
    run(&url, count, Duration::ZERO);
    run(&url, count, SPREAD);
    drop(child.stdin.take());
    let _ = child.wait();
}
