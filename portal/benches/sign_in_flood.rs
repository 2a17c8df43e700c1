//! The dashboard's sign-in under a flood of bad ones: a real `mahalla-portal serve` process,
//! 300 browsers at once sending wrong passwords (first all from one address, then each from
//! its own, with a new user name every try so that no per-name count stops them), and one
//! staff member signing in from their own desk meanwhile: again and again in the browser
//! where they signed in before, and each time in a new one (the desk's address is one staff
//! signed in from before). Prints the portal's peak memory and how long the staff member
//! waits until signed in, beside the same figures without a flood.
//!
//! `cargo bench -p mahalla-portal --bench sign_in_flood [-- SECONDS]` (15 s a phase by
//! default).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a failed step ends it

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mahalla_test_support::Portal;
use mahalla_test_support::dashboard::Dashboard;

const ATTACKERS: usize = 300;
const PASSWORD: &str = "agentlik-parol-2026";
const STAFF_DESK: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// A value in kB from `/proc/<pid>/status`, in MiB.
fn status_mib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The staff member signing in again and again from their desk while `stop` is false, in
/// `known`, the browser where they signed in before the run, or each time in a new one: the
/// time from opening the sign-in page until signed in (a busy answer is tried again after a
/// moment, as a person would).
fn staff_member(
    base: &str,
    stop: &AtomicBool,
    at_least: usize,
    known: Option<&Mutex<Dashboard>>,
) -> Waits {
    let mut waits = Vec::new();
    let mut busy = 0;
    while !stop.load(Ordering::Relaxed) || waits.len() < at_least {
        let started = Instant::now();
        loop {
            let mut new_browser;
            let mut known_browser;
            let browser = match known {
                Some(known) => {
                    known_browser = known.lock().expect("the known browser");
                    &mut *known_browser
                }
                None => {
                    new_browser = Dashboard::open(base, Some(STAFF_DESK));
                    &mut new_browser
                }
            };
            let answer = browser.try_sign_in("nodira", PASSWORD);
            match answer.status().as_u16() {
                303 => break,
                429 => {
                    busy += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                other => panic!("the staff member's sign-in answered {other}"),
            }
        }
        waits.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(200));
    }
    waits.sort();
    Waits { waits, busy }
}

/// How long the staff member waited, sorted, and how many busy answers they met.
struct Waits {
    waits: Vec<Duration>,
    busy: u64,
}

struct Phase {
    name: &'static str,
    known: Waits,
    new: Waits,
    peak_rss_mib: f64,
    bad_answers: Vec<(u16, u64)>,
    seconds: f64,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

/// One phase: `attackers` browsers (each from `address(n)`) for `seconds` while the staff
/// member signs in.
fn phase(
    name: &'static str,
    known_browser: &Arc<Mutex<Dashboard>>,
    base: &str,
    pid: u32,
    seconds: u64,
    attackers: usize,
    address: fn(usize) -> IpAddr,
) -> Phase {
    let stop = Arc::new(AtomicBool::new(false));
    let answers: Arc<Mutex<std::collections::BTreeMap<u16, u64>>> = Arc::default();
    let tries = Arc::new(AtomicU64::new(0));
    let mut threads = Vec::new();
    for n in 0..attackers {
        let (stop, answers, tries, base) = (
            stop.clone(),
            answers.clone(),
            tries.clone(),
            base.to_owned(),
        );
        threads.push(
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    let mut browser = Dashboard::open(&base, Some(address(n)));
                    while !stop.load(Ordering::Relaxed) {
                        let guess = tries.fetch_add(1, Ordering::Relaxed);
                        let status = browser
                            .try_sign_in(&format!("guess{guess}"), "password123")
                            .status()
                            .as_u16();
                        *answers.lock().expect("lock").entry(status).or_default() += 1;
                    }
                })
                .expect("attacker thread"),
        );
    }
    let sampling = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut peak = 0.0f64;
            while !stop.load(Ordering::Relaxed) {
                peak = peak.max(status_mib(pid, "VmRSS:"));
                std::thread::sleep(Duration::from_millis(20));
            }
            peak
        })
    };
    let started = Instant::now();
    let staff = |known: Option<Arc<Mutex<Dashboard>>>| {
        let (stop, base) = (stop.clone(), base.to_owned());
        std::thread::spawn(move || staff_member(&base, &stop, 10, known.as_deref()))
    };
    let (known, new) = (staff(Some(known_browser.clone())), staff(None));
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    let (known, new) = (
        known.join().expect("staff member"),
        new.join().expect("staff member"),
    );
    for thread in threads {
        thread.join().expect("attacker");
    }
    let seconds = started.elapsed().as_secs_f64();
    let peak_rss_mib = sampling.join().expect("sampler");
    let bad_answers = answers
        .lock()
        .expect("lock")
        .iter()
        .map(|(s, n)| (*s, *n))
        .collect();
    Phase {
        name,
        known,
        new,
        peak_rss_mib,
        bad_answers,
        seconds,
    }
}

fn main() {
    let seconds: u64 = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(15);
    mahalla_test_support::install_tls_provider();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut portal = Portal::start(&dir.path().join("portal"), &[]);
    portal.add_staff("nodira", PASSWORD);
    let (base, pid) = (portal.url.clone(), portal.pid());
    println!("portal {base}, pid {pid}; {ATTACKERS} attackers, {seconds} s a phase");
    println!("portal RSS at start: {:.1} MiB", status_mib(pid, "VmRSS:"));

    // The browser where the staff member signs in every day.
    let known_browser = Arc::new(Mutex::new(Dashboard::sign_in(&base, "nodira", PASSWORD)));
    let phases = [
        phase(
            "no flood (anchor)",
            &known_browser,
            &base,
            pid,
            seconds.min(5),
            0,
            |_| STAFF_DESK,
        ),
        phase(
            "flood from one address",
            &known_browser,
            &base,
            pid,
            seconds,
            ATTACKERS,
            |_| IpAddr::V4(Ipv4Addr::new(127, 0, 0, 66)),
        ),
        phase(
            "flood from 300 addresses",
            &known_browser,
            &base,
            pid,
            seconds,
            ATTACKERS,
            |n| IpAddr::V4(Ipv4Addr::new(127, 1, (n / 250) as u8, (n % 250 + 1) as u8)),
        ),
    ];
    for phase in &phases {
        let total: u64 = phase.bad_answers.iter().map(|(_, n)| n).sum();
        let answers: Vec<String> = phase
            .bad_answers
            .iter()
            .map(|(status, n)| format!("{status}: {n}"))
            .collect();
        println!("{}:", phase.name);
        for (browser, waits) in [
            ("known browser", &phase.known),
            ("new browser at the desk", &phase.new),
        ] {
            println!(
                "  staff sign-in, {browser}, until signed in: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms over {} sign-ins ({} busy answers retried)",
                percentile(&waits.waits, 0.5),
                percentile(&waits.waits, 0.99),
                percentile(&waits.waits, 1.0),
                waits.waits.len(),
                waits.busy
            );
        }
        println!(
            "  bad sign-ins answered: {:.0}/s ({})",
            total as f64 / phase.seconds,
            answers.join(", ")
        );
        println!("  portal peak RSS {:.1} MiB", phase.peak_rss_mib);
    }
    println!(
        "portal high-water RSS over the run: {:.1} MiB",
        status_mib(pid, "VmHWM:")
    );
    portal.stop();
}
