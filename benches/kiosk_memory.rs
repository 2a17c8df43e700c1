//! The whole terminal's memory on one resident's visit: a fresh process that is the kiosk as
//! `mahalla-kiosk` puts it together (store worker, print worker on the virtual printer, sync
//! worker, the shell) on a 1280×800 window drawn into a 32-bit frame by the software
//! renderer takes one application by touch, prints its receipt and delivers it to a portal
//! process on loopback; then it prints its peak resident memory. Prints figures; asserts
//! nothing.
//!
//! Run with `cargo bench --bench kiosk_memory`, after `cargo build --release -p
//! mahalla-portal -p kioskctl` (the portal and its enrolment run as those programs).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

#[path = "support/mod.rs"]
mod support;
#[path = "../tests/touch/mod.rs"]
mod touch;

use std::cell::{Cell, RefCell};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use i_slint_backend_testing::ElementHandle;
use mahalla_kiosk::terminal::Terminal;
use mahalla_kiosk::ui::headless::{Frame, Headless};
use mahalla_kiosk::ui::{AppWindow, Page};
use mahalla_kiosk_core::config::Config;
use mahalla_protocol::lang::Lang;
use mahalla_test_support::{FULL_NAME, PINFL, Portal, enrol};
use slint::ComponentHandle;
use slint::platform::PointerEventButton;
use slint::platform::software_renderer::PremultipliedRgbaColor;
use support::Memory;
use touch::Touch;

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 800;
/// The longest wait for a printout or a delivery.
const PATIENCE: Duration = Duration::from_secs(60);
/// What the parent writes to the kiosk once the portal has the application.
const DELIVERED: &str = "delivered";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [child, data_dir] if child == "child" => kiosk_child(Path::new(data_dir)),
        _ => parent(),
    }
}

/// Starts the portal, enrols a data dir with it, runs the kiosk process on that data dir and
/// tells it when its application has reached the portal; prints what the kiosk reports.
fn parent() {
    let root = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&root.path().join("portal"), &[]);
    let data_dir = root.path().join("kiosk");
    enrol(&data_dir, &portal);

    let mut kiosk = Command::new(std::env::current_exe().expect("own path"))
        .arg("child")
        .arg(&data_dir)
        .env("KIOSK_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the kiosk process");
    let mut lines = BufReader::new(kiosk.stdout.take().expect("piped stdout")).lines();
    let printed = lines
        .next()
        .expect("the kiosk's receipt line")
        .expect("read the kiosk");
    let code = printed
        .strip_prefix("printed ")
        .unwrap_or_else(|| panic!("unexpected line {printed:?}"))
        .to_owned();
    let deadline = Instant::now() + PATIENCE;
    while !portal
        .submissions()
        .iter()
        .any(|submission| submission["receipt_code"] == code.as_str())
    {
        assert!(Instant::now() < deadline, "{code} never reached the portal");
        std::thread::sleep(Duration::from_millis(200));
    }
    writeln!(kiosk.stdin.take().expect("piped stdin"), "{DELIVERED}").expect("tell the kiosk");

    println!(
        "the whole terminal at {WIDTH}x{HEIGHT} (32-bit frame, software renderer), a fresh \
         process: one application by touch, its receipt printed on the virtual printer and \
         delivered to the portal on loopback ({code})"
    );
    for line in lines {
        println!("{}", line.expect("read the kiosk"));
    }
    assert!(kiosk.wait().expect("exit").success(), "the kiosk failed");
}

/// The kiosk on `data_dir`, headless, as one resident uses it.
struct Kiosk {
    headless: Headless,
    terminal: Terminal,
    frame: RefCell<Frame<PremultipliedRgbaColor>>,
}

impl Touch for Kiosk {
    fn app(&self) -> &AppWindow {
        &self.terminal.app
    }

    /// Slint's own tap on the real clock (the finger rests 50 ms), then the work it started
    /// runs and the screen is drawn.
    fn press(&self, element: &ElementHandle) {
        let element = element.clone();
        let released = Rc::new(Cell::new(false));
        let done = Rc::clone(&released);
        slint::spawn_local(async move {
            element.single_click(PointerEventButton::Left).await;
            done.set(true);
        })
        .expect("the event loop");
        self.headless
            .run_until(PATIENCE, || released.get())
            .expect("the tap");
        self.draw();
    }
}

