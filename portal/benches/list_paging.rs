//! The dashboard's list at a national portal's size, on both stores: a register of 9,400
//! mahallas in 14 regions, one terminal each, and submissions handed in over the last year to
//! every service and appeal of the bundled catalogue, stored through the ingest path
//! (`Store::store_batch`, each terminal in turn sending 1 to 250 it queued). A real `mahalla-portal serve`
//! process answers a signed-in administrator; at 10,000, 100,000 and then N submissions the
//! bench times each kind of page the staff ask for, from request to the last byte on
//! loopback, beside the anchor of the same run: the portal's `/healthz` (the HTTP round trip
//! alone). Every submission is open (none decided): the open ones come first in the order by
//! term, so this is the largest range that order has to pass.
//!
//! `cargo bench -p mahalla-portal --bench list_paging [-- N]` (N = 1,000,000 by default). The
//! PostgreSQL half runs on a throwaway cluster when PostgreSQL is installed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a failed step ends it

use std::path::Path;
use std::time::Instant;

use mahalla_portal::due;
use mahalla_portal_postgres::PostgresStore;
use mahalla_portal_sqlite::SqliteStore;
use mahalla_portal_store::{BatchEntry, EnrolOutcome, NewSubmission, Seen, Store};
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::term::Term;
use mahalla_protocol::wire::Mahalla;
use mahalla_test_support::Portal;
use mahalla_test_support::dashboard::Dashboard;
use mahalla_test_support::postgres::TempPostgres;
use time::{Duration, OffsetDateTime};

const REGIONS: u32 = 14;
const DISTRICTS_PER_REGION: u32 = 15;
const MAHALLAS: u32 = 9_400;
/// The most submissions one batch of a terminal carries here.
const MOST_IN_A_BATCH: u64 = 250;
const REPEATS: usize = 15;
const PASSWORD: &str = "agentlik-parol-2026";

/// A reproducible stream of numbers (SplitMix64), so both stores get the same submissions.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

fn mahalla_code(index: u32) -> String {
    format!("99{index:08}")
}

fn district(index: u32) -> String {
    format!(
        "Tuman {}",
        index / (MAHALLAS / (REGIONS * DISTRICTS_PER_REGION))
    )
}

fn region(index: u32) -> String {
    format!("Viloyat {}", index * REGIONS / MAHALLAS)
}

fn register() -> Vec<Mahalla> {
    (0..MAHALLAS)
        .map(|index| Mahalla {
            code: mahalla_code(index),
            name: format!("Mahalla {index}"),
            district: district(index),
            region: region(index),
        })
        .collect()
}

/// The terminals, one in each mahalla: (device id, device number).
async fn enrol_terminals(store: &dyn Store) -> Vec<(String, u32)> {
    store.import_mahallas(&register()).await.expect("register");
    let mut terminals = Vec::with_capacity(MAHALLAS as usize);
    for index in 0..MAHALLAS {
        let code = format!("bench-code-{index}");
        let device_id = format!("BENCH-{index}");
        store
            .add_enrol_code(&code, &mahalla_code(index), 0, i64::MAX)
            .await
            .expect("code");
        match store
            .enrol(&code, &device_id, &format!("KEY-{index}"), 0)
            .await
            .expect("enrol")
        {
            EnrolOutcome::Enrolled(device) => terminals.push((device_id, device.number)),
            other => panic!("enrol: {other:?}"),
        }
    }
    terminals
}

/// Makes up submissions as the terminals would send them.
struct Generator {
    numbers: Numbers,
    targets: Vec<(String, Term)>,
    terminals: Vec<(String, u32)>,
    sequences: Vec<u32>,
    now: OffsetDateTime,
    /// The bundled catalogue's version, which every portal publishes at start.
    catalogue_version: u32,
}

impl Generator {
    fn new(terminals: Vec<(String, u32)>) -> Generator {
        let catalogue = mahalla_protocol::bundled::catalogue().expect("bundled catalogue");
        let targets = catalogue
            .services
            .iter()
            .map(|service| service.id.as_str())
            .chain(catalogue.appeals.iter().map(|appeal| appeal.id.as_str()))
            .filter_map(|id| Some((id.to_owned(), catalogue.submittable(id)?.term())))
            .collect();
        Generator {
            numbers: Numbers(2026),
            targets,
            sequences: vec![0; terminals.len()],
            terminals,
            now: OffsetDateTime::now_utc(),
            catalogue_version: mahalla_protocol::bundled::version().expect("bundled version"),
        }
    }

