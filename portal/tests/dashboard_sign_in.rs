//! Sign-in to the dashboard as an attacker would try it, over real HTTP against a portal
//! process: parallel guesses, a stranger trying to lock staff out, strangers at many
//! addresses locking a name (the browser staff signed in from before still gets in), and
//! timing that would tell which user names exist. Several loopback addresses stand in for
//! several machines.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::net::IpAddr;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use mahalla_portal::dashboard::staff::{PER_USER, PER_USER_FROM_ADDRESS};
use mahalla_test_support::dashboard::{Dashboard, form_field};

const PASSWORD: &str = "agentlik-parol-2026";

/// A status for signing in as `name` from the browser `from` (a loopback address).
fn sign_in(base: &str, from: &str, name: &str, password: &str) -> u16 {
    Dashboard::open(base, Some(from.parse::<IpAddr>().expect("address")))
        .try_sign_in(name, password)
        .status()
        .as_u16()
}

#[test]
fn parallel_guesses_get_no_more_tries_than_one_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    drop(support::terminal(&data_dir));
    support::add_staff(&data_dir, "nodira", PASSWORD);
    let portal = support::serve(&data_dir);

    let guesses = 30;
    let start = Arc::new(Barrier::new(guesses));
    let answers: Vec<u16> = (0..guesses)
        .map(|n| {
            let start = Arc::clone(&start);
            let base = portal.base.clone();
            std::thread::spawn(move || {
                let mut browser = Dashboard::open(&base, "127.0.0.2".parse().ok());
                let form = browser.page("/dashboard/login");
                let token = form_field(&form, "csrf").expect("token");
                start.wait();
                let guess = format!("guess-{n}");
                browser
                    .post(
                        "/dashboard/login",
                        &[
                            ("username", "nodira"),
                            ("password", &guess),
                            ("csrf", &token),
                        ],
                    )
                    .status()
                    .as_u16()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|guess| guess.join().expect("guess"))
        .collect();
    // Then one at a time, as a patient attacker would go on.
    let later: Vec<u16> = (0..10)
        .map(|n| sign_in(&portal.base, "127.0.0.2", "nodira", &format!("later-{n}")))
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
    support::add_staff(&data_dir, "nodira", PASSWORD);
    let portal = support::serve(&data_dir);

    for n in 0..12 {
        sign_in(&portal.base, "127.0.0.3", "nodira", &format!("guess-{n}"));
    }
    assert_eq!(
        sign_in(&portal.base, "127.0.0.3", "nodira", PASSWORD),
        429,
        "the stranger's own tries are stopped"
    );
    assert_eq!(
        sign_in(&portal.base, "127.0.0.4", "nodira", PASSWORD),
        303,
        "staff at another machine sign in"
    );
}

/// The median time of `tries` sign-ins that fail.
fn median_failure(base: &str, from: &str, name: &str, tries: usize) -> Duration {
    let mut browser = Dashboard::open(base, from.parse().ok());
    let mut times: Vec<Duration> = (0..tries)
        .map(|n| {
            let form = browser.page("/dashboard/login");
            let token = form_field(&form, "csrf").expect("token");
            let wrong = format!("wrong-{n}");
            let began = Instant::now();
            let status = browser
                .post(
                    "/dashboard/login",
                    &[("username", name), ("password", &wrong), ("csrf", &token)],
                )
                .status();
            assert_eq!(status, 200);
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
    support::add_staff(&data_dir, "nodira", PASSWORD);
    let portal = support::serve(&data_dir);

    let known = median_failure(&portal.base, "127.0.0.5", "nodira", 5);
    let unknown = median_failure(&portal.base, "127.0.0.6", "no-such-user", 5);
    assert!(
        unknown * 2 >= known && known * 2 >= unknown,
        "a wrong password for a known name takes {known:?}, for an unknown one {unknown:?}"
    );
}

#[test]
fn the_browser_staff_used_before_gets_in_when_strangers_locked_the_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    drop(support::terminal(&data_dir));
    support::add_staff(&data_dir, "nodira", PASSWORD);
    let portal = support::serve(&data_dir);
    let desk: IpAddr = "127.0.0.7".parse().expect("address");
    let mut everyday = Dashboard::sign_in_from(&portal.base, desk, "nodira", PASSWORD);

    // Strangers at many addresses use up the name's tries for everyone.
    let per_address = PER_USER_FROM_ADDRESS as usize;
    for n in 0..(PER_USER as usize).div_ceil(per_address) {
        for guess in 0..per_address {
            let from = format!("127.0.5.{}", n + 1);
            let status = sign_in(&portal.base, &from, "nodira", &format!("guess-{guess}"));
            assert_eq!(status, 200, "a wrong password from {from}");
        }
    }
    assert_eq!(
        sign_in(&portal.base, "127.0.0.9", "nodira", PASSWORD),
        429,
        "a new browser elsewhere waits for the window to end"
    );
    assert_eq!(
        everyday.try_sign_in("nodira", PASSWORD).status(),
        303,
        "the browser where she signed in before gets in"
    );
}
