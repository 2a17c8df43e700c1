//! Touchscreen figures: process start to the first drawn frame of the form screen, peak
//! memory, and software-render time of every screen. Prints figures; asserts nothing.
//!
//! Run with `cargo bench --bench ui_render`.
//!
//! Every figure comes from a fresh process (this program started again with `child …`), so
//! one measurement's memory never counts in the next. The form-screen process does what the
//! terminal does up to its first frame there, drawing into one frame of the display's pixel
//! format and writing no file; the tour process renders all screens in all languages to PNG.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

#[path = "support/mod.rs"]
mod support;

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mahalla_kiosk::ui::headless::Frame;
use mahalla_kiosk::ui::tour::{SCREENS, Tour, TourRequest};
use mahalla_protocol::lang::Lang;
use slint::platform::software_renderer::{PremultipliedRgbaColor, Rgb565Pixel, TargetPixel};
use support::Memory;

const WIDTH: u32 = 1920;
const HEIGHT: u32 = 1080;
/// Fresh processes per form-screen figure; the median time and the highest peak are shown.
const RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["child", "form", "32"] => form_child::<PremultipliedRgbaColor>(),
        ["child", "form", "16"] => form_child::<Rgb565Pixel>(),
        ["child", "tour"] => tour_child(),
        _ => parent(),
    }
}

fn parent() {
    println!(
        "form screen (uz-Latn) at {WIDTH}x{HEIGHT}, each run a fresh process, \
         median of {RUNS} runs, highest peak:"
    );
    println!(
        "{:<44} {:>12} {:>9} {:>14} {:>22}",
        "frame buffer", "first frame", "render", "peak RSS", "(private + files)"
    );
    for (label, args) in [
        ("32-bit (XRGB8888, as most displays)", &["form", "32"][..]),
        ("16-bit (RGB565, a 16-bit display)", &["form", "16"]),
    ] {
        let runs: Vec<(Duration, Duration, Memory)> =
            (0..RUNS).map(|_| form_process(args)).collect();
        let median = |mut times: Vec<Duration>| {
            times.sort();
            times[times.len() / 2]
        };
        let first = median(runs.iter().map(|run| run.0).collect());
        let render = median(runs.iter().map(|run| run.1).collect());
        let highest = runs
            .iter()
            .map(|run| run.2)
            .max_by(|a, b| a.peak.total_cmp(&b.peak))
            .expect("at least one run");
        println!(
            "{label:<44} {:>9.1} ms {:>6.1} ms {:>10.1} MiB {:>13.1} + {:.1} MiB",
            first.as_secs_f64() * 1e3,
            render.as_secs_f64() * 1e3,
            highest.peak,
            highest.anon,
            highest.file,
        );
    }
    println!();
    let status = Command::new(std::env::current_exe().expect("own path"))
        .args(["child", "tour"])
        .status()
        .expect("tour process");
    assert!(status.success(), "the tour process failed");
}

/// Starts a form-screen process; returns the time from before its start to its first
/// frame, its render time and its memory.
fn form_process(args: &[&str]) -> (Duration, Duration, Memory) {
    let started = Instant::now();
    let mut child = Command::new(std::env::current_exe().expect("own path"))
        .arg("child")
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("form-screen process");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("piped stdout"))
        .read_line(&mut line)
        .expect("the form-screen process's figures");
    let first_frame = started.elapsed();
    assert!(
        child.wait().expect("exit").success(),
        "the form-screen process failed"
    );
    let figures: Vec<f64> = line
        .split_whitespace()
        .map(|figure| figure.parse().expect("a number"))
        .collect();
    let [render_ms, peak, anon, file] = figures[..] else {
        panic!("unexpected figures {line:?}");
    };
    let memory = Memory { peak, anon, file };
    (
        first_frame,
        Duration::from_secs_f64(render_ms / 1e3),
        memory,
    )
}

/// What the terminal does up to its first frame of the form screen, drawn into a frame of
/// pixel format `P`. Prints render ms, peak, private and file MiB. (The whole terminal, with
/// its printer and sync, is `kiosk_memory`'s.)
fn form_child<P: TargetPixel>() {
    let tour = Tour::start(mahalla_protocol::bundled::catalogue().expect("catalogue"))
        .expect("headless window");
    let mut frame = Frame::<P>::new(WIDTH, HEIGHT);
    let render = tour
        .draw("form", Lang::UzLatn, &mut frame)
        .expect("form screen");
    let memory = Memory::now().expect("/proc/self/status");
    println!(
        "{} {} {} {}",
        render.as_secs_f64() * 1e3,
        memory.peak,
        memory.anon,
        memory.file
    );
}

/// Every screen in every language, to PNG files, in one process.
fn tour_child() {
    let out = tempfile::tempdir().expect("temp dir");
    let tour = Tour::start(mahalla_protocol::bundled::catalogue().expect("catalogue"))
        .expect("headless window");
    let all = tour
        .render(&TourRequest {
            out: out.path().to_owned(),
            width: WIDTH,
            height: HEIGHT,
            langs: Lang::ALL.to_vec(),
            screens: Vec::new(),
        })
        .expect("every screen");
    println!("tour: every screen at {WIDTH}x{HEIGHT}, software renderer, ms per screen:");
    print!("{:<18}", "screen");
    for lang in Lang::ALL {
        print!(" {:>8}", lang.tag());
    }
    println!();
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
    let memory = Memory::now().expect("/proc/self/status");
    println!(
        "peak RSS of the tour process ({} screens, PNG files written): {:.1} MiB \
         ({:.1} private + {:.1} files at the end)",
        all.len(),
        memory.peak,
        memory.anon,
        memory.file
    );
}
