//! Wrong passwords at once do not grow the portal: each password check runs in a memory area
//! kept for the next one. Left to the allocator, every check on another blocking thread kept
//! its 19 MiB of argon2 memory, and a flood of sign-ins grew the portal by hundreds of MiB.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::net::{IpAddr, Ipv4Addr};

use mahalla_test_support::dashboard::Dashboard;

const BROWSERS: u8 = 8;
/// Fewer than an address may try in a window, so every one is checked.
const TRIES_EACH: usize = 12;

/// The portal's peak resident memory so far, in MiB.
fn peak_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let kb: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    kb / 1024.0
}

#[test]
fn wrong_passwords_at_once_leave_the_portal_small() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    support::add_staff(&data_dir, "nodira", "agentlik-parol-2026");
    let portal = support::serve(&data_dir);
    let browsers: Vec<_> = (0..BROWSERS)
        .map(|n| {
            let base = portal.base.clone();
            std::thread::spawn(move || {
                let from = IpAddr::V4(Ipv4Addr::new(127, 0, 3, n + 1));
                let mut browser = Dashboard::open(&base, Some(from));
                let mut checked = 0;
                for guess in 0..TRIES_EACH {
                    // A busy answer is tried again, until the password was checked.
                    loop {
                        let name = format!("guess{n}-{guess}");
                        match browser.try_sign_in(&name, "password1").status().as_u16() {
                            200 => break,
                            429 => std::thread::sleep(std::time::Duration::from_millis(20)),
                            other => panic!("a wrong password answered {other}"),
                        }
                    }
                    checked += 1;
                }
                checked
            })
        })
        .collect();
    let checked: usize = browsers
        .into_iter()
        .map(|b| b.join().expect("browser"))
        .sum();
    assert_eq!(checked, usize::from(BROWSERS) * TRIES_EACH);
    let peak = peak_mib(portal.pid());
    eprintln!("{checked} wrong passwords checked, 8 at once at most; portal peak {peak:.1} MiB");
    assert!(peak < 120.0, "the portal grew to {peak:.1} MiB");
}
