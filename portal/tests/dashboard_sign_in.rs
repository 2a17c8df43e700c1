//! Sign-in to the dashboard as an attacker would try it, over real HTTP against a portal
//! process: parallel guesses, a stranger trying to lock staff out, and timing that would tell
//! which user names exist. Several loopback addresses stand in for several machines.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::io::Write;
use std::net::IpAddr;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use mahalla_portal::dashboard::staff::PER_USER_FROM_ADDRESS;

const PASSWORD: &str = "agentlik-parol-2026";

fn add_staff(data_dir: &Path, name: &str) {
    let mut add = support::command(data_dir)
        .args(["staff", "add", name])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("staff add");
    writeln!(add.stdin.take().expect("stdin"), "{PASSWORD}").expect("password");
    assert!(add.wait().expect("wait").success());
}

/// A browser at `from` (a loopback address) that does not follow redirects.
fn client(from: &str) -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .local_address(from.parse::<IpAddr>().expect("address"))
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

fn sign_in(client: &reqwest::blocking::Client, base: &str, name: &str, password: &str) -> u16 {
    client
        .post(format!("{base}/dashboard/login"))
        .form(&[("username", name), ("password", password)])
        .send()
        .expect("POST")
        .status()
        .as_u16()
}

#[test]
fn parallel_guesses_get_no_more_tries_than_one_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    drop(support::terminal(&data_dir));
    add_staff(&data_dir, "nodira");
    let portal = support::serve(&data_dir);

    let guesses = 30;
    let start = Arc::new(Barrier::new(guesses));
    let answers: Vec<u16> = (0..guesses)
        .map(|n| {
            let start = Arc::clone(&start);
            let base = portal.base.clone();
            std::thread::spawn(move || {
                let client = client("127.0.0.2");
                start.wait();
                sign_in(&client, &base, "nodira", &format!("guess-{n}"))
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|guess| guess.join().expect("guess"))
        .collect();
    // Then one at a time, as a patient attacker would go on.
    let sequential = client("127.0.0.2");
    let later: Vec<u16> = (0..10)
        .map(|n| sign_in(&sequential, &portal.base, "nodira", &format!("later-{n}")))
        .collect();
    // A wrong password that was checked shows the form again (200); every other try was
    // refused before its password was checked (429).
    let all: Vec<u16> = answers.iter().chain(&later).copied().collect();
    assert!(
        all.iter().all(|status| [200, 429].contains(status)),
        "{all:?}"
    );
    let checked = all.iter().filter(|status| **status == 200).count();
    assert!(
        checked <= PER_USER_FROM_ADDRESS as usize,
        "{checked} passwords checked: {answers:?} then {later:?}"
    );
}

#[test]
fn a_stranger_cannot_lock_staff_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    drop(support::terminal(&data_dir));
    add_staff(&data_dir, "nodira");
    let portal = support::serve(&data_dir);

    let stranger = client("127.0.0.3");
    for n in 0..12 {
        sign_in(&stranger, &portal.base, "nodira", &format!("guess-{n}"));
    }
    assert_eq!(
        sign_in(&stranger, &portal.base, "nodira", PASSWORD),
        429,
        "the stranger's own tries are stopped"
    );
    assert_eq!(
        sign_in(&client("127.0.0.4"), &portal.base, "nodira", PASSWORD),
        303,
        "staff at another machine sign in"
    );
}

/// The median time of `tries` sign-ins that fail.
fn median_failure(base: &str, from: &str, name: &str, tries: usize) -> Duration {
    let client = client(from);
    let mut times: Vec<Duration> = (0..tries)
        .map(|n| {
            let began = Instant::now();
            assert_eq!(sign_in(&client, base, name, &format!("wrong-{n}")), 200);
            began.elapsed()
        })
        .collect();
    times.sort_unstable();
    times[tries / 2]
}

#[test]
fn timing_does_not_tell_which_user_names_exist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    drop(support::terminal(&data_dir));
    add_staff(&data_dir, "nodira");
    let portal = support::serve(&data_dir);

    let known = median_failure(&portal.base, "127.0.0.5", "nodira", 5);
    let unknown = median_failure(&portal.base, "127.0.0.6", "no-such-user", 5);
    assert!(
        unknown * 2 >= known && known * 2 >= unknown,
        "a wrong password for a known name takes {known:?}, for an unknown one {unknown:?}"
    );
}
