//! Durable submit throughput: `submit()` against a bare SQLite insert loop with the same
//! pragmas on the same disk. Prints figures; asserts nothing.
//!
//! Run with `cargo bench --bench submit_throughput [-- COUNT]`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

use std::time::{Duration, Instant};

use mahalla_host::sqlite::apply_pragmas;
use mahalla_kiosk_core::store::Store;
use mahalla_protocol::form::Values;
use mahalla_protocol::lang::Lang;

const PAYLOAD_BYTES: usize = 2048;

struct Figures {
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

fn figures(mut latencies: Vec<Duration>, total: Duration) -> Figures {
    latencies.sort_unstable();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    Figures {
        per_second: latencies.len() as f64 / total.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
    }
}

fn print(label: &str, f: &Figures) {
    println!(
        "{label:<28} {:>9.0} /s   p50 {:>7.3} ms   p99 {:>7.3} ms",
        f.per_second,
        f.p50.as_secs_f64() * 1e3,
        f.p99.as_secs_f64() * 1e3
    );
}

fn timed(count: usize, mut op: impl FnMut()) -> Figures {
    let mut latencies = Vec::with_capacity(count);
    let start = Instant::now();
    for _ in 0..count {
        let began = Instant::now();
        op();
        latencies.push(began.elapsed());
    }
    figures(latencies, start.elapsed())
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let catalogue = mahalla_protocol::bundled::catalogue().expect("bundled catalogue");

    // A proposal whose JSON payload is about 2 KB.
    let mut values = Values::new();
    values.insert("full_name".into(), "Oʻrinboy Qodirov".into());
    values.insert("subject".into(), "Koʻcha yoritgichlari".into());
    values.insert(
        "message".into(),
        "Mahalla koʻchasida chiroq yoʻq. ".repeat(58),
    );
    let mut store = Store::open(&dir.path().join("kiosk")).expect("open store");
    let submit = timed(count, || {
        store
            .submit(&catalogue, "taklif", &values, Lang::UzLatn)
            .expect("submit");
    });

    let bare = rusqlite::Connection::open(dir.path().join("bare.sqlite3")).expect("open bare");
    apply_pragmas(&bare).expect("pragmas");
    bare.execute(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)",
        [],
    )
    .expect("create");
    let blob = vec![0x5a_u8; PAYLOAD_BYTES];
    let mut insert = bare
        .prepare("INSERT INTO t (payload) VALUES (?1)")
        .expect("prepare");
    let baseline = timed(count, || {
        insert.execute([&blob]).expect("insert");
    });

    println!("{count} durable commits of a ~{PAYLOAD_BYTES} B payload, WAL + synchronous=FULL");
    print("submit()", &submit);
    print("bare SQLite insert", &baseline);
    println!(
        "submit() runs at {:.2} of the bare insert rate",
        submit.per_second / baseline.per_second
    );
}