    fn submission(&mut self, terminal: usize) -> NewSubmission {
        let (target, term) =
            self.targets[self.numbers.below(self.targets.len() as u64) as usize].clone();
        let created = self.now - Duration::seconds(self.numbers.below(365 * 86_400) as i64);
        self.sequences[terminal] += 1;
        let code =
            ReceiptCode::new(self.terminals[terminal].1, self.sequences[terminal]).expect("code");
        let payload: Vec<u8> = (0..400).map(|_| self.numbers.next() as u8).collect();
        NewSubmission {
            id: uuid::Uuid::now_v7(),
            receipt_code: code.to_string(),
            target_id: target,
            catalogue_version: self.catalogue_version,
            created_at: created
                .format(&time::format_description::well_known::Rfc3339)
                .expect("time"),
            payload_sha256: format!("{:064x}", self.numbers.next()),
            payload,
            dates: due::dates(term, created),
            notice: None,
        }
    }

    /// Makes the store hold `to` submissions (it holds `from`): terminals one after another
    /// each send a batch of what they queued.
    async fn fill(&mut self, store: &dyn Store, from: usize, to: usize) {
        let started = Instant::now();
        let mut stored = from;
        let mut terminal = self.numbers.below(self.terminals.len() as u64) as usize;
        while stored < to {
            let count = (1 + self.numbers.below(MOST_IN_A_BATCH) as usize).min(to - stored);
            let entries: Vec<BatchEntry> = (0..count)
                .map(|_| BatchEntry::Ready(self.submission(terminal)))
                .collect();
            let seen = Seen {
                now_ms: mahalla_host::clock::now_ms(),
                skew_ms: 0,
            };
            store
                .store_batch(&self.terminals[terminal].0, &entries, seen)
                .await
                .expect("store");
            stored += count;
            terminal = self.numbers.below(self.terminals.len() as u64) as usize;
        }
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "  stored {} submissions in {seconds:.1} s ({:.0} per second)",
            to - from,
            (to - from) as f64 / seconds
        );
    }

    /// A terminal (its index, as its mahalla's) that sent something.
    fn some_terminal(&mut self) -> usize {
        loop {
            let terminal = self.numbers.below(self.terminals.len() as u64) as usize;
            if self.sequences[terminal] > 0 {
                return terminal;
            }
        }
    }

    /// A receipt code the store holds.
    fn some_code(&mut self) -> String {
        let terminal = self.some_terminal();
        let sequence = 1 + self.numbers.below(u64::from(self.sequences[terminal])) as u32;
        ReceiptCode::new(self.terminals[terminal].1, sequence)
            .expect("code")
            .to_string()
    }
}

/// The median and the 95th percentile of `samples`, in ms.
fn summary(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let at = |share: f64| samples[((samples.len() - 1) as f64 * share).round() as usize];
    (at(0.5), at(0.95))
}

/// What timing a page found: median and 95th percentile ms, its bytes and its rows.
struct Timed {
    median: f64,
    p95: f64,
    bytes: usize,
    rows: usize,
}

/// Times `path` `REPEATS` times.
fn time_page(staff: &mut Dashboard, path: &str) -> Timed {
    let mut samples = Vec::with_capacity(REPEATS);
    let mut page = String::new();
    for _ in 0..REPEATS {
        let started = Instant::now();
        let response = staff.get(path);
        assert_eq!(response.status(), 200, "{path}");
        page = response.text().expect("body");
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let (median, p95) = summary(samples);
    Timed {
        median,
        p95,
        bytes: page.len(),
        rows: page.matches("<a href=\"/dashboard/submissions/").count(),
    }
}

/// The address of the page after `page`, if any.
fn next_page(page: &str) -> Option<String> {
    let rest = page.split_once("id=\"next-page\" href=\"")?.1;
    Some(rest.split_once('"')?.0.replace("&amp;", "&"))
}

/// Times following "Next page" from the first page 30 times: (median ms, p95 ms).
fn time_paging(staff: &mut Dashboard) -> (f64, f64) {
    let mut path = "/dashboard".to_owned();
    let mut samples = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let page = staff.page(&path);
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        match next_page(&page) {
            Some(next) => path = next,
            None => break,
        }
    }
    summary(samples)
}

