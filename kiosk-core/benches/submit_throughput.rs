//! Durable submit throughput: `submit()` against a bare SQLite insert loop with the same
//! pragmas on the same disk, and where the difference goes: the pages each commit writes, the
//! CPU each spends, the form check and the encryption an enrolled terminal adds. Prints
//! figures; asserts nothing.
//!
//! Run with `cargo bench --bench submit_throughput [-- COUNT]`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

use std::str::FromStr;
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

/// CPU time this process has used so far, user and system, from the kernel's count.
fn cpu_time() -> (Duration, Duration) {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("own stat");
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .expect("fields")
        .split_whitespace()
        .collect();
    // utime and stime, in clock ticks of 10 ms.
    let ticks = |i: usize| Duration::from_millis(fields[i].parse::<u64>().expect("ticks") * 10);
    (ticks(11), ticks(12))
}

fn timed(count: usize, mut op: impl FnMut()) -> (Figures, (Duration, Duration)) {
    let mut latencies = Vec::with_capacity(count);
    let (user, system) = cpu_time();
    let start = Instant::now();
    for _ in 0..count {
        let began = Instant::now();
        op();
        latencies.push(began.elapsed());
    }
    let elapsed = start.elapsed();
    let (user_after, system_after) = cpu_time();
    let per = |d: Duration| d / u32::try_from(count).expect("count");
    (
        figures(latencies, elapsed),
        (per(user_after - user), per(system_after - system)),
    )
}

fn print_cpu(label: &str, (user, system): (Duration, Duration)) {
    println!(
        "  CPU per commit, {label:<22} user {:>6.1} µs   system {:>6.1} µs",
        user.as_secs_f64() * 1e6,
        system.as_secs_f64() * 1e6
    );
}

/// SQLite pages written to the WAL per commit, measured on a fresh database: the WAL holds
/// every page a commit changed, and the fsync that makes it durable grows with them.
fn wal_pages_per_commit(database: &std::path::Path, commits: usize, mut op: impl FnMut()) -> f64 {
    let reader = rusqlite::Connection::open(database).expect("open to count");
    // The schema's own pages go first.
    reader
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("empty the WAL");
    for _ in 0..commits {
        op();
    }
    let frames: i64 = reader
        .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get(1))
        .expect("checkpoint");
    frames as f64 / commits as f64
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
    // Where the time goes: the pages each commit writes, on fresh databases (50 commits
    // stay under SQLite's automatic checkpoint).
    let probe_dir = dir.path().join("probe");
    let mut probe = Store::open(&probe_dir).expect("open probe store");
    let submit_pages = wal_pages_per_commit(
        &probe_dir.join(mahalla_kiosk_core::store::DATABASE_FILE),
        50,
        || {
            probe
                .submit(&catalogue, "taklif", &values, Lang::UzLatn)
                .expect("submit");
        },
    );

    let mut store = Store::open(&dir.path().join("kiosk")).expect("open store");
    let (submit, submit_cpu) = timed(count, || {
        store
            .submit(&catalogue, "taklif", &values, Lang::UzLatn)
            .expect("submit");
    });

    // An enrolled terminal encrypts each payload to the portal inside the transaction: the
    // same store, enrolled to a recipient made here.
    let enrolled_dir = dir.path().join("enrolled");
    drop(Store::open(&enrolled_dir).expect("create enrolled store"));
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    rusqlite::Connection::open(enrolled_dir.join(mahalla_kiosk_core::store::DATABASE_FILE))
        .expect("open to enrol")
        .execute(
            "INSERT INTO enrolment (id, device_id, portal_url, mahalla_code, mahalla_name,
                 age_recipient, device_keys, enrolled_at)
             VALUES (1, 'bench', 'https://portal.example', '0', 'Bench', ?1, '[]',
                     '2026-12-06T00:00:00Z')",
            [&recipient],
        )
        .expect("enrol");
    let mut enrolled = Store::open(&enrolled_dir).expect("open enrolled store");
    let (sealed, sealed_cpu) = timed(count, || {
        enrolled
            .submit(&catalogue, "taklif", &values, Lang::UzLatn)
            .expect("submit");
    });

    let target = catalogue.submittable("taklif").expect("taklif");
    let today = time::OffsetDateTime::now_utc().date();
    let (check, _) = timed(count, || {
        std::hint::black_box(
            mahalla_protocol::form::validate(target.form(), &values, today).expect("valid"),
        );
    });
    let recipient = age::x25519::Recipient::from_str(&recipient).expect("recipient");
    let plaintext = vec![b'x'; PAYLOAD_BYTES];
    let (seal, _) = timed(count, || {
        std::hint::black_box(age::encrypt(&recipient, &plaintext).expect("seal"));
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
    let (baseline, baseline_cpu) = timed(count, || {
        insert.execute([&blob]).expect("insert");
    });
    let bare_probe = dir.path().join("bare-probe.sqlite3");
    let probe_bare = rusqlite::Connection::open(&bare_probe).expect("open bare probe");
    apply_pragmas(&probe_bare).expect("pragmas");
    probe_bare
        .execute(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)",
            [],
        )
        .expect("create");
    let bare_pages = wal_pages_per_commit(&bare_probe, 50, || {
        probe_bare
            .execute("INSERT INTO t (payload) VALUES (?1)", [&blob])
            .expect("insert");
    });

    println!("{count} durable commits of a ~{PAYLOAD_BYTES} B payload, WAL + synchronous=FULL");
    print("submit()", &submit);
    print("submit(), enrolled", &sealed);
    print("bare SQLite insert", &baseline);
    println!(
        "submit() runs at {:.2} of the bare insert rate, {:.2} enrolled",
        submit.per_second / baseline.per_second,
        sealed.per_second / baseline.per_second
    );
    println!("where the time goes:");
    println!(
        "  WAL pages per commit: submit() {submit_pages:.1}, bare insert {bare_pages:.1} (4 KiB each)"
    );
    print_cpu("submit()", submit_cpu);
    print_cpu("submit(), enrolled", sealed_cpu);
    print_cpu("bare insert", baseline_cpu);
    println!(
        "  form check {:.1} µs, age encryption of {PAYLOAD_BYTES} B {:.1} µs (p50)",
        check.p50.as_secs_f64() * 1e6,
        seal.p50.as_secs_f64() * 1e6
    );
}
