//! Touchscreen figures: process start to the first drawn frame of the form screen, peak
//! memory, and software-render time of every screen. Prints figures; asserts nothing.
//!
//! Run with `cargo bench --bench ui_render`.

use std::time::Instant;

use mahalla_kiosk::catalogue;
use mahalla_kiosk::ui::tour::{SCREENS, Tour, TourRequest};
use mahalla_protocol::lang::Lang;

/// The process's peak resident memory in MiB, from the kernel's own count.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let started = Instant::now();
    let out = tempfile::tempdir().expect("temp dir");
    let (width, height) = (1920, 1080);
    let tour = Tour::start(catalogue::bundled().expect("catalogue")).expect("headless tour");
    let first = tour
        .render(&TourRequest {
            out: out.path().to_owned(),
            width,
            height,
            langs: vec![Lang::UzLatn],
            screens: vec!["form".to_owned()],
        })
        .expect("form screen");
    let first_frame = first[0].drawn_at - started;
    let rss_after_first = peak_rss_mib();
    println!(
        "start to first frame of the form screen: {:.1} ms (render itself {:.1} ms), peak RSS then {:.1} MiB",
        first_frame.as_secs_f64() * 1e3,
        first[0].render_time.as_secs_f64() * 1e3,
        rss_after_first.unwrap_or(f64::NAN)
    );
    println!("{width}x{height}, software renderer, ms per screen:");
    print!("{:<18}", "screen");
    for lang in Lang::ALL {
        print!(" {:>8}", lang.tag());
    }
    println!();
    let all = tour
        .render(&TourRequest {
            out: out.path().to_owned(),
            width,
            height,
            langs: Lang::ALL.to_vec(),
            screens: Vec::new(),
        })
        .expect("every screen");
    for screen in SCREENS {
        print!("{screen:<18}");
        for lang in Lang::ALL {
            let shot = all
                .iter()
                .find(|shot| shot.screen == screen && shot.lang == lang);
            print!(
                " {:>8.1}",
                shot.map_or(f64::NAN, |shot| shot.render_time.as_secs_f64() * 1e3)
            );
        }
        println!();
    }
    println!(
        "peak RSS after all screens: {:.1} MiB",
        peak_rss_mib().unwrap_or(f64::NAN)
    );
}