fn measure(staff: &mut Dashboard, portal: &Portal, generator: &mut Generator, stored: usize) {
    let today = OffsetDateTime::now_utc()
        .to_offset(mahalla_protocol::UZBEKISTAN)
        .date();
    let day = |offset: i64| (today - Duration::days(offset)).to_string();
    let code = generator.some_code();
    let place = generator.some_terminal() as u32;
    let pages = [
        ("first page, soonest due first", "/dashboard".to_owned()),
        ("last received first", "/dashboard?sort=newest".to_owned()),
        (
            "receipt code typed",
            format!("/dashboard?code={}", code.replace('-', "").to_lowercase()),
        ),
        ("overdue", "/dashboard?due=overdue".to_owned()),
        ("due within 3 days", "/dashboard?due=soon".to_owned()),
        (
            "one mahalla",
            format!("/dashboard?mahalla={}", mahalla_code(place)),
        ),
        (
            "one district",
            format!("/dashboard?district={}", district(place).replace(' ', "+")),
        ),
        (
            "one region",
            format!("/dashboard?region={}", region(place).replace(' ', "+")),
        ),
        (
            "one service",
            format!("/dashboard?target={}", generator.targets[0].0),
        ),
        (
            "handed in on one day, 200 days ago",
            format!("/dashboard?from={}&to={}", day(200), day(200)),
        ),
    ];
    println!("  at {stored} submissions (median / p95 ms over {REPEATS}, bytes, rows):");
    let anchor = {
        let mut samples = Vec::new();
        let http = reqwest::blocking::Client::new();
        for _ in 0..REPEATS {
            let started = Instant::now();
            let response = http
                .get(format!("{}/healthz", portal.url))
                .send()
                .expect("healthz");
            let _ = response.bytes();
            samples.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        summary(samples)
    };
    println!(
        "    {:<38} {:>7.2} / {:>7.2}",
        "anchor: /healthz", anchor.0, anchor.1
    );
    for (name, path) in &pages {
        let timed = time_page(staff, path);
        println!(
            "    {name:<38} {:>7.2} / {:>7.2}   {:>6} B {:>3}",
            timed.median, timed.p95, timed.bytes, timed.rows
        );
    }
    let (median, p95) = time_paging(staff);
    println!(
        "    {:<38} {median:>7.2} / {p95:>7.2}",
        "30 pages by \"Next page\", each"
    );
}

fn run(
    store: &dyn Store,
    data_dir: &Path,
    database: Option<&str>,
    runtime: &tokio::runtime::Runtime,
    total: usize,
) {
    let started = Instant::now();
    let terminals = runtime.block_on(enrol_terminals(store));
    println!(
        "  {} terminals enrolled in {:.1} s",
        terminals.len(),
        started.elapsed().as_secs_f64()
    );
    let mut generator = Generator::new(terminals);
    let sizes: Vec<usize> = [10_000, 100_000, total]
        .into_iter()
        .filter(|&size| size <= total)
        .collect();
    let mut stored = 0;
    let mut serving: Option<(Portal, Dashboard)> = None;
    for size in sizes {
        if size <= stored {
            continue;
        }
        runtime.block_on(generator.fill(store, stored, size));
        stored = size;
        let (portal, staff) = serving.get_or_insert_with(|| {
            let portal = Portal::start_on(data_dir, database, &[]);
            portal.add_staff("bench", PASSWORD);
            let staff = Dashboard::sign_in(&portal.url, "bench", PASSWORD);
            (portal, staff)
        });
        measure(staff, portal, &mut generator, stored);
    }
}

fn main() {
    let total: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");

    println!("SQLite (one file in the data dir):");
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    std::fs::create_dir_all(&data_dir).expect("data dir");
    let store = SqliteStore::open(&data_dir).expect("open");
    run(&store, &data_dir, None, &runtime, total);
    let size: u64 = std::fs::read_dir(&data_dir)
        .expect("list")
        .flatten()
        .filter_map(|entry| entry.metadata().ok())
        .map(|metadata| metadata.len())
        .sum();
    println!("  data dir: {:.0} MiB", size as f64 / (1024.0 * 1024.0));
    drop(store);
    drop(dir);

    println!("PostgreSQL (a throwaway cluster on this machine):");
    let Some(cluster) = TempPostgres::start() else {
        println!("  skipped: PostgreSQL is not installed");
        return;
    };
    let url = cluster.fresh_database();
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    std::fs::create_dir_all(&data_dir).expect("data dir");
    let store = runtime
        .block_on(PostgresStore::connect(&url))
        .expect("connect");
    run(&store, &data_dir, Some(&url), &runtime, total);
}