impl Kiosk {
    /// Runs the work handed back to the UI thread, then draws the window into the frame.
    fn draw(&self) {
        self.headless
            .run_until(PATIENCE, || true)
            .expect("the UI thread's work");
        self.headless.render(&mut self.frame.borrow_mut());
    }

    /// Runs the terminal, drawing ten frames a second, until `done` holds.
    fn run_until(&self, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            // A tenth of a second of the event loop: its timers, and work handed back to it.
            let _ = self
                .headless
                .run_until(Duration::from_millis(100), || false);
            self.draw();
        }
    }
}

/// The labels a resident looks for on the application's screens, in Uzbek (Latin).
struct Labels {
    appeal: String,
    full_name: String,
    pinfl: String,
    addressee: String,
    subject: String,
    message: String,
}

impl Labels {
    fn of(catalogue: &mahalla_protocol::catalogue::Catalogue) -> Labels {
        let appeal = catalogue.appeal("ariza").expect("the application");
        let form = catalogue.submittable("ariza").expect("ariza").form();
        let label = |key: &str| {
            let field = form.iter().find(|field| field.key == key).expect("field");
            field.label.get(Lang::UzLatn).to_owned()
        };
        Labels {
            appeal: appeal.name.get(Lang::UzLatn).to_owned(),
            full_name: label("full_name"),
            pinfl: label("pinfl"),
            addressee: "Tuman (shahar) hokimligi".to_owned(),
            subject: label("subject"),
            message: label("message"),
        }
    }
}

/// The kiosk process: one application by touch, its receipt printed; once the parent says
/// it was delivered, the process's memory.
fn kiosk_child(data_dir: &Path) {
    mahalla_kiosk_core::logging::init();
    let headless = Headless::install().expect("headless platform");
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let labels = Labels::of(&catalogue);
    let config = Config {
        data_dir: data_dir.to_owned(),
        ..Config::default()
    };
    let terminal = Terminal::start(&config, catalogue).expect("the terminal");
    terminal.app.show().expect("show the window");
    let kiosk = Kiosk {
        headless,
        terminal,
        frame: RefCell::new(Frame::new(WIDTH, HEIGHT)),
    };
    kiosk.draw();

    kiosk.tap(&kiosk.text("start-begin"));
    kiosk.tap(&kiosk.text("home-appeals"));
    kiosk.tap(&labels.appeal);
    assert_eq!(kiosk.page(), Page::Form);
    kiosk.fill(&labels.full_name, FULL_NAME);
    kiosk.fill(&labels.pinfl, PINFL);
    kiosk.scroll_to(&labels.addressee);
    kiosk.tap(&labels.addressee);
    kiosk.fill(&labels.subject, "Koʻcha chiroqlari");
    kiosk.fill(&labels.message, "Bizning koʻchada chiroqlar yonmayapti");
    kiosk.tap(&kiosk.text("form-next"));
    assert_eq!(kiosk.page(), Page::Review);
    kiosk.tap(&kiosk.text("review-consent"));
    kiosk.tap(&kiosk.text("review-submit"));
    kiosk.run_until("the receipt screen", || kiosk.page() == Page::Receipt);
    let printer = kiosk
        .terminal
        .virtual_printer
        .as_ref()
        .expect("the virtual printer");
    kiosk.run_until("the receipt to print", || {
        printer.next_printout(Duration::ZERO).is_some()
    });
    println!("printed {}", kiosk.kiosk().get_receipt_code());

    let delivered = Arc::new(AtomicBool::new(false));
    let told = Arc::clone(&delivered);
    std::thread::spawn(move || {
        let mut line = String::new();
        if std::io::stdin().read_line(&mut line).is_ok() && line.trim() == DELIVERED {
            told.store(true, Ordering::Relaxed);
        }
    });
    kiosk.run_until("the delivery", || delivered.load(Ordering::Relaxed));

    let memory = Memory::now().expect("/proc/self/status");
    println!("peak RSS {:.1} MiB", memory.peak);
    println!(
        "resident at the end {:.1} MiB: {:.1} private (heap, stacks, frame) + {:.1} files (code, libraries, fonts)",
        memory.anon + memory.file,
        memory.anon,
        memory.file
    );
}
